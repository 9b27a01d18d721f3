"""The trainer registry and its gap lists for organizers and programme viewers, on screen
and as XLSX. Only the viewer's subtree is read; a filter value that does not fit is named
on the page (status 400) and left out, never silently taken as applied."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.forms_trainers import GapFilterForm, TrainerFilterForm
from certificates.selectors_trainer_gaps import trainer_gaps
from certificates.selectors_trainers import trainer_registry
from organizations.permissions import Action, has_any

from .trainers_export import XLSX, gap_sheets, registry_sheet, workbook_bytes

PAGE_SIZE = 50
TEMPLATES = "certificates/trainers/"


def _require_viewer(user) -> None:
    if not has_any(user, Action.VIEW_TRAINERS):
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi đội ngũ giảng viên."))


def cascade_url(code: str) -> str:
    """The trainer's cascade page; the registry lists only trainers the viewer may open."""
    return reverse("cascade_trainer", args=[code])


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _xlsx(content: bytes, name: str, unit) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    scope = f"-{unit.code}" if unit else ""
    filename = f"{name}{scope}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad_filters(form) -> HttpResponseBadRequest:
    """A spreadsheet cannot carry a warning, so a bad filter gets no file."""
    messages = " ".join(form.error_messages_list())
    return HttpResponseBadRequest(
        _("Bộ lọc không hợp lệ: %(errors)s Hãy sửa bộ lọc rồi tải lại.") % {"errors": messages},
        content_type="text/plain; charset=utf-8",
    )


@login_required
def trainers(request):
    _require_viewer(request.user)
    form = TrainerFilterForm(request.GET, user=request.user)
    filters = form.filters()
    rows = trainer_registry(user=request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.cascade_url = cascade_url(row.cadre.code)
    context = {
        "form": form,
        "filter_errors": form.error_messages_list(),
        "unit": filters.get("unit"),
        "page_obj": page,
        "rows": page.object_list,
        "querystring": _querystring(request),
    }
    status = 400 if form.errors else 200
    return render(request, TEMPLATES + "list.html", context, status=status)


@login_required
def trainers_xlsx(request):
    _require_viewer(request.user)
    form = TrainerFilterForm(request.GET, user=request.user)
    filters = form.filters()
    if form.errors:
        return _bad_filters(form)
    rows = trainer_registry(user=request.user, **filters)
    return _xlsx(workbook_bytes([registry_sheet(rows)]), "giang-vien", filters.get("unit"))


@login_required
def trainer_gaps_page(request):
    _require_viewer(request.user)
    form = GapFilterForm(request.GET, user=request.user)
    filters = form.filters()
    gaps = trainer_gaps(user=request.user, **filters)
    for gap in gaps.lapsed:
        gap.cascade_url = cascade_url(gap.trainer.cadre.code)
    context = {
        "form": form,
        "filter_errors": form.error_messages_list(),
        "unit": filters.get("unit"),
        "gaps": gaps,
        "querystring": _querystring(request),
    }
    status = 400 if form.errors else 200
    return render(request, TEMPLATES + "gaps.html", context, status=status)


@login_required
def trainer_gaps_xlsx(request):
    _require_viewer(request.user)
    form = GapFilterForm(request.GET, user=request.user)
    filters = form.filters()
    if form.errors:
        return _bad_filters(form)
    gaps = trainer_gaps(user=request.user, **filters)
    return _xlsx(workbook_bytes(gap_sheets(gaps)), "khoang-trong-giang-vien", filters.get("unit"))
