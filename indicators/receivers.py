"""Thin receivers: a write to something an indicator counts marks the figures it reaches.

A change reaches back to the earlier of a row's old and new dates, so `pre_save` keeps the
stored dates on the instance for `post_save` to compare.
"""

import datetime

from django.dispatch import receiver
from django.utils import timezone

from organizations.imports import import_committed
from organizations.models import UnitChangeKind
from organizations.signals import units_restructured

from .services.snapshots import snapshot_mark_stale

_DATES = {
    "Certificate": ("issued_on",),
    "Post": ("start_date", "end_date"),
    "TrainingClass": ("start_date",),
}
_OLD = "_indicators_old_dates"


def remember_dates(sender, instance, **kwargs) -> None:
    fields = _DATES[sender.__name__]
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).values_list(*fields).first()
    setattr(instance, _OLD, old)


def _since(sender, instance, *, open_start: bool) -> datetime.date | None:
    """The earliest date the row reached before or after the change; None reaches all."""
    fields = _DATES[sender.__name__]
    values = [getattr(instance, f) for f in fields]
    old = getattr(instance, _OLD, None)
    if old is not None:
        if open_start and old[0] is None:
            return None
        values += list(old)
    if open_start and values[0] is None:
        return None
    present = [d for d in values if d is not None]
    return min(present) if present else None


def certificate_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=_since(sender, instance, open_start=False))


def post_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=_since(sender, instance, open_start=True))


def class_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=_since(sender, instance, open_start=False))


def cadre_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=timezone.localdate())


def unit_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=None)


def register_changed(sender, since, **kwargs) -> None:
    snapshot_mark_stale(since=since)


@receiver(units_restructured, dispatch_uid="indicators-units-restructured")
def units_restructured_received(sender, *, change, effective_on, **kwargs) -> None:
    """A restructuring changes which subtree past figures add up into (today's structure
    re-aggregates every date), so every snapshot is marked; a rename changes no figure."""
    if change.kind == UnitChangeKind.RENAME:
        snapshot_mark_stale(since=effective_on)
    else:
        snapshot_mark_stale(since=None)


@receiver(import_committed, dispatch_uid="indicators-import-committed")
def import_committed_received(sender, *, since=None, **kwargs) -> None:
    """A bulk import writes without post_save; it says how far back its rows reach."""
    snapshot_mark_stale(since=since)
