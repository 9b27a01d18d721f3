"""Lesson content: the shared manual blocks plus an embedded handbook chapter."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.blocks import ContentStreamBlock


class HandbookChapterBlock(blocks.StructBlock):
    """Shows a handbook chapter inside a lesson, so a course and its handbook never diverge."""

    chapter = blocks.PageChooserBlock(
        label=_("Chương cẩm nang"), page_type=["handbooks.ChapterPage", "handbooks.SectionPage"]
    )
    note = blocks.CharBlock(label=_("Lời dẫn"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Chương cẩm nang")
        template = "blocks/handbook_chapter.html"


class LessonStreamBlock(ContentStreamBlock):
    handbook_chapter = HandbookChapterBlock()
