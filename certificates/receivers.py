"""Receivers of other apps' signals: each one calls a single certificates service."""

import logging

logger = logging.getLogger(__name__)


def course_completed_received(sender, *, enrollment, **kwargs) -> None:
    from certificates.services import NoTemplate, certificate_issue_for_course

    try:
        certificate_issue_for_course(enrollment=enrollment)
    except NoTemplate:
        logger.warning("no course certificate template; enrollment %s left without", enrollment.pk)
    except Exception:
        # The learner's completion stands; issue_course_certificates catches up later.
        logger.exception("course certificate not issued for enrollment %s", enrollment.pk)
