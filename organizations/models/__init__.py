from .people import Cadre, Ethnicity, Gender, Post, PostKind
from .roles import Invitation, Role, RoleAssignment
from .units import Level, Organisation, OrgUnit
from .users import User

__all__ = [
    "Cadre",
    "Ethnicity",
    "Gender",
    "Invitation",
    "Level",
    "OrgUnit",
    "Organisation",
    "Post",
    "PostKind",
    "Role",
    "RoleAssignment",
    "User",
]
