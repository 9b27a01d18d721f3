"""Content blocks shared by handbooks and courses.

They live in the project package so that `handbooks` and `courses` both import them
without importing each other. Every block renders without third-party requests: video
is a file from our own document library, never an embed from another site.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from organizations.text import fold

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link", "superscript"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; its anchor feeds the chapter's table of contents."""

    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Cấp"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


def heading_anchor(text: str) -> str:
    return slugify(fold(text)) or "muc"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại"),
        choices=[("note", _("Ghi chú")), ("tip", _("Mẹo")), ("warning", _("Cảnh báo"))],
        default="note",
    )
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=120)
    body = blocks.RichTextBlock(label=_("Nội dung"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Hộp lưu ý")
        template = "blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Mục"), max_length=300), label=_("Các mục"))

    class Meta:
        icon = "tick"
        label = _("Danh sách kiểm tra")
        template = "blocks/checklist.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Bước"), max_length=200)
    body = blocks.RichTextBlock(label=_("Hướng dẫn"), features=RICH_FEATURES, required=False)


class ProcedureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên quy trình"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Các bước"))

    class Meta:
        icon = "list-ol"
        label = _("Quy trình từng bước")
        template = "blocks/procedure.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên tình huống"), max_length=200)
    context = blocks.RichTextBlock(label=_("Bối cảnh"), features=RICH_FEATURES)
    what_was_done = blocks.RichTextBlock(
        label=_("Cách làm"), features=RICH_FEATURES, required=False
    )
    lessons = blocks.RichTextBlock(label=_("Bài học"), features=RICH_FEATURES, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tình huống điển hình")
        template = "blocks/case_study.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Hình ảnh"))
    alt = blocks.CharBlock(label=_("Mô tả ảnh (cho người khiếm thị)"), max_length=250)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Hình ảnh có chú thích")
        template = "blocks/figure.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, max_length=200)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Tài liệu tải về")
        template = "blocks/document.html"


class VideoBlock(blocks.StructBlock):
    """A video file from our own library, played by the browser; loaded only on demand."""

    video = DocumentChooserBlock(label=_("Tệp video (mp4, webm)"))
    poster = ImageChooserBlock(label=_("Ảnh đại diện"), required=False)
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class GlossaryBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Thuật ngữ"), max_length=120)
    definition = blocks.RichTextBlock(label=_("Định nghĩa"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Thuật ngữ")
        template = "blocks/glossary.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    source = blocks.CharBlock(label=_("Nguồn"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks of a manual: what a handbook chapter and a course lesson are made of."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"), features=[*RICH_FEATURES, "h4"], template="blocks/paragraph.html"
    )
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    procedure = ProcedureBlock()
    case_study = CaseStudyBlock()
    figure = FigureBlock()
    document = DocumentBlock()
    video = VideoBlock()
    glossary = GlossaryBlock()
    table = TableBlock(label=_("Bảng"), template="blocks/table.html")
    quote = QuoteBlock()


def stream_headings(stream) -> list[dict]:
    """The headings of a body, with their anchors, in order (for a table of contents)."""
    return [
        {
            "text": b.value["text"],
            "anchor": heading_anchor(b.value["text"]),
            "level": b.value["level"],
        }
        for b in stream
        if b.block_type == "heading"
    ]


def stream_plain_text(stream) -> str:
    """All the words of a body, for search and passages."""
    from django.utils.html import strip_tags

    parts: list[str] = []

    def walk(value):
        if value is None:
            return
        if hasattr(value, "source"):  # RichText
            parts.append(strip_tags(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict) or hasattr(value, "items"):
            for key, item in value.items():
                if key not in ("level", "kind"):
                    walk(item)
        elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
            for item in value:
                walk(item)

    for block in stream:
        if block.block_type == "table":
            for row in (block.value or {}).get("data") or []:
                parts.extend(str(cell) for cell in row if cell)
        elif block.block_type in ("figure", "video", "document"):
            parts.extend(str(block.value.get(k) or "") for k in ("alt", "caption", "title"))
        else:
            walk(block.value)
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())
