"""The mid-term and final reports of a unit: the list with a form to ask for one, a status
page that follows the Celery task, and the downloads. Everything is a 404 outside the
user's scope of Action.VIEW_INDICATORS."""

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Report
from indicators.reports import cutoffs, text
from indicators.selectors import reports_for_unit
from indicators.services import report_request
from lms.xlsx import XLSX
from organizations.permissions import Action
from organizations.selectors import unit_get_for_user
from organizations.text import fold

TEMPLATES = "indicators/reports/"
REFRESH_SECONDS = 3


class ReportRequestForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    cutoff = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Hãy chọn ngày chốt số liệu."),
            "invalid": gettext_lazy(
                "Ngày chốt số liệu không hợp lệ; hãy nhập theo dạng ngày/tháng/năm."
            ),
        },
    )


def _unit_or_404(user, code: str):
    unit = unit_get_for_user(user, code, Action.VIEW_INDICATORS)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _report_or_404(user, code: str, pk: int) -> Report:
    unit = _unit_or_404(user, code)
    return get_object_or_404(Report.objects.select_related("unit"), pk=pk, unit=unit)


@login_required
def report_list(request, code: str):
    unit = _unit_or_404(request.user, code)
    posted = None
    if request.method == "POST":
        posted = ReportRequestForm(request.POST)
        if posted.is_valid():
            try:
                report = report_request(
                    actor=request.user,
                    unit=unit,
                    kind=posted.cleaned_data["kind"],
                    cutoff=posted.cleaned_data["cutoff"],
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        posted.add_error(field if field in posted.fields else None, message)
            else:
                return redirect("indicators:report", code=unit.code, pk=report.pk)
    today = timezone.localdate()
    forms_by_kind = []
    for kind, label in Report.Kind.choices:
        form = ReportRequestForm(
            initial={"kind": kind, "cutoff": cutoffs.default_cutoff(kind, today)}
        )
        if posted is not None and posted.data.get("kind") == kind:
            form = posted
        first, last = cutoffs.allowed_range(kind, today)
        form.fields["cutoff"].widget.attrs.update(min=f"{first:%Y-%m-%d}", max=f"{last:%Y-%m-%d}")
        forms_by_kind.append((kind, label, form))
    unknown = posted is not None and posted.data.get("kind") not in Report.Kind.values
    context = {
        "unit": unit,
        "reports": reports_for_unit(unit),
        "forms": forms_by_kind,
        "unknown_kind_form": posted if unknown else None,
    }
    return render(request, TEMPLATES + "list.html", context, status=400 if posted else 200)


def _figures(data: dict | None) -> list[dict]:
    if not data:
        return []
    return [
        {
            "label": ind["label"],
            "share": text.share(data["figures"][ind["code"]]["percent"]),
            "num": text.number(data["figures"][ind["code"]]["num"]),
            "den": text.number(data["figures"][ind["code"]]["den"]),
            "target": text.share(data["figures"][ind["code"]]["target"]),
            "status_label": data["figures"][ind["code"]]["status_label"],
        }
        for ind in data["indicators"]
    ]


@login_required
def report_detail(request, code: str, pk: int):
    report = _report_or_404(request.user, code, pk)
    working = report.status in (Report.Status.QUEUED, Report.Status.RUNNING)
    context = {
        "unit": report.unit,
        "report": report,
        "refresh": REFRESH_SECONDS if working else None,
        "retry_form": ReportRequestForm(initial={"kind": report.kind, "cutoff": report.cutoff}),
        "figures": _figures(report.data) if report.status == Report.Status.DONE else [],
    }
    return render(request, TEMPLATES + "detail.html", context)


def _filename(report: Report, extension: str) -> str:
    kind = "so-ket" if report.kind == Report.Kind.MIDTERM else "tong-ket"
    code = re.sub(r"[^a-z0-9]+", "-", fold(report.unit.code)).strip("-")
    return f"bao-cao-{kind}-{code}-{report.cutoff:%Y%m%d}.{extension}"


def _download(field, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Http404(_("Tệp báo cáo không còn trên máy chủ.")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _done_or_404(request, code: str, pk: int) -> Report:
    report = _report_or_404(request.user, code, pk)
    if report.status != Report.Status.DONE:
        raise Http404(_("Báo cáo chưa tạo xong."))
    return report


@login_required
def report_pdf(request, code: str, pk: int):
    report = _done_or_404(request, code, pk)
    return _download(report.pdf, _filename(report, "pdf"), "application/pdf")


@login_required
def report_xlsx(request, code: str, pk: int):
    report = _done_or_404(request, code, pk)
    return _download(report.xlsx, _filename(report, "xlsx"), XLSX)
