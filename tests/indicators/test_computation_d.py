"""Indicator (d): dedicated cadres in charge of volunteer work, and those of them trained."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from indicators.computation import FIELDS, compute
from organizations.models import Level, Organisation, PostKind
from tests.factories import (
    CadreFactory,
    DeclarationFactory,
    make_certificate,
    make_post,
    unit_child,
)

D_NUM, D_DEN = FIELDS.index("d_num"), FIELDS.index("d_den")
JAN_2024 = datetime.date(2024, 1, 1)
JAN_2025 = datetime.date(2025, 1, 1)


def d(figures, unit, segment="all") -> tuple[int, int]:
    values = figures.get((unit.id, segment))
    return (values[D_NUM], values[D_DEN]) if values else (0, 0)


def today() -> datetime.date:
    return timezone.localdate()


def moved_cadre(unit_a, unit_b, *, left_on, joined_on):
    """A cadre whose post in `unit_a` ended on `left_on` and whose post in `unit_b` began on
    `joined_on`; no other post."""
    cadre = CadreFactory(unit=unit_b)
    cadre.posts.all().delete()
    make_post(
        cadre, unit_a, is_primary=True, start_date=datetime.date(2022, 1, 1), end_date=left_on
    )
    make_post(cadre, unit_b, is_primary=True, start_date=joined_on)
    return cadre


def test_trained_dedicated_cadre_counts_in_numerator_and_denominator_up_the_tree(tree, cadre_ld):
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2024, 5, 1))

    figures = compute(as_of=today())

    for unit in (tree["commune"], tree["lam_dong"], tree["central"]):
        assert d(figures, unit) == (1, 1)
    assert d(figures, tree["ha_noi"]) == (0, 0)


def test_untrained_dedicated_cadre_counts_only_in_the_denominator(tree, cadre_ld):
    assert d(compute(as_of=today()), tree["lam_dong"]) == (0, 1)


def test_part_time_or_not_in_charge_cadres_do_not_count(tree):
    part_time = CadreFactory(unit=tree["commune"], post__kind=PostKind.PART_TIME)
    not_in_charge = CadreFactory(unit=tree["commune"], post__volunteer=False)
    for cadre in (part_time, not_in_charge):
        make_certificate(cadre, "class")

    assert d(compute(as_of=today()), tree["central"]) == (0, 0)


def test_cadre_with_posts_in_two_units_counts_once_in_the_common_parent(tree, cadre_ld):
    other_commune = unit_child(
        tree["lam_dong"], "X24001", "Hội LHTN xã Quảng Tín", organisation=Organisation.HOI_LHTN
    )
    make_post(cadre_ld, other_commune)
    make_certificate(cadre_ld, "course")

    figures = compute(as_of=today())

    assert d(figures, tree["lam_dong"]) == (1, 1)
    assert d(figures, tree["central"]) == (1, 1)
    assert d(figures, tree["commune"]) == (1, 1), "counted at the unit of the primary post"
    assert d(figures, other_commune) == (0, 0)
    assert d(figures, tree["central"], Organisation.DOAN) == (1, 1)
    assert d(figures, tree["central"], Organisation.HOI_LHTN) == (0, 0)


def test_cadre_with_posts_in_two_provinces_counts_once_overall(tree, cadre_ld):
    make_post(cadre_ld, tree["commune_hn"], organisation=Organisation.HOI_SV)
    make_certificate(cadre_ld, "class")

    figures = compute(as_of=today())

    assert d(figures, tree["central"]) == (1, 1)
    assert d(figures, tree["lam_dong"]) == (1, 1)
    assert d(figures, tree["ha_noi"]) == (0, 0)
    assert d(figures, tree["central"], Organisation.HOI_SV) == (0, 0)


def test_when_the_primary_post_does_not_qualify_the_other_post_counts(tree, cadre_ld):
    cadre_ld.posts.update(kind=PostKind.PART_TIME)
    make_post(cadre_ld, tree["commune_hn"], organisation=Organisation.HOI_SV)

    figures = compute(as_of=today())

    assert d(figures, tree["lam_dong"]) == (0, 0)
    assert d(figures, tree["ha_noi"]) == (0, 1)
    assert d(figures, tree["central"], Organisation.HOI_SV) == (0, 1)


def test_revoked_certificate_never_counts(tree, cadre_ld):
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2024, 5, 1), status="revoked")

    assert d(compute(as_of=today()), tree["commune"]) == (0, 1)
    assert d(compute(as_of=datetime.date(2024, 6, 1)), tree["commune"]) == (0, 1)


def test_expired_trainer_certificate_counts_only_inside_its_validity(tree, cadre_ld):
    make_certificate(
        cadre_ld,
        "trainer",
        issued_on=datetime.date(2021, 3, 1),
        valid_until=datetime.date(2024, 3, 1),
    )

    assert d(compute(as_of=today()), tree["commune"]) == (0, 1)
    assert d(compute(as_of=datetime.date(2023, 6, 30)), tree["commune"]) == (1, 1)
    assert d(compute(as_of=datetime.date(2024, 3, 1)), tree["commune"]) == (1, 1)
    assert d(compute(as_of=datetime.date(2024, 3, 2)), tree["commune"]) == (0, 1)


def test_certificate_issued_after_the_reference_date_does_not_count(tree, cadre_ld):
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2025, 3, 1))

    assert d(compute(as_of=datetime.date(2025, 2, 28)), tree["commune"]) == (0, 1)
    assert d(compute(as_of=datetime.date(2025, 3, 1)), tree["commune"]) == (1, 1)


def test_cadre_who_moved_counts_where_the_post_was_on_the_date(tree):
    cadre = moved_cadre(
        tree["commune"],
        tree["commune_hn"],
        left_on=datetime.date(2024, 6, 30),
        joined_on=datetime.date(2024, 7, 1),
    )
    make_certificate(cadre, "class", issued_on=datetime.date(2023, 1, 1))

    before = compute(as_of=JAN_2024)
    after = compute(as_of=JAN_2025)

    assert d(before, tree["commune"]) == (1, 1)
    assert d(before, tree["commune_hn"]) == (0, 0)
    assert d(after, tree["commune"]) == (0, 0)
    assert d(after, tree["commune_hn"]) == (1, 1)
    assert d(before, tree["central"]) == d(after, tree["central"]) == (1, 1)


def test_post_ended_before_the_reference_date_does_not_count(tree, cadre_ld):
    cadre_ld.posts.update(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2024, 6, 30))

    assert d(compute(as_of=datetime.date(2024, 6, 30)), tree["commune"]) == (0, 1)
    assert d(compute(as_of=datetime.date(2024, 7, 1)), tree["commune"]) == (0, 0)
    assert d(compute(as_of=datetime.date(2022, 12, 31)), tree["commune"]) == (0, 0)


@override_settings(INDICATOR_D_CERTIFICATE_KINDS=["trainer"])
def test_qualifying_certificate_kinds_are_a_setting(tree, cadre_ld, cadre_hn):
    make_certificate(cadre_ld, "course")
    make_certificate(cadre_hn, "trainer")

    figures = compute(as_of=today())

    assert d(figures, tree["commune"]) == (0, 1)
    assert d(figures, tree["commune_hn"]) == (1, 1)


def test_organisation_segment_follows_the_post(tree):
    student = CadreFactory(unit=tree["commune_hn"])
    student.posts.update(organisation=Organisation.HOI_SV)
    make_certificate(student, "class")

    figures = compute(as_of=today())

    assert d(figures, tree["central"], Organisation.HOI_SV) == (1, 1)
    assert d(figures, tree["ha_noi"], Organisation.HOI_SV) == (1, 1)
    assert d(figures, tree["central"], Organisation.DOAN) == (0, 0)


def test_area_segments_follow_own_and_inherited_flags(tree, cadre_ld, cadre_hn):
    border = unit_child(tree["ha_noi"], "X00071", "Đoàn xã Biên Cương", is_border=True)
    CadreFactory(unit=border)
    make_certificate(cadre_ld, "class")

    figures = compute(as_of=today())

    assert d(figures, tree["commune"], "mountain") == (1, 1), "inherited from Lâm Đồng"
    assert d(figures, tree["central"], "mountain") == (1, 1)
    assert d(figures, tree["central"], "border") == (0, 1)
    assert d(figures, tree["ha_noi"], "border") == (0, 1)
    assert d(figures, tree["ha_noi"], "mountain") == (0, 0)
    assert d(figures, tree["central"]) == (1, 3)


def test_subtree_compute_matches_the_whole_tree(tree, cadre_ld, cadre_hn):
    district = unit_child(tree["lam_dong"], "H2401", "Huyện Đoàn Đắk Mil", level=Level.DISTRICT)
    grassroots = unit_child(district, "X24010", "Đoàn xã Đức Mạnh", is_ethnic_minority_area=True)
    for unit in (district, grassroots, tree["commune"]):
        cadre = CadreFactory(unit=unit)
        make_certificate(cadre, "class")
    make_post(cadre_hn, grassroots, organisation=Organisation.HOI_LHTN)
    CadreFactory(unit=grassroots, post__kind=PostKind.PART_TIME)
    DeclarationFactory(unit=grassroots, applies_it=True)
    root = tree["lam_dong"]
    depths = {root.depth, root.depth + 1}

    whole = compute(as_of=today())
    part = compute(as_of=today(), root=root, depths=depths)

    expected = {
        key: values
        for key, values in whole.items()
        if key[0] in {root.id, district.id, tree["commune"].id}
    }
    assert part == expected
    assert d(part, root) == (3, 4)
    assert part[(root.id, "ethnic")][FIELDS.index("b_den")] == 10


def test_subtree_compute_keeps_area_flags_inherited_from_above_the_root(tree, cadre_ld):
    part = compute(as_of=today(), root=tree["commune"])

    assert d(part, tree["commune"], "mountain") == (0, 1)
    assert set(part) == {(tree["commune"].id, s) for s in ("all", "doan", "mountain")}


@pytest.mark.parametrize("as_of", [JAN_2024, datetime.date(2026, 1, 1)])
def test_post_starting_after_the_reference_date_does_not_count(tree, cadre_ld, as_of):
    cadre_ld.posts.update(start_date=datetime.date(2026, 6, 1))

    assert d(compute(as_of=as_of), tree["commune"]) == (0, 0)


def test_a_replaced_certificate_counts_only_until_its_replacement_was_issued(tree, cadre_ld):
    old = make_certificate(cadre_ld, "class", issued_on=JAN_2024, status="replaced",
                           is_current=False)  # fmt: skip
    make_certificate(
        cadre_ld,
        "class",
        issued_on=JAN_2025,
        replaces=old,
        achievement=old.achievement,
        status="revoked",
    )

    assert d(compute(as_of=datetime.date(2024, 6, 1)), tree["commune"]) == (1, 1)
    # the replacement was revoked: from its issue date nobody's certificate covers the cadre
    assert d(compute(as_of=datetime.date(2025, 6, 1)), tree["commune"]) == (0, 1)


def test_a_move_through_the_cadre_service_keeps_past_figures_where_they_were(
    tree, organizer, cadre_ld
):
    from organizations.services import cadre_update

    cadre_ld.posts.update(start_date=JAN_2024)
    make_certificate(cadre_ld, "class", issued_on=JAN_2024)
    before = d(compute(as_of=datetime.date(2025, 6, 1)), tree["commune"])

    cadre_update(actor=organizer, cadre=cadre_ld, unit=tree["lam_dong"])

    assert before == (1, 1)
    assert d(compute(as_of=datetime.date(2025, 6, 1)), tree["commune"]) == (1, 1)
    now = compute(as_of=today())
    assert d(now, tree["commune"]) == (0, 0)
    assert d(now, tree["lam_dong"]) == (1, 1)


def test_a_cadre_registered_today_is_not_in_past_denominators(tree, organizer):
    from organizations.services import cadre_create

    cadre_create(
        actor=organizer,
        unit=tree["commune"],
        full_name="Lê Văn Mới",
        gender="male",
        title="Bí thư",
        kind=PostKind.DEDICATED,
        in_charge_of_volunteer_work=True,
    )

    assert d(compute(as_of=today()), tree["commune"]) == (0, 1)
    assert d(compute(as_of=today() - datetime.timedelta(days=1)), tree["commune"]) == (0, 0)
