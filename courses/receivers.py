"""Receivers of other apps' signals: each one calls a single courses service."""

from courses.services.assessment_results import assessment_result_record
from courses.services.cascade import cascade_dedicated_sync


def attempt_graded_received(
    sender, *, cadre_id, quiz_id, context, percent, passed, **kwargs
) -> None:
    assessment_result_record(
        cadre_id=cadre_id, quiz_id=quiz_id, context=context, percent=percent, passed=passed
    )


def post_changed(sender, instance, **kwargs) -> None:
    """A post saved or deleted may change whether its cadre counts as dedicated."""
    cascade_dedicated_sync(cadre_id=instance.cadre_id)
