"""Project-level Celery tasks."""

from celery import shared_task
from django.utils.module_loading import import_string


@shared_task(name="lms.ping")
def ping() -> str:
    """Round trip used by /healthz and the worker test: proves a worker answers."""
    return "pong"


@shared_task(name="lms.run_django_task", acks_late=True)
def run_django_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run one django-tasks task (queued by Wagtail) on a Celery worker."""
    import_string(module_path).call(*args, **kwargs)


@shared_task(name="lms.publish_scheduled")
def publish_scheduled() -> None:
    """Publish pages whose go-live time has come and expire those past their expiry.

    Celery beat runs it every minute; Wagtail's command is idempotent.
    """
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)
