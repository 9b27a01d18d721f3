"""Reads of unit capacity evaluation, always within the user's part of the tree.

Reading needs VIEW_EVALUATIONS over the unit; acting needs EVALUATE_UNITS (over the unit to
fill its scorecard, over its parent to review it). Roll-ups count only approved scorecards
and are grouped SQL on path prefixes, so a province's page costs the same few queries
however many communes it has.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    CriterionScore,
    EvaluationCriterion,
    EvaluationEvent,
    EvaluationEvidence,
    EvaluationRound,
    UnitEvaluation,
)
from organizations.models import OrgUnit
from organizations.permissions import Action, can, root_paths, scope

Status = UnitEvaluation.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
CENT = Decimal("0.01")


def _decimal(value) -> Decimal:
    """Aggregates come back as Decimal on PostgreSQL and may be floats on SQLite."""
    return Decimal(str(value)) if value is not None else Decimal(0)


def _ratio(part, whole, scale=100) -> Decimal | None:
    if not whole:
        return None
    return (_decimal(part) * scale / _decimal(whole)).quantize(CENT, ROUND_HALF_UP)


def window_open(round: EvaluationRound, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return round.opens_on <= today <= round.closes_on


def rounds_open(*, today: datetime.date | None = None) -> QuerySet[EvaluationRound]:
    """Rounds that have opened (now or in the past), newest first."""
    return EvaluationRound.objects.filter(opens_on__lte=today or timezone.localdate())


def round_get(pk: int) -> EvaluationRound | None:
    return rounds_open().filter(pk=pk).first()


def review_refusal(user, evaluation: UnitEvaluation) -> str | None:
    """Why `user` may not review this scorecard, or None when they may. Reviewers hold
    EVALUATE_UNITS over the unit's parent; nobody reviews their own submission."""
    parent = evaluation.unit.get_parent()
    if parent is None:
        if not (getattr(user, "is_active", False) and getattr(user, "is_superuser", False)):
            return _("Phiếu của đơn vị cấp cao nhất chỉ quản trị hệ thống được duyệt.")
    elif not can(user, Action.EVALUATE_UNITS, parent):
        return _("Chỉ cán bộ tổ chức của đơn vị cấp trên (%(parent)s) được duyệt phiếu này.") % {
            "parent": parent.name
        }
    if evaluation.submitted_by_id is not None and evaluation.submitted_by_id == getattr(
        user, "pk", None
    ):
        return _(
            "Bạn là người nộp phiếu này nên không thể tự duyệt hay trả lại; việc này do một cán "
            "bộ khác của đơn vị cấp trên thực hiện."
        )
    return None


def is_reviewer_of(user, unit: OrgUnit) -> bool:
    """Whether the user holds the reviewer's scope for the unit (its parent's)."""
    parent = unit.get_parent()
    if parent is None:
        return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))
    return can(user, Action.EVALUATE_UNITS, parent)


@dataclass
class Abilities:
    can_open: bool = False
    can_edit: bool = False
    can_review: bool = False
    is_reviewer: bool = False
    review_refusal: str | None = None


def evaluation_abilities(
    user, *, round: EvaluationRound, unit: OrgUnit, evaluation: UnitEvaluation | None
) -> Abilities:
    """What the page offers the user; the services check the same rules again."""
    fills = can(user, Action.EVALUATE_UNITS, unit) and window_open(round)
    abilities = Abilities(is_reviewer=is_reviewer_of(user, unit))
    if evaluation is None:
        abilities.can_open = fills and unit.is_active and unit.level in round.levels
        return abilities
    abilities.can_edit = fills and evaluation.status in EDITABLE
    if abilities.is_reviewer and evaluation.status == Status.SUBMITTED:
        abilities.review_refusal = review_refusal(user, evaluation)
        abilities.can_review = abilities.review_refusal is None
    return abilities


def unit_get_for_user(user, code: str) -> OrgUnit | None:
    """A unit whose evaluations the user may read."""
    return scope(OrgUnit.objects.all(), user, Action.VIEW_EVALUATIONS).filter(code=code).first()


def unit_roots_for_user(user, action: Action = Action.VIEW_EVALUATIONS) -> list[OrgUnit]:
    if getattr(user, "is_active", False) and getattr(user, "is_superuser", False):
        return list(OrgUnit.get_root_nodes())
    return list(OrgUnit.objects.filter(path__in=root_paths(user, action)).order_by("path"))


def unit_ancestors_for_user(user, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors the user may read, top first: the breadcrumbs of a drill-down."""
    return [a for a in unit.get_ancestors() if can(user, Action.VIEW_EVALUATIONS, a)]


def evaluation_for_unit(user, *, round: EvaluationRound, unit: OrgUnit) -> UnitEvaluation | None:
    return (
        scope(
            UnitEvaluation.objects.select_related("round", "unit", "submitted_by", "reviewed_by"),
            user,
            Action.VIEW_EVALUATIONS,
            path_field="unit__path",
        )
        .filter(round=round, unit=unit)
        .first()
    )


def evidence_get_for_user(user, pk: int) -> EvaluationEvidence | None:
    """Evidence may be fetched by whoever may read its scorecard, and by no one else."""
    return (
        scope(
            EvaluationEvidence.objects.select_related("evaluation__unit", "evaluation__round"),
            user,
            Action.VIEW_EVALUATIONS,
            path_field="evaluation__unit__path",
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class RoundRow:
    round: EvaluationRound
    evaluation: UnitEvaluation | None
    is_open: bool

    @property
    def status(self) -> str | None:
        return self.evaluation.status if self.evaluation else None


def rounds_for_unit(*, user, unit: OrgUnit) -> list[RoundRow]:
    """Rounds open now or past that apply to the unit's level, with its scorecard if any."""
    if not can(user, Action.VIEW_EVALUATIONS, unit):
        return []
    rounds = [r for r in rounds_open() if unit.level in r.levels]
    evaluations = {
        e.round_id: e for e in UnitEvaluation.objects.filter(unit=unit, round__in=rounds)
    }
    today = timezone.localdate()
    return [RoundRow(r, evaluations.get(r.pk), window_open(r, today)) for r in rounds]


def review_queue(*, user) -> QuerySet[UnitEvaluation]:
    """Submitted scorecards the user may review: their units lie strictly below a unit the
    user evaluates (so the parent is in scope); never the user's own submissions."""
    queue = UnitEvaluation.objects.filter(status=Status.SUBMITTED).select_related(
        "round", "unit", "submitted_by"
    )
    if not (getattr(user, "is_active", False) and getattr(user, "is_superuser", False)):
        below = Q(pk__in=[])
        for root in root_paths(user, Action.EVALUATE_UNITS):
            below |= Q(unit__path__startswith=root) & ~Q(unit__path=root)
        queue = queue.filter(below)
    return queue.exclude(submitted_by=user).order_by("submitted_at", "pk")


@dataclass
class CriterionRow:
    criterion: EvaluationCriterion
    score: CriterionScore | None
    evidence: list[EvaluationEvidence] = field(default_factory=list)


@dataclass
class Scorecard:
    rows: list[CriterionRow]
    general_evidence: list[EvaluationEvidence]
    events: list[EvaluationEvent]

    @property
    def evidence_count(self) -> int:
        return len(self.general_evidence) + sum(len(r.evidence) for r in self.rows)


def scorecard(*, round: EvaluationRound, evaluation: UnitEvaluation | None) -> Scorecard:
    """The criteria with the unit's scores, notes and evidence, and the audit trail.
    Call after the evaluation was read through a scoped selector."""
    criteria = list(round.criteria.select_related("competency").order_by("sort_order", "pk"))
    if evaluation is None:
        return Scorecard([CriterionRow(c, None) for c in criteria], [], [])
    scores = {s.criterion_id: s for s in evaluation.scores.all()}
    rows = {c.pk: CriterionRow(c, scores.get(c.pk)) for c in criteria}
    general: list[EvaluationEvidence] = []
    for item in evaluation.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"):
        row = rows.get(item.criterion_id)
        (row.evidence if row else general).append(item)
    events = list(evaluation.events.select_related("actor"))
    return Scorecard(list(rows.values()), general, events)


# --- Roll-up ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Scorecards of the units expected in one subtree. Averages use approved ones only."""

    expected: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    percent_sum: Decimal = Decimal(0)

    def add(self, status: str, count: int, percent_sum) -> None:
        setattr(self, status, getattr(self, status) + count)
        if status == Status.APPROVED:
            self.percent_sum += _decimal(percent_sum)

    @property
    def started(self) -> int:
        return self.draft + self.submitted + self.returned + self.approved

    @property
    def not_started(self) -> int:
        return max(self.expected - self.started, 0)

    @property
    def average_percent(self) -> Decimal | None:
        return _ratio(self.percent_sum, self.approved, scale=1)

    @property
    def completion(self) -> Decimal | None:
        """Share of the expected units whose scorecard is approved."""
        return _ratio(self.approved, self.expected)


@dataclass
class CriterionShare:
    criterion: EvaluationCriterion
    approved: int
    average_score: Decimal | None
    share: Decimal | None  # average score as a percent of the criterion's maximum


@dataclass
class BranchRow:
    unit: OrgUnit
    own: bool  # the unit itself rather than a child's subtree
    tally: Tally


@dataclass
class Rollup:
    round: EvaluationRound
    unit: OrgUnit
    total: Tally
    criteria: list[CriterionShare]
    rows: list[BranchRow]


def _subtree_evaluations(round: EvaluationRound, unit: OrgUnit) -> QuerySet[UnitEvaluation]:
    return UnitEvaluation.objects.filter(
        round=round,
        unit__path__startswith=unit.path,
        unit__is_active=True,
        unit__level__in=list(round.levels),
    )


def round_rollup(*, user, round: EvaluationRound, unit: OrgUnit) -> Rollup | None:
    """One round over the unit's subtree: units expected (active, at the round's levels),
    scorecards per status, the approved average and per-criterion shares, and the same per
    child subtree. Five queries whatever the size of the tree."""
    if not can(user, Action.VIEW_EVALUATIONS, unit):
        return None
    width = len(unit.path) + OrgUnit.steplen
    expected = (
        OrgUnit.objects.filter(
            path__startswith=unit.path, is_active=True, level__in=list(round.levels)
        )
        .annotate(branch=Substr("path", 1, width))
        .order_by()
        .values("branch")
        .annotate(n=Count("pk"))
    )
    evaluations = _subtree_evaluations(round, unit)
    grouped = (
        evaluations.annotate(branch=Substr("unit__path", 1, width))
        .order_by()
        .values("branch", "status")
        .annotate(n=Count("pk"), percent_sum=Sum("percent"))
    )
    tallies: dict[str, Tally] = {}
    total = Tally()
    for row in expected:
        tallies.setdefault(row["branch"], Tally()).expected += row["n"]
        total.expected += row["n"]
    for row in grouped:
        tallies.setdefault(row["branch"], Tally()).add(row["status"], row["n"], row["percent_sum"])
        total.add(row["status"], row["n"], row["percent_sum"])

    per_criterion = {
        row["criterion"]: row
        for row in CriterionScore.objects.filter(
            evaluation__in=evaluations.filter(status=Status.APPROVED)
        )
        .order_by()
        .values("criterion")
        .annotate(n=Count("pk"), score_sum=Sum("score"))
    }
    criteria = []
    for criterion in round.criteria.order_by("sort_order", "pk"):
        row = per_criterion.get(criterion.pk, {"n": 0, "score_sum": 0})
        criteria.append(
            CriterionShare(
                criterion,
                row["n"],
                _ratio(row["score_sum"], row["n"], scale=1),
                _ratio(row["score_sum"], row["n"] * criterion.max_score),
            )
        )

    rows = []
    if unit.level in round.levels:
        rows.append(BranchRow(unit, True, tallies.get(unit.path, Tally())))
    for child in unit.get_children().filter(is_active=True):
        rows.append(BranchRow(child, False, tallies.get(child.path, Tally())))
    return Rollup(round, unit, total, criteria, rows)


@dataclass
class TrendRow:
    round: EvaluationRound
    expected: int
    approved: int
    average_percent: Decimal | None

    @property
    def coverage(self) -> Decimal | None:
        return _ratio(self.approved, self.expected)


def unit_trend(*, user, unit: OrgUnit) -> list[TrendRow]:
    """Per round, oldest first, the subtree's approved average and how many of the expected
    units it rests on. Rounds that expect no unit of the subtree are left out."""
    if not can(user, Action.VIEW_EVALUATIONS, unit):
        return []
    units_by_level = dict(
        OrgUnit.objects.filter(path__startswith=unit.path, is_active=True)
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    approved = {
        (row["round"], row["unit__level"]): row
        for row in UnitEvaluation.objects.filter(
            status=Status.APPROVED, unit__path__startswith=unit.path, unit__is_active=True
        )
        .order_by()
        .values("round", "unit__level")
        .annotate(n=Count("pk"), percent_sum=Sum("percent"))
    }
    trend = []
    for round in rounds_open().order_by("opens_on", "pk"):
        expected = sum(units_by_level.get(level, 0) for level in round.levels)
        if not expected:
            continue
        rows = [approved[(round.pk, lv)] for lv in round.levels if (round.pk, lv) in approved]
        count = sum(r["n"] for r in rows)
        percent_sum = sum((_decimal(r["percent_sum"]) for r in rows), Decimal(0))
        trend.append(TrendRow(round, expected, count, _ratio(percent_sum, count, scale=1)))
    return trend
