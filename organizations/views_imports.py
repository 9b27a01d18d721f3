"""Import and export pages of cadre and unit lists, and the job pages every kind shares.

Thin views: the unit comes through the scoped selector (another province's unit is a 404),
each POST calls one service of `organizations.imports`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import imports, selectors
from .imports.web import export_response, import_page, template_response
from .models import ImportStatus
from .permissions import Action

UNIT_KINDS = ("cadres", "units")


def _unit_and_kind(user, code: str, kind_name: str):
    kind = imports.kind_get(kind_name) if kind_name in UNIT_KINDS else None
    unit = selectors.unit_get_for_user(user, code, Action.IMPORT_DATA)
    if kind is None or unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit, kind


def _job_or_404(user, pk: int):
    job = imports.import_job_get_for_user(user, pk)
    if job is None:
        raise Http404(_("Không tìm thấy lượt nhập dữ liệu trong phạm vi của bạn."))
    return job


@login_required
def unit_import(request, code: str, kind: str):
    unit, import_kind = _unit_and_kind(request.user, code, kind)
    return import_page(
        request,
        kind=import_kind,
        scope_unit=unit,
        heading=f"{import_kind.label} — {unit.name}",
        back_url=reverse("unit_detail", args=[unit.code]),
        template_url=reverse("unit_import_template", args=[unit.code, kind]),
        export_url=reverse("unit_export", args=[unit.code, kind]),
    )


@login_required
def unit_import_template(request, code: str, kind: str):
    _unit, import_kind = _unit_and_kind(request.user, code, kind)
    return template_response(import_kind)


@login_required
def unit_export(request, code: str, kind: str):
    unit, import_kind = _unit_and_kind(request.user, code, kind)
    return export_response(
        import_kind, actor=request.user, scope_unit=unit, name=f"{import_kind.filename}-{unit.code}"
    )


@login_required
def import_job(request, pk: int):
    job = _job_or_404(request.user, pk)
    kind = imports.kind_get(job.kind)
    context = {
        "job": job,
        "kind": kind,
        "progress": imports.import_job_progress(job),
        "preview_headers": kind.preview_headers(),
        "back_url": kind.back_url(job.scope_unit, job.target_id),
        "import_url": kind.import_url(job.scope_unit, job.target_id),
    }
    return render(request, "organizations/imports/job.html", context)


@login_required
def import_job_status(request, pk: int):
    job = _job_or_404(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "running": job.is_running,
            "processed_rows": imports.import_job_progress(job),
            "total_rows": job.total_rows,
            "error_count": job.error_count,
        }
    )


@login_required
@require_POST
def import_job_confirm(request, pk: int):
    job = _job_or_404(request.user, pk)
    if imports.import_job_confirm(actor=request.user, job=job):
        messages.success(request, _("Đã bắt đầu nhập dữ liệu."))
    elif job.status != ImportStatus.READY:
        messages.info(request, _("Lượt nhập này đã được xác nhận trước đó."))
    return redirect("import_job", pk=job.pk)
