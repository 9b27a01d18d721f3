"""Indicators (a)–(c): units applying IT, and the sums of what units declared."""

import datetime
import itertools

import pytest
from django.test import override_settings
from django.utils import timezone

from courses.models import TrainingClass
from indicators.computation import FIELDS, compute
from indicators.models import Declaration
from organizations.models import Cadre, Level
from tests.factories import CadreFactory, DeclarationFactory, make_course, unit_child

AS_OF = datetime.date(2025, 6, 30)
_codes = itertools.count(1)


def value(figures, unit, field, segment="all") -> int:
    values = figures.get((unit.id, segment))
    return values[FIELDS.index(field)] if values else 0


def a(figures, unit) -> tuple[int, int]:
    return value(figures, unit, "a_num"), value(figures, unit, "a_den")


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def course(db):
    return make_course("Điều phối tình nguyện", modules=1, lessons=1)


def hosted_class(course, unit, start: datetime.date) -> TrainingClass:
    return TrainingClass.objects.create(
        course=course,
        code=f"LOP-{next(_codes)}",
        title=f"Lớp {unit.code}",
        mode="in_person",
        level="province",
        host_unit=unit,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )


def cadre_touched(unit, when: datetime.datetime) -> Cadre:
    cadre = CadreFactory(unit=unit)
    Cadre.objects.filter(pk=cadre.pk).update(created_at=when, updated_at=when)
    return cadre


def declare(unit, when: datetime.datetime, **fields) -> Declaration:
    declaration = DeclarationFactory(unit=unit, year=fields.pop("year", when.year), **fields)
    Declaration.objects.filter(pk=declaration.pk).update(declared_at=when)
    return declaration


# --- (a) -----------------------------------------------------------------------------------


def test_a_denominator_counts_active_units_of_the_levels_not_branches(tree):
    unit_child(tree["commune"], "CD1", "Chi đoàn thôn 1", level=Level.BRANCH)
    unit_child(tree["lam_dong"], "X24099", "Đoàn xã đã giải thể", is_active=False)

    figures = compute(as_of=AS_OF)

    assert a(figures, tree["central"]) == (0, 5)
    assert a(figures, tree["lam_dong"]) == (0, 2)
    assert a(figures, tree["commune"]) == (0, 1)


@override_settings(INDICATOR_A_LEVELS=["province"])
def test_a_levels_are_a_setting(tree):
    assert a(compute(as_of=AS_OF), tree["central"]) == (0, 2)


def test_a_unit_hosting_a_class_in_the_window_applies_it(tree, course):
    hosted_class(course, tree["commune"], AS_OF - datetime.timedelta(days=300))
    hosted_class(course, tree["commune_hn"], AS_OF - datetime.timedelta(days=400))
    hosted_class(course, tree["ha_noi"], AS_OF + datetime.timedelta(days=1))

    figures = compute(as_of=AS_OF)

    assert a(figures, tree["commune"]) == (1, 1)
    assert a(figures, tree["lam_dong"]) == (1, 2)
    assert a(figures, tree["ha_noi"]) == (0, 2)
    assert a(figures, tree["central"]) == (1, 5)


def test_a_cadre_registered_or_a_post_begun_in_the_window_counts(tree):
    cadre_touched(tree["commune"], at(AS_OF - datetime.timedelta(days=30)))
    old = cadre_touched(tree["commune_hn"], at(datetime.date(2023, 1, 5)))

    assert a(compute(as_of=AS_OF), tree["central"]) == (1, 5)
    assert a(compute(as_of=AS_OF), tree["commune_hn"]) == (0, 1)

    old.posts.update(start_date=AS_OF - datetime.timedelta(days=10))
    assert a(compute(as_of=AS_OF), tree["commune_hn"]) == (1, 1)
    assert a(compute(as_of=AS_OF - datetime.timedelta(days=11)), tree["commune_hn"]) == (0, 1)


def test_a_past_date_does_not_change_when_a_cadre_is_edited_later(tree):
    cadre = cadre_touched(tree["commune"], at(AS_OF - datetime.timedelta(days=30)))
    before = a(compute(as_of=AS_OF), tree["commune"])

    Cadre.objects.filter(pk=cadre.pk).update(updated_at=at(AS_OF + datetime.timedelta(days=400)))

    assert before == (1, 1)
    assert a(compute(as_of=AS_OF), tree["commune"]) == before


def test_a_declared_applies_it_counts_for_its_year_and_until_the_next_declaration(tree):
    declare(tree["ha_noi"], at(datetime.date(2025, 2, 1)), applies_it=True)
    declare(tree["lam_dong"], at(datetime.date(2025, 2, 1)), applies_it=False)

    assert a(compute(as_of=AS_OF), tree["ha_noi"]) == (1, 2)
    assert a(compute(as_of=AS_OF), tree["lam_dong"]) == (0, 2)
    # early in the next year, until the unit declares for it, the last declaration holds
    assert a(compute(as_of=datetime.date(2026, 1, 1)), tree["ha_noi"]) == (1, 2)
    assert a(compute(as_of=datetime.date(2027, 1, 1)), tree["ha_noi"]) == (0, 2)


@override_settings(INDICATOR_A_WINDOW_DAYS=30)
def test_a_window_is_a_setting(tree, course):
    hosted_class(course, tree["commune"], AS_OF - datetime.timedelta(days=60))
    hosted_class(course, tree["commune_hn"], AS_OF - datetime.timedelta(days=29))

    figures = compute(as_of=AS_OF)

    assert a(figures, tree["commune"]) == (0, 1)
    assert a(figures, tree["commune_hn"]) == (1, 1)


@override_settings(INDICATOR_A_SIGNALS=["classes"])
def test_a_signals_are_a_setting(tree, course):
    cadre_touched(tree["commune"], at(AS_OF))
    declare(tree["lam_dong"], at(datetime.date(2025, 2, 1)), applies_it=True)
    hosted_class(course, tree["commune_hn"], AS_OF)

    figures = compute(as_of=AS_OF)

    assert a(figures, tree["lam_dong"]) == (0, 2)
    assert a(figures, tree["ha_noi"]) == (1, 2)


# --- (b), (c) ----------------------------------------------------------------------------


def test_b_and_c_sum_the_latest_declarations_of_the_subtree(tree):
    declare(tree["commune"], at(datetime.date(2025, 3, 1)), activities_held=10,
            activities_on_portal=4, campaigns=5, campaigns_with_models=2)  # fmt: skip
    declare(tree["lam_dong"], at(datetime.date(2025, 3, 2)), activities_held=20,
            activities_on_portal=15, campaigns=3, campaigns_with_models=3)  # fmt: skip
    declare(tree["commune_hn"], at(datetime.date(2025, 3, 3)), activities_held=7,
            activities_on_portal=7, campaigns=2, campaigns_with_models=0)  # fmt: skip

    figures = compute(as_of=AS_OF)

    lam_dong = tree["lam_dong"]
    assert [value(figures, lam_dong, f) for f in ("b_num", "b_den", "c_num", "c_den")] == [
        19, 30, 5, 8
    ]  # fmt: skip
    assert value(figures, lam_dong, "declared_units") == 2
    assert value(figures, tree["central"], "b_num") == 26
    assert value(figures, tree["central"], "b_den") == 37
    assert value(figures, tree["central"], "declared_units") == 3
    assert value(figures, tree["commune"], "declared_units") == 1


def test_the_latest_declaration_of_the_year_counts_even_when_made_late(tree):
    commune = tree["commune"]
    declare(commune, at(datetime.date(2025, 3, 1)), activities_held=10, activities_on_portal=2)
    declare(commune, at(datetime.date(2026, 1, 20)), year=2025, activities_held=12,
            activities_on_portal=9)  # fmt: skip

    mid_year = compute(as_of=datetime.date(2025, 4, 1))
    year_end = compute(as_of=datetime.date(2025, 12, 31))

    assert (value(mid_year, commune, "b_num"), value(mid_year, commune, "b_den")) == (9, 12)
    assert (value(year_end, commune, "b_num"), value(year_end, commune, "b_den")) == (9, 12)
    assert value(year_end, tree["central"], "declared_units") == 1


def test_declarations_older_than_the_year_before_do_not_count(tree):
    declare(tree["commune"], at(datetime.date(2023, 3, 1)), year=2023)

    figures = compute(as_of=AS_OF)

    assert value(figures, tree["commune"], "b_den") == 0
    assert value(figures, tree["commune"], "declared_units") == 0


def test_a_new_year_without_declarations_uses_the_year_before(tree):
    declare(tree["commune"], at(datetime.date(2024, 12, 1)), year=2024, activities_held=10,
            activities_on_portal=7)  # fmt: skip
    declare(tree["ha_noi"], at(datetime.date(2024, 12, 1)), year=2024)
    declare(tree["ha_noi"], at(datetime.date(2025, 2, 1)), year=2025, activities_held=4,
            activities_on_portal=1)  # fmt: skip

    figures = compute(as_of=datetime.date(2025, 3, 31))

    assert (value(figures, tree["commune"], "b_num"), value(figures, tree["commune"], "b_den")) == (
        7,
        10,
    )
    assert (value(figures, tree["ha_noi"], "b_num"), value(figures, tree["ha_noi"], "b_den")) == (
        1,
        4,
    )
