"""Training classes: the class record, its people and their scores (sessions and attendance
are in `class_sessions`, re-exported here).

Every service that acts for a user takes `actor=` and asks the permission helper for
`MANAGE_CLASSES` on the class's host unit. Rules are checked before anything is written and
broken rules come back as one `ValidationError` with Vietnamese messages per field; the
unique constraints of the models are the last guard, so a doubled request returns the row
the first one wrote.
"""

import datetime
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Cadre, Level, OrgUnit
from organizations.permissions import Action, can, require
from organizations.services.validation import Errors, check_choice

from ..models import ClassParticipant, ClassTrainer, CoursePage, TrainingClass
from .cascade import cascade_mark_stale
from .class_sessions import (
    TITLE_MAX,
    attendance_checkin,
    attendance_mark,
    attendance_record,
    check_text,
    class_session_add,
    class_session_checkin_close,
    class_session_checkin_open,
)

__all__ = [
    "attendance_checkin",
    "attendance_mark",
    "attendance_record",
    "class_complete_participant",
    "class_create",
    "class_participant_add",
    "class_participant_remove",
    "class_scores_record",
    "class_session_add",
    "class_session_checkin_close",
    "class_session_checkin_open",
    "class_trainer_add",
    "class_trainer_remove",
    "class_update",
]

CODE_MAX = 40


# --- Checks -----------------------------------------------------------------------------


def _clean_class(errors: Errors, *, course, title, mode, level, start_date, end_date, venue):
    if not isinstance(course, CoursePage) or not course.live:
        errors.add("course", _("Chọn một khoá học đang được xuất bản."))
    clean = {
        "title": check_text(errors, "title", title, _("Tên lớp"), limit=TITLE_MAX),
        "mode": check_choice(errors, "mode", mode, TrainingClass.Mode, _("Hình thức")),
        "level": check_choice(errors, "level", level, Level, _("Cấp tổ chức")),
        "venue": " ".join((venue or "").split()),
        "start_date": start_date,
        "end_date": end_date,
    }
    if len(clean["venue"]) > 255:
        errors.add("venue", _("Địa điểm dài tối đa 255 ký tự."))
    if start_date is None:
        errors.add("start_date", _("Cần nhập ngày bắt đầu."))
    if end_date is None:
        errors.add("end_date", _("Cần nhập ngày kết thúc."))
    if start_date and end_date and end_date < start_date:
        errors.add(
            "end_date",
            _("Ngày kết thúc (%(end)s) không thể trước ngày bắt đầu (%(start)s).")
            % {"end": end_date.strftime("%d/%m/%Y"), "start": start_date.strftime("%d/%m/%Y")},
        )
    return clean


def _check_cadre_visible(errors: Errors, actor, cadre: Cadre) -> None:
    if not can(actor, Action.VIEW_CADRES, cadre.unit):
        errors.add(
            "cadre",
            _("Cán bộ %(code)s không thuộc phạm vi đơn vị bạn quản lý; không thể thêm vào lớp.")
            % {"code": cadre.code},
        )


def _new_code(start_date: datetime.date | None) -> str:
    year = start_date.year if start_date else timezone.localdate().year
    return f"LTH{year}-{secrets.token_hex(3).upper()}"


def _to_score(errors: Errors, field: str, value, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        errors.add(field, _("%(label)s phải là một số từ 0 đến 100.") % {"label": label})
        return None
    if not score.is_finite() or score < 0 or score > 100:
        errors.add(
            field,
            _("%(label)s phải nằm trong khoảng 0–100 (đã nhập %(value)s).")
            % {"label": label, "value": value},
        )
        return None
    return score.quantize(Decimal("0.01"))


# --- Classes ----------------------------------------------------------------------------


def class_create(
    *,
    actor,
    course: CoursePage,
    host_unit: OrgUnit,
    title: str,
    mode: str,
    level: str,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str = "",
    code: str | None = None,
    pre_test_quiz=None,
    post_test_quiz=None,
) -> TrainingClass:
    """Open a class of `course` hosted by `host_unit`; a code is generated when none is given.
    The quizzes, when given, are the class's pre-test and post-test: participants' results
    are recorded as their scores."""
    require(actor, Action.MANAGE_CLASSES, host_unit)
    errors = Errors()
    clean = _clean_class(
        errors,
        course=course,
        title=title,
        mode=mode,
        level=level,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
    )
    code = (code or "").strip().upper()
    if len(code) > CODE_MAX:
        errors.add("code", _("Mã lớp dài tối đa %(max)d ký tự.") % {"max": CODE_MAX})
    elif code and TrainingClass.objects.filter(code=code).exists():
        errors.add("code", _("Mã lớp %(code)s đã được dùng cho một lớp khác.") % {"code": code})
    errors.raise_if_any()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return TrainingClass.objects.create(
                    course=course,
                    host_unit=host_unit,
                    code=code or _new_code(start_date),
                    created_by=actor,
                    pre_test_quiz=pre_test_quiz,
                    post_test_quiz=post_test_quiz,
                    **clean,
                )
        except IntegrityError as exc:
            if code:
                raise ValidationError(
                    {"code": _("Mã lớp %(code)s đã được dùng cho một lớp khác.") % {"code": code}}
                ) from exc
    raise ValidationError(_("Không tạo được mã lớp; vui lòng thử lại."))


def class_update(
    *,
    actor,
    training_class: TrainingClass,
    course: CoursePage,
    host_unit: OrgUnit,
    title: str,
    mode: str,
    level: str,
    start_date: datetime.date,
    end_date: datetime.date,
    venue: str = "",
    pre_test_quiz=None,
    post_test_quiz=None,
) -> TrainingClass:
    """Change a class's details (None for a quiz: no such test); moving it to another host
    unit needs rights on both."""
    require(actor, Action.MANAGE_CLASSES, training_class.host_unit)
    require(actor, Action.MANAGE_CLASSES, host_unit)
    errors = Errors()
    clean = _clean_class(
        errors,
        course=course,
        title=title,
        mode=mode,
        level=level,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
    )
    errors.raise_if_any()
    with transaction.atomic():
        locked = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        changes = {
            **clean,
            "course": course,
            "host_unit": host_unit,
            "pre_test_quiz": pre_test_quiz,
            "post_test_quiz": post_test_quiz,
        }
        moved = (locked.course_id, locked.start_date, locked.end_date) != (
            course.pk,
            clean["start_date"],
            clean["end_date"],
        )
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        if moved:
            cascade_mark_stale(class_ids=[locked.pk])
    return locked


# --- People -----------------------------------------------------------------------------


def class_trainer_add(*, actor, training_class: TrainingClass, cadre: Cadre) -> ClassTrainer:
    """Add a trainer; adding the same cadre twice returns the existing row."""
    require(actor, Action.MANAGE_CLASSES, training_class.host_unit)
    existing = ClassTrainer.objects.filter(training_class=training_class, cadre=cadre).first()
    if existing is not None:
        return existing
    errors = Errors()
    _check_cadre_visible(errors, actor, cadre)
    if ClassParticipant.objects.filter(training_class=training_class, cadre=cadre).exists():
        errors.add("cadre", _("%(name)s đang là học viên của lớp này.") % {"name": cadre.full_name})
    errors.raise_if_any()
    with transaction.atomic():
        trainer, created = ClassTrainer.objects.get_or_create(
            training_class=training_class, cadre=cadre
        )
        if created:
            cascade_mark_stale(class_ids=[training_class.pk])
    return trainer


def class_trainer_remove(*, actor, trainer: ClassTrainer) -> None:
    require(actor, Action.MANAGE_CLASSES, trainer.training_class.host_unit)
    with transaction.atomic():
        if ClassTrainer.objects.filter(pk=trainer.pk).delete()[0]:
            cascade_mark_stale(
                class_ids=[trainer.training_class_id], extra_root_ids=[trainer.cadre_id]
            )


def class_participant_add(
    *, actor, training_class: TrainingClass, cadre: Cadre
) -> ClassParticipant:
    """Add a participant the actor may see; adding the same cadre twice returns the row."""
    require(actor, Action.MANAGE_CLASSES, training_class.host_unit)
    existing = ClassParticipant.objects.filter(training_class=training_class, cadre=cadre).first()
    if existing is not None:
        return existing
    errors = Errors()
    _check_cadre_visible(errors, actor, cadre)
    if ClassTrainer.objects.filter(training_class=training_class, cadre=cadre).exists():
        errors.add(
            "cadre", _("%(name)s đang là giảng viên của lớp này.") % {"name": cadre.full_name}
        )
    errors.raise_if_any()
    with transaction.atomic():
        participant, created = ClassParticipant.objects.get_or_create(
            training_class=training_class, cadre=cadre
        )
        if created:
            cascade_mark_stale(class_ids=[training_class.pk])
    return participant


def class_participant_remove(*, actor, participant: ClassParticipant) -> None:
    """Take a participant off the list, with their attendance; not once they completed."""
    require(actor, Action.MANAGE_CLASSES, participant.training_class.host_unit)
    if participant.completed_at is not None:
        raise ValidationError(
            _("%(name)s đã hoàn thành lớp; không thể xoá khỏi danh sách.")
            % {"name": participant.cadre.full_name}
        )
    with transaction.atomic():
        removed = ClassParticipant.objects.filter(
            pk=participant.pk, completed_at__isnull=True
        ).delete()[0]
        if removed:
            cascade_mark_stale(class_ids=[participant.training_class_id])


def class_scores_record(
    *,
    actor,
    participant: ClassParticipant,
    pre_test_score=None,
    post_test_score=None,
) -> ClassParticipant:
    """Record pre-test and/or post-test scores (0–100); a score left as None is unchanged."""
    require(actor, Action.MANAGE_CLASSES, participant.training_class.host_unit)
    errors = Errors()
    pre = _to_score(errors, "pre_test_score", pre_test_score, _("Điểm kiểm tra đầu vào"))
    post = _to_score(errors, "post_test_score", post_test_score, _("Điểm kiểm tra cuối khoá"))
    errors.raise_if_any()
    changes = {}
    if pre is not None:
        changes["pre_test_score"] = pre
    if post is not None:
        changes["post_test_score"] = post
    if changes:
        ClassParticipant.objects.filter(pk=participant.pk).update(**changes)
        for name, value in changes.items():
            setattr(participant, name, value)
    return participant


def class_complete_participant(*, actor, participant: ClassParticipant) -> ClassParticipant:
    """Mark a participant as having completed the class (once; later calls change nothing)."""
    require(actor, Action.MANAGE_CLASSES, participant.training_class.host_unit)
    now = timezone.now()
    ClassParticipant.objects.filter(pk=participant.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    participant.refresh_from_db(fields=["completed_at"])
    return participant
