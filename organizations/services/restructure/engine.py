"""Shared machinery of the four restructurings: the plan, and applying it once.

An operation describes its change as a `Work` (which units are created, re-parented,
dissolved or renamed, which cadres follow); from it this module derives the posts that end
and open, asks the other apps what they will move, and then either returns the plan (dry
run) or carries it out in one transaction recorded by one `UnitChange`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ... import signals
from ...models import Cadre, OrgUnit, Post, UnitChange, UnitVersion
from ...permissions import Action, require
from ..validation import Errors
from .checks import check_request_key, day, parent_path
from .plan import PlanSection, RestructurePlan


@dataclass
class NewUnit:
    """A unit the change creates; it gets a row (and an id) only when the change applies."""

    code: str
    name: str
    level: str
    organisation: str
    parent: OrgUnit
    flags: dict = field(default_factory=dict)
    instance: OrgUnit | None = None


Target = OrgUnit | NewUnit


def resolved(target: Target) -> OrgUnit:
    return target.instance if isinstance(target, NewUnit) else target


@dataclass
class Work:
    """One change as the operation described it, before posts and other apps are added."""

    kind: str
    effective_on: datetime.date
    note: str
    scope: OrgUnit
    involved: list[OrgUnit]
    new_units: list[NewUnit] = field(default_factory=list)
    reparent: list[tuple[OrgUnit, Target]] = field(default_factory=list)  # in this order
    dissolve: list[tuple[OrgUnit, Target]] = field(default_factory=list)
    rename: list[tuple[OrgUnit, str]] = field(default_factory=list)
    cadres: list[tuple[Cadre, OrgUnit, Target]] = field(default_factory=list)  # origin
    posts: list[tuple[Post, Target, str]] = field(default_factory=list)  # filled by plan
    plan: RestructurePlan | None = None

    def versioned(self) -> list[OrgUnit]:
        """Units whose parent or name changes: their state before is kept as a version."""
        seen: dict[int, OrgUnit] = {}
        for unit, _target in [*self.reparent, *self.dissolve]:
            seen.setdefault(unit.pk, unit)
        for unit, _name in self.rename:
            seen.setdefault(unit.pk, unit)
        return list(seen.values())

    def hosts(self) -> list[tuple[OrgUnit, Target]]:
        """Units whose activities (classes) move from the date on: the dissolved ones."""
        return list(self.dissolve)


# --- Planning -----------------------------------------------------------------------------


def _unit_row(unit: Target) -> dict:
    return {"code": unit.code, "name": unit.name}


def _open_on(day_: datetime.date) -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=day_)


def _plan_posts(work: Work) -> None:
    """Posts that continue past the date at a unit the cadre leaves: ended the day before and
    opened again at the receiving unit (or just moved when they begin on/after the date).

    One query for the posts and one for the receiving units, whatever the subtree's size."""
    eff = work.effective_on
    by_unit: dict[int, Target] = {unit.pk: target for unit, target in work.dissolve}
    named: dict[tuple[int, int], Target] = {
        (cadre.pk, origin.pk): target for cadre, origin, target in work.cadres
    }
    origins = set(by_unit) | {origin_id for _cadre_id, origin_id in named}
    candidates = list(
        Post.objects.filter(_open_on(eff), unit_id__in=origins)
        .select_related("cadre", "unit")
        .order_by("-is_primary", "pk")
    )
    # A cadre sent to a named unit goes there first; the rest of a dissolved unit follows
    # its successor.
    moves: list[tuple[Post, Target]] = [
        (post, named[(post.cadre_id, post.unit_id)])
        for post in candidates
        if (post.cadre_id, post.unit_id) in named
    ]
    moves += [
        (post, by_unit[post.unit_id])
        for post in candidates
        if (post.cadre_id, post.unit_id) not in named and post.unit_id in by_unit
    ]
    # What will be open at an existing target: a second open post there is not allowed.
    held = set(
        Post.objects.filter(
            end_date__isnull=True,
            unit_id__in={t.pk for _p, t in moves if isinstance(t, OrgUnit)},
        ).values_list("cadre_id", "unit_id", "organisation")
    )
    for post, target in moves:
        key = (post.cadre_id, id(target) if isinstance(target, NewUnit) else target.pk)
        key = (*key, post.organisation)
        if key in held:
            action = "end"
        elif post.start_date and post.start_date >= eff:
            action = "move"
        else:
            action = "reopen"
        held.add(key)
        work.posts.append((post, target, action))


def _parents(units) -> dict[str, OrgUnit]:
    """{path: unit} of the units' parents, in one query."""
    paths = {parent_path(unit) for unit in units if unit.depth > 1}
    return {unit.path: unit for unit in OrgUnit.objects.filter(path__in=paths)}


def build_plan(work: Work) -> RestructurePlan:
    _plan_posts(work)
    eff = work.effective_on
    plan = RestructurePlan(
        kind=work.kind, effective_on=eff, note=work.note, scope=_unit_row(work.scope)
    )
    for new in work.new_units:
        plan.units_created.append({**_unit_row(new), "parent": new.parent.name})
    parents = _parents(unit for unit, _t in work.reparent)
    for unit, target in work.reparent:
        parent = parents.get(parent_path(unit))
        plan.units_reparented.append(
            {**_unit_row(unit), "from": parent.name if parent else "", "to": target.name}
        )
    for unit, target in work.dissolve:
        plan.units_dissolved.append({**_unit_row(unit), "successor": target.name})
    for unit, name in work.rename:
        plan.units_renamed.append({**_unit_row(unit), "new_name": name})
    for cadre, origin, target in work.cadres:
        plan.cadres_moved.append(
            {"code": cadre.code, "name": cadre.full_name, "from": origin.name, "to": target.name}
        )
    for post, target, action in work.posts:
        row = {"cadre": post.cadre.full_name, "code": post.cadre.code, "title": post.title}
        if action == "move":
            plan.posts_moved.append({**row, "from": post.unit.name, "to": target.name})
            continue
        ended_on = max(eff - datetime.timedelta(days=1), post.start_date or datetime.date.min)
        plan.posts_ended.append({**row, "unit": post.unit.name, "end_date": day(ended_on)})
        if action == "reopen":
            plan.posts_opened.append({**row, "unit": target.name, "start_date": day(eff)})
    answers = signals.restructure_planning.send(
        sender=UnitChange,
        effective_on=eff,
        moving_hosts={unit.pk: target.name for unit, target in work.hosts()},
        dissolved_ids=[unit.pk for unit, _t in work.dissolve],
    )
    plan.others = [answer for _r, answer in answers if isinstance(answer, PlanSection)]
    work.plan = plan
    return plan


# --- Applying -----------------------------------------------------------------------------


def _recorded(request_key: str) -> RestructurePlan | None:
    change = UnitChange.objects.filter(request_key=request_key).first()
    if change is None:
        return None
    return RestructurePlan.from_json(change.plan, change_id=change.pk)


def run(*, actor, request_key: str, dry_run: bool, build: Callable[[], Work]) -> RestructurePlan:
    """Plan (and unless `dry_run`, apply) a change once per request key.

    `build` checks the input and describes the change; it raises ValidationError with
    Vietnamese messages. It runs again inside the transaction, so the change is applied to
    the tree as it is when the transaction starts, not as it was on the dry-run page.
    """
    errors = Errors()
    request_key = check_request_key(errors, request_key, dry_run)
    errors.raise_if_any()
    if dry_run:
        work = build()
        require(actor, Action.RESTRUCTURE, work.scope)
        return build_plan(work)
    recorded = _recorded(request_key)
    if recorded is not None:
        return recorded
    try:
        with transaction.atomic():
            work = build()
            require(actor, Action.RESTRUCTURE, work.scope)
            plan = build_plan(work)
            change = UnitChange.objects.create(
                kind=work.kind,
                effective_on=work.effective_on,
                scope=work.scope,
                note=work.note,
                created_by=actor if getattr(actor, "pk", None) else None,
                request_key=request_key,
                plan=plan.to_json(),
            )
            _apply(work, change)
    except IntegrityError:
        recorded = _recorded(request_key)
        if recorded is None:
            raise
        return recorded
    plan.change_id = change.pk
    return plan


def _move(unit: OrgUnit, target: OrgUnit) -> None:
    """Treebeard rewrites the subtree's paths and both parents' numchild; it works from the
    paths on the instances, so both are read fresh first."""
    unit.refresh_from_db()
    target.refresh_from_db()
    unit.move(target, "last-child")
    unit.refresh_from_db()


def _apply(work: Work, change: UnitChange) -> None:
    eff = work.effective_on
    locked = [u.pk for u in work.involved]
    list(OrgUnit.objects.select_for_update().filter(pk__in=locked).values_list("pk"))
    versioned = work.versioned()
    parents = _parents(versioned)
    UnitVersion.objects.bulk_create(
        [
            UnitVersion(
                unit=unit,
                change=change,
                valid_until=eff,
                parent=parents.get(parent_path(unit)),
                name=unit.name,
                level=unit.level,
            )
            for unit in versioned
        ]
    )
    for new in work.new_units:
        new.parent.refresh_from_db()
        new.instance = new.parent.add_child(
            code=new.code,
            name=new.name,
            level=new.level,
            organisation=new.organisation,
            established_on=eff,
            **new.flags,
        )
    for unit, target in work.reparent:
        _move(unit, resolved(target))
    for unit, target in work.dissolve:
        successor = resolved(target)
        unit.refresh_from_db()
        unit.is_active = False
        unit.dissolved_on = eff
        unit.successor = successor
        unit.save(update_fields=["is_active", "dissolved_on", "successor"])
    for unit, name in work.rename:
        unit.refresh_from_db()
        unit.name = name
        unit.save(update_fields=["name"])
    _apply_posts(work)
    _apply_cadres(work)
    change.units.set(
        {u.pk for u in work.involved} | {n.instance.pk for n in work.new_units if n.instance}
    )
    signals.units_restructured.send(
        sender=UnitChange,
        change=change,
        moved_hosts={unit.pk: resolved(target).pk for unit, target in work.hosts()},
        effective_on=eff,
    )


def _apply_cadres(work: Work) -> None:
    """One update per origin and receiving unit; a cadre managed elsewhere keeps their record
    there. Figures need no per-row signal: `units_restructured` marks them all."""
    groups: dict[tuple[int, int], list[int]] = {}
    for cadre, origin, target in work.cadres:
        if cadre.unit_id == origin.pk:
            groups.setdefault((origin.pk, resolved(target).pk), []).append(cadre.pk)
    now = timezone.now()
    for (origin_id, target_id), ids in groups.items():
        Cadre.objects.filter(pk__in=ids, unit_id=origin_id).update(
            unit_id=target_id, updated_at=now
        )


def _apply_posts(work: Work) -> None:
    eff = work.effective_on
    for post, target, action in work.posts:
        unit = resolved(target)
        if action == "move":
            post.unit = unit
            post.save(update_fields=["unit"])
            continue
        was_primary, end_date = post.is_primary, post.end_date
        post.end_date = max(eff - datetime.timedelta(days=1), post.start_date or datetime.date.min)
        post.save(update_fields=["end_date"])
        if action == "reopen":
            Post.objects.create(
                cadre_id=post.cadre_id,
                unit=unit,
                organisation=post.organisation,
                title=post.title,
                kind=post.kind,
                in_charge_of_volunteer_work=post.in_charge_of_volunteer_work,
                is_primary=was_primary,
                start_date=eff,
                end_date=end_date,
            )
        elif (
            was_primary
            and not Post.objects.filter(
                cadre_id=post.cadre_id, is_primary=True, end_date__isnull=True
            ).exists()
        ):
            # The cadre already held a post at the receiving unit: it becomes the primary one.
            Post.objects.filter(
                cadre_id=post.cadre_id, unit=unit, organisation=post.organisation, end_date=None
            ).update(is_primary=True)
