"""The register (sổ đăng ký) for organizers: search, a certificate's record and history,
revocation and reissue. A certificate outside the organizer's subtree is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.forms import RegisterFilterForm, ReissueForm, RevokeForm
from certificates.selectors import (
    certificate_get_for_user,
    certificate_history,
    certificate_replacement,
    register_for_user,
)
from certificates.services import (
    NoTemplate,
    certificate_pdf_ensure,
    certificate_reissue,
    certificate_revoke,
)
from organizations.permissions import Action, can, has_any

from .views_common import pdf_filename, private_file_response, rows

PAGE_SIZE = 50
TEMPLATES = "certificates/register/"


def _require_issuer(user) -> None:
    if not has_any(user, Action.ISSUE_CERTIFICATES):
        raise PermissionDenied(_("Bạn chưa được phân công cấp giấy chứng nhận."))


def _certificate_or_404(user, pk: int):
    certificate = certificate_get_for_user(user, pk)
    if certificate is None:
        raise Http404(_("Không tìm thấy giấy chứng nhận trong phạm vi của bạn."))
    return certificate


@login_required
def register_list(request):
    _require_issuer(request.user)
    form = RegisterFilterForm(request.GET)
    certificates = register_for_user(request.user, **form.filters())
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": rows(page.object_list),
        "querystring": query.urlencode(),
    }
    return render(request, TEMPLATES + "list.html", context)


def _render_detail(request, certificate, *, revoke_form=None, reissue_form=None, status=200):
    history = certificate_history(certificate)
    context = {
        "certificate": certificate,
        "row": rows([certificate])[0],
        "history": rows(history),
        "replacement": certificate_replacement(certificate),
        "events": certificate.events.select_related("actor"),
        "may_act": can(request.user, Action.ISSUE_CERTIFICATES, certificate.issuing_unit),
        "revoke_form": revoke_form or RevokeForm(),
        "reissue_form": reissue_form or ReissueForm(),
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)


@login_required
def register_detail(request, pk: int):
    return _render_detail(request, _certificate_or_404(request.user, pk))


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_POST
def register_revoke(request, pk: int):
    certificate = _certificate_or_404(request.user, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("certificates:register_detail", pk=certificate.pk)
        else:
            messages.success(
                request, _("Đã thu hồi giấy chứng nhận số %(serial)s.") % {"serial": certificate}
            )
            return redirect("certificates:register_detail", pk=certificate.pk)
    return _render_detail(request, certificate, revoke_form=form, status=400)


@login_required
@require_POST
def register_reissue(request, pk: int):
    certificate = _certificate_or_404(request.user, pk)
    form = ReissueForm(request.POST)
    if form.is_valid():
        try:
            new = certificate_reissue(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except NoTemplate as exc:
            form.add_error(None, str(exc))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("certificates:register_detail", pk=certificate.pk)
        else:
            messages.success(
                request,
                _("Đã cấp lại: giấy số %(new)s thay giấy số %(old)s.")
                % {"new": new.serial, "old": certificate.serial},
            )
            return redirect("certificates:register_detail", pk=new.pk)
    return _render_detail(request, certificate, reissue_form=form, status=400)


@login_required
def register_pdf(request, pk: int):
    certificate = certificate_pdf_ensure(certificate=_certificate_or_404(request.user, pk))
    return private_file_response(certificate.pdf, pdf_filename(certificate))
