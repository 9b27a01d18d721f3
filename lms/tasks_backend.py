"""A django-tasks backend that hands Wagtail's background work to our Celery workers.

Wagtail 8 queues its own jobs (reference index, search index, file clean-up) through
django-tasks. Running them on the Celery queue we already operate means one kind of
worker in production; without a broker Celery runs eagerly, so the jobs run in-process.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        from lms.tasks import run_django_task

        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(
            lambda: run_django_task.delay(task.module_path, list(args), dict(kwargs)),
            robust=True,
        )
        return result
