"""What units declare for (a)–(c), and the targets a province may raise."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from indicators.models import Declaration, Target
from indicators.services import (
    declaration_submit,
    snapshot_live,
    snapshots_refresh_stale,
    target_set,
    targets_effective,
)
from organizations.models import Role
from tests.factories import TargetFactory, UserFactory, grant

GOOD = {
    "activities_held": 12,
    "activities_on_portal": 8,
    "campaigns": 5,
    "campaigns_with_models": 4,
}


def submit(actor, unit, request_key="kk-1", **changes):
    fields = {"year": 2025, **GOOD, **changes}
    return declaration_submit(actor=actor, unit=unit, request_key=request_key, **fields)


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


@pytest.fixture
def central_organizer(tree):
    user = UserFactory(email="tochuc.trunguong@example.vn")
    grant(user, Role.ORGANIZER, tree["central"])
    return user


# --- Declarations --------------------------------------------------------------------------


def test_declaration_records_who_declared_what(tree, organizer):
    declaration = submit(organizer, tree["commune"], applies_it=True, note="  Quý I  ")

    stored = Declaration.objects.get()
    assert stored.pk == declaration.pk
    assert stored.declared_by == organizer
    assert stored.unit == tree["commune"]
    assert (stored.activities_held, stored.activities_on_portal) == (12, 8)
    assert stored.applies_it is True
    assert stored.note == "Quý I"


def test_declaration_is_written_once_for_a_doubled_request(tree, organizer):
    first = submit(organizer, tree["commune"], request_key="kk-double")
    second = submit(organizer, tree["commune"], request_key="kk-double", activities_held=99)

    assert first.pk == second.pk
    assert Declaration.objects.count() == 1
    assert Declaration.objects.get().activities_held == 12


def test_declaration_refreshes_the_live_figures_after_commit(
    tree, organizer, django_capture_on_commit_callbacks
):
    snapshots_refresh_stale(live_only=True)
    before = snapshot_live().generation

    with django_capture_on_commit_callbacks(execute=True):
        submit(organizer, tree["commune"])

    live = snapshot_live()
    assert live.generation == before + 1
    assert not live.stale


def test_a_new_declaration_for_the_same_year_adds_a_row(tree, organizer):
    submit(organizer, tree["commune"], request_key="kk-a")
    submit(organizer, tree["commune"], request_key="kk-b", activities_held=20)

    assert Declaration.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"activities_held": -1}, "activities_held", "không được âm"),
        ({"campaigns": "ba"}, "campaigns", "phải là số nguyên không âm"),
        ({"activities_on_portal": "2.5"}, "activities_on_portal", "phải là số nguyên"),
        ({"activities_on_portal": 13}, "activities_on_portal", "không thể lớn hơn"),
        ({"campaigns_with_models": 6}, "campaigns_with_models", "không thể lớn hơn"),
        ({"year": 2021}, "year", "Năm kê khai phải từ 2022"),
        ({"year": timezone.localdate().year + 1}, "year", "Năm kê khai phải từ 2022"),
        ({"year": "năm nay"}, "year", "Năm kê khai phải từ 2022"),
    ],
)
def test_bad_declaration_is_refused_in_vietnamese_and_writes_nothing(
    tree, organizer, changes, field, text
):
    with pytest.raises(ValidationError) as caught:
        submit(organizer, tree["commune"], **changes)

    assert text in messages(caught.value, field)
    assert not Declaration.objects.exists()


def test_a_bad_total_does_not_blame_the_part(tree, organizer):
    """Only the wrong field is named: a part is not 'larger than' a total that is invalid."""
    with pytest.raises(ValidationError) as caught:
        submit(organizer, tree["commune"], activities_held="mười", campaigns=-2)

    assert set(caught.value.message_dict) == {"activities_held", "campaigns"}


def test_organizer_of_another_province_cannot_declare(tree, other_organizer):
    with pytest.raises(PermissionDenied):
        submit(other_organizer, tree["commune"])
    assert not Declaration.objects.exists()


def test_programme_viewer_cannot_declare(tree, viewer):
    with pytest.raises(PermissionDenied):
        submit(viewer, tree["commune"])
    assert not Declaration.objects.exists()


def test_doubled_request_key_does_not_bypass_permissions(tree, organizer, other_organizer):
    submit(organizer, tree["commune"], request_key="kk-shared")

    with pytest.raises(PermissionDenied):
        submit(other_organizer, tree["commune"], request_key="kk-shared")


# --- Targets ----------------------------------------------------------------------------------


def test_province_organizer_can_raise_a_target(tree, organizer):
    target = target_set(
        actor=organizer, unit=tree["lam_dong"], indicator="d", year=2025, percent="85,5"
    )

    assert target.percent == Decimal("85.5")
    assert target.set_by == organizer
    assert targets_effective(tree["commune"])["d"][2025] == Decimal("85.5")
    assert targets_effective(tree["commune_hn"])["d"][2025] == Decimal(80)


def test_target_below_the_decision_is_refused_in_vietnamese(tree, organizer):
    with pytest.raises(ValidationError) as caught:
        target_set(actor=organizer, unit=tree["lam_dong"], indicator="d", year=2025, percent=70)

    assert messages(caught.value, "percent") == (
        "Chỉ tiêu của đơn vị không được thấp hơn chỉ tiêu cấp trên (80%)."
    )
    assert not Target.objects.exists()


def test_target_below_the_parents_raised_target_is_refused(tree, organizer, central_organizer):
    target_set(actor=central_organizer, unit=tree["central"], indicator="a", year=2030, percent=90)

    with pytest.raises(ValidationError) as caught:
        target_set(actor=organizer, unit=tree["lam_dong"], indicator="a", year=2030, percent=85)

    assert "(90%)" in messages(caught.value, "percent")
    assert Target.objects.filter(unit=tree["lam_dong"]).count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"percent": "nhiều"}, "percent"),
        ({"percent": 120}, "percent"),
        ({"percent": "NaN"}, "percent"),
        ({"year": 2027}, "year"),
        ({"indicator": "e"}, "indicator"),
    ],
)
def test_bad_target_is_refused_and_writes_nothing(tree, organizer, changes, field):
    fields = {"indicator": "d", "year": 2025, "percent": 90, **changes}

    with pytest.raises(ValidationError) as caught:
        target_set(actor=organizer, unit=tree["lam_dong"], **fields)

    assert caught.value.message_dict[field]
    assert not Target.objects.exists()


def test_target_out_of_range_names_the_range(tree, organizer):
    with pytest.raises(ValidationError) as caught:
        target_set(actor=organizer, unit=tree["lam_dong"], indicator="d", year=2025, percent=120)

    assert messages(caught.value, "percent") == "Chỉ tiêu phải từ 0 đến 100% (đang là 120)."


def test_grassroots_units_cannot_set_targets(tree, organizer):
    with pytest.raises(ValidationError) as caught:
        target_set(actor=organizer, unit=tree["commune"], indicator="d", year=2025, percent=90)

    assert "Chỉ Trung ương và cấp tỉnh" in messages(caught.value, "unit")
    assert not Target.objects.exists()


def test_organizer_cannot_set_another_provinces_target(tree, other_organizer, viewer):
    for actor in (other_organizer, viewer):
        with pytest.raises(PermissionDenied):
            target_set(actor=actor, unit=tree["lam_dong"], indicator="d", year=2025, percent=90)
    assert not Target.objects.exists()


def test_setting_a_target_again_updates_the_row(tree, organizer):
    target_set(actor=organizer, unit=tree["lam_dong"], indicator="b", year=2025, percent=75)
    target_set(actor=organizer, unit=tree["lam_dong"], indicator="b", year=2025, percent=65)

    assert Target.objects.get().percent == Decimal(65)


def test_targets_effective_takes_the_highest_along_the_path(tree):
    TargetFactory(unit=tree["central"], indicator="c", year=2025, percent=85)
    TargetFactory(unit=tree["lam_dong"], indicator="c", year=2025, percent=82)
    TargetFactory(unit=tree["lam_dong"], indicator="c", year=2030, percent=100)
    TargetFactory(unit=tree["ha_noi"], indicator="c", year=2025, percent=95)

    effective = targets_effective(tree["commune"])

    assert effective["c"] == {2025: Decimal(85), 2030: Decimal(100)}
    assert effective["d"] == {2025: Decimal(80), 2030: Decimal(100)}
    assert targets_effective(tree["commune_hn"])["c"][2025] == Decimal(95)
    assert targets_effective(tree["central"])["c"][2025] == Decimal(85)


def test_declaration_count_too_large_is_refused_and_writes_nothing(tree, organizer):
    with pytest.raises(ValidationError) as excinfo:
        declaration_submit(
            actor=organizer,
            unit=tree["commune"],
            year=2026,
            activities_held=999_999_999_999,
            activities_on_portal=1,
            campaigns=1,
            campaigns_with_models=1,
            request_key="qua-lon",
        )
    assert "quá lớn" in excinfo.value.message_dict["activities_held"][0]
    assert not Declaration.objects.filter(request_key="qua-lon").exists()
