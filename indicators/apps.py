from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    label = "indicators"
    verbose_name = _("Chỉ tiêu chương trình")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from certificates.models import Certificate
        from certificates.signals import register_changed
        from courses.models import TrainingClass
        from organizations.models import Cadre, OrgUnit, Post

        from . import receivers

        pairs = (
            (Certificate, receivers.certificate_changed),
            (Post, receivers.post_changed),
            (TrainingClass, receivers.class_changed),
            (Cadre, receivers.cadre_changed),
            (OrgUnit, receivers.unit_changed),
        )
        for model, receiver in pairs:
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, dispatch_uid=f"indicators-{model.__name__}")
        for model in (Certificate, Post, TrainingClass):
            pre_save.connect(
                receivers.remember_dates,
                sender=model,
                dispatch_uid=f"indicators-old-{model.__name__}",
            )
        register_changed.connect(receivers.register_changed, dispatch_uid="indicators-register")
