import threading

import pytest

from assessments.models import QuestionBank
from assessments.signals import attempt_graded


@pytest.fixture
def bank(db):
    return QuestionBank.objects.create(title="Ngân hàng điều phối")


@pytest.fixture
def heard():
    """The keyword arguments of every `attempt_graded` sent during the test, from any
    thread."""
    calls = []
    lock = threading.Lock()

    def receiver(**kwargs):
        with lock:
            calls.append(kwargs)

    attempt_graded.connect(receiver)
    yield calls
    attempt_graded.disconnect(receiver)
