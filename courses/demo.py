"""The demo courses, classes and enrolments, built on the demo cadres of `seed_demo`.

Two published courses under /khoa-hoc/: "Kỹ năng quản lý, điều phối hoạt động tình
nguyện" (TN-101, for grassroots cadres) and the ToT course "Tập huấn giảng viên nguồn về
điều phối tình nguyện" (TOT-01). Then the cascade: this year a central ToT class trains
provincial cadres of Lâm Đồng and Lai Châu and two of them teach TN-101 to grassroots
cadres in their provinces (`demo_cascade`); before it, three years of classes four
generations deep, from the same master trainer down to the communes of Lâm Đồng, Lai Châu
and Khánh Hòa (`demo_tot`). About sixty cadres are enrolled in TN-101 at varied progress,
some due in seven days and some tomorrow, so the reminders have something to send.

Keyed like the other demos: courses by code, modules and lessons by slug under their parent,
classes by code, enrolments by cadre and course. What exists is left as it is, so a second
run writes nothing and creates no page revisions. Dates are counted from the day of the
first run.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page

from .demo_cascade import cascade_create
from .demo_content import COURSE_TN, COURSE_TOT, COURSES, HANDBOOK_SLUG
from .demo_tot import tot_cascade_create
from .models import CascadeRoot, ClassTrainer, CourseIndexPage, CoursePage, LessonPage, ModulePage
from .services.cascade import cascade_rebuild_all


@dataclass
class DemoResult:
    courses: list[CoursePage] = field(default_factory=list)
    pages: int = 0
    classes: int = 0
    enrollments: int = 0
    cadres_found: bool = True


def course_demo_create() -> DemoResult:
    """Build the demo courses, and classes and enrolments when the demo cadres exist."""
    result = DemoResult()
    with transaction.atomic():
        index = CourseIndexPage.objects.get()
        courses = {spec["code"]: _course(index, spec, result) for spec in COURSES}
        result.courses = list(courses.values())
        tn, tot = courses[COURSE_TN["code"]], courses[COURSE_TOT["code"]]
        result.cadres_found = cascade_create(tn, tot, result)
        if result.cadres_found:
            tot_cascade_create(tn, tot, result)
        # The classes were written directly, not through the class services that keep the
        # trainers' cascades; compute them when something is new or not yet computed.
        fresh = CascadeRoot.objects.filter(stale=False).values("cadre_id")
        if result.classes or ClassTrainer.objects.exclude(cadre_id__in=fresh).exists():
            cascade_rebuild_all()
    return result


# --- Pages ----------------------------------------------------------------------------------


def _publish(parent, page, result: DemoResult):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    result.pages += 1
    return page


def _course(index: CourseIndexPage, spec: dict, result: DemoResult) -> CoursePage:
    course = CoursePage.objects.filter(code=spec["code"]).first()
    if course is None:
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            code=spec["code"],
            summary=spec["summary"],
            audience_organisation="doan",
            audience_level=spec["audience_level"],
            expected_hours=spec["expected_hours"],
            is_tot=spec["is_tot"],
            certificate_title=spec["certificate_title"],
        )
        course.competencies.add(*spec["competencies"])
        course = _publish(index, course, result)
    for module_spec in spec["modules"]:
        module = ModulePage.objects.child_of(course).filter(slug=module_spec["slug"]).first()
        if module is None:
            module = ModulePage(
                title=module_spec["title"], slug=module_spec["slug"], summary=module_spec["summary"]
            )
            module = _publish(course, module, result)
        for lesson_spec in module_spec["lessons"]:
            if not LessonPage.objects.child_of(module).filter(slug=lesson_spec["slug"]).exists():
                _publish(module, _lesson(lesson_spec), result)
    return course


def _lesson(spec: dict) -> LessonPage:
    body = []
    for kind, value in spec["body"]:
        if kind == "handbook_chapter":
            chapter = _handbook_chapter(value["chapter"])
            if chapter is None:  # no demo handbook: the lesson goes without the chapter
                continue
            value = {**value, "chapter": chapter.pk}
        body.append({"type": kind, "value": value})
    return LessonPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        expected_minutes=spec["expected_minutes"],
        body=body,
    )


def _handbook_chapter(slug: str) -> Page | None:
    """A live chapter of the demo handbook, found by its address, not by its model."""
    return (
        Page.objects.live()
        .filter(slug=slug, url_path__contains=f"/{HANDBOOK_SLUG}/")
        .order_by("depth")
        .first()
    )
