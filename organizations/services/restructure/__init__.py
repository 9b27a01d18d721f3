"""Dated restructuring of the unit tree (merge, move, split, rename) without losing history.

See docs/decisions/0016-restructuring.md for the model of history these services keep.
"""

from .merge import units_merge
from .operations import unit_move, unit_rename
from .plan import PlanSection, RestructurePlan
from .split import unit_split

__all__ = [
    "PlanSection",
    "RestructurePlan",
    "unit_move",
    "unit_rename",
    "unit_split",
    "units_merge",
]
