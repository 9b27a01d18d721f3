"""Grading of one response, per question kind — pure functions, no database writes.

Multiple-choice answers earn partial credit (right picks minus wrong picks, never below
zero); ordering answers earn the share of options in their right place. An answer is
"correct" only when it is exactly right; short answers wait for a trainer.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assessments.models import QuestionKind

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    points: Decimal | None  # None: a trainer must grade it
    is_correct: bool | None


def _scaled(max_points: Decimal, fraction: Decimal) -> Decimal:
    return (max_points * fraction).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def grade_response(
    *, kind: str, response, correct_ids: list[int], ordered_ids: list[int], max_points: Decimal
) -> Grade:
    """`correct_ids`: ids of the choices marked correct; `ordered_ids`: all choice ids in
    their correct order (for ordering questions)."""
    zero = Decimal("0.00")
    if kind == QuestionKind.SHORT:
        if response in (None, ""):
            return Grade(zero, False)
        return Grade(None, None)
    if response in (None, "", []):
        return Grade(zero, False)
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        right = len(correct_ids) == 1 and response == correct_ids[0]
        return Grade(max_points if right else zero, right)
    if kind == QuestionKind.MULTIPLE:
        picked = set(response)
        correct = set(correct_ids)
        if not correct:
            return Grade(zero, False)
        net = len(picked & correct) - len(picked - correct)
        exact = picked == correct
        fraction = Decimal(max(net, 0)) / Decimal(len(correct))
        return Grade(max_points if exact else _scaled(max_points, fraction), exact)
    if kind == QuestionKind.ORDERING:
        if not ordered_ids:
            return Grade(zero, False)
        in_place = sum(1 for a, b in zip(response, ordered_ids, strict=False) if a == b)
        exact = list(response) == list(ordered_ids)
        fraction = Decimal(in_place) / Decimal(len(ordered_ids))
        return Grade(max_points if exact else _scaled(max_points, fraction), exact)
    raise ValueError(f"unknown question kind {kind!r}")
