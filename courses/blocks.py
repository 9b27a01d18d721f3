"""Lesson content: the shared manual blocks, an embedded handbook chapter, and a quiz."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

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


class LessonQuizBlock(blocks.StructBlock):
    """A quiz placed in a lesson: the lesson is done when the learner passes it, so the
    "mark done" button gives way to the quiz. The link is signed for the enrolled cadre."""

    quiz = SnippetChooserBlock("assessments.Quiz", label=_("Bài kiểm tra"))
    intro = blocks.CharBlock(label=_("Lời dẫn"), required=False, max_length=250)

    class Meta:
        icon = "tasks"
        label = _("Bài kiểm tra")
        template = "courses/blocks/lesson_quiz.html"

    def get_context(self, value, parent_context=None):
        from courses.selectors.assessments import lesson_quiz_status

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        request, lesson = parent_context.get("request"), parent_context.get("page")
        quiz = value.get("quiz")
        known = (
            {"enrollment": parent_context["enrollment"]} if "enrollment" in parent_context else {}
        )
        context["status"] = (
            lesson_quiz_status(
                lesson=lesson, quiz=quiz, user=getattr(request, "user", None), **known
            )
            if quiz is not None and hasattr(lesson, "lesson_key")
            else None
        )
        return context


class LessonStreamBlock(ContentStreamBlock):
    handbook_chapter = HandbookChapterBlock()
    quiz = LessonQuizBlock()


def stream_quiz_ids(stream) -> list[int]:
    """The ids of the quizzes placed in a lesson body, in order."""
    ids = []
    for block in stream:
        if block.block_type == "quiz" and block.value.get("quiz") is not None:
            ids.append(block.value["quiz"].pk)
    return ids
