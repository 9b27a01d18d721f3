import threading

import pytest

from assessments.models import QuestionBank
from assessments.signals import attempt_graded
from organizations.models import Role
from tests.factories import UserFactory, grant, make_round


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


@pytest.fixture
def round_(db):
    """An evaluation round open now for provinces and communes, with three criteria."""
    return make_round()


@pytest.fixture
def commune_organizer(tree):
    user = UserFactory(email="tochuc.quangkhe@example.vn")
    grant(user, Role.ORGANIZER, tree["commune"])
    return user
