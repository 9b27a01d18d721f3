"""The course page tree: index → course → module → lesson."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from lms.pages import FoldedSlugMixin
from organizations.models import Level, Organisation


class CourseIndexPage(FoldedSlugMixin, Page):
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục khoá học")


class CourseCompetencyTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="competency_items", on_delete=models.CASCADE
    )


class CoursePage(FoldedSlugMixin, Page):
    """A course: what it teaches, to whom, and when a learner has completed it."""

    code = models.CharField(_("mã khoá học"), max_length=32, unique=True)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    audience_organisation = models.CharField(
        _("dành cho tổ chức"), max_length=16, choices=Organisation.choices, blank=True
    )
    audience_level = models.CharField(
        _("dành cho cấp"), max_length=16, choices=Level.choices, blank=True
    )
    expected_hours = models.DecimalField(
        _("số giờ dự kiến"), max_digits=5, decimal_places=1, default=4
    )
    competencies = ClusterTaggableManager(
        through=CourseCompetencyTag, blank=True, verbose_name=_("năng lực")
    )
    prerequisites = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("khoá học cần hoàn thành trước")
    )
    is_tot = models.BooleanField(
        _("khoá tập huấn giảng viên (ToT)"),
        default=False,
        help_text=_("Học viên hoàn thành có thể trở thành tập huấn viên cấp dưới."),
    )
    self_enrollment = models.BooleanField(_("cho phép tự đăng ký"), default=True)
    final_quiz = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("bài kiểm tra cuối khoá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Điểm đạt lấy theo bài kiểm tra. Học viên phải học xong các bài bắt buộc và đạt bài "
            "này mới hoàn thành khoá học. Để trống nếu khoá học không có bài kiểm tra cuối."
        ),
    )
    certificate_title = models.CharField(
        _("giấy chứng nhận cấp khi hoàn thành"), max_length=200, blank=True
    )
    edition = models.CharField(_("phiên bản"), max_length=80, default="Phiên bản 1")

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience_organisation"),
                FieldPanel("audience_level"),
                FieldPanel("competencies"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Đối tượng và năng lực"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("expected_hours"),
                FieldPanel("is_tot"),
                FieldPanel("self_enrollment"),
                FieldPanel("final_quiz"),
                FieldPanel("certificate_title"),
                FieldPanel("edition"),
            ],
            heading=_("Tổ chức khoá học"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("khoá học")
        verbose_name_plural = _("khoá học")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import assessments as assessment_selectors
        from courses.selectors import learning as selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_page_context(course=self, user=request.user))
        context["final_quiz"] = assessment_selectors.final_quiz_status(
            course=self, enrollment=context["enrollment"], progress=context["progress"]
        )
        return context


class ModulePage(FoldedSlugMixin, Page):
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("học phần")
        verbose_name_plural = _("học phần")


class LessonPage(FoldedSlugMixin, Page):
    """One lesson. `lesson_key` never changes, so edits and moves keep learners' progress."""

    lesson_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=600)
    required = models.BooleanField(_("bắt buộc"), default=True)
    expected_minutes = models.PositiveSmallIntegerField(_("số phút dự kiến"), default=20)
    body = StreamField(LessonStreamBlock(), verbose_name=_("nội dung"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("required"),
        FieldPanel("expected_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["lesson_key"]

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import learning as selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_page_context(lesson=self, user=request.user))
        return context

    def serve(self, request, *args, **kwargs):
        from courses.services import learning as services

        services.lesson_visit(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)
