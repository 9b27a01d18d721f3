"""What units declare for indicators (a)–(c), and the targets they set for their subtree."""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import OrgUnit
from organizations.permissions import Action, require
from organizations.selectors import unit_ancestors

from .. import rules
from ..models import Declaration, Indicator, Target
from .snapshots import snapshot_mark_stale

_COUNTS = {
    "activities_held": _("Số hoạt động đã tổ chức"),
    "activities_on_portal": _("Số hoạt động cập nhật trên cổng"),
    "campaigns": _("Số chiến dịch, hoạt động"),
    "campaigns_with_models": _("Số chiến dịch áp dụng mô hình"),
}


COUNT_MAX = 1_000_000  # a unit's own activities in a year; also keeps within the column


def _count(errors: dict, field: str, value) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors[field] = [
            _("%(label)s phải là số nguyên không âm (đang là “%(value)s”).")
            % {"label": _COUNTS[field], "value": value}
        ]
        return 0
    if number < 0:
        errors[field] = [
            _("%(label)s không được âm (đang là %(value)s).")
            % {"label": _COUNTS[field], "value": number}
        ]
    elif number > COUNT_MAX:
        errors[field] = [
            _("%(label)s quá lớn (đang là %(value)s, tối đa %(max)s) — hãy kiểm tra lại.")
            % {"label": _COUNTS[field], "value": number, "max": COUNT_MAX}
        ]
    return number


def declaration_submit(
    *,
    actor,
    unit: OrgUnit,
    year: int,
    activities_held,
    activities_on_portal,
    campaigns,
    campaigns_with_models,
    applies_it: bool = False,
    note: str = "",
    request_key: str,
) -> Declaration:
    """Record a unit's own figures for a year; supersedes its earlier declaration from now.

    `request_key` comes from the submitted form, so a doubled submit records once."""
    require(actor, Action.MANAGE_INDICATORS, unit)
    earlier = Declaration.objects.filter(request_key=request_key).first()
    if earlier is not None:
        return earlier
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not isinstance(year, int) or not 2022 <= year <= min(2030, today.year):
        errors["year"] = [
            _("Năm kê khai phải từ 2022 đến %(last)d (đang là “%(value)s”).")
            % {"last": min(2030, today.year), "value": year}
        ]
    values = {f: _count(errors, f, v) for f, v in (
        ("activities_held", activities_held),
        ("activities_on_portal", activities_on_portal),
        ("campaigns", campaigns),
        ("campaigns_with_models", campaigns_with_models),
    )}  # fmt: skip
    if (
        not errors.keys() & {"activities_held", "activities_on_portal"}
        and values["activities_on_portal"] > values["activities_held"]
    ):
        errors["activities_on_portal"] = [
            _(
                "Số hoạt động cập nhật trên cổng (%(n)d) không thể lớn hơn "
                "số hoạt động đã tổ chức (%(m)d)."
            )
            % {"n": values["activities_on_portal"], "m": values["activities_held"]}
        ]
    if (
        not errors.keys() & {"campaigns", "campaigns_with_models"}
        and values["campaigns_with_models"] > values["campaigns"]
    ):
        errors["campaigns_with_models"] = [
            _("Số chiến dịch áp dụng mô hình (%(n)d) không thể lớn hơn tổng số chiến dịch (%(m)d).")
            % {"n": values["campaigns_with_models"], "m": values["campaigns"]}
        ]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                unit=unit,
                year=year,
                applies_it=bool(applies_it),
                note=(note or "").strip(),
                declared_by=actor,
                request_key=request_key,
                **values,
            )
            snapshot_mark_stale(since=datetime.date(year, 1, 1))
    except IntegrityError:
        return Declaration.objects.get(request_key=request_key)
    return declaration


def targets_effective(unit: OrgUnit) -> dict[str, dict[int, Decimal]]:
    """{indicator: {2025: %, 2030: %}}: the decision's, raised by any unit on the path."""
    chain = [*unit_ancestors(unit), unit]
    best = {i: {y: rules.default_target(i, y) for y in rules.MILESTONES} for i in rules.INDICATORS}
    for t in Target.objects.filter(unit__in=chain, year__in=rules.MILESTONES):
        best[t.indicator][t.year] = max(best[t.indicator][t.year], t.percent)
    return best


def target_set(*, actor, unit: OrgUnit, indicator: str, year: int, percent) -> Target:
    """Set a unit's own, higher target for its subtree. Lower than what already applies
    from above is refused: the decision's targets are the floor."""
    require(actor, Action.MANAGE_INDICATORS, unit)
    errors: dict[str, list[str]] = {}
    if unit.level not in settings.INDICATOR_TARGET_LEVELS:
        errors["unit"] = [_("Chỉ Trung ương và cấp tỉnh đặt chỉ tiêu riêng cho đơn vị mình.")]
    if indicator not in Indicator.values:
        errors["indicator"] = [_("Chỉ tiêu “%(value)s” không tồn tại.") % {"value": indicator}]
    if year not in rules.MILESTONES:
        errors["year"] = [
            _("Chỉ tiêu đặt cho năm 2025 hoặc 2030 (đang là “%(value)s”).") % {"value": year}
        ]
    try:
        value = Decimal(str(percent).replace(",", ".").strip())
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors["percent"] = [
            _("Chỉ tiêu phải là một số từ 0 đến 100 (đang là “%(value)s”).") % {"value": percent}
        ]
        value = Decimal(0)
    if "percent" not in errors and not Decimal(0) <= value <= Decimal(100):
        errors["percent"] = [
            _("Chỉ tiêu phải từ 0 đến 100%% (đang là %(value)s).") % {"value": value}
        ]
    if errors:
        raise ValidationError(errors)
    parent = unit.get_parent()
    floor = (
        targets_effective(parent)[indicator][year]
        if parent is not None
        else rules.default_target(indicator, year)
    )
    if value < floor:
        raise ValidationError(
            {
                "percent": [
                    _("Chỉ tiêu của đơn vị không được thấp hơn chỉ tiêu cấp trên (%(floor)s%%).")
                    % {"floor": f"{floor.normalize():f}"}
                ]
            }
        )
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            unit=unit, indicator=indicator, year=year, defaults={"percent": value, "set_by": actor}
        )
    return target
