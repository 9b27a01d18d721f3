"""Ratings and gradings racing on PostgreSQL: one rating row, one standing per competency."""

import pytest

from assessments.models import CompetencyStanding, RubricRating
from assessments.selectors.competencies import subtree_gaps
from assessments.services.competencies import competency_standing_refresh, rubric_rate
from tests.concurrency import race
from tests.factories import make_competency

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_doubled_self_rating_makes_one_row(learner, cadre_ld):
    competency = make_competency(required={"grassroots": 2})

    outcomes = race(
        lambda: rubric_rate(
            actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=3, note="Ổn"
        ),
        catch=Exception,
    )

    assert RubricRating.objects.count() == 1
    assert {o.pk for o in outcomes} == {RubricRating.objects.get().pk}
    assert CompetencyStanding.objects.get().self_level == 3


def test_racing_refreshes_keep_one_standing(learner, cadre_ld):
    competency = make_competency(required={"grassroots": 2})
    RubricRating.objects.create(cadre=cadre_ld, competency=competency, kind="self", level=2)

    outcomes = race(lambda: competency_standing_refresh(cadre_id=cadre_ld.pk), catch=Exception)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert CompetencyStanding.objects.filter(cadre=cadre_ld).count() == 1


def test_subtree_aggregates_run_on_postgresql(tree, organizer, cadre_ld, cadre_hn):
    competency = make_competency(required={"grassroots": 2})
    RubricRating.objects.create(cadre=cadre_ld, competency=competency, kind="assessor", level=1)
    competency_standing_refresh(cadre_id=cadre_ld.pk)

    row = subtree_gaps(user=organizer, unit=tree["lam_dong"]).rows[0]

    assert (row.counted, row.evidence, row.meeting, row.with_gap) == (1, 1, 0, 1)
    assert row.average_gap == 1
