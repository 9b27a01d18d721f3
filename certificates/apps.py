from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    label = "certificates"
    verbose_name = _("Giấy chứng nhận")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.signals import course_completed
        from organizations.signals import restructure_planning

        from .receivers import course_completed_received, restructure_planned

        course_completed.connect(
            course_completed_received, dispatch_uid="certificates.course_completed"
        )
        restructure_planning.connect(
            restructure_planned, dispatch_uid="certificates.restructure_plan"
        )
