from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Khoá học và lớp tập huấn")
    default_auto_field = "django.db.models.BigAutoField"
