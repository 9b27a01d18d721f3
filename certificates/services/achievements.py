"""From learning records to issuance: a completed course, a completed class, a ToT class."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.achievements import class_key, course_key, trainer_level_of
from certificates.models import Certificate, IssueBatch, Kind, TrainerLevel
from certificates.selectors import class_issue_candidates
from organizations.models import OrgUnit
from organizations.permissions import Action, require

from .issuance import Achievement, Issued, _issue_many


def course_achievement(course) -> Achievement:
    return Achievement(
        key=course_key(course.pk),
        kind=Kind.COURSE,
        title=course.title,
        result=_result(None),
        course_id=course.pk,
    )


def class_achievement(training_class, participant, kind: str) -> Achievement:
    key = class_key(training_class, kind)
    if kind == Kind.TRAINER:
        level = trainer_level_of(training_class)
        return Achievement(
            key=key,
            kind=Kind.TRAINER,
            title=TrainerLevel(level).label,
            result=_result(participant),
            start=training_class.start_date,
            end=training_class.end_date,
            course_id=training_class.course_id,
            class_id=training_class.pk,
            trainer_level=level,
        )
    return Achievement(
        key=key,
        kind=Kind.CLASS,
        title=training_class.title,
        result=_result(participant),
        start=training_class.start_date,
        end=training_class.end_date,
        course_id=training_class.course_id,
        class_id=training_class.pk,
    )


def _result(participant) -> str:
    """Printed on the certificate, so in the certificate's language whoever issues it."""
    score = getattr(participant, "post_test_score", None)
    with translation.override(settings.LANGUAGE_CODE):
        if score is None:
            return _("Đạt")
        text = f"{score:.1f}".replace(".", ",")
        return _("Đạt (điểm kiểm tra cuối khoá: %(score)s)") % {"score": text}


def certificate_issue_for_course(*, enrollment) -> Issued | None:
    """Called by the course-completion service inside its transaction: a course that
    promises a certificate issues one, from the root unit of the cadre's organisation."""
    course = enrollment.course
    if not course.certificate_title:
        return None
    cadre = enrollment.cadre
    root = OrgUnit.objects.get(path=cadre.unit.path[: OrgUnit.steplen])
    issued = _issue_many(unit=root, kind=Kind.COURSE, items=[(cadre, course_achievement(course))])
    return issued[0] if issued else None


def certificates_issue_missing_for_courses() -> int:
    """Catch up on completions that found no template (a course certificate is issued only
    at completion): every completed enrolment of a course that promises a certificate and
    has none gets one. Safe to run any time; returns how many were issued."""
    from courses.models import Enrollment

    issued = 0
    completed = Enrollment.objects.filter(
        completed_at__isnull=False, course__certificate_title__gt=""
    ).select_related("course", "cadre__unit")
    held = set(
        Certificate.objects.filter(kind=Kind.COURSE, is_current=True).values_list(
            "cadre_id", "achievement"
        )
    )
    for enrollment in completed.iterator():
        if (enrollment.cadre_id, f"course:{enrollment.course_id}") in held:
            continue
        result = certificate_issue_for_course(enrollment=enrollment)
        issued += bool(result and result.created)
    return issued


def certificates_issue_for_class(*, actor, training_class, kind: str) -> IssueBatch:
    """Bulk issuance by an organizer: exactly the participants the preview lists as
    receiving one. Repeating it issues nothing new (the batch then records zero)."""
    unit = training_class.host_unit
    require(actor, Action.ISSUE_CERTIFICATES, unit)
    if kind not in (Kind.CLASS, Kind.TRAINER):
        raise ValidationError(
            {"kind": _("Lớp tập huấn chỉ cấp giấy hoàn thành lớp hoặc giấy chứng nhận giảng viên.")}
        )
    candidates = class_issue_candidates(training_class=training_class, kind=kind)
    items = [
        (c.participant.cadre, class_achievement(training_class, c.participant, kind))
        for c in candidates
        if c.will_receive
    ]
    with transaction.atomic():
        # One transaction with the batch row: a missing template leaves no empty batch.
        batch = IssueBatch.objects.create(
            training_class=training_class, kind=kind, created_by=actor
        )
        _issue_many(unit=unit, kind=kind, items=items, actor=actor, batch=batch, renew=True)
    return batch
