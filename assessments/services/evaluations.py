"""Unit capacity evaluation: a unit fills its scorecard within the round's window and its
parent unit approves it or returns it with comments.

The unit's own organizers (EVALUATE_UNITS over the unit) fill and submit; organizers of
the parent unit review, never the person who submitted. Every change locks the scorecard
row, and status changes are conditional UPDATEs, so a doubled click changes the row and
writes an audit event only once. Bad input raises ValidationError before anything is
written.
"""

import secrets
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    CriterionScore,
    EvaluationCriterion,
    EvaluationEvent,
    EvaluationEvidence,
    EvaluationRound,
    UnitEvaluation,
)
from assessments.selectors.evaluations import review_refusal
from assessments.services.evaluation_files import check_evidence_file, evidence_name
from organizations.models import OrgUnit
from organizations.permissions import Action, require

Status = UnitEvaluation.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
MAX_NOTE = 2000
MAX_COMMENT = 4000
MAX_EVIDENCE_FILES = 50
CENT = Decimal("0.01")


def _date(value) -> str:
    return value.strftime("%d/%m/%Y")


def _check_window(round: EvaluationRound) -> None:
    today = timezone.localdate()
    if today < round.opens_on:
        raise ValidationError(
            _("Đợt đánh giá “%(round)s” chưa mở; đợt bắt đầu từ ngày %(date)s.")
            % {"round": round.title, "date": _date(round.opens_on)}
        )
    if today > round.closes_on:
        raise ValidationError(
            _(
                "Đợt đánh giá “%(round)s” đã hết hạn nộp ngày %(date)s; không thể sửa hay nộp "
                "phiếu nữa."
            )
            % {"round": round.title, "date": _date(round.closes_on)}
        )


def _locked(evaluation: UnitEvaluation) -> UnitEvaluation:
    return (
        UnitEvaluation.objects.select_for_update()
        .select_related("round", "unit")
        .get(pk=evaluation.pk)
    )


def _status_refusal(evaluation: UnitEvaluation) -> ValidationError:
    if evaluation.status == Status.SUBMITTED:
        return ValidationError(
            _("Phiếu đã nộp và đang chờ đơn vị cấp trên duyệt; không thể sửa lúc này.")
        )
    return ValidationError(_("Phiếu đã được duyệt; không thể sửa nữa."))


def _editable(actor, evaluation: UnitEvaluation) -> UnitEvaluation:
    """The locked scorecard, once the actor may still change it."""
    require(actor, Action.EVALUATE_UNITS, evaluation.unit)
    current = _locked(evaluation)
    if current.status not in EDITABLE:
        raise _status_refusal(current)
    _check_window(current.round)
    return current


def _event(evaluation: UnitEvaluation, action: str, actor, comment: str = "") -> None:
    EvaluationEvent.objects.create(
        evaluation=evaluation, action=action, actor=actor, comment=comment
    )


def _recompute(evaluation: UnitEvaluation) -> None:
    total = evaluation.scores.aggregate(s=Sum("score"))["s"] or 0
    max_total = evaluation.round.criteria.aggregate(s=Sum("max_score"))["s"] or 0
    evaluation.total = Decimal(str(total)).quantize(CENT)
    evaluation.max_total = Decimal(max_total)
    evaluation.percent = (
        (evaluation.total * 100 / evaluation.max_total).quantize(CENT, ROUND_HALF_UP)
        if max_total
        else None
    )
    evaluation.save(update_fields=["total", "max_total", "percent", "updated_at"])


def evaluation_open(*, actor, round: EvaluationRound, unit: OrgUnit) -> UnitEvaluation:
    """The unit's scorecard for the round, created on first use. Two people opening it at
    once get the same row: the unique constraint decides, the loser reads the winner's."""
    require(actor, Action.EVALUATE_UNITS, unit)
    existing = UnitEvaluation.objects.filter(round=round, unit=unit).first()
    if existing is not None:
        return existing
    if not unit.is_active:
        raise ValidationError(_("Đơn vị “%(unit)s” đã ngừng hoạt động.") % {"unit": unit.name})
    if unit.level not in round.levels:
        raise ValidationError(
            _("Đợt đánh giá “%(round)s” không áp dụng cho đơn vị cấp %(level)s.")
            % {"round": round.title, "level": unit.get_level_display()}
        )
    _check_window(round)
    max_total = round.criteria.aggregate(s=Sum("max_score"))["s"] or 0
    try:
        with transaction.atomic():
            return UnitEvaluation.objects.create(round=round, unit=unit, max_total=max_total)
    except IntegrityError:
        return UnitEvaluation.objects.get(round=round, unit=unit)


def _parse_score(raw, criterion: EvaluationCriterion) -> Decimal | None:
    """A score typed as 7, "7.5" or "7,5"; blank means not scored yet."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = raw.strip().replace(",", ".") if isinstance(raw, str) else str(raw)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or isinstance(raw, bool):
        raise ValidationError(
            _("Điểm của tiêu chí “%(criterion)s” phải là một số.") % {"criterion": criterion}
        )
    if value < 0 or value > criterion.max_score:
        raise ValidationError(
            _("Điểm của tiêu chí “%(criterion)s” phải từ 0 đến %(max)s.")
            % {"criterion": criterion, "max": criterion.max_score}
        )
    if value != value.quantize(CENT):
        raise ValidationError(
            _("Điểm của tiêu chí “%(criterion)s” chỉ lấy tối đa hai chữ số thập phân.")
            % {"criterion": criterion}
        )
    return value.quantize(CENT)


def _parse_scores(
    criteria: dict[int, EvaluationCriterion], scores: Mapping
) -> dict[int, tuple[Decimal | None, str]]:
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    errors: list[ValidationError] = []
    for key, value in scores.items():
        try:
            criterion = criteria[int(key)]
        except (KeyError, TypeError, ValueError):
            errors.append(ValidationError(_("Có tiêu chí không thuộc đợt đánh giá này.")))
            continue
        raw, note = value if isinstance(value, tuple | list) else (value, "")
        note = unicodedata.normalize("NFC", (note or "").strip())
        try:
            score = _parse_score(raw, criterion)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if len(note) > MAX_NOTE:
            errors.append(
                ValidationError(
                    _("Ghi chú của tiêu chí “%(criterion)s” dài quá %(max)s ký tự.")
                    % {"criterion": criterion, "max": MAX_NOTE}
                )
            )
        elif score is None and note:
            errors.append(
                ValidationError(
                    _("Tiêu chí “%(criterion)s”: hãy nhập điểm để lưu ghi chú.")
                    % {"criterion": criterion}
                )
            )
        parsed[criterion.pk] = (score, note)
    if errors:
        raise ValidationError(errors)
    return parsed


def evaluation_scores_save(*, actor, evaluation: UnitEvaluation, scores: Mapping) -> UnitEvaluation:
    """Save scores and notes, given as {criterion id: (score, note)}; a blank score clears
    that criterion. All or nothing: one bad score and nothing is saved."""
    with transaction.atomic():
        current = _editable(actor, evaluation)
        criteria = {c.pk: c for c in current.round.criteria.all()}
        parsed = _parse_scores(criteria, scores)
        existing = {s.criterion_id: s for s in current.scores.all()}
        changed = False
        for criterion_id, (score, note) in parsed.items():
            row = existing.get(criterion_id)
            if score is None:
                if row is not None:
                    row.delete()
                    changed = True
            elif row is None:
                CriterionScore.objects.create(
                    evaluation=current, criterion_id=criterion_id, score=score, note=note
                )
                changed = True
            elif row.score != score or row.note != note:
                row.score, row.note = score, note
                row.save(update_fields=["score", "note"])
                changed = True
        if changed:
            _recompute(current)
            _event(current, EvaluationEvent.Action.SAVED, actor)
    return current


def evaluation_evidence_add(
    *,
    actor,
    evaluation: UnitEvaluation,
    file,
    criterion: EvaluationCriterion | None = None,
) -> EvaluationEvidence:
    """Attach a file as evidence. The stored name is random so it cannot be guessed; files
    are served only through the permission-checked download view."""
    require(actor, Action.EVALUATE_UNITS, evaluation.unit)
    name = evidence_name(file)
    ext = check_evidence_file(file, name)
    with transaction.atomic():
        current = _editable(actor, evaluation)
        if criterion is not None and criterion.round_id != current.round_id:
            raise ValidationError(_("Tiêu chí không thuộc đợt đánh giá này."))
        if current.evidence.count() >= MAX_EVIDENCE_FILES:
            raise ValidationError(
                _("Mỗi phiếu có tối đa %(max)s tệp minh chứng.") % {"max": MAX_EVIDENCE_FILES}
            )
        evidence = EvaluationEvidence(
            evaluation=current, criterion=criterion, name=name, uploaded_by=actor
        )
        file.seek(0)
        evidence.file.save(f"{secrets.token_urlsafe(18)}{ext}", file, save=False)
        evidence.save()
        _event(current, EvaluationEvent.Action.EVIDENCE_ADDED, actor, name)
    return evidence


def evaluation_evidence_remove(*, actor, evidence: EvaluationEvidence) -> None:
    """Remove an evidence file while the scorecard can still be edited."""
    with transaction.atomic():
        current = _editable(actor, evidence.evaluation)
        deleted, _rows = EvaluationEvidence.objects.filter(
            pk=evidence.pk, evaluation=current
        ).delete()
        if not deleted:
            return
        _event(current, EvaluationEvent.Action.EVIDENCE_REMOVED, actor, evidence.name)
        storage, stored = evidence.file.storage, evidence.file.name
        transaction.on_commit(lambda: storage.delete(stored))


def evaluation_submit(*, actor, evaluation: UnitEvaluation) -> UnitEvaluation:
    """Send the scorecard to the parent unit. Every criterion must be scored. Submitting
    an already submitted scorecard changes nothing."""
    require(actor, Action.EVALUATE_UNITS, evaluation.unit)
    with transaction.atomic():
        current = _locked(evaluation)
        if current.status == Status.SUBMITTED:
            return current
        if current.status not in EDITABLE:
            raise _status_refusal(current)
        _check_window(current.round)
        missing = current.round.criteria.exclude(scores__evaluation=current).order_by(
            "sort_order", "pk"
        )
        if missing:
            raise ValidationError(
                _("Chưa chấm điểm các tiêu chí: %(criteria)s.")
                % {"criteria": "; ".join(str(c) for c in missing)}
            )
        _recompute(current)
        now = timezone.now()
        won = UnitEvaluation.objects.filter(pk=current.pk, status__in=EDITABLE).update(
            status=Status.SUBMITTED, submitted_by=actor, submitted_at=now, updated_at=now
        )
        if won:
            _event(current, EvaluationEvent.Action.SUBMITTED, actor)
        current.refresh_from_db()
    return current


def _review(actor, evaluation: UnitEvaluation, *, to: str, comment: str) -> UnitEvaluation:
    with transaction.atomic():
        current = _locked(evaluation)
        refusal = review_refusal(actor, current)
        if refusal:
            raise PermissionDenied(refusal)
        if current.status == to:
            return current
        if current.status != Status.SUBMITTED:
            raise ValidationError(_("Chỉ duyệt hoặc trả lại được phiếu đã nộp, đang chờ duyệt."))
        now = timezone.now()
        won = UnitEvaluation.objects.filter(pk=current.pk, status=Status.SUBMITTED).update(
            status=to, reviewed_by=actor, reviewed_at=now, review_comment=comment, updated_at=now
        )
        if won:
            _event(current, to, actor, comment)
        current.refresh_from_db()
    return current


def _clean_comment(comment: str) -> str:
    comment = unicodedata.normalize("NFC", (comment or "").strip())
    if len(comment) > MAX_COMMENT:
        raise ValidationError(_("Ý kiến dài quá %(max)s ký tự.") % {"max": MAX_COMMENT})
    return comment


def evaluation_return(*, actor, evaluation: UnitEvaluation, comment: str) -> UnitEvaluation:
    """Send the scorecard back to the unit with what to fix; it can then be resubmitted."""
    comment = _clean_comment(comment)
    if not comment:
        raise ValidationError(_("Hãy ghi ý kiến để đơn vị biết cần sửa gì trước khi trả lại."))
    return _review(actor, evaluation, to=Status.RETURNED, comment=comment)


def evaluation_approve(*, actor, evaluation: UnitEvaluation, comment: str = "") -> UnitEvaluation:
    """Approve the scorecard: from now on it counts in the roll-ups."""
    return _review(actor, evaluation, to=Status.APPROVED, comment=_clean_comment(comment))
