"""Receivers of other apps' signals: each one calls a single courses service."""

from courses.services.assessment_results import assessment_result_record


def attempt_graded_received(
    sender, *, cadre_id, quiz_id, context, percent, passed, **kwargs
) -> None:
    assessment_result_record(
        cadre_id=cadre_id, quiz_id=quiz_id, context=context, percent=percent, passed=passed
    )
