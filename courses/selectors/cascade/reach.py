"""Who may see a cascade, whose cascade it is, and how far it reached."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from organizations.models import Cadre, OrgUnit
from organizations.permissions import Action, can, root_paths

from ...models import CascadeClass, CascadeReach, CascadeRoot, ClassTrainer

PRIORITY_FLAGS = ("is_ethnic_minority_area", "is_mountain", "is_border", "is_island")


def _marks(ids: Sequence[int]) -> str:
    return ", ".join(["%s"] * len(ids))


# --- Who may see what -------------------------------------------------------------------


def cascade_page_allowed(user, cadre: Cadre) -> bool:
    """A trainer's cascade is shown to whoever may view trainers of the trainer's unit,
    and to the trainer themself."""
    if can(user, Action.VIEW_TRAINERS, cadre.unit):
        return True
    return bool(cadre.user_id) and cadre.user_id == getattr(user, "pk", None)


def name_visibility(user) -> Callable[[str], bool]:
    """Whether a person of the unit at a path may be named to `user`: counts cross unit
    boundaries, names and personal scores only inside the user's scope."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return lambda path: True
    roots = tuple(root_paths(user, Action.VIEW_TRAINERS))
    return lambda path: path.startswith(roots) if roots else False


# --- Roots --------------------------------------------------------------------------------


def cascade_state(cadre_id: int) -> CascadeRoot | None:
    """When the trainer's cascade was computed and whether a change awaits recomputation."""
    return CascadeRoot.objects.filter(pk=cadre_id).first()


def is_trainer(cadre_id: int) -> bool:
    return ClassTrainer.objects.filter(cadre_id=cadre_id).exists()


def unit_lead_trainers(unit: OrgUnit) -> QuerySet[Cadre]:
    """Trainers of the unit's subtree whose first class does not descend from another
    trainer of the subtree: the tops of the unit's cascade (a cycle in the records, where
    a trainer later attends a trainee's class, leaves the earlier trainer on top)."""
    descends = CascadeClass.objects.filter(
        root__unit__path__startswith=unit.path,
        generation__gte=2,
        training_class__trainers__cadre=OuterRef("pk"),
        training_class__start_date=OuterRef("first_start"),
    ).exclude(root=OuterRef("pk"))
    first_start = (
        ClassTrainer.objects.filter(cadre=OuterRef("pk"))
        .order_by("training_class__start_date")
        .values("training_class__start_date")[:1]
    )
    return (
        Cadre.objects.filter(unit__path__startswith=unit.path)
        .annotate(first_start=Subquery(first_start))
        .filter(first_start__isnull=False)
        .exclude(Exists(descends))
        .select_related("unit")
        .order_by("full_name", "pk")
    )


# --- Reach -------------------------------------------------------------------------------


@dataclass
class Reach:
    """Unique cadres reached, and how many of them are dedicated cadres, per generation."""

    total: int = 0
    dedicated: int = 0
    by_generation: dict[int, tuple[int, int]] = field(default_factory=dict)


def cascade_reach(root_ids: Sequence[int]) -> Reach:
    """Reach of one trainer, or of several counted once each (a unit's lead trainers)."""
    root_ids = list(root_ids)
    if not root_ids:
        return Reach()
    if len(root_ids) == 1:
        rows = (
            CascadeReach.objects.filter(root_id=root_ids[0])
            .values("generation")
            .annotate(cadres=Count("*"), dedicated=Count("dedicated", filter=Q(dedicated=True)))
            .values_list("generation", "cadres", "dedicated")
        )
    else:
        rows = _union_reach(root_ids)
    reach = Reach()
    for generation, cadres, dedicated in sorted(rows):
        reach.by_generation[generation] = (cadres, dedicated)
        reach.total += cadres
        reach.dedicated += dedicated
    return reach


_UNION_REACH = """
SELECT r.generation, COUNT(*), SUM(r.dedicated)
FROM (SELECT cadre_id, MIN(generation) AS generation,
             MAX(CASE WHEN dedicated THEN 1 ELSE 0 END) AS dedicated
      FROM {reach} WHERE root_id IN ({marks})
      GROUP BY cadre_id) r
GROUP BY r.generation"""


def _union_reach(root_ids: list[int]) -> list[tuple[int, int, int]]:
    sql = _UNION_REACH.format(reach=CascadeReach._meta.db_table, marks=_marks(root_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, root_ids)
        return [(g, n, int(d or 0)) for g, n, d in cursor.fetchall()]


def reach_counts(root_ids: Sequence[int]) -> dict[int, int]:
    """{trainer id: unique cadres reached}, for lists of trainers."""
    return dict(
        CascadeReach.objects.filter(root_id__in=list(root_ids))
        .values("root_id")
        .annotate(n=Count("pk"))
        .values_list("root_id", "n")
    )


# --- Units and priority areas ------------------------------------------------------------


@dataclass
class Areas:
    """Units the cascade reached; per priority area the units and cadres; per province."""

    units: int = 0
    cadres: int = 0
    priority: dict[str, tuple[int, int]] = field(default_factory=dict)
    provinces: list[tuple[OrgUnit, int]] = field(default_factory=list)


def cascade_areas(root_ids: Sequence[int]) -> Areas:
    """A unit lies in a priority area when it or a unit above it carries the flag."""
    root_ids = list(root_ids)
    count = Count("pk") if len(root_ids) == 1 else Count("cadre_id", distinct=True)
    per_unit = dict(
        CascadeReach.objects.filter(root_id__in=root_ids)
        .values("cadre__unit__path")
        .annotate(n=count)
        .values_list("cadre__unit__path", "n")
    )
    flagged = {
        name: tuple(
            OrgUnit.objects.filter(**{name: True}).values_list("path", flat=True).order_by()
        )
        for name in PRIORITY_FLAGS
    }
    areas = Areas(units=len(per_unit), cadres=sum(per_unit.values()))
    for name, prefixes in flagged.items():
        units = [path for path in per_unit if prefixes and path.startswith(prefixes)]
        areas.priority[name] = (len(units), sum(per_unit[p] for p in units))
    width = 2 * OrgUnit.steplen
    by_province: dict[str, int] = defaultdict(int)
    for path, n in per_unit.items():
        by_province[path[:width]] += n
    provinces = OrgUnit.objects.in_bulk(list(by_province), field_name="path")
    areas.provinces = sorted(
        ((provinces[p], n) for p, n in by_province.items() if p in provinces),
        key=lambda item: (-item[1], item[0].name),
    )
    return areas
