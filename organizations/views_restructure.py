"""Restructuring pages: each form posts first as a dry run showing the plan, then again
with `confirm` and the request key made on the plan page, so a double click applies once."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors, services
from .forms_restructure import MergeForm, MoveForm, RenameForm, SplitForm
from .permissions import Action, can

PAGE_SIZE = 20


def _unit_or_404(user, code: str, action: Action):
    unit = selectors.unit_get_for_user(user, code, action)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _unknown(code: str) -> str:
    return _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": code}


def _unit_from_code(user, form, field: str, code: str):
    """The unit a typed code names within the user's scope; otherwise a form error (a code
    outside the scope reads like an unknown one)."""
    found, missing = selectors.units_by_codes_for_user(user, [code], Action.RESTRUCTURE)
    if missing:
        form.add_error(field, _unknown(missing[0]))
        return None
    return found[0]


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _operate(request, unit, form, *, template: str, title: str, call):
    """Dry run or apply `call(data, dry_run=…, request_key=…)`, then show the plan or go to
    the audit log."""
    # A second click on the same confirmation: the change is already applied, even if the
    # form no longer validates against the tree it changed.
    if (
        request.method == "POST"
        and request.POST.get("confirm")
        and selectors.unit_change_recorded(request.POST.get("request_key", "")) is not None
    ):
        messages.info(request, _("Thay đổi này đã được áp dụng."))
        return redirect("unit_changes", code=unit.code)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirm = bool(data.get("confirm"))
        try:
            plan = call(data, dry_run=not confirm, request_key=data.get("request_key") or "")
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied:
            form.add_error(None, _("Bạn không có quyền thay đổi cơ cấu ở phạm vi này."))
        else:
            if plan is not None and confirm:
                messages.success(request, _("Đã áp dụng thay đổi cơ cấu."))
                return redirect("unit_changes", code=unit.code)
            if plan is not None:
                data = request.POST.copy()
                data["request_key"] = uuid.uuid4().hex
                data["confirm"] = "1"
                confirm_form = type(form)(data, **getattr(form, "extra_kwargs", {}))
                return render(
                    request,
                    "organizations/restructure/confirm.html",
                    {"unit": unit, "title": title, "plan": plan, "confirm_form": confirm_form},
                )
    return render(request, template, {"unit": unit, "form": form, "title": title})


@login_required
def restructure_home(request, code: str):
    unit = _unit_or_404(request.user, code, Action.RESTRUCTURE)
    return render(request, "organizations/restructure/home.html", {"unit": unit})


@login_required
def unit_merge(request, code: str):
    parent = _unit_or_404(request.user, code, Action.RESTRUCTURE)
    children = list(selectors.unit_children(parent))
    form = MergeForm(request.POST or None, children=children)
    form.extra_kwargs = {"children": children}

    def call(data, **kwargs):
        sources, missing = selectors.units_by_codes_for_user(
            request.user, data["sources"], Action.RESTRUCTURE
        )
        for code_ in missing:
            form.add_error("sources", _unknown(code_))
        into = None
        if data["into"]:
            into = _unit_from_code(request.user, form, "into", data["into"])
        if form.errors:
            return None
        return services.units_merge(
            actor=request.user,
            sources=sources,
            into=into,
            new_code=data["new_code"],
            new_name=data["new_name"],
            parent=parent,
            effective_on=data["effective_on"],
            note=data["note"],
            **kwargs,
        )

    return _operate(
        request,
        parent,
        form,
        template="organizations/restructure/form.html",
        title=_("Sáp nhập đơn vị trực thuộc"),
        call=call,
    )


@login_required
def unit_move(request, code: str):
    unit = _unit_or_404(request.user, code, Action.RESTRUCTURE)
    form = MoveForm(request.POST or None)

    def call(data, **kwargs):
        new_parent = _unit_from_code(request.user, form, "new_parent", data["new_parent"])
        if new_parent is None:
            return None
        return services.unit_move(
            actor=request.user,
            unit=unit,
            new_parent=new_parent,
            effective_on=data["effective_on"],
            note=data["note"],
            **kwargs,
        )

    return _operate(
        request,
        unit,
        form,
        template="organizations/restructure/form.html",
        title=_("Chuyển đơn vị sang đơn vị cấp trên khác"),
        call=call,
    )


@login_required
def unit_split(request, code: str):
    unit = _unit_or_404(request.user, code, Action.RESTRUCTURE)
    form = SplitForm(request.POST or None)

    def call(data, **kwargs):
        return services.unit_split(
            actor=request.user,
            unit=unit,
            parts=data["parts"],
            dissolve=data["dissolve"],
            effective_on=data["effective_on"],
            note=data["note"],
            **kwargs,
        )

    return _operate(
        request,
        unit,
        form,
        template="organizations/restructure/form.html",
        title=_("Chia tách đơn vị"),
        call=call,
    )


@login_required
def unit_rename(request, code: str):
    unit = _unit_or_404(request.user, code, Action.RESTRUCTURE)
    form = RenameForm(request.POST or None)

    def call(data, **kwargs):
        return services.unit_rename(
            actor=request.user,
            unit=unit,
            new_name=data["new_name"],
            effective_on=data["effective_on"],
            note=data["note"],
            **kwargs,
        )

    return _operate(
        request,
        unit,
        form,
        template="organizations/restructure/form.html",
        title=_("Đổi tên đơn vị"),
        call=call,
    )


@login_required
def unit_changes(request, code: str):
    """The audit log: organizers and programme viewers of the unit."""
    unit = _unit_or_404(request.user, code, Action.VIEW_INDICATORS)
    page = Paginator(selectors.unit_changes_for(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        (change, services.RestructurePlan.from_json(change.plan, change_id=change.pk))
        for change in page.object_list
    ]
    context = {
        "unit": unit,
        "changes_page": page,
        "entries": entries,
        "can_restructure": can(request.user, Action.RESTRUCTURE, unit),
    }
    return render(request, "organizations/restructure/changes.html", context)
