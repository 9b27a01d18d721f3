"""Background jobs of the organizations app: each takes ids and calls one service."""

from celery import shared_task

from . import services
from .imports.tasks import import_job_commit, import_job_validate  # noqa: F401 - registered


@shared_task(name="organizations.invitation_email_send", autoretry_for=(OSError,), max_retries=5)
def invitation_email_send(invitation_id: int) -> bool:
    return services.invitation_email_deliver(invitation_id=invitation_id)
