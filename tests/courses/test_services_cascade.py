"""Keeping the trainer cascade: generations, cycles, incremental refresh."""

import pytest
from django.test import override_settings

from courses.models import CascadeClass, CascadeReach, CascadeRoot
from courses.services.cascade import (
    cascade_mark_stale,
    cascade_rebuild_all,
    cascade_refresh,
)
from courses.services.classes import (
    class_participant_add,
    class_participant_remove,
    class_trainer_remove,
    class_update,
)
from tests.courses.cascade_helpers import CascadeBuilder, day, reach_of, refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def build(tree):
    return CascadeBuilder(tree["lam_dong"])


def _closure(root) -> tuple[dict, dict]:
    classes = dict(
        CascadeClass.objects.filter(root=root).values_list("training_class_id", "generation")
    )
    return classes, reach_of(root)


def test_participants_of_a_trainers_classes_are_generation_one(build):
    master, *learners = build.people(4)
    build.klass([master], learners, start=0)
    refresh()
    assert reach_of(master) == {c.pk: 1 for c in learners}


def test_a_tot_participant_who_later_teaches_carries_the_next_generation(build):
    master, trainer = build.people(2)
    grassroots = build.people(3)
    build.klass([master], [trainer], start=0)
    build.klass([trainer], grassroots, start=30, tot=False)
    refresh()
    assert reach_of(master) == {trainer.pk: 1, **{c.pk: 2 for c in grassroots}}
    assert reach_of(trainer) == {c.pk: 1 for c in grassroots}


def test_teaching_before_the_tot_class_is_not_credited_to_it(build):
    master, trainer = build.people(2)
    earlier = build.people(2)
    build.klass([trainer], earlier, start=0, tot=False)
    build.klass([master], [trainer], start=30)
    refresh()
    assert reach_of(master) == {trainer.pk: 1}


def test_a_regular_class_does_not_make_trainers(build):
    master, learner = build.people(2)
    later = build.people(2)
    build.klass([master], [learner], start=0, tot=False)
    build.klass([learner], later, start=30, tot=False)
    refresh()
    assert reach_of(master) == {learner.pk: 1}


def test_person_trained_twice_keeps_the_nearest_generation(build):
    master, trainer, twice = build.people(3)
    build.klass([master], [trainer], start=0)
    build.klass([trainer], [twice], start=20)
    build.klass([master], [twice], start=40, tot=False)
    refresh()
    assert reach_of(master) == {trainer.pk: 1, twice.pk: 1}
    assert CascadeReach.objects.filter(root=master, cadre=twice).count() == 1


def test_person_trained_twice_down_two_branches_is_counted_once(build):
    master, left, right = build.people(3)
    shared = build.people(1)[0]
    build.klass([master], [left, right], start=0)
    build.klass([left], [shared], start=20, tot=False)
    build.klass([right], [shared], start=25, tot=False)
    refresh()
    assert reach_of(master) == {left.pk: 1, right.pk: 1, shared.pk: 2}


def test_a_cycle_ends_and_the_root_is_not_in_its_own_reach(build):
    master, trainee, other = build.people(3)
    build.klass([master], [trainee], start=0)
    build.klass([trainee], [master, other], start=20)
    late = build.people(2)
    build.klass([master], late, start=40, tot=False)
    refresh()
    assert reach_of(master) == {trainee.pk: 1, other.pk: 2, **{c.pk: 1 for c in late}}
    assert reach_of(trainee) == {master.pk: 1, other.pk: 1, **{c.pk: 2 for c in late}}


def test_same_day_cycle_stops_at_the_generation_cap(build):
    first, second = build.people(2)
    build.klass([first], [second], start=0, days=0)
    build.klass([second], [first], start=0, days=0)
    with override_settings(CASCADE_MAX_GENERATIONS=5):
        refresh()
    assert reach_of(first) == {second.pk: 1}
    assert max(CascadeClass.objects.filter(root=first).values_list("generation", flat=True)) <= 5


def test_generation_cap_cuts_the_walk(build):
    chain = build.people(5)
    for n, (trainer, trainee) in enumerate(zip(chain, chain[1:], strict=False)):
        build.klass([trainer], [trainee], start=n * 10)
    with override_settings(CASCADE_MAX_GENERATIONS=2):
        refresh()
    assert reach_of(chain[0]) == {chain[1].pk: 1, chain[2].pk: 2}


def test_adding_a_participant_marks_only_the_trainers_above(build):
    master, trainer, bystander = build.people(3)
    grassroots = build.klass([trainer], [], start=30, tot=False)
    build.klass([master], [trainer], start=0)
    build.klass([bystander], build.people(2), start=0, tot=False)
    refresh()
    newcomer = build.people(1)[0]
    class_participant_add(actor=build.admin, training_class=grassroots, cadre=newcomer)
    stale = set(CascadeRoot.objects.filter(stale=True).values_list("pk", flat=True))
    assert stale == {master.pk, trainer.pk}
    assert refresh() == 2
    assert reach_of(master)[newcomer.pk] == 2


def test_refresh_is_idempotent(build):
    master, *learners = build.people(3)
    build.klass([master], learners, start=0)
    assert refresh() == 1
    assert refresh() == 0
    assert cascade_refresh(root_ids=[master.pk]) == 0
    assert len(reach_of(master)) == 2


def test_removing_a_participant_removes_them_from_every_cascade(build):
    master, trainer, leaver = build.people(3)
    build.klass([master], [trainer], start=0)
    grassroots = build.klass([trainer], [leaver], start=30, tot=False)
    refresh()
    row = grassroots.participants.get(cadre=leaver)
    class_participant_remove(actor=build.admin, participant=row)
    refresh()
    assert leaver.pk not in reach_of(master)
    assert leaver.pk not in reach_of(trainer)


def test_removing_a_trainer_empties_their_cascade_and_cuts_the_branch(build):
    master, trainer = build.people(2)
    learners = build.people(2)
    build.klass([master], [trainer], start=0)
    grassroots = build.klass([trainer], learners, start=30, tot=False)
    refresh()
    class_trainer_remove(actor=build.admin, trainer=grassroots.trainers.get())
    refresh()
    assert reach_of(master) == {trainer.pk: 1}
    assert reach_of(trainer) == {}


def test_moving_a_class_before_the_tot_class_cuts_it_from_the_cascade(build):
    master, trainer = build.people(2)
    learners = build.people(2)
    build.klass([master], [trainer], start=30)
    grassroots = build.klass([trainer], learners, start=60, tot=False)
    refresh()
    assert len(reach_of(master)) == 3
    class_update(
        actor=build.admin,
        training_class=grassroots,
        course=build.course,
        host_unit=grassroots.host_unit,
        title=grassroots.title,
        mode=grassroots.mode,
        level=grassroots.level,
        start_date=day(0),
        end_date=day(1),
    )
    refresh()
    assert reach_of(master) == {trainer.pk: 1}


def test_changes_are_queued_for_after_commit(build, django_capture_on_commit_callbacks):
    master = build.people(1)[0]
    training_class = build.klass([master], [], start=0)
    refresh()
    learner = build.people(1)[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        class_participant_add(actor=build.admin, training_class=training_class, cadre=learner)
    assert len(callbacks) == 1
    assert reach_of(master) == {learner.pk: 1}
    assert not CascadeRoot.objects.get(pk=master.pk).stale


def test_marking_with_no_affected_trainer_queues_nothing(build, django_capture_on_commit_callbacks):
    training_class = build.klass([], [], start=0)
    with django_capture_on_commit_callbacks() as callbacks:
        assert cascade_mark_stale(class_ids=[training_class.pk]) == 0
    assert callbacks == []


def test_rebuild_all_matches_incremental_refresh(build):
    master, a, b = build.people(3)
    build.klass([master], [a, b], start=0)
    build.klass([a], build.people(3), start=20)
    build.klass([b], [master, *build.people(2)], start=25)
    build.klass([master], build.people(2), start=50, tot=False)
    refresh()
    incremental = {root.pk: _closure(root) for root in (master, a, b)}
    CascadeReach.objects.update(generation=9)
    CascadeClass.objects.all().delete()
    assert cascade_rebuild_all() == 3
    assert {root.pk: _closure(root) for root in (master, a, b)} == incremental
    assert not CascadeRoot.objects.filter(stale=True).exists()
