"""Organizer pages of training classes (a participant's pages are in `views_class_learner`).

Thin views: objects come through the scoped selectors (a class outside the user's units is
a 404), each POST calls one service, and the services' Vietnamese messages are shown.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizations import selectors as org_selectors
from organizations.permissions import Action, has_any

from .forms_classes import (
    CadrePickForm,
    ClassCreateForm,
    ClassForm,
    ScoresForm,
    SessionForm,
)
from .selectors import classes as selectors
from .services import classes as services
from .views_class_learner import class_learner_page, own_tests


def _or_404(obj, message: str):
    if obj is None:
        raise Http404(message)
    return obj


def _class_or_404(user, pk: int):
    return _or_404(
        selectors.class_get_for_user(user, pk), _("Không tìm thấy lớp trong phạm vi của bạn.")
    )


def _session_or_404(user, pk: int):
    return _or_404(
        selectors.session_get_for_user(user, pk),
        _("Không tìm thấy buổi học trong phạm vi của bạn."),
    )


def _participant_or_404(user, pk: int):
    return _or_404(
        selectors.participant_get_for_user(user, pk),
        _("Không tìm thấy học viên trong phạm vi của bạn."),
    )


def _unit_or_404(user, code: str):
    return _or_404(
        org_selectors.unit_get_for_user(user, code, Action.MANAGE_CLASSES),
        _("Không tìm thấy đơn vị trong phạm vi của bạn."),
    )


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _to_class(training_class):
    return redirect("class_detail", pk=training_class.pk)


# --- Classes ----------------------------------------------------------------------------


@login_required
def class_list(request):
    if not has_any(request.user, Action.MANAGE_CLASSES):
        raise PermissionDenied(_("Bạn chưa được phân công tổ chức lớp tập huấn."))
    query = request.GET.get("q", "")
    context = {
        "classes": selectors.classes_for_user(request.user, query=query)[:200],
        "query": query,
        "roots": org_selectors.unit_roots_for_user(request.user, Action.MANAGE_CLASSES),
    }
    return render(request, "courses/classes/class_list.html", context)


def _host_unit_from_form(user, form, code: str):
    unit = org_selectors.unit_get_for_user(user, code.strip(), Action.MANAGE_CLASSES)
    if unit is None:
        form.add_error(
            "host_unit",
            _("Không có đơn vị mã “%(code)s” trong phạm vi bạn quản lý.") % {"code": code},
        )
    return unit


@login_required
def class_create(request):
    roots = org_selectors.unit_roots_for_user(request.user, Action.MANAGE_CLASSES)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân công tổ chức lớp tập huấn."))
    code = request.GET.get("unit")
    unit = _unit_or_404(request.user, code) if code else roots[0]
    form = ClassCreateForm(
        request.POST or None,
        courses=selectors.courses_for_classes(),
        quizzes=selectors.quizzes_for_classes(),
        initial={"host_unit": unit.code, "level": unit.level},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        host_unit = _host_unit_from_form(request.user, form, data.pop("host_unit"))
        if host_unit is not None:
            try:
                training_class = services.class_create(
                    actor=request.user, host_unit=host_unit, **data
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã mở lớp %(code)s.") % {"code": training_class.code})
                return _to_class(training_class)
    return render(request, "courses/classes/class_form.html", {"form": form, "unit": unit})


@login_required
def class_edit(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    fields = ("course", "title", "mode", "level", "start_date", "end_date", "venue")
    initial = {name: getattr(training_class, name) for name in fields}
    initial["host_unit"] = training_class.host_unit.code
    initial["pre_test_quiz"] = training_class.pre_test_quiz_id
    initial["post_test_quiz"] = training_class.post_test_quiz_id
    form = ClassForm(
        request.POST or None,
        courses=selectors.courses_for_classes(),
        quizzes=selectors.quizzes_for_classes(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        host_unit = _host_unit_from_form(request.user, form, data.pop("host_unit"))
        if host_unit is not None:
            try:
                services.class_update(
                    actor=request.user, training_class=training_class, host_unit=host_unit, **data
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin lớp."))
                return _to_class(training_class)
    context = {"form": form, "unit": training_class.host_unit, "training_class": training_class}
    return render(request, "courses/classes/class_form.html", context)


@login_required
def class_detail(request, pk: int):
    """The organizer's page of a class; a participant gets their own page of it instead."""
    training_class = selectors.class_get_for_user(request.user, pk)
    if training_class is None:
        return class_learner_page(request, pk)
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        found = list(org_selectors.cadres_for_user(request.user, query=query)[:20])
    context = {
        "training_class": training_class,
        "roster": selectors.class_roster(training_class),
        "query": query,
        "found": found,
        "session_form": SessionForm(),
        "tests": own_tests(request.user, pk)[1],
    }
    return render(request, "courses/classes/class_detail.html", context)


def _picked_cadre(request):
    """The cadre a POST names by id (from a search) or by code, among those the user sees."""
    form = CadrePickForm(request.POST)
    form.is_valid()
    cadres = org_selectors.cadres_for_user(request.user)
    pk, code = form.cleaned_data.get("cadre"), (form.cleaned_data.get("code") or "").strip()
    if pk:
        cadre = cadres.filter(pk=pk).first()
    elif code:
        cadre = cadres.filter(code__iexact=code).first()
    else:
        messages.error(request, _("Nhập mã cán bộ hoặc tìm cán bộ theo tên."))
        return None
    if cadre is None:
        messages.error(
            request,
            _("Không tìm thấy cán bộ “%(code)s” trong phạm vi bạn quản lý.") % {"code": code or pk},
        )
    return cadre


@login_required
@require_POST
def class_participant_add(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    cadre = _picked_cadre(request)
    if cadre is not None:
        if selectors.class_has_participant(training_class, cadre):
            messages.info(
                request, _("%(name)s đã có trong danh sách lớp.") % {"name": cadre.full_name}
            )
            return _to_class(training_class)
        try:
            services.class_participant_add(
                actor=request.user, training_class=training_class, cadre=cadre
            )
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm học viên %(name)s.") % {"name": cadre.full_name})
    return _to_class(training_class)


@login_required
@require_POST
def class_trainer_add(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    cadre = _picked_cadre(request)
    if cadre is not None:
        try:
            services.class_trainer_add(
                actor=request.user, training_class=training_class, cadre=cadre
            )
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm giảng viên %(name)s.") % {"name": cadre.full_name})
    return _to_class(training_class)


@login_required
@require_POST
def class_trainer_remove(request, pk: int):
    trainer = _or_404(
        selectors.trainer_get_for_user(request.user, pk),
        _("Không tìm thấy giảng viên trong phạm vi của bạn."),
    )
    services.class_trainer_remove(actor=request.user, trainer=trainer)
    messages.success(request, _("Đã bỏ giảng viên %(name)s.") % {"name": trainer.cadre.full_name})
    return _to_class(trainer.training_class)


@login_required
@require_POST
def participant_remove(request, pk: int):
    participant = _participant_or_404(request.user, pk)
    try:
        services.class_participant_remove(actor=request.user, participant=participant)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(
            request, _("Đã xoá %(name)s khỏi lớp.") % {"name": participant.cadre.full_name}
        )
    return _to_class(participant.training_class)


@login_required
@require_POST
def participant_scores(request, pk: int):
    participant = _participant_or_404(request.user, pk)
    form = ScoresForm(request.POST)
    form.is_valid()
    try:
        services.class_scores_record(
            actor=request.user,
            participant=participant,
            pre_test_score=form.cleaned_data.get("pre_test_score") or None,
            post_test_score=form.cleaned_data.get("post_test_score") or None,
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(
            request, _("Đã lưu điểm của %(name)s.") % {"name": participant.cadre.full_name}
        )
    return _to_class(participant.training_class)


@login_required
@require_POST
def participant_complete(request, pk: int):
    participant = _participant_or_404(request.user, pk)
    services.class_complete_participant(actor=request.user, participant=participant)
    messages.success(
        request,
        _("Đã ghi nhận %(name)s hoàn thành lớp.") % {"name": participant.cadre.full_name},
    )
    return _to_class(participant.training_class)


# --- Sessions and attendance ------------------------------------------------------------


@login_required
@require_POST
def session_add(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.class_session_add(
                actor=request.user, training_class=training_class, **form.cleaned_data
            )
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Đã thêm buổi học."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return _to_class(training_class)


@login_required
@require_POST
def session_checkin(request, pk: int):
    session = _session_or_404(request.user, pk)
    if request.POST.get("open") == "1":
        services.class_session_checkin_open(actor=request.user, session=session)
        messages.success(request, _("Đã mở điểm danh bằng mã QR cho buổi học."))
    else:
        services.class_session_checkin_close(actor=request.user, session=session)
        messages.success(request, _("Đã đóng điểm danh."))
    if request.POST.get("back") == "class":
        return _to_class(session.training_class)
    return redirect("class_session_qr", pk=session.pk)


@login_required
def session_attendance(request, pk: int):
    session = _session_or_404(request.user, pk)
    if request.method == "POST":
        try:
            count = services.attendance_record(
                actor=request.user, session=session, present_ids=request.POST.getlist("present")
            )
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Đã lưu điểm danh: %(n)d có mặt.") % {"n": count})
            return _to_class(session.training_class)
    context = {
        "session": session,
        "training_class": session.training_class,
        "rows": selectors.session_attendance(session),
    }
    return render(request, "courses/classes/session_attendance.html", context)


@login_required
def attendance_sheet(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    context = {"training_class": training_class, "roster": selectors.class_roster(training_class)}
    return render(request, "courses/classes/attendance_sheet.html", context)


@login_required
def session_qr(request, pk: int):
    session = _session_or_404(request.user, pk)
    url = request.build_absolute_uri(reverse("class_checkin", args=[session.checkin_token]))
    svg = segno.make(url, error="m").svg_inline(scale=1, omitsize=True, title=session.title)
    context = {
        "session": session,
        "training_class": session.training_class,
        "url": url,
        "svg": svg,
    }
    return render(request, "courses/classes/session_qr.html", context)
