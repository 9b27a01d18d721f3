"""State changes of the organizations app: the only way other apps change units or people."""

from .accounts import (
    invitation_accept,
    invitation_email_deliver,
    invitation_send,
    role_assign,
    role_revoke,
)
from .cadres import cadre_create, cadre_update, post_add, post_end
from .units import UNIT_FLAGS, org_unit_create, org_unit_update, org_units_load_official

__all__ = [
    "UNIT_FLAGS",
    "cadre_create",
    "cadre_update",
    "invitation_accept",
    "invitation_email_deliver",
    "invitation_send",
    "org_unit_create",
    "org_unit_update",
    "org_units_load_official",
    "post_add",
    "post_end",
    "role_assign",
    "role_revoke",
]
