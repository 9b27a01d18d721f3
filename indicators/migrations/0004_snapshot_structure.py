import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("indicators", "0003_snapshot_claimed"),
        ("organizations", "0003_orgunit_depth_path"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="snapshot",
            name="snapshot_period_date",
        ),
        migrations.AddField(
            model_name="snapshot",
            name="structure",
            field=models.CharField(
                choices=[("today", "Cơ cấu hiện nay"), ("period", "Cơ cấu tại thời điểm")],
                default="today",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="rollup",
            name="name",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="rollup",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organizations.orgunit",
            ),
        ),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "period")),
                fields=("kind", "as_of", "structure"),
                name="snapshot_period_date_structure",
            ),
        ),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "period"), ("structure", "today"), _connector="OR"),
                name="snapshot_live_today",
            ),
        ),
        migrations.AddIndex(
            model_name="rollup",
            index=models.Index(
                condition=models.Q(("parent__isnull", False)),
                fields=["snapshot", "generation", "parent"],
                name="rollup_period_children",
            ),
        ),
    ]
