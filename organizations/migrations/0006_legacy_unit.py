import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0005_restructure"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegacyUnit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("level", models.CharField(choices=[("province", "Tỉnh/thành (cũ)"), ("district", "Quận/huyện (cũ)"), ("ward", "Phường/xã (cũ)")], max_length=16, verbose_name="cấp")),
                ("code", models.CharField(help_text="Mã thống kê trước 2025: 2 chữ số (tỉnh), 3 (huyện), 5 (xã).", max_length=5, verbose_name="mã cũ")),
                ("name", models.CharField(max_length=255, verbose_name="tên đơn vị cũ")),
                ("district_name", models.CharField(blank=True, max_length=255, verbose_name="quận/huyện cũ")),
                ("province_name", models.CharField(max_length=255, verbose_name="tỉnh/thành cũ")),
                ("search_name", models.CharField(blank=True, editable=False, max_length=800)),
                ("divided", models.BooleanField(default=False, help_text="Đơn vị cũ được chia cho nhiều đơn vị mới; dữ liệu cũ được quy về đơn vị mặc định.", verbose_name="đã chia tách")),
                ("source", models.CharField(max_length=64, verbose_name="nguồn dữ liệu")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="legacy_units", to="organizations.orgunit", verbose_name="đơn vị hiện nay")),
            ],
            options={
                "verbose_name": "đơn vị hành chính cũ",
                "verbose_name_plural": "đơn vị hành chính cũ",
                "constraints": [models.UniqueConstraint(fields=("level", "code"), name="legacy_unit_level_code")],
            },
        ),
    ]
