"""Background jobs of the handbooks app: each takes ids and calls one service."""

from celery import shared_task

from . import services


@shared_task(name="handbooks.pdf_render", acks_late=True)
def handbook_pdf_render_task(handbook_id: int) -> int | None:
    record = services.handbook_pdf_render(handbook_id=handbook_id)
    return record.pk if record else None
