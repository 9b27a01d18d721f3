"""Thin receivers: a write to something an indicator counts marks the figures it reaches."""

import datetime

from django.utils import timezone

from .services.snapshots import snapshot_mark_stale


def _earliest(*days: datetime.date | None) -> datetime.date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None


def certificate_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=instance.issued_on)


def post_changed(sender, instance, **kwargs) -> None:
    since = _earliest(instance.start_date, instance.end_date) if instance.start_date else None
    snapshot_mark_stale(since=since)


def class_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=instance.start_date)


def cadre_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=timezone.localdate())


def unit_changed(sender, instance, **kwargs) -> None:
    snapshot_mark_stale(since=None)


def register_changed(sender, since, **kwargs) -> None:
    snapshot_mark_stale(since=since)
