"""Sessions of a training class and attendance at them: marked by the organizer, or by the
cadre's own account scanning the session's QR code while check-in is open.

`courses.services.classes` re-exports these services; callers may use either module.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.permissions import Action, require
from organizations.selectors import cadre_for_user_account
from organizations.services.validation import Errors

from ..models import Attendance, ClassParticipant, ClassSession, TrainingClass

TITLE_MAX = 200
CHECKIN_EARLY = datetime.timedelta(minutes=30)


def check_text(errors: Errors, field: str, value: str, label: str, *, limit: int) -> str:
    """Collapse whitespace; the text must not be empty nor longer than `limit`."""
    value = " ".join((value or "").split())
    if not value:
        errors.add(field, _("%(label)s không được để trống.") % {"label": label})
    elif len(value) > limit:
        errors.add(
            field,
            _("%(label)s dài tối đa %(max)d ký tự (đang có %(n)d ký tự).")
            % {"label": label, "max": limit, "n": len(value)},
        )
    return value


def class_session_add(
    *,
    actor,
    training_class: TrainingClass,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
) -> ClassSession:
    require(actor, Action.MANAGE_CLASSES, training_class.host_unit)
    errors = Errors()
    title = check_text(errors, "title", title, _("Nội dung buổi học"), limit=TITLE_MAX)
    if starts_at is None:
        errors.add("starts_at", _("Cần nhập thời gian bắt đầu."))
    if ends_at is None:
        errors.add("ends_at", _("Cần nhập thời gian kết thúc."))
    if starts_at and ends_at:
        if ends_at <= starts_at:
            errors.add("ends_at", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        day = timezone.localtime(starts_at).date()
        if not training_class.start_date <= day <= training_class.end_date:
            errors.add(
                "starts_at",
                _("Buổi học phải nằm trong thời gian của lớp (%(start)s – %(end)s).")
                % {
                    "start": training_class.start_date.strftime("%d/%m/%Y"),
                    "end": training_class.end_date.strftime("%d/%m/%Y"),
                },
            )
    errors.raise_if_any()
    with transaction.atomic():
        return ClassSession.objects.create(
            training_class=training_class,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            checkin_token=secrets.token_urlsafe(24),
        )


def _set_checkin(actor, session: ClassSession, value: bool) -> ClassSession:
    require(actor, Action.MANAGE_CLASSES, session.training_class.host_unit)
    ClassSession.objects.filter(pk=session.pk).update(checkin_open=value)
    session.checkin_open = value
    return session


def class_session_checkin_open(*, actor, session: ClassSession) -> ClassSession:
    """Let participants check in by scanning the session's QR code."""
    return _set_checkin(actor, session, True)


def class_session_checkin_close(*, actor, session: ClassSession) -> ClassSession:
    return _set_checkin(actor, session, False)


def _check_same_class(session: ClassSession, participant: ClassParticipant) -> None:
    if participant.training_class_id != session.training_class_id:
        raise ValidationError(
            {"participant": _("Học viên này không thuộc lớp của buổi học; không điểm danh được.")}
        )


def attendance_mark(
    *, actor, session: ClassSession, participant: ClassParticipant, present: bool
) -> Attendance | None:
    """The organizer marks a participant present (or not) at a session."""
    require(actor, Action.MANAGE_CLASSES, session.training_class.host_unit)
    _check_same_class(session, participant)
    if not present:
        Attendance.objects.filter(session=session, participant=participant).delete()
        return None
    with transaction.atomic():
        attendance, _created = Attendance.objects.get_or_create(
            session=session,
            participant=participant,
            defaults={"method": Attendance.Method.ORGANIZER, "marked_by": actor},
        )
    return attendance


def attendance_record(*, actor, session: ClassSession, present_ids) -> int:
    """Set a session's whole attendance list at once: `present_ids` are participant ids.
    Returns how many participants are marked present afterwards."""
    require(actor, Action.MANAGE_CLASSES, session.training_class.host_unit)
    try:
        present_ids = {int(pk) for pk in present_ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"participant": _("Danh sách điểm danh không hợp lệ; không có gì được lưu.")}
        ) from exc
    participants = list(ClassParticipant.objects.filter(training_class=session.training_class))
    unknown = present_ids - {p.pk for p in participants}
    if unknown:
        raise ValidationError(
            {"participant": _("Có học viên không thuộc lớp này; không có gì được lưu.")}
        )
    with transaction.atomic():
        for participant in participants:
            attendance_mark(
                actor=actor,
                session=session,
                participant=participant,
                present=participant.pk in present_ids,
            )
    return len(present_ids)


def attendance_checkin(*, user, token: str) -> Attendance:
    """A cadre checks in with their own account by scanning the session's QR code.

    The session must be open for check-in and the time within [start − 30 min, end]; the
    user's cadre must be a participant of the class. Checking in twice changes nothing."""
    session = (
        ClassSession.objects.select_related("training_class").filter(checkin_token=token).first()
    )
    if session is None:
        raise ValidationError(_("Mã điểm danh không hợp lệ hoặc buổi học đã bị xoá."))
    cadre = cadre_for_user_account(user)
    participant = (
        ClassParticipant.objects.filter(training_class=session.training_class, cadre=cadre).first()
        if cadre is not None
        else None
    )
    if participant is None:
        raise ValidationError(
            _("Tài khoản của bạn không có tên trong danh sách học viên của lớp “%(title)s”.")
            % {"title": session.training_class.title}
        )
    existing = Attendance.objects.filter(session=session, participant=participant).first()
    if existing is not None:
        return existing
    if not session.checkin_open:
        raise ValidationError(
            _("Buổi học “%(title)s” chưa mở hoặc đã đóng điểm danh.") % {"title": session.title}
        )
    now = timezone.now()
    if not session.starts_at - CHECKIN_EARLY <= now <= session.ends_at:
        raise ValidationError(
            _(
                "Chỉ điểm danh được từ %(from)s đến %(to)s ngày %(day)s "
                "(30 phút trước giờ học đến khi kết thúc)."
            )
            % {
                "from": timezone.localtime(session.starts_at - CHECKIN_EARLY).strftime("%H:%M"),
                "to": timezone.localtime(session.ends_at).strftime("%H:%M"),
                "day": timezone.localtime(session.starts_at).strftime("%d/%m/%Y"),
            }
        )
    with transaction.atomic():
        attendance, _created = Attendance.objects.get_or_create(
            session=session,
            participant=participant,
            defaults={"method": Attendance.Method.QR, "marked_by": user},
        )
    return attendance
