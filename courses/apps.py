from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Khoá học và lớp tập huấn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from assessments.placements import placement_resolver_register
        from assessments.signals import attempt_graded
        from organizations.models import Post

        from . import imports  # noqa: F401 - registers the class roster import
        from .receivers import attempt_graded_received, post_changed
        from .selectors.assessments import placement_of

        attempt_graded.connect(attempt_graded_received, dispatch_uid="courses.attempt_graded")
        placement_resolver_register(placement_of)
        post_save.connect(post_changed, sender=Post, dispatch_uid="courses.post_saved")
        post_delete.connect(post_changed, sender=Post, dispatch_uid="courses.post_deleted")

        from organizations.signals import restructure_planning, units_restructured

        from .restructure import restructure_planned, units_restructured_received

        restructure_planning.connect(restructure_planned, dispatch_uid="courses.restructure_plan")
        units_restructured.connect(
            units_restructured_received, dispatch_uid="courses.units_restructured"
        )
