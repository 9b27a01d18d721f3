"""Keeping the trainer cascade on PostgreSQL, where workers and organizers really overlap:
racing refreshes of one trainer, a participant added while a refresh runs, and the
closure kept by incremental refreshes matching a rebuild from the records."""

import threading
import time
from types import SimpleNamespace

import pytest
from django.db import connection

from courses import tasks
from courses.models import (
    CascadeClass,
    CascadeReach,
    CascadeRoot,
    ClassParticipant,
    ClassTrainer,
)
from courses.services import cascade as cascade_service
from courses.services.cascade import cascade_rebuild_all, cascade_refresh
from courses.services.classes import (
    class_participant_add,
    class_participant_remove,
    class_trainer_add,
    class_trainer_remove,
    class_update,
)
from tests.concurrency import race, race_each
from tests.courses.cascade_helpers import CascadeBuilder, day, reach_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def closure() -> tuple[set, set]:
    """Every stored cascade class and reached cadre, as comparable rows."""
    return (
        set(
            CascadeClass.objects.values_list("root_id", "training_class_id", "generation", "via_id")
        ),
        set(CascadeReach.objects.values_list("root_id", "cadre_id", "generation")),
    )


def rebuilt() -> tuple[set, set]:
    cascade_rebuild_all()
    return closure()


@pytest.fixture
def chain(tree):
    """A master trainer, two trainees of a ToT class, each teaching a grassroots class;
    every change committed and refreshed as in production (eager Celery after commit)."""
    b = CascadeBuilder(tree["lam_dong"])
    (master,) = b.people(1)
    trainees = b.people(2)
    grassroots = b.people(6)
    b.klass([master], trainees, start=0)
    first = b.klass([trainees[0]], grassroots[:3], start=10, tot=False)
    b.klass([trainees[1]], grassroots[3:], start=12, tot=False)
    return SimpleNamespace(
        builder=b, master=master, trainees=trainees, grassroots=grassroots, first=first
    )


def expected_reach(chain, *extra) -> dict[int, int]:
    reach = {c.pk: 1 for c in chain.trainees} | {c.pk: 2 for c in chain.grassroots}
    return reach | {c.pk: 2 for c in extra}


def test_racing_refreshes_of_stale_trainers_compute_each_once(monkeypatch, chain):
    (late,) = chain.builder.people(1)
    ClassParticipant.objects.create(training_class=chain.first, cadre=late)  # a bulk load
    stale = sorted([chain.master.pk, chain.trainees[0].pk])
    CascadeRoot.objects.filter(pk__in=stale).update(stale=True)
    computed = []
    compute = cascade_service._compute

    def slow_compute(root_ids):
        computed.append(list(root_ids))
        compute(root_ids)
        time.sleep(0.3)  # hold the row lock while the other workers arrive

    monkeypatch.setattr(cascade_service, "_compute", slow_compute)

    outcomes = race(lambda: cascade_refresh(root_ids=stale), n=6, catch=())

    assert len(outcomes) == 6 and sum(outcomes) == 2, outcomes
    assert sorted(computed) == [[pk] for pk in stale]
    assert not CascadeRoot.objects.filter(pk__in=stale, stale=True).exists()
    assert not CascadeRoot.objects.filter(pk__in=stale, computed_at=None).exists()
    assert reach_of(chain.master) == expected_reach(chain, late)
    assert reach_of(chain.trainees[0])[late.pk] == 1
    monkeypatch.setattr(cascade_service, "_compute", compute)
    assert closure() == rebuilt()


def _blocked_by_this_connection(waiter: dict, timeout: float = 10.0) -> bool:
    """Whether the backend recorded in `waiter` comes to wait on a lock this thread's
    connection holds."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            if "pid" in waiter:
                cursor.execute(
                    "SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [waiter["pid"]]
                )
                if cursor.fetchone()[0]:
                    return True
            time.sleep(0.02)
    return False


def test_participant_added_during_a_refresh_is_in_the_closure_after_the_queued_refresh(
    monkeypatch, chain
):
    queued: list[list[int]] = []
    monkeypatch.setattr(tasks.cascade_refresh, "delay", queued.append)
    CascadeRoot.objects.filter(pk=chain.master.pk).update(stale=True)
    (newcomer,) = chain.builder.people(1)
    computed, adder, blocked = threading.Event(), {}, []
    compute = cascade_service._compute

    def compute_then_hold(root_ids):
        compute(root_ids)
        if not computed.is_set():
            computed.set()
            blocked.append(_blocked_by_this_connection(adder))

    monkeypatch.setattr(cascade_service, "_compute", compute_then_hold)

    def add():
        assert computed.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            adder["pid"] = cursor.fetchone()[0]
        return class_participant_add(
            actor=chain.builder.admin, training_class=chain.first, cadre=newcomer
        )

    outcomes = race_each([lambda: cascade_refresh(root_ids=[chain.master.pk]), add], catch=())

    assert len(outcomes) == 2 and 1 in outcomes
    assert blocked == [True], "marking did not wait for the running refresh"
    assert newcomer.pk not in reach_of(chain.master)  # the running refresh came first
    assert CascadeRoot.objects.get(pk=chain.master.pk).stale  # and it was marked again
    assert len(queued) == 1
    assert {chain.master.pk, chain.trainees[0].pk} <= set(queued[0])

    assert cascade_refresh(root_ids=queued[0]) == len(queued[0])

    assert reach_of(chain.master) == expected_reach(chain, newcomer)
    assert reach_of(chain.trainees[0])[newcomer.pk] == 1
    assert not CascadeRoot.objects.filter(stale=True).exists()
    monkeypatch.setattr(cascade_service, "_compute", compute)
    assert closure() == rebuilt()


def test_closure_kept_by_incremental_refreshes_equals_a_rebuild_from_the_records(tree):
    b = CascadeBuilder(tree["lam_dong"])
    master, lead, second, district = b.people(4)
    grassroots = b.people(8)
    outsider, hn_trainee = b.people(2, unit=tree["commune_hn"])
    b.klass([master], [lead, second], start=0)
    provincial = b.klass([lead], [district, grassroots[0]], start=5)
    b.klass([district], grassroots[1:4], start=10, tot=False)
    # Trained twice: a district trainer and a grassroots cadre in a second class.
    b.klass([second], [*grassroots[3:6], district], start=11, tot=False)
    # A cycle: the master attends a class of a trainee's trainee, then teaches again.
    refresher = b.klass([district], [master, outsider], start=15)
    b.klass([master], [grassroots[6], lead], start=20)
    later = b.klass([outsider], [grassroots[6], grassroots[7], hn_trainee], start=20, tot=False)
    before = closure()

    class_trainer_add(actor=b.admin, training_class=provincial, cadre=second)
    first_row = ClassParticipant.objects.get(training_class=provincial, cadre=grassroots[0])
    class_participant_remove(actor=b.admin, participant=first_row)
    class_trainer_remove(
        actor=b.admin, trainer=ClassTrainer.objects.get(training_class=later, cadre=outsider)
    )
    class_trainer_add(actor=b.admin, training_class=later, cadre=lead)
    class_update(
        actor=b.admin,
        training_class=refresher,
        course=refresher.course,
        host_unit=refresher.host_unit,
        title=refresher.title,
        mode=refresher.mode,
        level=refresher.level,
        start_date=day(3),
        end_date=day(4),
    )
    incremental = closure()

    assert not CascadeRoot.objects.filter(stale=True).exists()
    assert incremental != before
    assert incremental == rebuilt()
    assert CascadeReach.objects.filter(root=outsider).count() == 0
    assert reach_of(master)[district.pk] == 2
