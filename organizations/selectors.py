"""Reads of the organizations app, always through the permission helper when for a user."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Cadre, Invitation, OrgUnit, Post, Role, RoleAssignment
from .permissions import Action, root_paths, scope
from .selectors_history import unit_change_latest_on as unit_change_latest_on
from .selectors_history import unit_tree_as_of as unit_tree_as_of
from .selectors_legacy import legacy_units_for_unit as legacy_units_for_unit
from .selectors_legacy import legacy_units_in_unit as legacy_units_in_unit
from .selectors_legacy import legacy_units_resolve as legacy_units_resolve
from .selectors_restructure import unit_change_recorded as unit_change_recorded
from .selectors_restructure import unit_changes_for as unit_changes_for
from .selectors_restructure import unit_history as unit_history
from .selectors_restructure import units_by_codes_for_user as units_by_codes_for_user
from .text import fold, nfc


def units_in_scope(user, action: Action) -> QuerySet[OrgUnit]:
    return scope(OrgUnit.objects.all(), user, action)


def unit_roots_for_user(user, action: Action) -> list[OrgUnit]:
    """The topmost units the user may act on: the entry points of their part of the tree."""
    if getattr(user, "is_superuser", False):
        return list(OrgUnit.get_root_nodes())
    return list(OrgUnit.objects.filter(path__in=root_paths(user, action)).order_by("path"))


def unit_get_for_user(user, code: str, action: Action) -> OrgUnit | None:
    return units_in_scope(user, action).filter(code=code).first()


def unit_children(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return unit.get_children().filter(is_active=True)


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    return list(unit.get_ancestors())


def cadres_for_user(
    user, *, unit: OrgUnit | None = None, query: str = "", action: Action = Action.VIEW_CADRES
) -> QuerySet[Cadre]:
    """Cadres whose records the user may see, optionally within `unit`'s subtree and matching
    `query` (name, cadre code, national ID, email or phone)."""
    open_posts = Prefetch(
        "posts",
        queryset=Post.objects.filter(end_date__isnull=True).order_by("-is_primary", "id"),
        to_attr="open_posts",
    )
    cadres = scope(
        Cadre.objects.select_related("unit").prefetch_related(open_posts),
        user,
        action,
        path_field="unit__path",
    )
    if unit is not None:
        cadres = cadres.filter(unit__path__startswith=unit.path)
    query = nfc(query)
    if query:
        cadres = cadres.filter(
            Q(search_name__contains=fold(query))
            | Q(code__iexact=query)
            | Q(national_id=query)
            | Q(email__iexact=query)
            | Q(phone=query)
        )
    return cadres.order_by("full_name", "id")


def cadre_get_for_user(user, pk: int, action: Action = Action.VIEW_CADRES) -> Cadre | None:
    return cadres_for_user(user, action=action).filter(pk=pk).first()


def cadre_primary_post(cadre: Cadre) -> Post | None:
    return cadre.posts.filter(is_primary=True, end_date__isnull=True).select_related("unit").first()


def cadre_for_user_account(user) -> Cadre | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Cadre.objects.select_related("unit").filter(user=user).first()


def invitation_pending(*, token: str) -> Invitation | None:
    """The open, unexpired invitation for `token`, if there is one."""
    return (
        Invitation.objects.select_related("cadre")
        .filter(token=token, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def invitation_pending_for_cadre(cadre: Cadre) -> Invitation | None:
    return Invitation.objects.filter(cadre=cadre, accepted_at__isnull=True).first()


def user_roles(user) -> set[str]:
    """The kinds of role the user holds anywhere (a cadre account makes them a learner)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    if Cadre.objects.filter(user=user).exists():
        roles.add("learner")
    if user.is_superuser:
        roles.update({"superuser", Role.ORGANIZER, Role.PROGRAMME_VIEWER, Role.MASTER_TRAINER})
    return roles


def unit_cadre_counts(unit: OrgUnit) -> list[dict]:
    """Per child unit (and the unit itself): cadres with an open post, dedicated ones, and
    dedicated ones in charge of volunteer work — one grouped query on path prefixes."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    from .models import PostKind

    width = len(unit.path) + OrgUnit.steplen
    dedicated = Q(kind=PostKind.DEDICATED)
    grouped = (
        Post.objects.filter(unit__path__startswith=unit.path, end_date__isnull=True)
        .annotate(branch=Substr("unit__path", 1, width))
        .values("branch")
        .annotate(
            cadres=Count("cadre", distinct=True),
            dedicated=Count("cadre", distinct=True, filter=dedicated),
            dedicated_volunteer=Count(
                "cadre", distinct=True, filter=dedicated & Q(in_charge_of_volunteer_work=True)
            ),
        )
    )
    counts = {row["branch"]: row for row in grouped}
    zero = {"cadres": 0, "dedicated": 0, "dedicated_volunteer": 0}
    rows = [{"unit": unit, "own": True, **{k: counts.get(unit.path, zero)[k] for k in zero}}]
    for child in unit.get_children():
        row = counts.get(child.path, zero)
        rows.append({"unit": child, "own": False, **{k: row[k] for k in zero}})
    return rows
