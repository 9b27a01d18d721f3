"""Reading the trainer cascade: reach, areas, fidelity by generation, the trainer tree.

Everything reads the stored closure (`courses.models.cascade`) with set-based queries;
nothing walks the cascade in Python. A unit's cascade is the union of the cascades of its
lead trainers (trainers of the unit whose teaching does not descend from another trainer
of the same unit), each class and each cadre counted once, at the nearest generation.
"""

from .generations import Generation, cascade_generations, generation_classes
from .reach import (
    PRIORITY_FLAGS,
    Areas,
    Reach,
    cascade_areas,
    cascade_page_allowed,
    cascade_reach,
    cascade_state,
    is_trainer,
    name_visibility,
    reach_counts,
    unit_lead_trainers,
)
from .tree import TreeNode, cascade_tree

__all__ = [
    "PRIORITY_FLAGS",
    "Areas",
    "Generation",
    "Reach",
    "TreeNode",
    "cascade_areas",
    "cascade_generations",
    "cascade_page_allowed",
    "cascade_reach",
    "cascade_state",
    "cascade_tree",
    "generation_classes",
    "is_trainer",
    "name_visibility",
    "reach_counts",
    "unit_lead_trainers",
]
