"""The completion table of training classes for a unit's subtree, on screen and as XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.xlsx import workbook_bytes, xlsx_response
from organizations import selectors as org_selectors
from organizations.permissions import Action

from .forms_classes import CompletionFilterForm
from .selectors import classes as selectors


def _completion(request, code: str):
    unit = org_selectors.unit_get_for_user(request.user, code, Action.MANAGE_CLASSES)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    form = CompletionFilterForm(request.GET or None, courses=selectors.courses_for_classes())
    filters = selectors.CompletionFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.CompletionFilters(**form.cleaned_data)
    return unit, form, selectors.completion_rows(request.user, unit, filters)


@login_required
def unit_completion(request, code: str):
    unit, form, rows = _completion(request, code)
    context = {
        "unit": unit,
        "form": form,
        "rows": rows[:500],
        "total": rows.count(),
        "querystring": request.GET.urlencode(),
    }
    return render(request, "courses/classes/completion.html", context)


@login_required
def unit_completion_xlsx(request, code: str):
    unit, _form, rows = _completion(request, code)
    table = selectors.completion_table(rows.iterator(chunk_size=500))
    sheet = (_("Hoàn thành lớp"), selectors.completion_headers(), table)
    return xlsx_response(workbook_bytes([sheet]), f"hoan-thanh-lop-{unit.code}")
