"""Keeping the stored figures in step with the records.

A change to what an indicator counts (a certificate, a post, a class, a cadre record, a
declaration, the unit tree) marks the live snapshot stale, and every quarter-end snapshot
it reaches back to, as soon as the change commits (marking inside the writer's transaction
would make every writer in the country queue on the same row), then queues a refresh.
A refresh takes a lease on the snapshot (so two workers never compute the same one),
writes a new generation of rollups and switches to it in one short transaction, keeping
the generation before for readers still on it; a change that lands meanwhile marks it
stale again and the same worker goes round once more. A change lost between its commit
and the marking (the process dies) is caught by the nightly recomputation of today and
by the weekly recomputation of every quarter-end.

A quarter-end before the latest restructuring of the unit tree has a second snapshot, in
the structure of that date (`Snapshot.Structure.PERIOD`); it is kept, marked, leased and
refreshed like the others. From the latest restructuring on, both structures are the same
and the today's-structure snapshot serves both.
"""

import datetime
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from organizations.selectors import unit_change_latest_on, unit_tree_as_of

from .. import rules
from ..computation import FIELDS, compute
from ..models import Rollup, Segment, Snapshot

LEASE = timedelta(minutes=30)
_BATCH = 5000


def snapshot_mark_stale(*, since: datetime.date | None = None) -> None:
    """After the current transaction commits: mark the live snapshot, and the quarter-ends
    on or after `since` (all of them when None), stale, and queue their refresh.

    `INDICATOR_REFRESH_AFTER_COMMIT = False` (bulk loads, the demo) only marks them; the
    caller refreshes once at the end."""

    def mark():
        Snapshot.objects.filter(kind=Snapshot.Kind.LIVE, stale=False).update(stale=True)
        periods = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD, stale=False)
        if since is not None:
            periods = periods.filter(as_of__gte=since)
        periods.update(stale=True)
        if getattr(settings, "INDICATOR_REFRESH_AFTER_COMMIT", True):
            from ..tasks import snapshots_refresh_stale

            snapshots_refresh_stale.delay(live_only=True)

    transaction.on_commit(mark)


def snapshot_live() -> Snapshot:
    """The live snapshot's row (created stale on first use)."""
    snapshot, _ = Snapshot.objects.get_or_create(
        kind=Snapshot.Kind.LIVE,
        defaults={"as_of": timezone.localdate(), "stale": True, "has_segments": True},
    )
    return snapshot


def snapshots_ensure_periods(*, today: datetime.date | None = None) -> int:
    """Create (stale) the quarter-end snapshots that do not exist yet, in today's structure
    and, before the latest restructuring, in the structure of their date; returns how many.
    A period-structure snapshot no longer needed (its date is not before the latest
    restructuring) is dropped: today's structure says the same."""
    today = today or timezone.localdate()
    ends = rules.quarter_ends(today)
    latest = unit_change_latest_on()
    wanted = [(d, Snapshot.Structure.TODAY) for d in ends]
    wanted += [(d, Snapshot.Structure.PERIOD) for d in ends if latest is not None and d < latest]
    periods = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD)
    extra = periods.filter(structure=Snapshot.Structure.PERIOD)
    if latest is not None:
        extra = extra.exclude(as_of__lt=latest)
    extra.delete()
    have = set(periods.values_list("as_of", "structure"))
    missing = [key for key in wanted if key not in have]
    Snapshot.objects.bulk_create(
        [
            Snapshot(kind=Snapshot.Kind.PERIOD, as_of=d, structure=s, stale=True, has_segments=True)
            for d, s in missing
        ],
        ignore_conflicts=True,
    )
    # Quarter-ends kept without segments (before segments were judged by their own pace).
    Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD, has_segments=False).update(
        has_segments=True, stale=True
    )
    return len(missing)


def _claim(snapshot_id: int, *, force: bool) -> tuple[Snapshot, int] | None:
    with transaction.atomic():
        snapshot = Snapshot.objects.select_for_update().get(pk=snapshot_id)
        now = timezone.now()
        if snapshot.lease_until and snapshot.lease_until > now:
            return None  # another worker is on it
        if not snapshot.stale and not force:
            return None
        snapshot.stale = False
        if snapshot.kind == Snapshot.Kind.LIVE:
            snapshot.as_of = timezone.localdate()
        snapshot.lease_until = now + LEASE
        # Generation numbers are never reused, even by a worker whose lease ran out.
        snapshot.claimed = max(snapshot.claimed, snapshot.generation) + 1
        snapshot.save(update_fields=["stale", "as_of", "lease_until", "claimed"])
        return snapshot, snapshot.claimed


_COLUMNS = ("snapshot_id", "generation", "unit_id", "segment", *FIELDS, "parent_id", "name")
_ALL = Segment.ALL.value


def _with_tree(figures: dict, tree: dict | None):
    """(unit, segment, values, parent, name) per row. With the tree of a date, every unit
    of it gets a whole-subtree row (zeros when it counted nothing) with its parent and name
    of that date: the dashboard lists a past unit's children from these rows."""
    if tree is None:
        for (unit_id, segment), values in figures.items():
            yield unit_id, segment, values, None, ""
        return
    zeros = [0] * len(FIELDS)
    for (unit_id, segment), values in figures.items():
        if segment != _ALL:
            yield unit_id, segment, values, None, ""
    for unit_id, (parent_id, name, _level) in tree.items():
        parent_id = parent_id if parent_id in tree else None
        yield unit_id, _ALL, figures.get((unit_id, _ALL), zeros), parent_id, name


def _rollups_store(snapshot_id: int, generation: int, figures: dict, tree=None) -> None:
    """One generation's rollups: COPY on PostgreSQL (a national tree is a few hundred
    thousand rows), batched inserts elsewhere."""
    if connection.vendor == "postgresql":
        table = Rollup._meta.db_table
        sql = f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for unit_id, segment, values, parent_id, name in _with_tree(figures, tree):
                copy.write_row(
                    (snapshot_id, generation, unit_id, segment, *values, parent_id, name)
                )
        return
    rows = (
        Rollup(
            snapshot_id=snapshot_id,
            generation=generation,
            unit_id=unit_id,
            segment=segment,
            parent_id=parent_id,
            name=name,
            **dict(zip(FIELDS, values, strict=True)),
        )
        for unit_id, segment, values, parent_id, name in _with_tree(figures, tree)
    )
    while batch := list(islice(rows, _BATCH)):
        Rollup.objects.bulk_create(batch)


def _statistics_refresh() -> None:
    """Dashboards read rollups of the current generation, a value the planner's statistics
    have never seen right after a switch: without fresh statistics it guesses 'one row' and
    scans the whole snapshot for every page. ANALYZE samples the table in a fraction of a
    second."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Rollup._meta.db_table}")


def snapshot_refresh(*, snapshot_id: int, force: bool = False) -> bool:
    """Recompute one snapshot if it is stale (or `force`) and nobody else is on it.

    Returns True when new figures were stored. Running it twice stores them once."""
    done = False
    for _round in range(3):
        claimed = _claim(snapshot_id, force=force and not done)
        if claimed is None:
            return done
        snapshot, generation = claimed
        try:
            tree = None
            if snapshot.structure == Snapshot.Structure.PERIOD:
                tree = unit_tree_as_of(as_of=snapshot.as_of)
            figures = compute(
                as_of=snapshot.as_of,
                segments=snapshot.has_segments,
                structure=snapshot.structure,
                tree=tree,
            )
            Rollup.objects.filter(snapshot_id=snapshot.pk, generation=generation).delete()
            _rollups_store(snapshot.pk, generation, figures, tree)
        except BaseException:
            Snapshot.objects.filter(pk=snapshot.pk).update(stale=True, lease_until=None)
            raise
        with transaction.atomic():
            current = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
            previous = current.generation
            if generation > previous:  # a later claim may have finished first
                current.generation = generation
                current.computed_at = timezone.now()
            if current.claimed == generation:
                current.lease_until = None
            current.save(update_fields=["generation", "computed_at", "lease_until"])
            # Readers that read the previous number a moment ago still find its rows.
            Rollup.objects.filter(
                snapshot_id=snapshot.pk, generation__lt=min(previous, current.generation)
            ).delete()
            if generation < current.generation:
                Rollup.objects.filter(snapshot_id=snapshot.pk, generation=generation).delete()
        _statistics_refresh()
        done = True
    return done


def snapshots_refresh_stale(*, live_only: bool = False) -> int:
    """Refresh the live snapshot and, unless `live_only`, every stale quarter-end."""
    live = snapshot_live()
    count = int(snapshot_refresh(snapshot_id=live.pk))
    if not live_only:
        snapshots_ensure_periods()
        for pk in (
            Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD, stale=True)
            .order_by("-as_of")
            .values_list("pk", flat=True)
        ):
            count += int(snapshot_refresh(snapshot_id=pk))
    return count


def snapshots_nightly(*, today: datetime.date | None = None) -> int:
    """Run by beat after midnight: today's figures (certificates and posts end by date,
    with no write to tell us), the new quarter-end if one has passed, and stale ones; on
    Sundays every quarter-end, whatever a lost marking may have missed."""
    today = today or timezone.localdate()
    if today.isoweekday() == 7:
        Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD).update(stale=True)
    live = snapshot_live()
    count = int(snapshot_refresh(snapshot_id=live.pk, force=True))
    return count + snapshots_refresh_stale()
