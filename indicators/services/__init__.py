"""State changes of the indicators app (see docs/architecture.md, "Inside an app")."""

from .declarations import declaration_submit, target_set, targets_effective
from .reports import report_generate, report_request
from .snapshots import (
    snapshot_live,
    snapshot_mark_stale,
    snapshot_refresh,
    snapshots_ensure_periods,
    snapshots_nightly,
    snapshots_refresh_stale,
)

__all__ = [
    "declaration_submit",
    "report_generate",
    "report_request",
    "snapshot_live",
    "snapshot_mark_stale",
    "snapshot_refresh",
    "snapshots_ensure_periods",
    "snapshots_nightly",
    "snapshots_refresh_stale",
    "target_set",
    "targets_effective",
]
