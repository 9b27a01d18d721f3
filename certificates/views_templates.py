"""Certificate templates: the list a user may edit, the create/edit form and a preview PDF
filled with sample data. The rules live in `services.template_edit`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from certificates.forms import TemplateForm
from certificates.models import PLACEHOLDERS
from certificates.selectors import templates_for_user
from certificates.services import template_preview_pdf
from certificates.services.template_edit import (
    NATIONWIDE_PERMISSION,
    certificate_template_save,
)
from organizations import selectors as org_selectors
from organizations.permissions import Action, has_any

TEMPLATES = "certificates/templates/"


def _require_editor(user) -> None:
    if not (has_any(user, Action.ISSUE_CERTIFICATES) or user.has_perm(NATIONWIDE_PERMISSION)):
        raise PermissionDenied(_("Bạn chưa được phân công quản lý mẫu giấy chứng nhận."))


def _template_or_404(user, pk: int):
    template = templates_for_user(user).filter(pk=pk).first()
    if template is None:
        raise Http404(_("Không tìm thấy mẫu giấy chứng nhận trong phạm vi của bạn."))
    return template


@login_required
def template_list(request):
    _require_editor(request.user)
    context = {
        "templates": templates_for_user(request.user).order_by("kind", "name"),
        "is_issuer": has_any(request.user, Action.ISSUE_CERTIFICATES),
    }
    return render(request, TEMPLATES + "list.html", context)


def _owner_unit(user, form):
    """(ok, unit): the unit typed as a code, looked up within the user's scope."""
    code = form.cleaned_data["owner_unit"].strip()
    if not code:
        return True, None
    unit = org_selectors.unit_get_for_user(user, code, Action.ISSUE_CERTIFICATES)
    if unit is None:
        form.add_error(
            "owner_unit",
            _("Không có đơn vị mã “%(code)s” trong phạm vi cấp giấy chứng nhận của bạn.")
            % {"code": code},
        )
        return False, None
    return True, unit


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _edit(request, template=None):
    if template is None:
        roots = org_selectors.unit_roots_for_user(request.user, Action.ISSUE_CERTIFICATES)
        initial = {"owner_unit": roots[0].code if roots else "", "is_active": True}
    else:
        initial = TemplateForm.initial_for(template)
    form = TemplateForm(
        request.POST or None, request.FILES or None, instance=template, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        ok, owner_unit = _owner_unit(request.user, form)
        if ok:
            try:
                saved = certificate_template_save(
                    actor=request.user,
                    template=template,
                    fields={**form.service_fields(), "owner_unit": owner_unit},
                    files=form.service_files(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu mẫu “%(name)s”.") % {"name": saved.name})
                return redirect("certificates:template_edit", pk=saved.pk)
    context = {"form": form, "template": template, "placeholders": PLACEHOLDERS.items()}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, TEMPLATES + "form.html", context, status=status)


@login_required
def template_create(request):
    _require_editor(request.user)
    return _edit(request)


@login_required
def template_edit(request, pk: int):
    return _edit(request, _template_or_404(request.user, pk))


@login_required
def template_preview(request, pk: int):
    """The template as saved, filled with sample data, opened in the browser's viewer."""
    template = _template_or_404(request.user, pk)
    response = HttpResponse(template_preview_pdf(template=template), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xem-truoc-mau-{template.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
