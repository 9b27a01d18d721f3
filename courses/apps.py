from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Khoá học và lớp tập huấn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from assessments.placements import placement_resolver_register
        from assessments.signals import attempt_graded

        from .receivers import attempt_graded_received
        from .selectors.assessments import placement_of

        attempt_graded.connect(attempt_graded_received, dispatch_uid="courses.attempt_graded")
        placement_resolver_register(placement_of)
