"""The trainer registry and its gap lists for organizers and programme viewers, on screen
and as XLSX. Only the viewer's subtree is read; a filter value that does not fit is named
on the page (status 400) and left out, never silently taken as applied."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from certificates.forms_trainers import GapFilterForm, TrainerFilterForm
from certificates.selectors_trainer_gaps import trainer_gaps
from certificates.selectors_trainers import trainer_registry
from lms.xlsx import workbook_bytes, xlsx_response
from organizations.permissions import Action, has_any

from .trainers_export import gap_sheets, registry_sheet

PAGE_SIZE = 50
TEMPLATES = "certificates/trainers/"


def _require_viewer(user) -> None:
    if not has_any(user, Action.VIEW_TRAINERS):
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi đội ngũ giảng viên."))


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _xlsx(content: bytes, name: str, unit) -> HttpResponse:
    return xlsx_response(content, f"{name}-{unit.code}" if unit else name)


def _bad_filters(form) -> HttpResponseBadRequest:
    """A spreadsheet cannot carry a warning, so a bad filter gets no file."""
    messages = " ".join(form.error_messages_list())
    return HttpResponseBadRequest(
        _("Bộ lọc không hợp lệ: %(errors)s Hãy sửa bộ lọc rồi tải lại.") % {"errors": messages},
        content_type="text/plain; charset=utf-8",
    )


def _filters(request, form_class):
    """The viewer's filter form, after checking they may view trainers at all."""
    _require_viewer(request.user)
    form = form_class(request.GET, user=request.user)
    return form, form.filters()


def _page(request, template: str, form, filters: dict, **context):
    """A registry page; a filter that did not fit is named and answered with status 400."""
    context |= {
        "form": form,
        "filter_errors": form.error_messages_list(),
        "unit": filters.get("unit"),
        "querystring": _querystring(request),
    }
    status = 400 if form.errors else 200
    return render(request, TEMPLATES + template, context, status=status)


@login_required
def trainers(request):
    form, filters = _filters(request, TrainerFilterForm)
    rows = trainer_registry(user=request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return _page(request, "list.html", form, filters, page_obj=page, rows=page.object_list)


@login_required
def trainers_xlsx(request):
    form, filters = _filters(request, TrainerFilterForm)
    if form.errors:
        return _bad_filters(form)
    rows = trainer_registry(user=request.user, **filters)
    return _xlsx(workbook_bytes([registry_sheet(rows)]), "giang-vien", filters.get("unit"))


@login_required
def trainer_gaps_page(request):
    form, filters = _filters(request, GapFilterForm)
    gaps = trainer_gaps(user=request.user, **filters)
    return _page(request, "gaps.html", form, filters, gaps=gaps)


@login_required
def trainer_gaps_xlsx(request):
    form, filters = _filters(request, GapFilterForm)
    if form.errors:
        return _bad_filters(form)
    gaps = trainer_gaps(user=request.user, **filters)
    return _xlsx(workbook_bytes(gap_sheets(gaps)), "khoang-trong-giang-vien", filters.get("unit"))
