"""State changes of the handbooks app."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from .models import HandbookPage, HandbookPdf, ReadingProgress


def reading_progress_record(*, user, page: Page) -> ReadingProgress | None:
    """Remember the chapter or section a logged-in reader opened last in its handbook."""
    if not getattr(user, "is_authenticated", False):
        return None
    handbook = HandbookPage.objects.ancestor_of(page).first()
    if handbook is None:
        return None
    try:
        with transaction.atomic():
            progress, _ = ReadingProgress.objects.update_or_create(
                user=user, handbook=handbook, defaults={"page": page}
            )
    except IntegrityError:
        progress = ReadingProgress.objects.get(user=user, handbook=handbook)
    return progress


def handbook_fingerprint(*, handbook: HandbookPage) -> str:
    """Identifies the live content of a handbook: its pages and their live revisions."""
    rows = (
        Page.objects.live()
        .filter(path__startswith=handbook.path)
        .order_by("path")
        .values_list("pk", "live_revision_id", "path")
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def handbook_pdf_render(*, handbook_id: int, force: bool = False) -> HandbookPdf | None:
    """Render the handbook's live content to PDF and store it, unless it is up to date.

    Runs in a Celery worker (never in a request). A handbook that is not live has no PDF:
    its stored one is removed.
    """
    from .pdf import render_handbook_pdf

    handbook = HandbookPage.objects.live().filter(pk=handbook_id).first()
    if handbook is None:
        _handbook_pdf_discard(handbook_id=handbook_id)
        return None
    fingerprint = handbook_fingerprint(handbook=handbook)
    existing = HandbookPdf.objects.filter(handbook=handbook).first()
    if existing is not None and existing.fingerprint == fingerprint and not force:
        return existing
    result = render_handbook_pdf(handbook)
    name = f"{handbook.slug}-{fingerprint[:12]}.pdf"
    with transaction.atomic():
        record = HandbookPdf.objects.select_for_update().filter(handbook=handbook).first()
        old_name = record.file.name if record is not None else None
        if record is None:
            record = HandbookPdf(handbook=handbook)
        record.file.save(name, ContentFile(result.content), save=False)
        record.fingerprint = fingerprint
        record.pages = result.pages
        record.size = len(result.content)
        record.rendered_at = timezone.now()
        record.save()
        if old_name and old_name != record.file.name:
            storage = record.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return record


def _handbook_pdf_discard(*, handbook_id: int) -> None:
    """An unpublished handbook keeps no PDF: the record goes now, the file after commit."""
    with transaction.atomic():
        record = HandbookPdf.objects.select_for_update().filter(handbook_id=handbook_id).first()
        if record is None:
            return
        storage, name = record.file.storage, record.file.name
        record.delete()
        transaction.on_commit(lambda: storage.delete(name))


def handbook_pdf_queue(*, page: Page) -> None:
    """After commit, queue a PDF render for the handbook that contains `page`."""
    from .tasks import handbook_pdf_render_task

    handbook = HandbookPage.objects.ancestor_of(page, inclusive=True).first()
    if handbook is None:
        return
    handbook_id = handbook.pk
    transaction.on_commit(lambda: handbook_pdf_render_task.delay(handbook_id))
