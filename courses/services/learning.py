"""Enrolment, assignment to a unit subtree, and lesson completion.

Every service is atomic and idempotent: the database constraints (one enrolment per cadre
and course, one completion per enrolment and lesson, one assignment per course, unit and
filters) are the guard, so a repeated or concurrent call returns the existing row.

Course completion happens in one place, `course_completion_check`: every required live
lesson done and, for a course with a final quiz, that quiz passed in the course's
context. A lesson with a quiz in its body is done when the learner passes the quiz — the
result arrives from the assessments app (`services.assessment_results`), never from the
"mark done" button.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.selectors import quizzes as quiz_selectors
from courses.blocks import stream_quiz_ids
from courses.models import Assignment, CoursePage, Enrollment, LessonCompletion, LessonPage
from courses.selectors import learning as selectors
from courses.selectors.assessments import final_context
from courses.signals import course_completed
from organizations.models import Cadre, OrgUnit, PostKind
from organizations.permissions import Action, can, require
from organizations.services.validation import Errors


@dataclass(frozen=True)
class AssignmentRunResult:
    enrolled: int  # cadres enrolled by this run
    due_dates_set: int  # existing enrolments whose due date was set or brought forward
    matched: int  # cadres the assignment covers now


def _check_course_open(errors: Errors, course: CoursePage) -> None:
    if not course.live:
        errors.add("course", _("Khoá học “%(title)s” chưa được xuất bản.") % {"title": course})


def course_enroll(
    *, actor, cadre: Cadre, course: CoursePage, duplicate_error: bool = False
) -> Enrollment:
    """Enrol `cadre` on `course`: by the cadre's own account where the course allows
    self-enrolment, or by an organizer who manages classes on the cadre's unit.

    A second call returns the existing enrolment, or — with `duplicate_error`, for a form
    the learner submitted — says clearly that the cadre is already enrolled.
    """
    own = actor is not None and cadre.user_id is not None and cadre.user_id == actor.pk
    if not own:
        require(actor, Action.MANAGE_CLASSES, cadre.unit)
    existing = Enrollment.objects.filter(cadre=cadre, course=course).first()
    if existing is not None:
        if duplicate_error:
            message = (
                _("Bạn đã ghi danh khoá học “%(title)s” rồi.")
                if own
                else _("Cán bộ %(name)s đã ghi danh khoá học “%(title)s” rồi.")
            )
            raise ValidationError({"course": message % {"title": course, "name": cadre}})
        return existing
    errors = Errors()
    _check_course_open(errors, course)
    if own and not course.self_enrollment and not can(actor, Action.MANAGE_CLASSES, cadre.unit):
        errors.add(
            "course",
            _(
                "Khoá học này không mở tự đăng ký. Hãy liên hệ cán bộ tổ chức của đơn vị "
                "để được giao khoá học."
            ),
        )
    missing = selectors.missing_prerequisites(cadre=cadre, course=course)
    if missing:
        errors.add(
            "course",
            _("Cần hoàn thành trước các khoá học: %(titles)s.")
            % {"titles": ", ".join(c.title for c in missing)},
        )
    errors.raise_if_any()
    source = Enrollment.Source.SELF if own else Enrollment.Source.ASSIGNED
    try:
        with transaction.atomic():
            return Enrollment.objects.create(cadre=cadre, course=course, source=source)
    except IntegrityError:
        return Enrollment.objects.get(cadre=cadre, course=course)


def assignment_create(
    *,
    actor,
    course: CoursePage,
    unit: OrgUnit,
    due_date: datetime.date | None,
    only_dedicated: bool = False,
    only_volunteer_work: bool = False,
) -> Assignment:
    """Assign `course` to every cadre with an open post in `unit`'s subtree (optionally only
    dedicated cadres, or only those in charge of volunteer work) by `due_date`, and run it.

    Assigning the same course to the same unit with the same filters again returns the
    existing assignment (its due date unchanged) and runs it again, which enrols cadres
    added since. The run's counts are on the returned object as `last_run`.
    """
    require(actor, Action.MANAGE_CLASSES, unit)
    errors = Errors()
    _check_course_open(errors, course)
    if due_date is None:
        errors.add("due_date", _("Cần nhập hạn hoàn thành."))
    elif due_date < timezone.localdate():
        errors.add(
            "due_date",
            _("Hạn hoàn thành %(date)s đã qua. Hãy chọn từ hôm nay (%(today)s) trở đi.")
            % {
                "date": due_date.strftime("%d/%m/%Y"),
                "today": timezone.localdate().strftime("%d/%m/%Y"),
            },
        )
    errors.raise_if_any()
    scope_fields = {
        "course": course,
        "unit": unit,
        "only_dedicated": only_dedicated,
        "only_volunteer_work": only_volunteer_work,
    }
    with transaction.atomic():
        assignment = Assignment.objects.filter(**scope_fields).first()
        if assignment is None:
            try:
                with transaction.atomic():
                    assignment = Assignment.objects.create(
                        **scope_fields, due_date=due_date, created_by=actor
                    )
            except IntegrityError:
                assignment = Assignment.objects.get(**scope_fields)
        assignment.last_run = assignment_run(actor=actor, assignment=assignment)
    return assignment


def _assigned_cadres(assignment: Assignment):
    posts = Q(posts__end_date__isnull=True, posts__unit__path__startswith=assignment.unit.path)
    if assignment.only_dedicated:
        posts &= Q(posts__kind=PostKind.DEDICATED)
    if assignment.only_volunteer_work:
        posts &= Q(posts__in_charge_of_volunteer_work=True)
    return Cadre.objects.filter(posts).values("pk").distinct()


def assignment_run(*, actor, assignment: Assignment) -> AssignmentRunResult:
    """Enrol the cadres the assignment covers who are not enrolled yet, and give enrolled
    ones who have no due date (or a later one) the assignment's. Harmless to run twice."""
    require(actor, Action.MANAGE_CLASSES, assignment.unit)
    cadres = _assigned_cadres(assignment)
    with transaction.atomic():
        enrolled = Enrollment.objects.filter(course=assignment.course)
        already = set(enrolled.filter(cadre__in=cadres).values_list("cadre_id", flat=True))
        matched = list(cadres.values_list("pk", flat=True))
        due_dates_set = (
            enrolled.filter(cadre__in=cadres, completed_at__isnull=True)
            .filter(Q(due_date__isnull=True) | Q(due_date__gt=assignment.due_date))
            .update(due_date=assignment.due_date)
        )
        new = [
            Enrollment(
                cadre_id=pk,
                course=assignment.course,
                source=Enrollment.Source.ASSIGNED,
                assignment=assignment,
                due_date=assignment.due_date,
            )
            for pk in matched
            if pk not in already
        ]
        Enrollment.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        after = enrolled.filter(cadre__in=cadres).count()
        assignment.last_run_at = timezone.now()
        assignment.save(update_fields=["last_run_at"])
    return AssignmentRunResult(
        enrolled=after - len(already), due_dates_set=due_dates_set, matched=len(matched)
    )


def _enrollment_for_lesson(*, user, lesson: LessonPage) -> Enrollment:
    cadre = Cadre.objects.filter(user=user).first() if user.is_authenticated else None
    if cadre is None:
        raise ValidationError(
            _(
                "Tài khoản của bạn chưa gắn với hồ sơ cán bộ nào. Hãy liên hệ cán bộ tổ chức "
                "của đơn vị."
            )
        )
    course = selectors.course_for_lesson(lesson)
    enrollment = (
        Enrollment.objects.select_related("course").filter(cadre=cadre, course=course).first()
        if course is not None
        else None
    )
    if enrollment is None:
        raise ValidationError(_("Bạn chưa ghi danh khoá học có bài học này."))
    return enrollment


def lesson_complete(*, user, lesson: LessonPage) -> LessonCompletion:
    """Mark `lesson` done for the user's enrolment, keyed by the lesson's stable identity,
    then check whether the course is complete. A lesson with a quiz is done by passing
    the quiz, not by this button."""
    if not lesson.live:
        raise ValidationError(_("Bài học này chưa được xuất bản."))
    enrollment = _enrollment_for_lesson(user=user, lesson=lesson)
    if stream_quiz_ids(lesson.body):
        raise ValidationError(
            _(
                "Bài học này có bài kiểm tra: bài học được ghi nhận hoàn thành khi bạn làm "
                "đạt bài kiểm tra."
            )
        )
    return lesson_completion_record(enrollment=enrollment, lesson_key=lesson.lesson_key)


def lesson_completion_record(*, enrollment: Enrollment, lesson_key) -> LessonCompletion:
    """Record a lesson done for an enrolment (once) and check the course. For the callers
    that have established the enrolment: `lesson_complete`, and a passed lesson quiz."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                completion = LessonCompletion.objects.create(
                    enrollment=enrollment, lesson_key=lesson_key
                )
        except IntegrityError:
            completion = LessonCompletion.objects.get(enrollment=enrollment, lesson_key=lesson_key)
        now = timezone.now()
        Enrollment.objects.filter(pk=enrollment.pk).update(
            last_lesson_key=lesson_key, last_activity_at=now
        )
        enrollment.last_lesson_key, enrollment.last_activity_at = lesson_key, now
        course_completion_check(enrollment=enrollment)
    completion.enrollment = enrollment
    return completion


def course_completion_check(*, enrollment: Enrollment) -> bool:
    """The one place a course is completed: every required live lesson done and, if the
    course has a final quiz, that quiz passed in the course's context. Called after each
    lesson and after each graded final attempt. Returns whether complete. On the one call
    that completes it, `course_completed` goes out in the same transaction, so the course's
    certificate is issued with the completion or not at all."""
    if enrollment.completed_at is not None:
        return True
    progress = selectors.course_progress(enrollment=enrollment)
    if progress.done < progress.required:
        return False
    final_quiz_id = enrollment.course.final_quiz_id
    if final_quiz_id is not None and not quiz_selectors.has_passed(
        quiz_id=final_quiz_id,
        cadre_id=enrollment.cadre_id,
        context=final_context(enrollment.course_id),
    ):
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(
            completed_at=now
        )
        if updated:
            enrollment.completed_at = now
            course_completed.send(sender=Enrollment, enrollment=enrollment)
        else:
            enrollment.refresh_from_db(fields=["completed_at"])
    return True


def lesson_visit(*, user, lesson: LessonPage) -> int:
    """Remember the lesson a logged-in learner opened last, for "continue where you left
    off" — one UPDATE; nothing for a visitor who is not enrolled. Returns rows updated."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Enrollment.objects.filter(
        cadre__user=user, course__in=CoursePage.objects.ancestor_of(lesson)
    ).update(last_lesson_key=lesson.lesson_key, last_activity_at=timezone.now())
