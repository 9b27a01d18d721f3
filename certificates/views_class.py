"""Bulk issuance for a training class: a preview of who will and will not receive a
certificate and why, one confirmation, then the class's printable PDF once it is made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.forms import ClassIssueForm
from certificates.models import Kind
from certificates.selectors import batches_of_class, class_issue_candidates
from certificates.services import NoTemplate, certificates_issue_for_class
from courses.selectors import classes as class_selectors
from organizations.permissions import Action, can

from .views_common import private_file_response

REFRESH_SECONDS = 5


def _class_or_404(user, class_id: int):
    training_class = class_selectors.class_get_for_user(user, class_id)
    if training_class is None or not can(user, Action.ISSUE_CERTIFICATES, training_class.host_unit):
        raise Http404(_("Không tìm thấy lớp trong phạm vi của bạn."))
    return training_class


def _to_page(training_class, kind: str):
    url = reverse("certificates:class_issue", args=[training_class.pk])
    return redirect(f"{url}?kind={kind}")


@login_required
def class_issue(request, class_id: int):
    training_class = _class_or_404(request.user, class_id)
    is_tot = training_class.course.is_tot
    data = request.POST if request.method == "POST" else {"kind": request.GET.get("kind")}
    form = ClassIssueForm(data, is_tot=is_tot)
    kind = form.cleaned_data["kind"] if form.is_valid() else Kind.CLASS
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Hãy chọn loại giấy chứng nhận cần cấp."))
            return _to_page(training_class, Kind.CLASS)
        try:
            batch = certificates_issue_for_class(
                actor=request.user, training_class=training_class, kind=kind
            )
        except NoTemplate as exc:
            messages.error(request, str(exc))
        else:
            if batch.issued_count:
                messages.success(
                    request,
                    _("Đã cấp %(n)d giấy chứng nhận. Tệp PDF cả lớp đang được tạo.")
                    % {"n": batch.issued_count},
                )
            else:
                messages.info(request, _("Không có giấy chứng nhận mới nào cần cấp."))
        return _to_page(training_class, kind)

    candidates = class_issue_candidates(training_class=training_class, kind=kind)
    batches = [b for b in batches_of_class(training_class) if b.issued_count]
    context = {
        "training_class": training_class,
        "form": ClassIssueForm(initial={"kind": kind}, is_tot=is_tot),
        "kind": kind,
        "kind_label": Kind(kind).label,
        "candidates": candidates,
        "receiving": sum(1 for c in candidates if c.will_receive),
        "batches": batches,
        "refresh": REFRESH_SECONDS if any(not b.pdf for b in batches) else None,
    }
    return render(request, "certificates/class_issue.html", context)


@login_required
def batch_pdf(request, class_id: int, batch_id: int):
    training_class = _class_or_404(request.user, class_id)
    batch = next((b for b in batches_of_class(training_class) if b.pk == batch_id), None)
    if batch is None:
        raise Http404(_("Không tìm thấy đợt cấp này."))
    if not batch.pdf:
        messages.info(request, _("Tệp PDF cả lớp đang được tạo; vui lòng đợi giây lát."))
        return _to_page(training_class, batch.kind)
    filename = f"giay-chung-nhan-lop-{training_class.code}-dot-{batch.pk}.pdf"
    return private_file_response(batch.pdf, filename)
