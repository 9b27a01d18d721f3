from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    label = "organizations"
    verbose_name = _("Tổ chức, cán bộ và vai trò")
    default_auto_field = "django.db.models.BigAutoField"
