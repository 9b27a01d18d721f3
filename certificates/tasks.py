"""Background jobs of the certificates app: each takes ids and calls a service."""

from celery import shared_task

from certificates import services


@shared_task(name="certificates.pdf_render")
def certificates_pdf_render_task(certificate_ids: list[int]) -> int:
    return services.certificates_pdf_render(certificate_ids=certificate_ids)


@shared_task(name="certificates.batch_pdf_render")
def batch_pdf_render_task(batch_id: int) -> bool:
    return services.batch_pdf_render(batch_id=batch_id)


@shared_task(name="certificates.expire_due")
def certificates_expire_due_task() -> int:
    """Run by Celery beat every night."""
    return services.certificates_expire_due()
