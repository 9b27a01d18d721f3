"""Background steps of an import: each takes the job's id and calls one service."""

from celery import shared_task

from . import jobs


@shared_task(name="organizations.import_job_validate")
def import_job_validate(job_id: int) -> str | None:
    job = jobs.import_job_validate(job_id=job_id)
    return job.status if job else None


@shared_task(name="organizations.import_job_commit")
def import_job_commit(job_id: int) -> str | None:
    job = jobs.import_job_commit(job_id=job_id)
    return job.status if job else None
