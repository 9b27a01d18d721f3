"""The planned path, the status of a figure against it, and the quarter-ends of the trend."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from indicators import rules
from indicators.rules import Status

TARGETS = {2025: Decimal(80), 2030: Decimal(100)}
MID_2024 = datetime.date(2024, 6, 15)


def test_expected_is_zero_at_the_programme_start_and_before():
    assert rules.expected(TARGETS, rules.PROGRAMME_START) == 0.0
    assert rules.expected(TARGETS, datetime.date(2022, 1, 1)) == 0.0


def test_expected_reaches_each_milestone_target_at_its_year_end():
    assert rules.expected(TARGETS, datetime.date(2025, 12, 31)) == 80.0
    assert rules.expected(TARGETS, datetime.date(2030, 12, 31)) == 100.0
    assert rules.expected(TARGETS, datetime.date(2032, 6, 1)) == 100.0


def test_expected_is_a_straight_line_between_the_points():
    start, end = rules.PROGRAMME_START, datetime.date(2025, 12, 31)
    middle = start + (end - start) / 2
    assert rules.expected(TARGETS, middle) == pytest.approx(40.0, abs=0.1)

    second_middle = datetime.date(2028, 7, 1)  # about half-way from 2025 to 2030
    assert rules.expected(TARGETS, second_middle) == pytest.approx(90.0, abs=0.2)


def test_expected_follows_raised_targets():
    raised = {2025: Decimal(90), 2030: Decimal(100)}
    assert rules.expected(raised, datetime.date(2025, 12, 31)) == 90.0
    assert rules.expected(raised, MID_2024) > rules.expected(TARGETS, MID_2024)


def test_judge_on_track_at_or_above_the_path():
    planned = rules.expected(TARGETS, MID_2024)
    judgement = rules.judge(value=planned, year_ago=None, targets=TARGETS, as_of=MID_2024)

    assert judgement.status == Status.ON_TRACK
    assert judgement.milestone == 2025
    assert judgement.target == Decimal(80)
    assert judgement.expected == planned


def test_judge_at_risk_within_the_margin():
    planned = rules.expected(TARGETS, MID_2024)

    assert rules.judge(
        value=planned - 10, year_ago=None, targets=TARGETS, as_of=MID_2024
    ).status == (Status.AT_RISK)
    assert rules.judge(
        value=planned - 10.1, year_ago=None, targets=TARGETS, as_of=MID_2024
    ).status == (Status.OFF_TRACK)


@override_settings(INDICATOR_AT_RISK_MARGIN=20)
def test_judge_margin_is_a_setting():
    planned = rules.expected(TARGETS, MID_2024)

    judgement = rules.judge(value=planned - 15, year_ago=None, targets=TARGETS, as_of=MID_2024)

    assert judgement.status == Status.AT_RISK


def test_judge_at_risk_when_the_last_years_pace_reaches_the_milestone():
    as_of = datetime.date(2024, 12, 1)  # planned ≈ 52; 13 months left to the milestone
    assert rules.expected(TARGETS, as_of) - 10 > 40
    fast = rules.judge(value=40, year_ago=0, targets=TARGETS, as_of=as_of)
    slow = rules.judge(value=40, year_ago=30, targets=TARGETS, as_of=as_of)

    assert fast.status == Status.AT_RISK
    assert fast.projected >= 80
    assert slow.status == Status.OFF_TRACK
    assert slow.projected == pytest.approx(50.8, abs=0.2)


def test_judge_off_track_below_margin_without_pace():
    judgement = rules.judge(value=5, year_ago=None, targets=TARGETS, as_of=MID_2024)

    assert judgement.status == Status.OFF_TRACK
    assert judgement.projected is None


def test_judge_no_data_without_a_denominator():
    judgement = rules.judge(value=None, year_ago=50, targets=TARGETS, as_of=MID_2024)

    assert judgement.status == Status.NO_DATA
    assert judgement.target == Decimal(80)


def test_judge_after_2025_measures_against_the_2030_target():
    judgement = rules.judge(
        value=85, year_ago=None, targets=TARGETS, as_of=datetime.date(2026, 11, 23)
    )

    assert judgement.milestone == 2030
    assert judgement.target == Decimal(100)
    assert judgement.status == Status.ON_TRACK


@pytest.mark.parametrize(
    ("as_of", "milestone"),
    [
        (datetime.date(2023, 5, 1), 2025),
        (datetime.date(2025, 12, 31), 2025),
        (datetime.date(2026, 1, 1), 2030),
        (datetime.date(2030, 12, 31), 2030),
        (datetime.date(2031, 3, 1), 2030),
    ],
)
def test_milestone_for(as_of, milestone):
    assert rules.milestone_for(as_of) == milestone


def test_quarter_ends_run_from_the_end_of_2022_to_before_the_date():
    ends = rules.quarter_ends(datetime.date(2024, 1, 1))

    assert ends == [
        datetime.date(2022, 12, 31),
        datetime.date(2023, 3, 31),
        datetime.date(2023, 6, 30),
        datetime.date(2023, 9, 30),
        datetime.date(2023, 12, 31),
    ]


def test_quarter_ends_exclude_the_date_itself():
    assert rules.quarter_ends(datetime.date(2023, 3, 31)) == [datetime.date(2022, 12, 31)]
    assert rules.quarter_ends(datetime.date(2022, 12, 31)) == []


def test_percent_rounds_to_one_decimal_and_is_none_without_denominator():
    assert rules.percent(2, 3) == 66.7
    assert rules.percent(0, 0) is None
    assert rules.percent(5, 5) == 100.0
