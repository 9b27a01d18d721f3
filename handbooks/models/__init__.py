from .pages import (
    ChapterPage,
    HandbookAuthor,
    HandbookEdition,
    HandbookIndexPage,
    HandbookPage,
    HandbookTag,
    SectionPage,
)
from .records import HandbookPdf, ReadingProgress

__all__ = [
    "ChapterPage",
    "HandbookAuthor",
    "HandbookEdition",
    "HandbookIndexPage",
    "HandbookPage",
    "HandbookPdf",
    "HandbookTag",
    "ReadingProgress",
    "SectionPage",
]
