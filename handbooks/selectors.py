"""Reads of the handbooks app."""

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from organizations.text import fold, fold_aligned

from .models import (
    ChapterPage,
    HandbookIndexPage,
    HandbookPage,
    HandbookPdf,
    ReadingProgress,
    SectionPage,
)


@dataclass
class TocEntry:
    page: Page
    number: str
    children: list["TocEntry"] = field(default_factory=list)


def handbooks_live(*, index: HandbookIndexPage | None = None) -> QuerySet[HandbookPage]:
    handbooks = HandbookPage.objects.live().public()
    if index is not None:
        handbooks = handbooks.child_of(index)
    return handbooks.order_by("path")


def handbook_toc(*, handbook: HandbookPage) -> list[TocEntry]:
    """Live, public chapters and their sections in reading order — one query."""
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(handbook)
        .filter(depth__in=[handbook.depth + 1, handbook.depth + 2])
        .specific(defer=True)
        .order_by("path")
    )
    chapters: list[TocEntry] = []
    for page in pages:
        if page.depth == handbook.depth + 1:
            chapters.append(TocEntry(page=page, number=str(len(chapters) + 1)))
        elif chapters and page.path.startswith(chapters[-1].page.path):
            parent = chapters[-1]
            parent.children.append(
                TocEntry(page=page, number=f"{parent.number}.{len(parent.children) + 1}")
            )
    return chapters


def toc_flat(toc: list[TocEntry]) -> list[TocEntry]:
    flat: list[TocEntry] = []
    for chapter in toc:
        flat.append(chapter)
        flat.extend(chapter.children)
    return flat


def reading_neighbours(*, page: Page, toc: list[TocEntry]) -> tuple[TocEntry | None, ...]:
    """The pages before and after `page` in reading order (chapters and sections)."""
    flat = toc_flat(toc)
    for position, entry in enumerate(flat):
        if entry.page.pk == page.pk:
            before = flat[position - 1] if position > 0 else None
            after = flat[position + 1] if position + 1 < len(flat) else None
            return before, after
    return None, None


def handbook_pdf(*, handbook: HandbookPage) -> HandbookPdf | None:
    return HandbookPdf.objects.filter(handbook=handbook).first()


def reading_progress_for_user(user, *, limit: int = 5) -> list[ReadingProgress]:
    """The handbooks a reader has opened, latest first, with the page to continue from."""
    if not getattr(user, "is_authenticated", False):
        return []
    progress = (
        ReadingProgress.objects.filter(user=user, handbook__live=True, page__live=True)
        .select_related("handbook", "page")
        .order_by("-updated_at")[:limit]
    )
    return list(progress)


@dataclass
class SearchHit:
    page: Page
    handbook: HandbookPage | None
    passage: SafeString


PASSAGE_RADIUS = 90


def _word(term: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


def _passage(text: str, terms: list[str]) -> SafeString:
    """A window of `text` around the first whole word found, with every such word marked."""
    folded = fold_aligned(text)
    patterns = [_word(term) for term in terms if term]
    found = [m.start() for p in patterns if (m := p.search(folded))]
    first = min(found) if found else 0
    start = max(0, first - PASSAGE_RADIUS)
    end = min(len(text), first + PASSAGE_RADIUS * 2)
    window, folded_window = text[start:end], folded[start:end]
    marks = sorted(m.span() for p in patterns for m in p.finditer(folded_window))
    out, cursor = [], 0
    for begin, finish in marks:
        if begin < cursor:
            continue
        out.append(escape(window[cursor:begin]))
        out.append(f"<mark>{escape(window[begin:finish])}</mark>")
        cursor = finish
    out.append(escape(window[cursor:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped


def _handbooks_containing(pages) -> dict[str, HandbookPage]:
    """The handbooks above `pages`, by path, in one query: every ancestor path is a prefix."""
    step = HandbookPage.steplen
    prefixes = {page.path[:end] for page in pages for end in range(step, len(page.path), step)}
    return {h.path: h for h in HandbookPage.objects.filter(path__in=prefixes)}


def handbook_search(query: str, *, limit: int = 20) -> list[SearchHit]:
    """Chapters and sections matching every word of `query`, with or without diacritics.

    Pages index a folded copy of their text and the query is folded the same way, so
    "tinh nguyen" and "tình nguyện" find the same passages on SQLite and PostgreSQL.
    """
    folded_query = fold(query)
    terms = folded_query.split()
    if not terms:
        return []
    pages = []
    for model in (ChapterPage, SectionPage):
        pages.extend(model.objects.live().public().search(folded_query, operator="and")[:limit])
    pages = pages[:limit]
    handbooks = _handbooks_containing(pages)
    hits = [
        SearchHit(
            page=page,
            handbook=next((h for path, h in handbooks.items() if page.path.startswith(path)), None),
            passage=_passage(f"{page.summary} {page.plain_text}".strip(), terms),
        )
        for page in pages
    ]
    return hits[:limit]
