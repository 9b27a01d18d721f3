"""Reading the cascade: reach, areas, fidelity by generation, the tree, lead trainers."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.selectors import cascade
from organizations.models import Post, PostKind
from tests.courses.cascade_helpers import CascadeBuilder, day, refresh
from tests.factories import make_quiz, unit_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def build(tree):
    return CascadeBuilder(tree["lam_dong"])


def test_reach_counts_dedicated_cadres_by_generation(build):
    master, trainer = build.people(2)
    dedicated = build.people(2)
    part_time = build.people(3, post__kind=PostKind.PART_TIME)
    build.klass([master], [trainer, part_time[0]], start=0)
    build.klass([trainer], [*dedicated, *part_time[1:]], start=20, tot=False)
    refresh()
    reach = cascade.cascade_reach([master.pk])
    assert reach.total == 6
    assert reach.dedicated == 3
    assert reach.by_generation == {1: (2, 1), 2: (4, 2)}


def test_reach_is_a_fixed_number_of_queries(build):
    master, *people = build.people(7)
    build.klass([master], people[:3], start=0)
    refresh()
    with CaptureQueriesContext(connection) as small:
        cascade.cascade_reach([master.pk])
    build.klass([people[0]], people[3:], start=10)
    refresh()
    with CaptureQueriesContext(connection) as large:
        assert cascade.cascade_reach([master.pk]).total == 6
    assert len(small) == len(large) == 1


def test_union_reach_of_several_trainers_counts_each_cadre_once(build):
    first, second = build.people(2)
    shared, *others = build.people(3)
    build.klass([first], [shared, others[0]], start=0, tot=False)
    build.klass([second], [shared, others[1]], start=5, tot=False)
    refresh()
    assert cascade.cascade_reach([first.pk, second.pk]).total == 3
    assert cascade.reach_counts([first.pk, second.pk]) == {first.pk: 2, second.pk: 2}


def test_areas_inherit_priority_flags_from_units_above(build, tree):
    island = unit_child(tree["ha_noi"], "X99", is_island=True)
    master = build.people(1)[0]
    mountain_people = build.people(2, unit=tree["commune"])
    island_people = build.people(1, unit=island)
    plain = build.people(1, unit=tree["commune_hn"])
    build.klass([master], [*mountain_people, *island_people, *plain], start=0)
    refresh()
    areas = cascade.cascade_areas([master.pk])
    assert areas.units == 3
    assert areas.cadres == 4
    assert areas.priority["is_mountain"] == (1, 2)
    assert areas.priority["is_island"] == (1, 1)
    assert areas.priority["is_border"] == (0, 0)
    assert [(unit.code, n) for unit, n in areas.provinces] == [("T01", 2), ("T68", 2)]


def _three_generations(build, scores):
    master, g1 = build.people(2)
    g2 = build.people(2)
    g3 = build.people(2)
    build.klass([master], [g1], start=0, days=3, scores=[scores[0]])
    build.klass([g1], g2, start=33, scores=[scores[1]] * 2)
    build.klass([g2[0]], g3, start=100, tot=False, scores=[scores[2]] * 2)
    refresh()
    return master


def test_generations_flag_a_drop_beyond_the_threshold(build):
    master = _three_generations(build, [95, 88, 75])
    rows = cascade.cascade_generations([master.pk])
    assert [g.number for g in rows] == [1, 2, 3]
    assert [g.mean_score for g in rows] == [Decimal("95.0"), Decimal("88.0"), Decimal("75.0")]
    assert [g.flagged for g in rows] == [False, False, True]
    assert rows[2].score_drop == Decimal("13.0")
    assert [g.lag_days for g in rows] == [None, 30, 65]
    assert [(g.classes, g.trainers, g.cadres) for g in rows] == [(1, 1, 1), (1, 1, 2), (1, 1, 2)]


def test_generation_threshold_is_configurable(build):
    master = _three_generations(build, [95, 88, 75])
    assert [g.flagged for g in cascade.cascade_generations([master.pk], threshold=5)] == [
        False,
        True,
        True,
    ]
    assert not any(g.flagged for g in cascade.cascade_generations([master.pk], threshold=25))


def test_pass_rate_uses_the_post_test_quizs_pass_mark(build):
    master = build.people(1)[0]
    learners = build.people(4)
    training_class = build.klass([master], learners, start=0, scores=[55, 65, 75, 95])
    refresh()
    assert cascade.cascade_generations([master.pk])[0].pass_rate == Decimal("50.0")
    training_class.post_test_quiz = make_quiz(pass_mark=60)
    training_class.save()
    assert cascade.cascade_generations([master.pk])[0].pass_rate == Decimal("75.0")


def test_a_pass_rate_drop_alone_is_flagged(build):
    master = _three_generations(build, [72, 70, 70])
    rows = cascade.cascade_generations([master.pk])
    assert rows[1].pass_drop == Decimal("0.0")
    assert not rows[1].flagged
    master_b = _three_generations(build, [75, 68, 68])
    rows = cascade.cascade_generations([master_b.pk])
    assert rows[1].score_drop == Decimal("7.0")
    assert rows[1].pass_drop == Decimal("100.0")
    assert rows[1].flagged


def test_tree_places_each_trainer_once_under_who_brought_them_in(build, organizer):
    master, left, right = build.people(3)
    build.klass([master], [left, right], start=0)
    build.klass([left], [right, *build.people(3)], start=20)
    build.klass([right], build.people(2), start=40, tot=False)
    refresh()
    root = cascade.cascade_tree(master, viewer=organizer)
    assert root.cadre == master
    assert [(n.cadre, n.generation) for n in root.children] == [(left, 1), (right, 1)]
    assert root.children[0].trainees == 4
    assert root.children[1].children == []
    assert (root.classes, root.trainees) == (1, 2)


def test_tree_hides_names_outside_the_viewers_scope(build, tree, other_organizer):
    master = build.people(1, unit=tree["commune_hn"])[0]
    ld_trainer = build.people(1)[0]
    build.klass([master], [ld_trainer], start=0, unit=tree["ha_noi"])
    build.klass([ld_trainer], build.people(2), start=20, tot=False)
    refresh()
    root = cascade.cascade_tree(master, viewer=other_organizer)
    assert root.cadre == master
    hidden = root.children[0]
    assert hidden.cadre is None
    assert hidden.unit == tree["lam_dong"]
    assert hidden.trainees == 2


def test_tree_limits_width_and_marks_deeper_branches(build, organizer):
    master = build.people(1)[0]
    trainers = build.people(4)
    build.klass([master], trainers, start=0)
    for n, trainer in enumerate(trainers):
        build.klass([trainer], build.people(5 - n), start=20)
    chain = trainers[0]
    for step in range(3):
        next_trainer = build.people(1)[0]
        build.klass([chain], [next_trainer], start=40 + step * 20)
        build.klass([next_trainer], build.people(1), start=50 + step * 20)
        chain = next_trainer
    refresh()
    root = cascade.cascade_tree(master, viewer=organizer, depth=2, width=2)
    assert len(root.children) == 2
    assert root.more == 2
    assert [n.trainees for n in root.children] == [6, 4]
    first = next(n for n in root.children if n.cadre == trainers[0])
    assert any(child.deeper for child in first.children)


def test_lead_trainers_are_the_tops_of_a_units_cascade_even_with_a_cycle(build, tree):
    master, trainee = build.people(2)
    build.klass([master], [trainee], start=0)
    build.klass([trainee], [master], start=20)
    build.klass([master], build.people(2), start=40, tot=False)
    outsider = build.people(1, unit=tree["commune_hn"])[0]
    build.klass([outsider], [master], start=-30)
    refresh()
    assert list(cascade.unit_lead_trainers(tree["lam_dong"])) == [master]
    assert list(cascade.unit_lead_trainers(tree["ha_noi"])) == [outsider]


def test_generation_classes_lists_one_generation(build):
    master, trainer = build.people(2)
    build.klass([master], [trainer], start=0)
    second = build.klass([trainer], build.people(3), start=20, tot=False, scores=[60, 70, 80])
    refresh()
    classes = list(cascade.generation_classes([master.pk], 2))
    assert classes == [second]
    assert (classes[0].participant_count, classes[0].mean_score) == (3, Decimal("70"))
    assert list(cascade.generation_classes([master.pk], 3)) == []


def test_page_is_allowed_to_scope_and_to_the_trainer_themself(
    build, cadre_hn, organizer, learner_hn, viewer
):
    assert not cascade.cascade_page_allowed(organizer, cadre_hn)
    assert cascade.cascade_page_allowed(learner_hn, cadre_hn)
    assert not cascade.cascade_page_allowed(learner_hn, build.people(1)[0])
    assert cascade.cascade_page_allowed(organizer, build.people(1)[0])
    assert cascade.cascade_page_allowed(viewer, build.people(1)[0])


def test_dedicated_count_follows_post_changes_without_a_refresh(build):
    master, learner = build.people(2)
    build.klass([master], [learner], start=0)
    refresh()
    assert cascade.cascade_reach([master.pk]).dedicated == 1
    post = learner.posts.get()
    post.end_date = post.start_date or day(10)
    post.save()
    assert cascade.cascade_reach([master.pk]).dedicated == 0
    post.delete()
    Post.objects.create(
        cadre=learner,
        unit=learner.unit,
        organisation=learner.unit.organisation,
        title="Phó Bí thư",
        kind=PostKind.DEDICATED,
    )
    assert cascade.cascade_reach([master.pk]).dedicated == 1
    assert cascade.cascade_reach([master.pk, learner.pk]).dedicated == 1
