"""The one permission helper: what a user may see and do in the unit tree.

Every view and every service that acts for a user asks here. A role is held over a
unit's subtree; a unit is in scope when its materialized path starts with the path of a
unit the user holds a suitable role on. Superusers may do everything.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import OrgUnit, Role, RoleAssignment


class Action(StrEnum):
    VIEW_CADRES = "view_cadres"
    MANAGE_CADRES = "manage_cadres"
    MANAGE_CLASSES = "manage_classes"
    ISSUE_CERTIFICATES = "issue_certificates"
    VIEW_INDICATORS = "view_indicators"
    AUTHOR_CONTENT = "author_content"
    ASSESS_CADRES = "assess_cadres"
    VIEW_COMPETENCIES = "view_competencies"
    EVALUATE_UNITS = "evaluate_units"
    VIEW_EVALUATIONS = "view_evaluations"
    VIEW_TRAINERS = "view_trainers"
    MANAGE_INDICATORS = "manage_indicators"
    RESTRUCTURE = "restructure"
    IMPORT_DATA = "import_data"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ORGANIZER: frozenset(
        {
            Action.VIEW_CADRES,
            Action.MANAGE_CADRES,
            Action.MANAGE_CLASSES,
            Action.ISSUE_CERTIFICATES,
            Action.VIEW_INDICATORS,
            Action.ASSESS_CADRES,
            Action.VIEW_COMPETENCIES,
            Action.EVALUATE_UNITS,
            Action.VIEW_EVALUATIONS,
            Action.VIEW_TRAINERS,
            Action.MANAGE_INDICATORS,
            Action.IMPORT_DATA,
            Action.RESTRUCTURE,
        }
    ),
    Role.PROGRAMME_VIEWER: frozenset(
        {
            Action.VIEW_INDICATORS,
            Action.VIEW_COMPETENCIES,
            Action.VIEW_EVALUATIONS,
            Action.VIEW_TRAINERS,
        }
    ),
    Role.MASTER_TRAINER: frozenset(
        {Action.AUTHOR_CONTENT, Action.ASSESS_CADRES, Action.VIEW_COMPETENCIES}
    ),
}

_CACHE_ATTR = "_suctre_role_paths"


def _role_paths(user) -> list[tuple[str, str]]:
    """(role, unit path) pairs of the user, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, unit__is_active=True).values_list(
                "role", "unit__path"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the per-object cache after the user's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _is_all_powerful(user) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def root_paths(user, action: Action) -> list[str]:
    """Paths of the topmost units whose subtrees the user may act on (nested ones dropped)."""
    paths = sorted({path for role, path in _role_paths(user) if action in ROLE_ACTIONS[role]})
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def has_any(user, action: Action) -> bool:
    """Whether the user may do `action` anywhere (drives navigation)."""
    return _is_all_powerful(user) or bool(root_paths(user, action))


def scope_q(user, action: Action, *, path_field: str = "path") -> Q:
    """A filter for any queryset whose rows lie in units: `path_field` leads to the path."""
    if _is_all_powerful(user):
        return Q()
    roots = root_paths(user, action)
    if not roots:
        return Q(pk__in=[])
    q = Q()
    for root in roots:
        q |= Q(**{f"{path_field}__startswith": root})
    return q


def scope(queryset: QuerySet, user, action: Action, *, path_field: str = "path") -> QuerySet:
    """Restrict `queryset` to the rows the user may `action`."""
    return queryset.filter(scope_q(user, action, path_field=path_field))


def units_in_scope(user, action: Action) -> QuerySet[OrgUnit]:
    return scope(OrgUnit.objects.all(), user, action)


def can(user, action: Action, unit: OrgUnit) -> bool:
    if _is_all_powerful(user):
        return True
    return any(unit.path.startswith(root) for root in root_paths(user, action))


def require(user, action: Action, unit: OrgUnit) -> None:
    """Raise PermissionDenied unless the user may do `action` on `unit`."""
    if not can(user, action, unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với đơn vị này."))
