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


def restructure_planned(sender, *, dissolved_ids, **kwargs):
    """A plan line: certificates issued by the units a change dissolves keep their issuer
    (it is what the paper says)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from certificates.models import Certificate
    from organizations.signals import PlanSection

    if not dissolved_ids:
        return None
    count = Certificate.objects.filter(issuing_unit_id__in=dissolved_ids).count()
    line = ngettext(
        "%(n)d giấy chứng nhận do đơn vị ngừng hoạt động cấp vẫn giữ nguyên đơn vị cấp.",
        "%(n)d giấy chứng nhận do đơn vị ngừng hoạt động cấp vẫn giữ nguyên đơn vị cấp.",
        count,
    ) % {"n": count}
    return PlanSection(
        key="certificates_kept",
        title=_("Giấy chứng nhận (không thay đổi)"),
        count=count,
        lines=[line],
    )
