"""What the organizations app tells the apps built on it about restructurings.

The unit tree belongs here, but classes and certificates do not: the apps that own them
listen, so a merge moves them without this app importing anyone.

`restructure_planning` is sent while a change is planned (dry run and apply alike).
Keyword arguments: `effective_on` (date), `moving_hosts` ({unit id: name of the unit that
takes over its activities from that date}), `dissolved_ids` (ids of the units the change
dissolves). A receiver returns a `PlanSection` (or None) describing what it will do; it
writes nothing.

`units_restructured` is sent inside the change's transaction, after the tree has been
rewritten. Keyword arguments: `change` (the UnitChange), `moved_hosts` ({old unit id: new
unit id} for activities that move from the date on), `effective_on`. Receivers make their
own records follow (in the same transaction, so all of it commits or none) and must be
idempotent; anything slow goes through `transaction.on_commit`.
"""

from django.dispatch import Signal

from .services.restructure.plan import PlanSection

restructure_planning = Signal()
units_restructured = Signal()

__all__ = ["PlanSection", "restructure_planning", "units_restructured"]
