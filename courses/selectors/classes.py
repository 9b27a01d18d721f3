"""Reads of training classes, always through the permission helper when for a user."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.selectors import quizzes as quiz_selectors
from organizations import selectors as org_selectors
from organizations.models import Cadre, OrgUnit, Post, PostKind
from organizations.permissions import Action, scope

from ..models import (
    Attendance,
    ClassParticipant,
    ClassSession,
    ClassTrainer,
    CoursePage,
    TrainingClass,
)

CLASS_PATH = "host_unit__path"


def classes_for_user(user, *, unit: OrgUnit | None = None, query: str = "") -> QuerySet:
    """Classes hosted in units the user manages classes for, newest first."""
    classes = scope(
        TrainingClass.objects.select_related("course", "host_unit"),
        user,
        Action.MANAGE_CLASSES,
        path_field=CLASS_PATH,
    )
    if unit is not None:
        classes = classes.filter(host_unit__path__startswith=unit.path)
    query = (query or "").strip()
    if query:
        classes = classes.filter(Q(title__icontains=query) | Q(code__iexact=query))
    return classes.annotate(participant_count=Count("participants", distinct=True)).order_by(
        "-start_date", "-id"
    )


def class_get_for_user(user, pk: int) -> TrainingClass | None:
    return (
        scope(
            TrainingClass.objects.select_related(
                "course", "host_unit", "pre_test_quiz", "post_test_quiz"
            ),
            user,
            Action.MANAGE_CLASSES,
            path_field=CLASS_PATH,
        )
        .filter(pk=pk)
        .first()
    )


def session_get_for_user(user, pk: int) -> ClassSession | None:
    return (
        scope(
            ClassSession.objects.select_related("training_class__host_unit"),
            user,
            Action.MANAGE_CLASSES,
            path_field="training_class__host_unit__path",
        )
        .filter(pk=pk)
        .first()
    )


def participant_get_for_user(user, pk: int) -> ClassParticipant | None:
    return (
        scope(
            ClassParticipant.objects.select_related("cadre", "training_class__host_unit"),
            user,
            Action.MANAGE_CLASSES,
            path_field="training_class__host_unit__path",
        )
        .filter(pk=pk)
        .first()
    )


def trainer_get_for_user(user, pk: int) -> ClassTrainer | None:
    return (
        scope(
            ClassTrainer.objects.select_related("cadre", "training_class__host_unit"),
            user,
            Action.MANAGE_CLASSES,
            path_field="training_class__host_unit__path",
        )
        .filter(pk=pk)
        .first()
    )


def session_for_checkin(token: str) -> ClassSession | None:
    """The session a QR code names; the token itself is the secret, so no scope applies."""
    return (
        ClassSession.objects.select_related("training_class__course", "training_class__host_unit")
        .filter(checkin_token=token)
        .first()
    )


def participation_for_user(user, class_id: int) -> ClassParticipant | None:
    """The user's own place on a class's list, if their cadre record is on it: what lets a
    participant see the class's learner page (their tests), not the organizer's."""
    cadre = org_selectors.cadre_for_user_account(user)
    if cadre is None:
        return None
    return (
        ClassParticipant.objects.select_related(
            "cadre",
            "training_class__course",
            "training_class__host_unit",
            "training_class__pre_test_quiz",
            "training_class__post_test_quiz",
        )
        .filter(training_class_id=class_id, cadre=cadre)
        .first()
    )


def class_sessions(training_class: TrainingClass) -> list[ClassSession]:
    return list(ClassSession.objects.filter(training_class=training_class).order_by("starts_at"))


def participations_for_user(user) -> list[ClassParticipant]:
    """The classes the user's cadre record is on the list of, newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        ClassParticipant.objects.select_related("training_class__course")
        .filter(cadre__user=user)
        .order_by("-training_class__start_date", "-training_class_id")
    )


def class_has_participant(training_class: TrainingClass, cadre: Cadre) -> bool:
    return ClassParticipant.objects.filter(training_class=training_class, cadre=cadre).exists()


def class_has_trainer(training_class: TrainingClass, cadre: Cadre) -> bool:
    return ClassTrainer.objects.filter(training_class=training_class, cadre=cadre).exists()


def courses_for_classes() -> QuerySet[CoursePage]:
    """Courses a class can be opened for: the published ones."""
    return CoursePage.objects.live().order_by("title")


def quizzes_for_classes() -> QuerySet:
    """Quizzes a class can use as its pre-test or post-test."""
    return quiz_selectors.quizzes_for_placement()


@dataclass
class RosterRow:
    participant: ClassParticipant
    cells: list[bool] = field(default_factory=list)

    @property
    def present_count(self) -> int:
        return sum(self.cells)


@dataclass
class Roster:
    sessions: list[ClassSession]
    trainers: list[ClassTrainer]
    rows: list[RosterRow]


def class_roster(training_class: TrainingClass) -> Roster:
    """Trainers, sessions and participants with a present/absent cell per session: four
    queries whatever the size of the class."""
    sessions = list(
        ClassSession.objects.filter(training_class=training_class).order_by("starts_at")
    )
    trainers = list(
        ClassTrainer.objects.filter(training_class=training_class)
        .select_related("cadre__unit")
        .order_by("cadre__full_name", "id")
    )
    participants = list(
        ClassParticipant.objects.filter(training_class=training_class)
        .select_related("cadre__unit")
        .order_by("cadre__full_name", "id")
    )
    present = set(
        Attendance.objects.filter(session__training_class=training_class).values_list(
            "participant_id", "session_id"
        )
    )
    rows = [RosterRow(p, [(p.pk, s.pk) in present for s in sessions]) for p in participants]
    return Roster(sessions=sessions, trainers=trainers, rows=rows)


def session_attendance(session: ClassSession) -> list[tuple[ClassParticipant, Attendance | None]]:
    """Each participant of the session's class with their attendance at it, if any."""
    marks = {a.participant_id: a for a in Attendance.objects.filter(session=session).order_by("id")}
    participants = (
        ClassParticipant.objects.filter(training_class_id=session.training_class_id)
        .select_related("cadre__unit")
        .order_by("cadre__full_name", "id")
    )
    return [(p, marks.get(p.pk)) for p in participants]


# --- Completion table -------------------------------------------------------------------


@dataclass
class CompletionFilters:
    course: CoursePage | None = None
    mode: str = ""
    level: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    dedicated_only: bool = False


def _count(queryset: QuerySet, group: str) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def completion_rows(user, unit: OrgUnit, filters: CompletionFilters) -> QuerySet:
    """One row per participant of the classes hosted in `unit`'s subtree (and in the
    user's scope), with the class, attendance counts, scores and completion."""
    dedicated = Exists(
        Post.objects.filter(cadre=OuterRef("cadre"), kind=PostKind.DEDICATED, end_date__isnull=True)
    )
    rows = scope(
        ClassParticipant.objects.select_related(
            "cadre__unit", "training_class__course", "training_class__host_unit"
        ),
        user,
        Action.MANAGE_CLASSES,
        path_field="training_class__host_unit__path",
    ).filter(training_class__host_unit__path__startswith=unit.path)
    if filters.course is not None:
        rows = rows.filter(training_class__course=filters.course)
    if filters.mode:
        rows = rows.filter(training_class__mode=filters.mode)
    if filters.level:
        rows = rows.filter(training_class__level=filters.level)
    if filters.date_from:
        rows = rows.filter(training_class__end_date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(training_class__start_date__lte=filters.date_to)
    rows = rows.annotate(
        is_dedicated=dedicated,
        sessions_total=_count(
            ClassSession.objects.filter(training_class=OuterRef("training_class")),
            "training_class",
        ),
        sessions_present=_count(
            Attendance.objects.filter(participant=OuterRef("pk")), "participant"
        ),
    )
    if filters.dedicated_only:
        rows = rows.filter(is_dedicated=True)
    return rows.order_by("-training_class__start_date", "training_class__code", "cadre__full_name")


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


def completion_headers() -> list[str]:
    return [
        _("Họ và tên"),
        _("Mã cán bộ"),
        _("Đơn vị"),
        _("Chuyên trách"),
        _("Mã lớp"),
        _("Tên lớp"),
        _("Khoá học"),
        _("Hình thức"),
        _("Cấp tổ chức"),
        _("Đơn vị tổ chức"),
        _("Ngày bắt đầu"),
        _("Ngày kết thúc"),
        _("Số buổi có mặt"),
        _("Tổng số buổi"),
        _("Điểm đầu vào"),
        _("Điểm cuối khoá"),
        _("Ngày hoàn thành"),
    ]


def completion_table(rows) -> list[list]:
    """The completion rows as plain values for a spreadsheet: dates dd/mm/yyyy."""
    table = []
    for row in rows:
        klass = row.training_class
        table.append(
            [
                row.cadre.full_name,
                row.cadre.code,
                row.cadre.unit.name,
                _("Có") if row.is_dedicated else _("Không"),
                klass.code,
                klass.title,
                klass.course.title,
                str(klass.get_mode_display()),
                str(klass.get_level_display()),
                klass.host_unit.name,
                _date(klass.start_date),
                _date(klass.end_date),
                row.sessions_present,
                row.sessions_total,
                float(row.pre_test_score) if row.pre_test_score is not None else None,
                float(row.post_test_score) if row.post_test_score is not None else None,
                _date(row.completed_at),
            ]
        )
    return table
