"""Authoring pages in the Wagtail admin, where master trainers write question banks:
importing questions from a spreadsheet (upload → preview → confirm) and item analysis.

The uploaded file waits for confirmation in the cache, under a key made of the user, the
bank and the file's SHA-256, so the confirmation imports exactly the file previewed and
nobody else's."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from organizations.permissions import Action, has_any

from .admin_forms import QuestionImportForm
from .models import Question, QuestionBank, Quiz
from .selectors.item_analysis import MIN_ATTEMPTS, item_analysis
from .services.questions_import import questions_import, questions_template_xlsx
from .services.spreadsheet_read import MAX_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENDING_SECONDS = 30 * 60


def may_author(user) -> bool:
    """Master trainers (over any unit) and superusers write question banks."""
    return has_any(user, Action.AUTHOR_CONTENT)


def _require_author(user) -> None:
    if not may_author(user):
        raise PermissionDenied(_("Chỉ giảng viên nguồn được dùng chức năng này."))


def _snippet_url(model, view: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


@login_required
def authoring_home(request):
    """/danh-gia/bien-soan/ leads authors to their question banks in the admin."""
    _require_author(request.user)
    return redirect(_snippet_url(QuestionBank, "list"))


def question_template(request):
    _require_author(request.user)
    response = HttpResponse(questions_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-cau-hoi.xlsx"'
    return response


class QuestionImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessments/authoring/question_import.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_author(request.user)
        self.bank = get_object_or_404(QuestionBank, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Nhập câu hỏi từ bảng tính")

    def get_page_subtitle(self):
        return self.bank.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": _snippet_url(QuestionBank, "list"), "label": _("Ngân hàng câu hỏi")},
            {"url": _snippet_url(QuestionBank, "edit", self.bank.pk), "label": self.bank.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def _pending_key(self, digest: str) -> str:
        return f"assessments:question-import:{self.request.user.pk}:{self.bank.pk}:{digest}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            bank=self.bank,
            form=kwargs.get("form") or QuestionImportForm(),
            template_url=reverse("assessments_question_template"),
            max_mb=MAX_BYTES // (1024 * 1024),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "digest" in request.POST:
            return self._confirm(request.POST["digest"])
        form = QuestionImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        result = questions_import(actor=request.user, bank=self.bank, file=upload, dry_run=True)
        digest = ""
        if not result.errors:
            upload.seek(0)
            data = upload.read()
            digest = hashlib.sha256(data).hexdigest()
            cache.set(
                self._pending_key(digest), {"name": upload.name, "data": data}, PENDING_SECONDS
            )
        return self.render_to_response(
            self.get_context_data(form=form, result=result, digest=digest, file_name=upload.name)
        )

    def _confirm(self, digest: str):
        key = self._pending_key(digest)
        pending = cache.get(key) if digest.isalnum() else None
        # Deleting claims the file, so a double click imports it once.
        if pending is None or not cache.delete(key):
            messages.error(
                self.request,
                _("Tệp đã xem trước không còn được lưu (quá 30 phút); hãy tải tệp lên lại."),
            )
            return redirect("assessments_question_import", pk=self.bank.pk)
        upload = SimpleUploadedFile(pending["name"], pending["data"])
        result = questions_import(
            actor=self.request.user, bank=self.bank, file=upload, dry_run=False
        )
        if result.errors:
            return self.render_to_response(
                self.get_context_data(result=result, file_name=pending["name"])
            )
        messages.success(
            self.request,
            _(
                "Đã nhập vào “%(bank)s”: %(created)d câu hỏi mới, %(updated)d câu hỏi được "
                "cập nhật, %(unchanged)d câu hỏi không đổi."
            )
            % {
                "bank": self.bank.title,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect(f"{_snippet_url(Question, 'list')}?bank={self.bank.pk}")


class ItemAnalysisView(WagtailAdminTemplateMixin, TemplateView):
    """Per question: attempts, share right, mean points, discrimination and warnings."""

    template_name = "assessments/authoring/item_analysis.html"
    header_icon = "table"
    subject = QuestionBank

    def dispatch(self, request, *args, **kwargs):
        _require_author(request.user)
        self.object = get_object_or_404(self.subject, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Phân tích câu hỏi")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": _snippet_url(self.subject, "list"),
                "label": self.subject._meta.verbose_name_plural.capitalize(),
            },
            {"url": _snippet_url(self.subject, "edit", self.object.pk), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.subject is Quiz:
            rows = item_analysis(quiz=self.object)
        else:
            rows = item_analysis(bank=self.object)
        context.update(
            rows=rows,
            subject=self.object,
            is_quiz=self.subject is Quiz,
            min_attempts=MIN_ATTEMPTS,
            flagged=sum(1 for row in rows if row.flags),
        )
        return context
