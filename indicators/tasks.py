"""Background jobs of the indicators app: each takes ids and calls one service."""

from celery import shared_task

from indicators.services import snapshots


@shared_task(name="indicators.snapshots_refresh_stale")
def snapshots_refresh_stale(live_only: bool = False) -> int:
    """Queued after a change commits (live only) and run by beat (everything stale)."""
    return snapshots.snapshots_refresh_stale(live_only=live_only)


@shared_task(name="indicators.snapshots_nightly")
def snapshots_nightly() -> int:
    """Run by beat after midnight: today's figures and any new or stale quarter-end."""
    return snapshots.snapshots_nightly()


@shared_task(name="indicators.report_generate")
def report_generate(report_id: int) -> str | None:
    """Queued after a report is asked for: computes, freezes and prints it once."""
    from indicators.services.reports import report_generate as generate

    report = generate(report_id=report_id)
    return report.status if report is not None else None
