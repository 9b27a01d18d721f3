"""Keeping the stored figures in step with the records.

A change to what an indicator counts (a certificate, a post, a class, a cadre record, a
declaration, the unit tree) marks the live snapshot stale, and every quarter-end snapshot
it reaches back to, in the changing transaction; the refresh runs after commit in Celery.
A refresh takes a lease on the snapshot (so two workers never compute the same one),
writes a new generation of rollups and switches to it in one short transaction; a change
that lands meanwhile marks it stale again and the same worker goes round once more.
"""

import datetime
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import rules
from ..computation import FIELDS, compute
from ..models import Rollup, Snapshot

LEASE = timedelta(minutes=30)
_BATCH = 5000


def snapshot_mark_stale(*, since: datetime.date | None = None) -> None:
    """Mark the live snapshot, and the quarter-ends on or after `since` (all of them when
    None), stale; queue their refresh after commit."""
    Snapshot.objects.filter(kind=Snapshot.Kind.LIVE).update(stale=True)
    periods = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD)
    if since is not None:
        periods = periods.filter(as_of__gte=since)
    periods.update(stale=True)

    def queue():
        from ..tasks import snapshots_refresh_stale

        snapshots_refresh_stale.delay(live_only=True)

    transaction.on_commit(queue)


def snapshot_live() -> Snapshot:
    """The live snapshot's row (created stale on first use)."""
    snapshot, _ = Snapshot.objects.get_or_create(
        kind=Snapshot.Kind.LIVE,
        defaults={"as_of": timezone.localdate(), "stale": True, "has_segments": True},
    )
    return snapshot


def snapshots_ensure_periods(*, today: datetime.date | None = None) -> int:
    """Create (stale) the quarter-end snapshots that do not exist yet; returns how many."""
    today = today or timezone.localdate()
    have = set(Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD).values_list("as_of", flat=True))
    missing = [d for d in rules.quarter_ends(today) if d not in have]
    Snapshot.objects.bulk_create(
        [Snapshot(kind=Snapshot.Kind.PERIOD, as_of=d, stale=True) for d in missing],
        ignore_conflicts=True,
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
        snapshot.save(update_fields=["stale", "as_of", "lease_until"])
        return snapshot, snapshot.generation + 1


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
            figures = compute(as_of=snapshot.as_of, segments=snapshot.has_segments)
            rows = (
                Rollup(
                    snapshot_id=snapshot.pk,
                    generation=generation,
                    unit_id=unit_id,
                    segment=segment,
                    **dict(zip(FIELDS, values, strict=True)),
                )
                for (unit_id, segment), values in figures.items()
            )
            Rollup.objects.filter(snapshot_id=snapshot.pk, generation=generation).delete()
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == _BATCH:
                    Rollup.objects.bulk_create(batch)
                    batch = []
            Rollup.objects.bulk_create(batch)
        except BaseException:
            Snapshot.objects.filter(pk=snapshot.pk).update(stale=True, lease_until=None)
            raise
        with transaction.atomic():
            current = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
            current.generation = generation
            current.computed_at = timezone.now()
            current.lease_until = None
            current.save(update_fields=["generation", "computed_at", "lease_until"])
            Rollup.objects.filter(snapshot_id=snapshot.pk).exclude(generation=generation).delete()
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


def snapshots_nightly() -> int:
    """Run by beat after midnight: today's figures (certificates and posts end by date,
    with no write to tell us), the new quarter-end if one has passed, and stale ones."""
    live = snapshot_live()
    count = int(snapshot_refresh(snapshot_id=live.pk, force=True))
    return count + snapshots_refresh_stale()
