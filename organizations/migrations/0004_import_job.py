import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import organizations.models.imports


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_orgunit_depth_path"),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=32, verbose_name="loại dữ liệu")),
                ("target_id", models.BigIntegerField(blank=True, null=True)),
                (
                    "file",
                    models.FileField(
                        storage=organizations.models.imports.private_storage,
                        upload_to="imports/",
                    ),
                ),
                (
                    "parsed",
                    models.FileField(
                        blank=True,
                        storage=organizations.models.imports.private_storage,
                        upload_to="imports/parsed/",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="tên tệp")),
                ("sha256", models.CharField(max_length=64)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("validating", "Đang kiểm tra"),
                            ("invalid", "Có lỗi"),
                            ("ready", "Sẵn sàng nhập"),
                            ("importing", "Đang nhập"),
                            ("done", "Đã nhập"),
                            ("failed", "Không nhập được"),
                        ],
                        default="validating",
                        max_length=16,
                        verbose_name="trạng thái",
                    ),
                ),
                ("total_rows", models.PositiveIntegerField(default=0)),
                ("processed_rows", models.PositiveIntegerField(default=0)),
                ("errors", models.JSONField(blank=True, default=list)),
                ("error_count", models.PositiveIntegerField(default=0)),
                ("preview", models.JSONField(blank=True, default=list)),
                ("summary", models.JSONField(blank=True, default=dict)),
                (
                    "request_key",
                    models.CharField(blank=True, max_length=64, null=True, unique=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "scope_unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organizations.orgunit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "lượt nhập dữ liệu",
                "verbose_name_plural": "lượt nhập dữ liệu",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
