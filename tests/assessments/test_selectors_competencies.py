"""A cadre's profile against their level's requirements; subtree gaps as SQL aggregates."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import LevelDescriptor, RubricRating
from assessments.selectors.competencies import cadre_profile, cadres_with_gaps, subtree_gaps
from assessments.services.competencies import competency_standing_refresh
from organizations.models import Level
from tests.factories import CadreFactory, UserFactory, make_competency, unit_child


@pytest.fixture
def planning(db):
    competency = make_competency(code="KH", required={"grassroots": 2, "province": 3})
    for level in (1, 2, 3, 4):
        LevelDescriptor.objects.create(
            competency=competency, level=level, description=f"Biểu hiện mức {level}"
        )
    return competency


@pytest.fixture
def mobilising(db):
    return make_competency(code="VD", name="Vận động thanh niên", required={"province": 2})


def assess(cadre, competency, level, kind="assessor", by=None):
    """A rating written straight to the history, then folded in."""
    RubricRating.objects.create(
        cadre=cadre, competency=competency, kind=kind, level=level, rated_by=by
    )
    competency_standing_refresh(cadre_id=cadre.pk)


# --- One cadre ----------------------------------------------------------------------------


def test_commune_and_provincial_cadres_are_held_to_their_own_levels(tree, planning):
    commune_cadre = CadreFactory(unit=tree["commune"])
    provincial_cadre = CadreFactory(unit=tree["lam_dong"])
    assess(commune_cadre, planning, 2)
    assess(provincial_cadre, planning, 2)

    commune_row = cadre_profile(cadre=commune_cadre).rows[0]
    provincial_row = cadre_profile(cadre=provincial_cadre).rows[0]

    assert (commune_row.required, commune_row.achieved, commune_row.gap) == (2, 2, 0)
    assert commune_row.met is True
    assert (provincial_row.required, provincial_row.achieved, provincial_row.gap) == (3, 2, 1)
    assert provincial_row.met is False
    assert provincial_row.required_descriptor == "Biểu hiện mức 3"
    assert provincial_row.achieved_descriptor == "Biểu hiện mức 2"


def test_no_evidence_and_no_requirement_are_told_apart(cadre_ld, planning, mobilising):
    profile = cadre_profile(cadre=cadre_ld)

    by_code = {row.competency.code: row for row in profile.rows}
    assert by_code["KH"].gap is None and by_code["KH"].met is False
    assert by_code["KH"].gap_label == "chưa có minh chứng"
    assert by_code["VD"].required is None and by_code["VD"].met is None
    assert (profile.required_count, profile.met_count, profile.no_evidence_count) == (1, 0, 1)


def test_profile_shows_latest_ratings_with_who_and_quiz_evidence(tree, cadre_ld, planning):
    trainer = UserFactory(full_name="Phạm Giảng Viên")
    assess(cadre_ld, planning, 4, kind="self")
    assess(cadre_ld, planning, 1, by=trainer)
    assess(cadre_ld, planning, 3, by=trainer)

    row = cadre_profile(cadre=cadre_ld).rows[0]

    assert row.self_rating.level == 4
    assert row.assessor_rating.level == 3
    assert row.assessor_rating.rated_by.full_name == "Phạm Giảng Viên"
    assert row.achieved == 3 and row.has_quiz_evidence is False


def test_inactive_competencies_leave_the_profile(cadre_ld, planning, mobilising):
    mobilising.is_active = False
    mobilising.save()

    assert [row.competency.code for row in cadre_profile(cadre=cadre_ld).rows] == ["KH"]


def test_profile_takes_a_few_queries(cadre_ld, planning, mobilising, django_assert_max_num_queries):
    assess(cadre_ld, planning, 2)
    assess(cadre_ld, mobilising, 3, kind="self")
    cadre = type(cadre_ld).objects.select_related("unit").get(pk=cadre_ld.pk)

    with django_assert_max_num_queries(4):
        profile = cadre_profile(cadre=cadre)
        [(r.descriptors, r.self_rating, r.assessor_rating) for r in profile.rows]


# --- A subtree ----------------------------------------------------------------------------


@pytest.fixture
def second_commune(tree):
    return unit_child(tree["lam_dong"], "X24010", "Đoàn xã Đạ Tẻh")


@pytest.fixture
def lam_dong_cadres(tree, second_commune, planning):
    """Province: 2 cadres (need 3); commune: 3 (need 2); second commune: 2 (need 2)."""
    province = [CadreFactory(unit=tree["lam_dong"]) for _ in range(2)]
    commune = [CadreFactory(unit=tree["commune"]) for _ in range(3)]
    other = [CadreFactory(unit=second_commune) for _ in range(2)]
    assess(province[0], planning, 3)  # meets
    assess(province[1], planning, 1)  # gap 2
    assess(commune[0], planning, 2)  # meets
    assess(commune[1], planning, 1)  # gap 1
    assess(commune[2], planning, 4, kind="self")  # self only: no evidence
    assess(other[0], planning, 4)  # meets
    return {"province": province, "commune": commune, "other": other}


def test_subtree_aggregates_are_exact(tree, organizer, planning, lam_dong_cadres, cadre_hn):
    assess(cadre_hn, planning, 1)

    gaps = subtree_gaps(user=organizer, unit=tree["lam_dong"])

    row = gaps.rows[0]
    assert row.competency == planning
    assert (row.counted, row.evidence, row.meeting, row.with_gap, row.no_evidence) == (
        7,
        5,
        3,
        2,
        2,
    )
    assert str(row.average_gap) == "0.6"  # (2 + 1) / 5
    branches = {b.unit.code: b for b in row.branches}
    assert (branches["T68"].own, branches["T68"].counted, branches["T68"].meeting) == (True, 2, 1)
    assert (branches["X24000"].counted, branches["X24000"].meeting) == (3, 1)
    assert branches["X24000"].share_meeting == 33
    assert (branches["X24010"].counted, branches["X24010"].evidence) == (2, 1)
    assert branches["X24010"].share_meeting == 50


def test_cadres_of_levels_without_requirement_are_not_counted(tree, organizer, mobilising):
    CadreFactory(unit=tree["commune"])
    CadreFactory(unit=tree["lam_dong"])

    row = subtree_gaps(user=organizer, unit=tree["lam_dong"]).rows[0]

    assert row.counted == 1  # only the provincial cadre: communes need nothing here
    assert row.average_gap is None


def test_subtree_of_a_commune_counts_only_its_cadres(tree, viewer, planning, lam_dong_cadres):
    row = subtree_gaps(user=viewer, unit=tree["commune"]).rows[0]

    assert (row.counted, row.evidence, row.meeting) == (3, 2, 1)
    assert [b.unit.code for b in row.branches] == ["X24000"]


def test_subtree_gaps_refuse_another_province(tree, other_organizer, planning):
    with pytest.raises(PermissionDenied):
        subtree_gaps(user=other_organizer, unit=tree["lam_dong"])
    with pytest.raises(PermissionDenied):
        cadres_with_gaps(user=other_organizer, unit=tree["lam_dong"])


def _query_count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_subtree_query_count_does_not_grow_with_cadres(tree, organizer, planning, mobilising):
    def run():
        organizer_fresh = type(organizer).objects.get(pk=organizer.pk)
        gaps = subtree_gaps(user=organizer_fresh, unit=tree["lam_dong"])
        [(b.unit.name, b.share_meeting) for r in gaps.rows for b in r.branches]

    CadreFactory(unit=tree["commune"])
    few = _query_count(run)
    for _ in range(12):
        assess(CadreFactory(unit=tree["commune"]), planning, 2)
        assess(CadreFactory(unit=tree["lam_dong"]), mobilising, 1)
    unit_child(tree["lam_dong"], "X24020", "Đoàn xã Di Linh", level=Level.GRASSROOTS)

    assert _query_count(run) == few


def test_cadres_with_gaps_on_one_competency(tree, organizer, planning, lam_dong_cadres):
    cadres = cadres_with_gaps(user=organizer, unit=tree["lam_dong"], competency=planning)

    expected = {
        lam_dong_cadres["province"][1].pk,
        lam_dong_cadres["commune"][1].pk,
        lam_dong_cadres["commune"][2].pk,
        lam_dong_cadres["other"][1].pk,
    }
    assert {c.pk for c in cadres} == expected
    gap_of = {c.pk: (c.required, c.achieved) for c in cadres}
    assert gap_of[lam_dong_cadres["province"][1].pk] == (3, 1)


def test_cadres_with_any_gap_count_their_gaps(tree, organizer, planning, mobilising):
    provincial = CadreFactory(unit=tree["lam_dong"])
    assess(provincial, planning, 3)
    ready = CadreFactory(unit=tree["lam_dong"])
    assess(ready, planning, 3)
    assess(ready, mobilising, 2)
    behind = CadreFactory(unit=tree["lam_dong"])

    cadres = {c.pk: c.gaps for c in cadres_with_gaps(user=organizer, unit=tree["lam_dong"])}

    assert cadres == {provincial.pk: 1, behind.pk: 2}
