from .imports import ImportJob, ImportStatus
from .legacy import LegacyLevel, LegacyUnit
from .people import Cadre, Ethnicity, Gender, Post, PostKind
from .restructure import UnitChange, UnitChangeKind, UnitVersion
from .roles import Invitation, Role, RoleAssignment
from .units import Level, Organisation, OrgUnit
from .users import User

__all__ = [
    "Cadre",
    "Ethnicity",
    "Gender",
    "ImportJob",
    "ImportStatus",
    "Invitation",
    "LegacyLevel",
    "LegacyUnit",
    "Level",
    "OrgUnit",
    "Organisation",
    "Post",
    "PostKind",
    "Role",
    "RoleAssignment",
    "UnitChange",
    "UnitChangeKind",
    "UnitVersion",
    "User",
]
