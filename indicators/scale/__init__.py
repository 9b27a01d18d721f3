"""A national-scale dataset for measuring the indicators (`manage.py seed_scale`): about
one unit per ten cadres, two certificates per cadre, classes and declarations, loaded in
bulk as an import would, then every snapshot computed. See docs/decisions/0013."""

from .run import ScaleRefused, ScaleResult, scale_seed

__all__ = ["ScaleRefused", "ScaleResult", "scale_seed"]
