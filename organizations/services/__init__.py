"""State changes of the organizations app: the only way other apps change units or people."""

from .accounts import (
    invitation_accept,
    invitation_email_deliver,
    invitation_send,
    role_assign,
    role_revoke,
)
from .cadres import cadre_create, cadre_update, post_add, post_end
from .legacy import legacy_units_load
from .restructure import (
    RestructurePlan,
    unit_move,
    unit_rename,
    unit_split,
    units_merge,
)
from .units import UNIT_FLAGS, org_unit_create, org_unit_update, org_units_load_official

__all__ = [
    "RestructurePlan",
    "UNIT_FLAGS",
    "cadre_create",
    "cadre_update",
    "invitation_accept",
    "invitation_email_deliver",
    "invitation_send",
    "legacy_units_load",
    "org_unit_create",
    "org_unit_update",
    "org_units_load_official",
    "post_add",
    "post_end",
    "role_assign",
    "role_revoke",
    "unit_move",
    "unit_rename",
    "unit_split",
    "units_merge",
]
