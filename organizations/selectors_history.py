"""Reading the unit tree as it stood on a past date.

Restructuring keeps today's tree whole (a dissolved unit stays, inactive, under its
successor) and records, per dated change, how each unit stood before it (`UnitVersion`).
The tree of a past date is therefore today's tree with each unit's earliest version still
valid on that date laid over it, without the units that did not exist yet or no longer
existed: two queries, whatever the number of changes.
"""

import datetime

from django.db.models import Max

from .models import OrgUnit, UnitChange, UnitVersion

AsOfTree = dict[int, tuple[int | None, str, str]]


def unit_tree_as_of(*, as_of: datetime.date) -> AsOfTree:
    """{unit id: (parent id or None, name, level)} for the units that existed on `as_of`,
    each as it stood on that day."""
    step = OrgUnit.steplen
    rows = list(
        OrgUnit.objects.values_list("id", "path", "name", "level", "established_on", "dissolved_on")
    )
    by_path = {path: pk for pk, path, *_rest in rows}
    versions: dict[int, tuple[int | None, str, str]] = {}
    for unit_id, parent_id, name, level in (
        UnitVersion.objects.filter(valid_until__gt=as_of)
        .order_by("unit_id", "-valid_until", "-id")
        .values_list("unit_id", "parent_id", "name", "level")
    ):
        versions[unit_id] = (parent_id, name, level)  # the earliest one is written last
    tree: AsOfTree = {}
    for pk, path, name, level, established_on, dissolved_on in rows:
        if established_on is not None and established_on > as_of:
            continue
        if dissolved_on is not None and dissolved_on <= as_of:
            continue
        tree[pk] = versions.get(pk) or (by_path.get(path[:-step]), name, level)
    return tree


def unit_change_latest_on() -> datetime.date | None:
    """The effective date of the latest restructuring: before it, the tree of a date may
    differ from today's; from it on (or with no change at all) it is today's tree."""
    return UnitChange.objects.aggregate(latest=Max("effective_on"))["latest"]
