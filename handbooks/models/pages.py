"""The handbook page tree: index → handbook → chapter → section."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.blocks import ContentStreamBlock, stream_headings, stream_plain_text
from lms.pages import FoldedSlugMixin
from organizations.models import Level, Organisation
from organizations.text import fold


class HandbookIndexPage(FoldedSlugMixin, RoutablePageMixin, Page):
    """All handbooks; also answers handbook search and the Atom feed of new editions."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["lms.HomePage"]
    subpage_types = ["handbooks.HandbookPage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục cẩm nang")

    def get_context(self, request, *args, **kwargs):
        from handbooks import selectors

        context = super().get_context(request, *args, **kwargs)
        context["handbooks"] = selectors.handbooks_live(index=self)
        return context

    @path("search/", name="search")
    def search(self, request):
        from handbooks import views

        return views.handbook_search(request, index=self)

    @path("feed/", name="feed")
    def feed(self, request):
        from handbooks.feeds import EditionsFeed

        return EditionsFeed(self)(request)


class HandbookTag(TaggedItemBase):
    content_object = ParentalKey(
        "handbooks.HandbookPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class HandbookPage(FoldedSlugMixin, RoutablePageMixin, Page):
    """One handbook (cẩm nang): its metadata, editions and authors; chapters are children."""

    summary = models.TextField(_("tóm tắt"), max_length=600)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience_organisation = models.CharField(
        _("dành cho tổ chức"),
        max_length=16,
        choices=Organisation.choices,
        blank=True,
        help_text=_("Để trống nếu dành cho cả Đoàn, Hội LHTN và Hội Sinh viên."),
    )
    audience_level = models.CharField(
        _("dành cho cấp"),
        max_length=16,
        choices=Level.choices,
        blank=True,
        help_text=_("Để trống nếu dành cho cán bộ mọi cấp."),
    )
    tags = ClusterTaggableManager(through=HandbookTag, blank=True, verbose_name=_("chủ đề"))
    edition = models.CharField(_("ấn bản hiện hành"), max_length=80, default="Ấn bản 1")
    published_date = models.DateField(_("ngày phát hành"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [FieldPanel("audience_organisation"), FieldPanel("audience_level"), FieldPanel("tags")],
            heading=_("Đối tượng và chủ đề"),
        ),
        MultiFieldPanel(
            [FieldPanel("edition"), FieldPanel("published_date"), InlinePanel("editions")],
            heading=_("Ấn bản"),
        ),
        InlinePanel("authors", heading=_("Tác giả, người biên soạn")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("search_folded")]
    parent_page_types = ["handbooks.HandbookIndexPage"]
    subpage_types = ["handbooks.ChapterPage"]

    class Meta:
        verbose_name = _("cẩm nang")
        verbose_name_plural = _("cẩm nang")

    @property
    def search_folded(self) -> str:
        return fold(f"{self.title} {self.summary}")

    def get_context(self, request, *args, **kwargs):
        from handbooks import selectors

        context = super().get_context(request, *args, **kwargs)
        context["toc"] = selectors.handbook_toc(handbook=self)
        context["pdf"] = selectors.handbook_pdf(handbook=self)
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from handbooks import views

        return views.handbook_pdf_download(request, handbook=self)


class HandbookAuthor(Orderable):
    page = ParentalKey(HandbookPage, related_name="authors", on_delete=models.CASCADE)
    name = models.CharField(_("họ và tên"), max_length=150)
    role = models.CharField(_("vai trò"), max_length=150, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")


class HandbookEdition(Orderable):
    """One line of the change log; new editions feed the Atom feed."""

    page = ParentalKey(HandbookPage, related_name="editions", on_delete=models.CASCADE)
    label = models.CharField(_("ấn bản"), max_length=80)
    date = models.DateField(_("ngày"))
    changes = models.TextField(_("thay đổi"))

    panels = [FieldPanel("label"), FieldPanel("date"), FieldPanel("changes")]

    class Meta(Orderable.Meta):
        verbose_name = _("ấn bản")
        verbose_name_plural = _("nhật ký ấn bản")


class ReadablePage(FoldedSlugMixin, Page):
    """A chapter or section: a body of content blocks, read in order inside a handbook."""

    summary = models.TextField(_("tóm tắt"), blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), verbose_name=_("nội dung"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_folded")]

    class Meta:
        abstract = True

    @property
    def plain_text(self) -> str:
        return stream_plain_text(self.body)

    @property
    def search_folded(self) -> str:
        return fold(f"{self.title} {self.summary} {self.plain_text}")

    @property
    def headings(self) -> list[dict]:
        return stream_headings(self.body)

    def handbook(self) -> "HandbookPage":
        handbook = HandbookPage.objects.ancestor_of(self).first()
        if handbook is None:
            raise Http404
        return handbook

    def get_context(self, request, *args, **kwargs):
        from handbooks import selectors

        context = super().get_context(request, *args, **kwargs)
        handbook = self.handbook()
        context["handbook"] = handbook
        context["toc"] = selectors.handbook_toc(handbook=handbook)
        context["previous_page"], context["next_page"] = selectors.reading_neighbours(
            page=self, toc=context["toc"]
        )
        return context

    def serve(self, request, *args, **kwargs):
        from handbooks import services

        response = super().serve(request, *args, **kwargs)
        services.reading_progress_record(user=request.user, page=self)
        return response


class ChapterPage(ReadablePage):
    parent_page_types = ["handbooks.HandbookPage"]
    subpage_types = ["handbooks.SectionPage"]

    class Meta:
        verbose_name = _("chương")
        verbose_name_plural = _("chương")


class SectionPage(ReadablePage):
    parent_page_types = ["handbooks.ChapterPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
