"""The completion table of training classes for a unit's subtree, on screen and as XLSX."""

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import selectors as org_selectors
from organizations.permissions import Action

from .forms_classes import CompletionFilterForm
from .selectors import classes as selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    unit, _form, rows = _completion(request, code)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Hoàn thành lớp")[:31]
    sheet.append(selectors.completion_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in selectors.completion_table(rows.iterator(chunk_size=500)):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    filename = f"hoan-thanh-lop-{unit.code}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
