"""Reads for learning a course: outline, progress, "continue", and a learner's courses.

Progress is computed from the course's *live* lessons and the learner's completions, which
are keyed by `LessonPage.lesson_key`: editing, re-publishing or moving a lesson inside its
course keeps it done; a copied lesson is a new lesson. Every read here runs a fixed number
of queries, whatever the number of lessons or enrolments.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Page

from courses.blocks import stream_quiz_ids
from courses.models import Assignment, CoursePage, Enrollment, LessonCompletion, LessonPage
from organizations.permissions import Action, scope

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Progress:
    done: int
    required: int
    completed: bool = False

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        if not self.required:
            return 0
        return min(100, self.done * 100 // self.required)


@dataclass
class OutlineLesson:
    page: Page  # a plain Page annotated with `key`, `is_required` and `minutes`
    number: str
    done: bool = False
    current: bool = False

    @property
    def state(self) -> str:
        if self.done:
            return "done"
        return "current" if self.current else "todo"


@dataclass
class OutlineModule:
    page: Page
    number: str
    lessons: list[OutlineLesson] = field(default_factory=list)


@dataclass
class Outline:
    modules: list[OutlineModule]
    lessons: list[OutlineLesson]
    progress: Progress
    continue_lesson: OutlineLesson | None

    def position(self, page) -> int | None:
        for index, entry in enumerate(self.lessons):
            if entry.page.pk == page.pk:
                return index
        return None

    def entry(self, page) -> OutlineLesson | None:
        index = self.position(page)
        return None if index is None else self.lessons[index]

    def neighbours(self, page) -> tuple[OutlineLesson | None, OutlineLesson | None]:
        index = self.position(page)
        if index is None:
            return None, None
        before = self.lessons[index - 1] if index > 0 else None
        after = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return before, after


@dataclass
class DueStatus:
    state: str | None  # "overdue", "soon" or None
    days_left: int | None


@dataclass
class LearningRow:
    """One course on "my learning"."""

    enrollment: Enrollment
    course: CoursePage
    progress: Progress
    continue_lesson: Page | None
    due: DueStatus


def _lesson_pages(course_paths: list[str], depth: int) -> QuerySet[Page]:
    """Live lessons of the courses at `course_paths` (all at `depth`), in reading order."""
    steplen = Page.steplen
    return (
        Page.objects.live()
        .filter(depth=depth + 2, lessonpage__isnull=False)
        .annotate(
            course_path=Substr("path", 1, depth * steplen),
            key=F("lessonpage__lesson_key"),
            is_required=F("lessonpage__required"),
            minutes=F("lessonpage__expected_minutes"),
        )
        .filter(course_path__in=course_paths)
        .order_by("path")
    )


def _progress(lessons: list[Page], done_keys: set, enrollment: Enrollment | None) -> Progress:
    required = [lesson.key for lesson in lessons if lesson.is_required]
    return Progress(
        done=sum(1 for key in required if key in done_keys),
        required=len(required),
        completed=bool(enrollment and enrollment.completed_at),
    )


def _pick_continue(lessons: list, done_keys: set, last_key) -> int | None:
    """Index of the lesson to continue with: the last one opened if not done yet, else the
    next lesson not done after it (then from the start); the last one opened when all are
    done; the first lesson for a learner who has not started."""
    if not lessons:
        return None
    keys = [lesson.key for lesson in lessons]
    start = keys.index(last_key) if last_key in keys else 0
    for index in [*range(start, len(keys)), *range(0, start)]:
        if keys[index] not in done_keys:
            return index
    return start


def _done_keys(enrollment: Enrollment | None) -> set:
    if enrollment is None:
        return set()
    return set(
        LessonCompletion.objects.filter(enrollment=enrollment).values_list("lesson_key", flat=True)
    )


def course_outline(*, course: CoursePage, enrollment: Enrollment | None = None) -> Outline:
    """Modules and their live lessons in order, each lesson with its state for `enrollment`
    — one query for the pages, one for the completions."""
    pages = (
        Page.objects.live()
        .filter(path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2])
        .annotate(
            key=F("lessonpage__lesson_key"),
            is_required=F("lessonpage__required"),
            minutes=F("lessonpage__expected_minutes"),
        )
        .order_by("path")
    )
    done_keys = _done_keys(enrollment)
    modules: list[OutlineModule] = []
    lessons: list[OutlineLesson] = []
    for page in pages:
        if page.depth == course.depth + 1:
            modules.append(OutlineModule(page=page, number=str(len(modules) + 1)))
        elif page.key is not None and modules and page.path.startswith(modules[-1].page.path):
            module = modules[-1]
            entry = OutlineLesson(
                page=page,
                number=f"{module.number}.{len(module.lessons) + 1}",
                done=page.key in done_keys,
            )
            module.lessons.append(entry)
            lessons.append(entry)
    continue_at = _pick_continue(
        [entry.page for entry in lessons],
        done_keys,
        enrollment.last_lesson_key if enrollment else None,
    )
    current = lessons[continue_at] if continue_at is not None and enrollment else None
    if current is not None:
        current.current = True
    return Outline(
        modules=modules,
        lessons=lessons,
        progress=_progress([entry.page for entry in lessons], done_keys, enrollment),
        continue_lesson=current,
    )


def course_progress(*, enrollment: Enrollment) -> Progress:
    """Required live lessons done out of required live lessons — two queries."""
    course = enrollment.course
    required = set(
        LessonPage.objects.live()
        .descendant_of(course)
        .filter(required=True)
        .values_list("lesson_key", flat=True)
    )
    done = LessonCompletion.objects.filter(enrollment=enrollment, lesson_key__in=required).count()
    return Progress(
        done=done, required=len(required), completed=enrollment.completed_at is not None
    )


def continue_lesson(*, enrollment: Enrollment) -> Page | None:
    entry = course_outline(course=enrollment.course, enrollment=enrollment).continue_lesson
    return entry.page if entry else None


def due_status(
    *, due_date: datetime.date | None, completed: bool, today: datetime.date | None = None
) -> DueStatus:
    """ "overdue" after the due date, "soon" within DUE_SOON_DAYS of it; nothing once done."""
    if due_date is None or completed:
        return DueStatus(state=None, days_left=None)
    days_left = (due_date - (today or timezone.localdate())).days
    if days_left < 0:
        return DueStatus(state="overdue", days_left=days_left)
    if days_left <= DUE_SOON_DAYS:
        return DueStatus(state="soon", days_left=days_left)
    return DueStatus(state=None, days_left=days_left)


def courses_live() -> QuerySet[CoursePage]:
    return CoursePage.objects.live().order_by("path")


def course_live_get(pk: int) -> CoursePage | None:
    return courses_live().filter(pk=pk).first()


def lesson_live_get(pk: int) -> LessonPage | None:
    return LessonPage.objects.live().filter(pk=pk).first()


def course_for_lesson(lesson: Page) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(lesson).first()


def enrollment_for_user(user, *, course: CoursePage) -> Enrollment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrollment.objects.filter(cadre__user=user, course=course).first()


def enrollments_for_user(user) -> list[LearningRow]:
    """The learner's live courses with progress, "continue" lesson and due status, open
    ones first by due date — three queries however many courses and lessons."""
    if not getattr(user, "is_authenticated", False):
        return []
    enrollments = list(
        Enrollment.objects.filter(cadre__user=user, course__live=True).select_related("course")
    )
    if not enrollments:
        return []
    by_depth: dict[int, list[str]] = {}
    for enrollment in enrollments:
        by_depth.setdefault(enrollment.course.depth, []).append(enrollment.course.path)
    lessons_by_course: dict[str, list[Page]] = {}
    for depth, paths in by_depth.items():
        for page in _lesson_pages(paths, depth):
            lessons_by_course.setdefault(page.course_path, []).append(page)
    done_by_enrollment: dict[int, set] = {}
    completions = LessonCompletion.objects.filter(enrollment__in=enrollments).values_list(
        "enrollment_id", "lesson_key"
    )
    for enrollment_id, key in completions:
        done_by_enrollment.setdefault(enrollment_id, set()).add(key)
    today = timezone.localdate()
    rows = []
    for enrollment in enrollments:
        lessons = lessons_by_course.get(enrollment.course.path, [])
        done_keys = done_by_enrollment.get(enrollment.pk, set())
        index = _pick_continue(lessons, done_keys, enrollment.last_lesson_key)
        rows.append(
            LearningRow(
                enrollment=enrollment,
                course=enrollment.course,
                progress=_progress(lessons, done_keys, enrollment),
                continue_lesson=lessons[index] if index is not None else None,
                due=due_status(
                    due_date=enrollment.due_date,
                    completed=enrollment.completed_at is not None,
                    today=today,
                ),
            )
        )
    far = datetime.date.max
    rows.sort(
        key=lambda row: (
            row.enrollment.completed_at is not None,
            row.enrollment.due_date or far,
            -row.enrollment.enrolled_at.timestamp(),
        )
    )
    return rows


def missing_prerequisites(*, cadre, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses the cadre has not completed yet."""
    completed = Enrollment.objects.filter(cadre=cadre, completed_at__isnull=False).values(
        "course_id"
    )
    return list(prerequisites(course=course).exclude(pk__in=completed))


def prerequisites(*, course: CoursePage) -> QuerySet[CoursePage]:
    """The course's prerequisites as stored (a draft's unsaved choices do not count)."""
    through = CoursePage.prerequisites.through.objects.filter(from_coursepage_id=course.pk)
    return CoursePage.objects.filter(pk__in=through.values("to_coursepage_id")).order_by("title")


def assignments_for_unit(unit) -> QuerySet:
    """Assignments to the unit and to units below it, with enrolment and completion counts."""
    return (
        Assignment.objects.filter(unit__path__startswith=unit.path)
        .select_related("course", "unit")
        .annotate(
            enrolled=Count("enrollments"),
            completed=Count("enrollments", filter=Q(enrollments__completed_at__isnull=False)),
        )
        .order_by("-created_at", "-pk")
    )


def assignment_get_for_user(user, pk: int):
    """The assignment if the user may manage classes on its unit, else None."""
    assignments = Assignment.objects.select_related("course", "unit")
    return (
        scope(assignments, user, Action.MANAGE_CLASSES, path_field="unit__path")
        .filter(pk=pk)
        .first()
    )


def course_page_context(*, course: CoursePage, user) -> dict:
    """What the course page shows a visitor or a learner."""
    enrollment = enrollment_for_user(user, course=course)
    outline = course_outline(course=course, enrollment=enrollment)
    return {
        "enrollment": enrollment,
        "outline": outline,
        "progress": outline.progress,
        "continue_lesson": outline.continue_lesson,
        "due": due_status(
            due_date=enrollment.due_date if enrollment else None,
            completed=bool(enrollment and enrollment.completed_at),
        ),
        "prerequisites": list(prerequisites(course=course).live()),
    }


def lesson_page_context(*, lesson: LessonPage, user) -> dict:
    """What a lesson page shows: its course and module, the outline with states, progress,
    the previous and next lessons, whether the learner has done this one, and whether it
    has a quiz (then passing the quiz, not a button, completes it)."""
    course = course_for_lesson(lesson)
    if course is None:
        return {"course": None}
    context = course_page_context(course=course, user=user)
    outline = context["outline"]
    entry = outline.entry(lesson)
    context["previous_lesson"], context["next_lesson"] = outline.neighbours(lesson)
    context["course"] = course
    context["lesson_entry"] = entry
    context["lesson_done"] = bool(entry and entry.done)
    context["lesson_has_quiz"] = bool(stream_quiz_ids(lesson.body))
    context["module"] = next(
        (m for m in outline.modules if lesson.path.startswith(m.page.path)), None
    )
    return context
