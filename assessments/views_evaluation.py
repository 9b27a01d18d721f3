"""Pages of unit capacity evaluation (đánh giá thực trạng năng lực).

Thin views: units, rounds and scorecards come through the scoped selectors (anything
outside the user's part of the tree is a 404), each POST calls the services, whose
Vietnamese messages are shown. Evidence files are served here, after the same check,
never from a public media URL.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.forms_evaluation import EvidenceForm, ReviewForm, ScorecardForm
from assessments.selectors import evaluations as selectors
from assessments.services import evaluations as services
from organizations.permissions import Action, has_any

TEMPLATES = "assessments/evaluation/"


def _round_and_unit(user, round_id: int, code: str):
    round = selectors.round_get(round_id)
    unit = selectors.unit_get_for_user(user, code)
    if round is None or unit is None:
        raise Http404(_("Không tìm thấy đợt đánh giá hoặc đơn vị trong phạm vi của bạn."))
    return round, unit


def _scorecard_target(user, round_id: int, code: str):
    round, unit = _round_and_unit(user, round_id, code)
    evaluation = selectors.evaluation_for_unit(user, round=round, unit=unit)
    if evaluation is None and unit.level not in round.levels:
        raise Http404(_("Đợt đánh giá này không áp dụng cho đơn vị."))
    return round, unit, evaluation


def _to_scorecard(round, unit):
    return redirect("assessments:evaluation_scorecard", round_id=round.pk, code=unit.code)


def _flash(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _add_errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@login_required
def evaluation_index(request):
    user = request.user
    if not (has_any(user, Action.VIEW_EVALUATIONS) or has_any(user, Action.EVALUATE_UNITS)):
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi đánh giá thực trạng."))
    own = [
        (unit, selectors.rounds_for_unit(user=user, unit=unit))
        for unit in selectors.unit_roots_for_user(user, Action.EVALUATE_UNITS)
    ]
    context = {
        "own": own,
        "queue": selectors.review_queue(user=user)[:100],
        "rounds": list(selectors.rounds_open()[:20]),
        "view_roots": selectors.unit_roots_for_user(user, Action.VIEW_EVALUATIONS),
    }
    return render(request, TEMPLATES + "index.html", context)


def _render_scorecard(request, round, unit, evaluation, *, form=None, evidence_form=None):
    abilities = selectors.evaluation_abilities(
        request.user, round=round, unit=unit, evaluation=evaluation
    )
    card = selectors.scorecard(round=round, evaluation=evaluation)
    criteria = [row.criterion for row in card.rows]
    if abilities.can_edit:
        if form is None:
            initial = {}
            for row in card.rows:
                if row.score is not None:
                    initial[f"score_{row.criterion.pk}"] = format(row.score.score.normalize(), "f")
                    initial[f"note_{row.criterion.pk}"] = row.score.note
            form = ScorecardForm(criteria=criteria, initial=initial)
        evidence_form = evidence_form or EvidenceForm(criteria=criteria)
    else:
        # The scorecard closed under the user (deadline, submitted elsewhere): say why.
        for bound in (form, evidence_form):
            for error in bound.non_field_errors() if bound is not None else ():
                messages.error(request, error)
        form = evidence_form = None
    context = {
        "round": round,
        "unit": unit,
        "evaluation": evaluation,
        "abilities": abilities,
        "card": card,
        "form": form,
        "entries": [
            (row, form[f"score_{row.criterion.pk}"], form[f"note_{row.criterion.pk}"])
            for row in card.rows
        ]
        if form
        else [],
        "evidence_form": evidence_form,
        "ancestors": selectors.unit_ancestors_for_user(request.user, unit),
    }
    return render(request, TEMPLATES + "scorecard.html", context)


@login_required
def evaluation_scorecard(request, round_id: int, code: str):
    """The unit's scorecard: a form while the unit may edit it, read-only otherwise."""
    round, unit, evaluation = _scorecard_target(request.user, round_id, code)
    if request.method != "POST":
        return _render_scorecard(request, round, unit, evaluation)
    action = request.POST.get("action", "save")
    if evaluation is None:
        try:
            services.evaluation_open(actor=request.user, round=round, unit=unit)
        except ValidationError as exc:
            _flash(request, exc)
        return _to_scorecard(round, unit)
    criteria = list(round.criteria.order_by("sort_order", "pk"))
    form = ScorecardForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            services.evaluation_scores_save(
                actor=request.user, evaluation=evaluation, scores=form.scores()
            )
            if action == "submit":
                services.evaluation_submit(actor=request.user, evaluation=evaluation)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if action == "submit":
                messages.success(request, _("Đã nộp phiếu; đơn vị cấp trên sẽ xem xét."))
            else:
                messages.success(request, _("Đã lưu phiếu."))
            return _to_scorecard(round, unit)
    evaluation.refresh_from_db()
    return _render_scorecard(request, round, unit, evaluation, form=form)


@login_required
@require_POST
def evaluation_evidence_add(request, round_id: int, code: str):
    round, unit, evaluation = _scorecard_target(request.user, round_id, code)
    if evaluation is None:
        raise Http404(_("Đơn vị chưa bắt đầu phiếu của đợt này."))
    criteria = list(round.criteria.order_by("sort_order", "pk"))
    form = EvidenceForm(request.POST, request.FILES, criteria=criteria)
    if form.is_valid():
        try:
            evidence = services.evaluation_evidence_add(
                actor=request.user,
                evaluation=evaluation,
                file=form.cleaned_data["file"],
                criterion=form.chosen_criterion(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm minh chứng “%(name)s”.") % {"name": evidence.name})
            return _to_scorecard(round, unit)
    return _render_scorecard(request, round, unit, evaluation, evidence_form=form)


def _evidence_or_404(user, pk: int):
    evidence = selectors.evidence_get_for_user(user, pk)
    if evidence is None:
        raise Http404(_("Không tìm thấy minh chứng trong phạm vi của bạn."))
    return evidence


@login_required
@require_POST
def evaluation_evidence_remove(request, pk: int):
    evidence = _evidence_or_404(request.user, pk)
    try:
        services.evaluation_evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã xoá minh chứng “%(name)s”.") % {"name": evidence.name})
    return _to_scorecard(evidence.evaluation.round, evidence.evaluation.unit)


@login_required
def evaluation_evidence_download(request, pk: int):
    evidence = _evidence_or_404(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("Tệp minh chứng không còn trên máy chủ.")) from exc
    content_type = mimetypes.guess_type(evidence.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evaluation_review(request, round_id: int, code: str):
    """The parent unit's reviewer reads the scorecard and approves or returns it."""
    round, unit = _round_and_unit(request.user, round_id, code)
    evaluation = selectors.evaluation_for_unit(request.user, round=round, unit=unit)
    if evaluation is None or not selectors.is_reviewer_of(request.user, unit):
        raise Http404(_("Không tìm thấy phiếu cần duyệt trong phạm vi của bạn."))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == ReviewForm.APPROVE:
                services.evaluation_approve(
                    actor=request.user, evaluation=evaluation, comment=comment
                )
            else:
                services.evaluation_return(
                    actor=request.user, evaluation=evaluation, comment=comment
                )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if hasattr(exc, "messages") else str(exc))
        else:
            if decision == ReviewForm.APPROVE:
                messages.success(request, _("Đã duyệt phiếu của %(unit)s.") % {"unit": unit.name})
            else:
                messages.success(request, _("Đã trả lại phiếu cho %(unit)s.") % {"unit": unit.name})
            return redirect("assessments:evaluation_index")
    evaluation.refresh_from_db()
    context = {
        "round": round,
        "unit": unit,
        "evaluation": evaluation,
        "abilities": selectors.evaluation_abilities(
            request.user, round=round, unit=unit, evaluation=evaluation
        ),
        "card": selectors.scorecard(round=round, evaluation=evaluation),
        "form": form,
    }
    return render(request, TEMPLATES + "review.html", context)


@login_required
def evaluation_rollup(request, round_id: int, code: str):
    """One round over a unit's subtree, with drill-down to its children and the trend."""
    round, unit = _round_and_unit(request.user, round_id, code)
    rollup = selectors.round_rollup(user=request.user, round=round, unit=unit)
    if rollup is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    context = {
        "round": round,
        "unit": unit,
        "rollup": rollup,
        "trend": selectors.unit_trend(user=request.user, unit=unit),
        "ancestors": selectors.unit_ancestors_for_user(request.user, unit),
        "applies": unit.level in round.levels,
    }
    return render(request, TEMPLATES + "rollup.html", context)
