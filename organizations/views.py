"""Thin views: parse input, ask the permission helper via selectors, call one service."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import CadreForm, ChildUnitForm, InvitationAcceptForm, InviteForm, UnitForm
from .models import Role
from .permissions import Action, can

PAGE_SIZE = 25


def _unit_or_404(user, code: str, action: Action):
    unit = selectors.unit_get_for_user(user, code, action)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _cadre_or_404(user, pk: int, action: Action):
    cadre = selectors.cadre_get_for_user(user, pk, action)
    if cadre is None:
        raise Http404(_("Không tìm thấy cán bộ trong phạm vi của bạn."))
    return cadre


def _managed_unit_from_form(user, form, code: str):
    """The unit a typed code names, if the user manages it; otherwise a form error."""
    unit = selectors.unit_get_for_user(user, code, Action.MANAGE_CADRES)
    if unit is None:
        form.add_error(
            "unit",
            _("Không có đơn vị mã “%(code)s” trong phạm vi bạn quản lý.") % {"code": code},
        )
    return unit


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def role_home(request):
    """Where a user lands after login: the main page of their role."""
    roles = selectors.user_roles(request.user)
    authors_only = Role.MASTER_TRAINER in roles and Role.ORGANIZER not in roles
    if "superuser" in roles or authors_only:
        return redirect("wagtailadmin_home")
    if Role.ORGANIZER in roles:
        return redirect("unit_index")
    if Role.PROGRAMME_VIEWER in roles:
        return redirect("scope_overview")
    return redirect("my_learning")


@login_required
def unit_index(request):
    roots = selectors.unit_roots_for_user(request.user, Action.VIEW_CADRES)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân công quản lý đơn vị nào."))
    if len(roots) == 1:
        return redirect("unit_detail", code=roots[0].code)
    return render(request, "organizations/unit_index.html", {"roots": roots})


@login_required
def unit_detail(request, code: str):
    unit = _unit_or_404(request.user, code, Action.VIEW_CADRES)
    query = request.GET.get("q", "")
    cadres = selectors.cadres_for_user(request.user, unit=unit, query=query)
    cadres_page = Paginator(cadres, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "query": query,
        "cadres_page": cadres_page,
        "children": list(selectors.unit_children(unit)),
        "breadcrumbs": [
            a for a in selectors.unit_ancestors(unit) if can(request.user, Action.VIEW_CADRES, a)
        ],
        "can_manage": can(request.user, Action.MANAGE_CADRES, unit),
    }
    return render(request, "organizations/unit_detail.html", context)


@login_required
def unit_edit(request, code: str):
    unit = _unit_or_404(request.user, code, Action.MANAGE_CADRES)
    initial = {name: getattr(unit, name) for name in UnitForm.base_fields}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("unit_detail", code=unit.code)
    return render(request, "organizations/unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_add_child(request, code: str):
    parent = _unit_or_404(request.user, code, Action.MANAGE_CADRES)
    form = ChildUnitForm(
        request.POST or None,
        initial={"organisation": parent.organisation, "level": "grassroots"}
        | {flag: getattr(parent, flag) for flag in services.UNIT_FLAGS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            child = services.org_unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": child.name})
            return redirect("unit_detail", code=child.code)
    return render(
        request, "organizations/unit_form.html", {"form": form, "unit": parent, "adding": True}
    )


@login_required
def cadre_create(request, code: str):
    unit = _unit_or_404(request.user, code, Action.MANAGE_CADRES)
    form = CadreForm(request.POST or None, initial={"unit": unit.code})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = _managed_unit_from_form(request.user, form, data.pop("unit"))
        if target is not None:
            try:
                cadre = services.cadre_create(actor=request.user, unit=target, **data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm cán bộ %(name)s.") % {"name": cadre.full_name})
                return redirect("unit_detail", code=cadre.unit.code)
    return render(request, "organizations/cadre_form.html", {"form": form, "unit": unit})


@login_required
def cadre_edit(request, pk: int):
    cadre = _cadre_or_404(request.user, pk, Action.MANAGE_CADRES)
    post = selectors.cadre_primary_post(cadre)
    initial = {
        "full_name": cadre.full_name,
        "gender": cadre.gender,
        "ethnicity": cadre.ethnicity,
        "date_of_birth": cadre.date_of_birth,
        "national_id": cadre.national_id,
        "email": cadre.email,
        "phone": cadre.phone,
        "unit": cadre.unit.code,
        "title": post.title if post else "",
        "kind": post.kind if post else "",
        "in_charge_of_volunteer_work": post.in_charge_of_volunteer_work if post else False,
    }
    form = CadreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("request_key", None)
        target = _managed_unit_from_form(request.user, form, data.pop("unit"))
        if target is not None:
            try:
                services.cadre_update(actor=request.user, cadre=cadre, unit=target, **data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("cadre_edit", pk=cadre.pk)
    context = {
        "form": form,
        "cadre": cadre,
        "unit": cadre.unit,
        "invite_form": InviteForm(initial={"email": cadre.email}),
        "pending_invitation": selectors.invitation_pending_for_cadre(cadre),
    }
    return render(request, "organizations/cadre_form.html", context)


@login_required
@require_POST
def cadre_invite(request, pk: int):
    cadre = _cadre_or_404(request.user, pk, Action.MANAGE_CADRES)
    form = InviteForm(request.POST)
    form.is_valid()
    try:
        invitation = services.invitation_send(
            actor=request.user, cadre=cadre, email=form.cleaned_data.get("email", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
    return redirect("cadre_edit", pk=cadre.pk)


def invitation_accept(request, token: str):
    invitation = selectors.invitation_pending(token=token)
    if invitation is None:
        return render(request, "organizations/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied:
            return render(request, "organizations/invitation_invalid.html", status=404)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Chào mừng bạn đến với Sức Trẻ!"))
            return redirect(reverse("my_learning"))
    return render(
        request, "organizations/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_required
def scope_overview(request):
    """A programme viewer's part of the tree: units and how many cadres each registers."""
    roots = selectors.unit_roots_for_user(request.user, Action.VIEW_INDICATORS)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi đơn vị nào."))
    code = request.GET.get("unit")
    unit = _unit_or_404(request.user, code, Action.VIEW_INDICATORS) if code else roots[0]
    rows = selectors.unit_cadre_counts(unit)
    return render(
        request,
        "organizations/scope_overview.html",
        {"unit": unit, "roots": roots, "rows": rows},
    )
