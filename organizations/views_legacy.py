"""Old units (before 1 July 2025) that now land in a unit's subtree, on screen and as XLSX.

For organizers and programme viewers of the unit. A filter value that does not fit is
named on the page (status 400) and left out, never silently taken as applied; the
spreadsheet cannot carry a warning, so a bad filter gets no file.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.xlsx import workbook_bytes, xlsx_response

from . import selectors
from .models import LegacyLevel
from .permissions import Action

PAGE_SIZE = 50
ACTION = Action.VIEW_INDICATORS  # held by organizers and programme viewers alike


class LegacyFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Tìm theo tên xã, huyện, tỉnh cũ"),
        required=False,
        max_length=100,
        error_messages={
            "max_length": gettext_lazy(
                "Từ khoá dài quá %(limit_value)d ký tự (đang có %(show_value)d): hãy rút gọn."
            )
        },
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Cấp"),
        required=False,
        choices=[("", gettext_lazy("Mọi cấp")), *LegacyLevel.choices],
        error_messages={
            "invalid_choice": gettext_lazy(
                "Không có cấp “%(value)s”: chọn tỉnh/thành, quận/huyện hoặc phường/xã cũ."
            )
        },
    )

    def filters(self) -> dict:
        """The filters that are valid; a bad one is left out (its error says so)."""
        self.is_valid()
        return {
            "query": self.cleaned_data.get("q", ""),
            "level": self.cleaned_data.get("level", ""),
        }

    def error_messages_list(self) -> list[str]:
        return [str(message) for errors in self.errors.values() for message in errors]


def _unit_or_404(user, code: str):
    unit = selectors.unit_get_for_user(user, code, ACTION)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def unit_legacy(request, code: str):
    unit = _unit_or_404(request.user, code)
    form = LegacyFilterForm(request.GET)
    rows = selectors.legacy_units_in_unit(unit=unit, **form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "form": form,
        "filter_errors": form.error_messages_list(),
        "page_obj": page,
        "querystring": _querystring(request),
    }
    status = 400 if form.errors else 200
    return render(request, "organizations/legacy_list.html", context, status=status)


@login_required
def unit_legacy_xlsx(request, code: str):
    unit = _unit_or_404(request.user, code)
    form = LegacyFilterForm(request.GET)
    filters = form.filters()
    if form.errors:
        return HttpResponseBadRequest(
            _("Bộ lọc không hợp lệ: %(errors)s Hãy sửa bộ lọc rồi tải lại.")
            % {"errors": " ".join(form.error_messages_list())},
            content_type="text/plain; charset=utf-8",
        )
    rows = selectors.legacy_units_in_unit(unit=unit, **filters).iterator(chunk_size=2000)
    headers = [
        _("Cấp"),
        _("Mã cũ"),
        _("Tên đơn vị cũ"),
        _("Quận/huyện cũ"),
        _("Tỉnh/thành cũ"),
        _("Mã đơn vị hiện nay"),
        _("Đơn vị hiện nay"),
        _("Ghi chú"),
    ]
    divided = _("Đã chia tách; quy về đơn vị mặc định")
    sheet = (
        _("Đơn vị cũ"),
        headers,
        (
            [
                row.get_level_display(),
                row.code,
                row.name,
                row.district_name,
                row.province_name,
                row.unit.code,
                row.unit.name,
                divided if row.divided else "",
            ]
            for row in rows
        ),
    )
    return xlsx_response(workbook_bytes([sheet]), f"don-vi-cu-{unit.code}")
