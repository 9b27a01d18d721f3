"""Publishing a handbook, chapter or section queues a new PDF of its handbook."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import services
from .models import ChapterPage, HandbookPage, SectionPage

_HANDBOOK_PAGES = (HandbookPage, ChapterPage, SectionPage)


@receiver(page_published)
@receiver(page_unpublished)
def queue_pdf(sender, instance, **kwargs):
    if isinstance(instance, _HANDBOOK_PAGES):
        services.handbook_pdf_queue(page=instance)
