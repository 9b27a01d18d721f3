"""Classes follow a restructuring of the unit tree.

A class hosted by a unit that stops (merged or split away) and starting on or after the
change's date moves to the receiving unit; an earlier class keeps its host, which now sits
inside the receiving unit's subtree, so history is kept where it happened.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organizations.signals import PlanSection

from .models import TrainingClass


def _moving(hosts, effective_on):
    return (
        TrainingClass.objects.filter(host_unit_id__in=list(hosts), start_date__gte=effective_on)
        .select_related("host_unit")
        .order_by("start_date", "code")
    )


def restructure_planned(sender, *, effective_on, moving_hosts, **kwargs) -> PlanSection | None:
    """The classes the change will hand over, as lines of the plan."""
    if not moving_hosts:
        return None
    classes = list(_moving(moving_hosts, effective_on))
    kept = TrainingClass.objects.filter(
        host_unit_id__in=list(moving_hosts), start_date__lt=effective_on
    ).count()
    date = effective_on.strftime("%d/%m/%Y")
    lines = []
    per_target: dict[str, int] = {}
    for training_class in classes:
        target = moving_hosts[training_class.host_unit_id]
        per_target[target] = per_target.get(target, 0) + 1
        lines.append(
            _("%(title)s (%(code)s, bắt đầu %(start)s): %(old)s → %(new)s")
            % {
                "title": training_class.title,
                "code": training_class.code,
                "start": training_class.start_date.strftime("%d/%m/%Y"),
                "old": training_class.host_unit.name,
                "new": target,
            }
        )
    summary = [
        ngettext(
            "%(n)d lớp bắt đầu từ %(date)s chuyển về %(unit)s",
            "%(n)d lớp bắt đầu từ %(date)s chuyển về %(unit)s",
            n,
        )
        % {"n": n, "date": date, "unit": unit}
        for unit, n in per_target.items()
    ]
    if kept:
        summary.append(
            ngettext(
                "%(n)d lớp bắt đầu trước %(date)s giữ đơn vị tổ chức cũ (lịch sử)",
                "%(n)d lớp bắt đầu trước %(date)s giữ đơn vị tổ chức cũ (lịch sử)",
                kept,
            )
            % {"n": kept, "date": date}
        )
    return PlanSection(
        key="classes",
        title=_("Lớp tập huấn chuyển đơn vị tổ chức"),
        count=len(classes),
        lines=summary + lines,
    )


def units_restructured_received(sender, *, moved_hosts, effective_on, **kwargs) -> None:
    """Hand over the classes from the date on, one update per dissolved host however many
    classes it had; a second run finds nothing left to move. No per-class signal is needed:
    the change itself tells the figures that the structure moved."""
    for old_id, new_id in moved_hosts.items():
        TrainingClass.objects.filter(host_unit_id=old_id, start_date__gte=effective_on).update(
            host_unit_id=new_id
        )
