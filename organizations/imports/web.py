"""The import page every kind shares (template, upload form, latest jobs), so the apps
that register a kind only add a thin view that finds the scope and calls `import_page`."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lms.xlsx import xlsx_response

from .jobs import import_job_create, import_jobs_recent
from .registry import ImportKind
from .workbooks import export_bytes, template_bytes


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        error_messages={"required": _("Chọn một tệp .xlsx hoặc .csv để tải lên.")},
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)


def import_page(
    request,
    *,
    kind: ImportKind,
    scope_unit,
    target_id=None,
    heading: str,
    back_url: str,
    template_url: str,
    export_url: str,
):
    """GET: the page; POST: store the upload as a job and go to it (or show why not)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                actor=request.user,
                kind=kind.name,
                scope_unit=scope_unit,
                target_id=target_id,
                upload=form.cleaned_data["file"],
                request_key=form.cleaned_data.get("request_key") or None,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("import_job", pk=job.pk)
    context = {
        "kind": kind,
        "unit": scope_unit,
        "heading": heading,
        "back_url": back_url,
        "template_url": template_url,
        "export_url": export_url,
        "form": form,
        "columns": kind.columns,
        "jobs": import_jobs_recent(
            user=request.user, kind=kind.name, scope_unit=scope_unit, target_id=target_id
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "organizations/imports/start.html", context, status=status)


def template_response(kind: ImportKind):
    return xlsx_response(template_bytes(kind), f"mau-{kind.filename}")


def export_response(kind: ImportKind, *, actor, scope_unit, target_id=None, name: str):
    content = export_bytes(kind, actor=actor, scope_unit=scope_unit, target_id=target_id)
    return xlsx_response(content, name)
