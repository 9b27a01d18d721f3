"""What a unit's organizers enter for the indicators: the yearly declaration behind (a)–(c)
and, at central and province level, the unit's own higher targets.

A declaration form carries a key made when the form is shown, so a doubled submit records
one declaration; a refused one writes nothing and names the wrong value on its field.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organizations.permissions import Action, can

from . import rules
from .forms import DeclarationForm, TargetForm, add_service_errors, declaration_years
from .selectors import (
    INDICATOR_LABELS,
    declaration_latest,
    declarations_history,
    own_targets,
)
from .services import declaration_submit, target_set, targets_effective
from .views_dashboard import TEMPLATES, percent_text, unit_or_404

COUNT_FIELDS = ("activities_held", "activities_on_portal", "campaigns", "campaigns_with_models")


def _require_manager(user, unit) -> None:
    if not can(user, Action.MANAGE_INDICATORS, unit):
        raise PermissionDenied(_("Chỉ cán bộ tổ chức của đơn vị được kê khai và đặt chỉ tiêu."))


def _initial(unit) -> dict:
    """A fresh form: this year, prefilled with what the unit last declared for it."""
    year = declaration_years()[0]
    initial = {"year": year, "request_key": uuid.uuid4().hex}
    latest = declaration_latest(unit, year)
    if latest is not None:
        initial |= {name: getattr(latest, name) for name in COUNT_FIELDS}
        initial["applies_it"] = latest.applies_it
    return initial


@login_required
def indicators_declare(request, code: str):
    unit = unit_or_404(request.user, code)
    _require_manager(request.user, unit)
    status = 200
    if request.method == "POST":
        form = DeclarationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                declaration = declaration_submit(actor=request.user, unit=unit, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận kê khai năm %(year)d của %(unit)s.")
                    % {"year": declaration.year, "unit": unit.name},
                )
                return redirect("indicators:declare", code=unit.code)
        status = 400
    else:
        form = DeclarationForm(initial=_initial(unit))
    context = {"unit": unit, "form": form, "history": declarations_history(unit)}
    return render(request, TEMPLATES + "declare.html", context, status=status)


@dataclass
class TargetRow:
    indicator: str
    label: str
    cells: list[tuple[int, str, str, str]]  # year, in force, the decision's, the unit's own


def _target_rows(unit) -> list[TargetRow]:
    effective = targets_effective(unit)
    own: dict[str, dict[int, Decimal]] = {}
    for target in own_targets(unit):
        own.setdefault(target.indicator, {})[target.year] = target.percent
    rows = []
    for ind in rules.INDICATORS:
        cells = []
        for year in rules.MILESTONES:
            default = rules.default_target(ind, year)
            mine = own.get(ind, {}).get(year)
            cells.append(
                (
                    year,
                    percent_text(effective[ind][year]),
                    percent_text(default) if effective[ind][year] != default else "",
                    percent_text(mine) if mine is not None else "",
                )
            )
        rows.append(TargetRow(ind, INDICATOR_LABELS[ind], cells))
    return rows


@login_required
def indicators_targets(request, code: str):
    """Everyone who follows the unit sees its targets; its organizers at central and
    province level may raise them for the subtree."""
    unit = unit_or_404(request.user, code)
    manages = can(request.user, Action.MANAGE_INDICATORS, unit)
    may_set = manages and unit.level in settings.INDICATOR_TARGET_LEVELS
    status = 200
    form = TargetForm() if may_set else None
    if request.method == "POST":
        _require_manager(request.user, unit)
        form = TargetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = target_set(actor=request.user, unit=unit, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã đặt chỉ tiêu (%(indicator)s) năm %(year)d: %(percent)s%%.")
                    % {
                        "indicator": target.indicator,
                        "year": target.year,
                        "percent": percent_text(target.percent),
                    },
                )
                return redirect("indicators:targets", code=unit.code)
        status = 400
    context = {
        "unit": unit,
        "rows": _target_rows(unit),
        "milestones": rules.MILESTONES,
        "form": form,
        "may_set": may_set,
        "manages": manages,
    }
    return render(request, TEMPLATES + "targets.html", context, status=status)
