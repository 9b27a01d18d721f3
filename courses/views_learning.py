"""Thin views for learning: enrol, complete a lesson, and organizers' course assignments."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organizations import selectors as org_selectors
from organizations.permissions import Action

from .selectors import learning as selectors
from .services import learning as services

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class AssignmentForm(forms.Form):
    """Types only; the rules and their Vietnamese messages live in `assignment_create`."""

    course = forms.ModelChoiceField(
        label=gettext_lazy("Khoá học"),
        queryset=selectors.courses_live(),
        empty_label=gettext_lazy("— Chọn khoá học —"),
        error_messages={"required": gettext_lazy("Hãy chọn khoá học.")},
    )
    unit = forms.CharField(
        label=gettext_lazy("Mã đơn vị được giao"),
        max_length=32,
        help_text=gettext_lazy("Giao cho đơn vị này và mọi đơn vị trực thuộc."),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Hạn hoàn thành (dd/mm/yyyy)"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": gettext_lazy("Cần nhập hạn hoàn thành."),
            "invalid": gettext_lazy("Hạn hoàn thành phải theo dạng dd/mm/yyyy."),
        },
    )
    only_dedicated = forms.BooleanField(
        label=gettext_lazy("Chỉ cán bộ chuyên trách"), required=False
    )
    only_volunteer_work = forms.BooleanField(
        label=gettext_lazy("Chỉ cán bộ phụ trách công tác tình nguyện"), required=False
    )


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _message_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _managed_unit_or_404(user, code: str):
    unit = org_selectors.unit_get_for_user(user, code, Action.MANAGE_CLASSES)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


@login_required
@require_POST
def course_enroll(request, course_id: int):
    course = selectors.course_live_get(course_id)
    if course is None:
        raise Http404(_("Không tìm thấy khoá học."))
    cadre = org_selectors.cadre_for_user_account(request.user)
    if cadre is None:
        messages.error(
            request,
            _(
                "Tài khoản của bạn chưa gắn với hồ sơ cán bộ nào. Hãy liên hệ cán bộ tổ chức "
                "của đơn vị."
            ),
        )
        return redirect(course.url)
    try:
        services.course_enroll(actor=request.user, cadre=cadre, course=course, duplicate_error=True)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("Đã ghi danh khoá học “%(title)s”.") % {"title": course})
    return redirect(course.url)


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = selectors.lesson_live_get(lesson_id)
    if lesson is None:
        raise Http404(_("Không tìm thấy bài học."))
    try:
        completion = services.lesson_complete(user=request.user, lesson=lesson)
    except ValidationError as exc:
        _message_errors(request, exc)
        return redirect(lesson.url)
    enrollment = completion.enrollment
    if enrollment.completed_at is not None:
        messages.success(
            request,
            _("Chúc mừng! Bạn đã hoàn thành khoá học “%(title)s”.") % {"title": enrollment.course},
        )
        return redirect(enrollment.course.url)
    messages.success(request, _("Đã hoàn thành bài “%(title)s”.") % {"title": lesson.title})
    outline = selectors.course_outline(course=enrollment.course, enrollment=enrollment)
    next_lesson = outline.neighbours(lesson)[1]
    return redirect(next_lesson.page.url if next_lesson else enrollment.course.url)


@login_required
def unit_assignments(request, code: str):
    """The unit's course assignments, and the form to assign a course to a subtree."""
    unit = _managed_unit_or_404(request.user, code)
    form = AssignmentForm(request.POST or None, initial={"unit": unit.code})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target_code = data.pop("unit").strip()
        target = org_selectors.unit_get_for_user(request.user, target_code, Action.MANAGE_CLASSES)
        if target is None:
            form.add_error(
                "unit",
                _("Không có đơn vị mã “%(code)s” trong phạm vi bạn quản lý.")
                % {"code": target_code},
            )
        else:
            try:
                assignment = services.assignment_create(actor=request.user, unit=target, **data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                _run_message(request, assignment, assignment.last_run)
                return redirect("unit_assignments", code=unit.code)
    context = {
        "unit": unit,
        "form": form,
        "assignments": selectors.assignments_for_unit(unit),
    }
    return render(request, "courses/assignments.html", context)


@login_required
@require_POST
def assignment_rerun(request, code: str, pk: int):
    """Run an assignment again: enrols the cadres added to the unit since."""
    unit = _managed_unit_or_404(request.user, code)
    assignment = selectors.assignment_get_for_user(request.user, pk)
    if assignment is None:
        raise Http404(_("Không tìm thấy đợt giao khoá học trong phạm vi của bạn."))
    result = services.assignment_run(actor=request.user, assignment=assignment)
    _run_message(request, assignment, result)
    return redirect("unit_assignments", code=unit.code)


def _run_message(request, assignment, result) -> None:
    messages.success(
        request,
        _(
            "Đã giao khoá học “%(course)s” cho %(unit)s: ghi danh thêm %(enrolled)d cán bộ, "
            "cập nhật hạn cho %(updated)d cán bộ đã ghi danh (tổng %(matched)d cán bộ)."
        )
        % {
            "course": assignment.course,
            "unit": assignment.unit,
            "enrolled": result.enrolled,
            "updated": result.due_dates_set,
            "matched": result.matched,
        },
    )
