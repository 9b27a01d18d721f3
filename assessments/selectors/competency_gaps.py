"""The gaps of a unit's subtree: how its cadres stand against what their organisational
levels require, per competency and per child unit.

Figures are SQL aggregates over `CompetencyStanding` (one row per cadre and competency),
grouped by the child unit each cadre lies under, so a province of thousands of cadres costs
the same handful of queries as a commune.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Substr

from assessments.models import Competency, CompetencyStanding, RequiredLevel
from organizations.models import Cadre, OrgUnit
from organizations.permissions import Action, require


@dataclass
class BranchGap:
    unit: OrgUnit
    own: bool  # cadres kept directly at the unit, not under a child
    counted: int = 0
    evidence: int = 0
    meeting: int = 0

    @property
    def share_meeting(self) -> int | None:
        return round(self.meeting * 100 / self.counted) if self.counted else None


@dataclass
class CompetencyGap:
    competency: Competency
    counted: int = 0  # cadres whose organisational level has a required level
    evidence: int = 0  # …of whom have a level that counts (quiz or assessor)
    meeting: int = 0
    gap_total: int = 0
    branches: list[BranchGap] = field(default_factory=list)

    @property
    def with_gap(self) -> int:
        return self.evidence - self.meeting

    @property
    def no_evidence(self) -> int:
        return self.counted - self.evidence

    @property
    def average_gap(self) -> Decimal | None:
        if not self.evidence:
            return None
        return (Decimal(self.gap_total) / self.evidence).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def share_meeting(self) -> int | None:
        return round(self.meeting * 100 / self.counted) if self.counted else None


@dataclass
class SubtreeGaps:
    unit: OrgUnit
    rows: list[CompetencyGap]


def subtree_gaps(*, user, unit: OrgUnit) -> SubtreeGaps:
    """Per active competency, how the cadres of `unit`'s subtree stand against what their
    organisational levels require, in total and per child unit. The query count does not
    depend on the number of cadres. Raises PermissionDenied outside the user's scope."""
    require(user, Action.VIEW_COMPETENCIES, unit)
    width = len(unit.path) + OrgUnit.steplen
    competencies = list(Competency.objects.filter(is_active=True))
    required = {
        (c, org_level): level
        for c, org_level, level in RequiredLevel.objects.filter(
            competency__is_active=True
        ).values_list("competency_id", "org_level", "level")
    }
    headcount = (
        Cadre.objects.filter(unit__path__startswith=unit.path)
        .annotate(branch=Substr("unit__path", 1, width))
        .values("branch", "unit__level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted: dict[tuple[int, str], int] = {}
    for row in headcount:
        for competency in competencies:
            if (competency.pk, row["unit__level"]) in required:
                key = (competency.pk, row["branch"])
                counted[key] = counted.get(key, 0) + row["n"]
    # Grouped by organisational and achieved level, then folded against `required` here:
    # looking the required level up in SQL costs a subquery per standing row.
    standing_rows = (
        CompetencyStanding.objects.filter(
            cadre__unit__path__startswith=unit.path,
            competency_id__in=[c.pk for c in competencies],
        )
        .annotate(branch=Substr("cadre__unit__path", 1, width))
        .values("competency_id", "branch", "cadre__unit__level", "achieved_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    standing: dict[tuple[int, str], dict[str, int]] = {}
    for row in standing_rows:
        level = required.get((row["competency_id"], row["cadre__unit__level"]))
        achieved = row["achieved_level"]
        if level is None or achieved is None:
            continue
        figures = standing.setdefault(
            (row["competency_id"], row["branch"]), {"evidence": 0, "meeting": 0, "gap_total": 0}
        )
        figures["evidence"] += row["n"]
        if achieved >= level:
            figures["meeting"] += row["n"]
        else:
            figures["gap_total"] += (level - achieved) * row["n"]
    branch_units = [(unit, True)] + [
        (child, False) for child in unit.get_children().order_by("name")
    ]
    rows = []
    for competency in competencies:
        total = CompetencyGap(competency=competency)
        for branch_unit, own in branch_units:
            key = (competency.pk, branch_unit.path)
            figures = standing.get(key, {})
            branch = BranchGap(
                unit=branch_unit,
                own=own,
                counted=counted.get(key, 0),
                evidence=figures.get("evidence", 0),
                meeting=figures.get("meeting", 0),
            )
            total.counted += branch.counted
            total.evidence += branch.evidence
            total.meeting += branch.meeting
            total.gap_total += figures.get("gap_total") or 0
            # Units with no cadre the profile applies to would only pad a phone's screen.
            if branch.counted:
                total.branches.append(branch)
        rows.append(total)
    return SubtreeGaps(unit=unit, rows=rows)


def cadres_with_gaps(
    *, user, unit: OrgUnit, competency: Competency | None = None
) -> QuerySet[Cadre]:
    """Cadres of the subtree below what their level requires — on one competency, or on
    any active one — including those with no evidence yet. Raises PermissionDenied
    outside the user's scope."""
    require(user, Action.VIEW_COMPETENCIES, unit)
    cadres = Cadre.objects.filter(unit__path__startswith=unit.path).select_related("unit")
    if competency is not None:
        cadres = cadres.annotate(
            required=Subquery(
                RequiredLevel.objects.filter(
                    competency=competency, org_level=OuterRef("unit__level")
                ).values("level")[:1]
            ),
            achieved=Subquery(
                CompetencyStanding.objects.filter(
                    cadre_id=OuterRef("pk"), competency=competency
                ).values("achieved_level")[:1]
            ),
        ).filter(
            Q(required__isnull=False) & (Q(achieved__isnull=True) | Q(achieved__lt=F("required")))
        )
    else:
        meeting = CompetencyStanding.objects.filter(
            cadre_id=OuterRef(OuterRef("pk")),
            competency_id=OuterRef("competency_id"),
            achieved_level__gte=OuterRef("level"),
        )
        short = (
            RequiredLevel.objects.filter(
                org_level=OuterRef("unit__level"), competency__is_active=True
            )
            .filter(~Exists(meeting))
            .values("org_level")
            .annotate(n=Count("pk"))
            .values("n")
            .order_by()
        )
        cadres = cadres.annotate(gaps=Subquery(short[:1], output_field=IntegerField())).filter(
            gaps__gt=0
        )
    return cadres.order_by("full_name", "pk")
