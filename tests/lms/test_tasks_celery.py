"""Background work: Wagtail's django-tasks ride on Celery; a real worker answers (CI)."""

import os

import pytest
from celery.result import _set_task_join_will_block
from django_tasks import task

from lms.celery import app as celery_app
from lms.tasks import ping

CALLS: list[int] = []


@task()
def record(value: int) -> None:
    CALLS.append(value)


@pytest.mark.django_db(transaction=True)
def test_django_task_runs_through_celery_after_commit(settings):
    from django.db import transaction

    CALLS.clear()
    with transaction.atomic():
        record.enqueue(7)
        assert CALLS == []
    assert CALLS == [7]


@pytest.fixture
def real_worker():
    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL must point at the Redis of a running Celery worker for this test.")
    celery_app.conf.task_always_eager = False
    # Eager tasks run from racing threads (the PostgreSQL concurrency tests) can leave
    # Celery's process-wide "inside a task" flag set; this test is a client, not a task.
    _set_task_join_will_block(False)
    yield celery_app
    celery_app.conf.task_always_eager = True


@pytest.mark.celery_worker
def test_round_trip_through_a_real_worker_on_redis(real_worker):
    result = ping.apply_async()
    assert result.get(timeout=30) == "pong"
    assert result.successful()
