"""Taking a quiz: start or resume an attempt, save answers, submit, grade.

Everything a learner may not see stays on the server: which options are correct is read
only when grading. The time limit is checked against the attempt's deadline on every
save and at submission (with a short grace for a slow connection); an attempt left open
past its deadline is closed with the answers saved in time. A double submission is
graded once: `submitted_at` is set by a conditional UPDATE that only one request wins.
"""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Attempt, AttemptItem, Question, QuestionKind, Quiz
from assessments.services.competencies import competency_standing_refresh
from assessments.services.grading import grade_response
from assessments.signals import attempt_graded
from organizations.models import Cadre
from organizations.permissions import Action, require

GRACE = datetime.timedelta(seconds=30)
MAX_SHORT_ANSWER = 2000
_random = random.SystemRandom()


def _cadre_of(actor) -> Cadre:
    cadre = (
        Cadre.objects.select_related("unit").filter(user=actor).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if cadre is None:
        raise ValidationError(
            _(
                "Tài khoản của bạn chưa gắn với hồ sơ cán bộ nào. Hãy liên hệ cán bộ tổ chức "
                "của đơn vị."
            )
        )
    return cadre


def _own(actor, attempt: Attempt) -> None:
    if not getattr(actor, "is_authenticated", False) or attempt.cadre.user_id != actor.pk:
        raise PermissionDenied(_("Đây không phải lượt làm bài của bạn."))


def _draw(quiz: Quiz) -> list[Question]:
    """Questions for one attempt, drawn at random per rule without repeats."""
    chosen: list[Question] = []
    taken: set[int] = set()
    for rule in quiz.rules.select_related("bank").order_by("sort_order", "id"):
        pool = Question.objects.filter(bank=rule.bank, is_active=True).exclude(pk__in=taken)
        if rule.competency_id:
            pool = pool.filter(competency_id=rule.competency_id)
        if rule.difficulty:
            pool = pool.filter(difficulty=rule.difficulty)
        ids = list(pool.values_list("pk", flat=True))
        picked = _random.sample(ids, min(rule.count, len(ids)))
        taken.update(picked)
        by_id = Question.objects.in_bulk(picked)
        chosen.extend(by_id[pk] for pk in picked)
    if not quiz.shuffle_questions:
        chosen.sort(key=lambda q: q.pk)
    return chosen


def _choice_order(question: Question, shuffle: bool) -> list[int]:
    ids = [c.pk for c in question.choices.all()]
    if question.kind == QuestionKind.ORDERING and len(ids) > 1:
        # An ordering question shown in its correct order would give the answer away.
        shown = ids[:]
        while shown == ids:
            _random.shuffle(shown)
        return shown
    if shuffle and question.kind != QuestionKind.TRUE_FALSE:
        _random.shuffle(ids)
    return ids


def attempts_used(*, quiz: Quiz, cadre: Cadre, context: str) -> int:
    return Attempt.objects.filter(quiz=quiz, cadre=cadre, context=context).count()


def attempt_start(*, actor, quiz: Quiz, context: str = "") -> Attempt:
    """The learner's open attempt at `quiz` in `context`, or a new one with freshly drawn
    questions. A closed tab or a second device resumes the same attempt; an open attempt
    whose time ran out is closed first. Refuses when the attempt limit is used up.

    `context` comes from the app that placed the quiz and has already checked that the
    learner may take it there; an empty context is only allowed for an open quiz."""
    cadre = _cadre_of(actor)
    if context == "" and not quiz.is_open:
        raise PermissionDenied(_("Bài kiểm tra này chỉ làm được trong khoá học hoặc lớp học."))
    open_attempt = Attempt.objects.filter(
        quiz=quiz, cadre=cadre, context=context, status=Attempt.Status.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if not attempt_is_overdue(open_attempt):
            return open_attempt
        attempt_close_overdue(attempt_id=open_attempt.pk)
    used = attempts_used(quiz=quiz, cadre=cadre, context=context)
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise ValidationError(
            _("Bạn đã làm hết %(n)s lần được phép của bài kiểm tra này.") % {"n": quiz.max_attempts}
        )
    questions = _draw(quiz)
    if not questions:
        raise ValidationError(
            _("Bài kiểm tra chưa có câu hỏi nào. Hãy báo giảng viên phụ trách khoá học.")
        )
    now = timezone.now()
    deadline = (
        now + datetime.timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz, cadre=cadre, context=context, number=used + 1, deadline=deadline
            )
            AttemptItem.objects.bulk_create(
                AttemptItem(
                    attempt=attempt,
                    question=question,
                    position=position,
                    choice_order=_choice_order(question, quiz.shuffle_choices),
                    max_points=Decimal(question.points),
                )
                for position, question in enumerate(questions, start=1)
            )
    except IntegrityError:
        # A concurrent start won: resume the attempt it opened.
        existing = Attempt.objects.filter(
            quiz=quiz, cadre=cadre, context=context, status=Attempt.Status.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing
    return attempt


def attempt_is_overdue(attempt: Attempt, *, now: datetime.datetime | None = None) -> bool:
    if attempt.deadline is None or attempt.status != Attempt.Status.IN_PROGRESS:
        return False
    return (now or timezone.now()) > attempt.deadline + GRACE


def _clean_response(item: AttemptItem, raw):
    """The response in its stored shape, or ValidationError if it does not fit the item."""
    kind = item.question.kind
    shown = list(item.choice_order)
    invalid = ValidationError(
        _("Câu %(n)s: câu trả lời không hợp lệ.") % {"n": item.position}, code="invalid"
    )
    if raw in (None, "", []):
        return None
    if kind == QuestionKind.SHORT:
        text = str(raw).strip()
        if len(text) > MAX_SHORT_ANSWER:
            raise ValidationError(
                _("Câu %(n)s: câu trả lời dài quá %(max)s ký tự.")
                % {"n": item.position, "max": MAX_SHORT_ANSWER}
            )
        return text or None
    try:
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
            value = int(raw[0] if isinstance(raw, list) else raw)
            if value not in shown:
                raise invalid
            return value
        values = [int(v) for v in (raw if isinstance(raw, list) else [raw])]
    except (TypeError, ValueError):
        raise invalid from None
    if kind == QuestionKind.MULTIPLE:
        if not set(values) <= set(shown) or len(set(values)) != len(values):
            raise invalid
        return sorted(values)
    if kind == QuestionKind.ORDERING:
        if sorted(values) != sorted(shown):
            raise invalid
        return values
    raise invalid


def attempt_answer_save(*, actor, attempt: Attempt, answers: dict[int, object]) -> int:
    """Save the learner's answers, keyed by item position, while the attempt is open and
    its time has not run out. Returns how many answers were stored."""
    _own(actor, attempt)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise ValidationError(_("Bài đã nộp, không sửa được câu trả lời."))
    now = timezone.now()
    if attempt_is_overdue(attempt, now=now):
        raise ValidationError(_("Đã hết thời gian làm bài."))
    items = {
        item.position: item
        for item in attempt.items.select_related("question").filter(position__in=answers)
    }
    cleaned: list[AttemptItem] = []
    errors: list[ValidationError] = []
    for position, raw in answers.items():
        item = items.get(position)
        if item is None:
            errors.append(ValidationError(_("Không có câu %(n)s.") % {"n": position}))
            continue
        try:
            item.response = _clean_response(item, raw)
        except ValidationError as error:
            errors.append(error)
            continue
        item.answered_at = now
        cleaned.append(item)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Only an attempt still open takes answers, even if it was submitted a moment ago.
        still_open = Attempt.objects.select_for_update().filter(
            pk=attempt.pk, status=Attempt.Status.IN_PROGRESS
        )
        if not still_open.exists():
            raise ValidationError(_("Bài đã nộp, không sửa được câu trả lời."))
        AttemptItem.objects.bulk_update(cleaned, ["response", "answered_at"])
    return len(cleaned)


def attempt_submit(*, actor, attempt: Attempt, answers: dict[int, object] | None = None) -> Attempt:
    """Submit: store the last answers (if still in time), close the attempt and grade it.
    A second submission — a double tap, a retried request — changes nothing and returns
    the attempt as graded the first time."""
    _own(actor, attempt)
    if answers and attempt.status == Attempt.Status.IN_PROGRESS and not attempt_is_overdue(attempt):
        try:
            attempt_answer_save(actor=actor, attempt=attempt, answers=answers)
        except ValidationError:
            attempt.refresh_from_db()
            if attempt.status == Attempt.Status.IN_PROGRESS:
                raise
    return _close_and_grade(attempt_id=attempt.pk)


def attempt_close_overdue(*, attempt_id: int) -> Attempt:
    """Close an attempt whose time ran out, grading the answers saved in time."""
    return _close_and_grade(attempt_id=attempt_id, only_if_overdue=True)


def attempts_close_overdue(*, now: datetime.datetime | None = None) -> int:
    """Close every open attempt past its deadline (run periodically). Returns how many."""
    cutoff = (now or timezone.now()) - GRACE
    ids = list(
        Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for attempt_id in ids:
        _close_and_grade(attempt_id=attempt_id, only_if_overdue=True)
    return len(ids)


def _close_and_grade(*, attempt_id: int, only_if_overdue: bool = False) -> Attempt:
    now = timezone.now()
    with transaction.atomic():
        closing = Attempt.objects.filter(pk=attempt_id, status=Attempt.Status.IN_PROGRESS)
        if only_if_overdue:
            closing = closing.filter(deadline__lt=now - GRACE)
        won = closing.update(status=Attempt.Status.AWAITING_GRADING, submitted_at=now)
        attempt = Attempt.objects.select_related("quiz", "cadre").get(pk=attempt_id)
        if won:
            _grade(attempt)
    return attempt


def _grade(attempt: Attempt) -> None:
    items = list(attempt.items.select_related("question").prefetch_related("question__choices"))
    for item in items:
        choices = list(item.question.choices.all())
        grade = grade_response(
            kind=item.question.kind,
            response=item.response,
            correct_ids=[c.pk for c in choices if c.is_correct],
            ordered_ids=[c.pk for c in choices],
            max_points=item.max_points,
        )
        item.points, item.is_correct = grade.points, grade.is_correct
        item.needs_grading = grade.points is None
    AttemptItem.objects.bulk_update(items, ["points", "is_correct", "needs_grading"])
    _finalise(attempt, items)


def _finalise(attempt: Attempt, items: list[AttemptItem]) -> None:
    """Total the points; when nothing waits for a trainer, the attempt is graded and the
    app that placed the quiz and the competency profile hear of it."""
    max_score = sum((i.max_points for i in items), Decimal(0))
    attempt.max_score = max_score
    if any(i.needs_grading for i in items):
        attempt.status = Attempt.Status.AWAITING_GRADING
        attempt.save(update_fields=["max_score", "status"])
        return
    score = sum((i.points or Decimal(0) for i in items), Decimal(0))
    percent = (
        (score * 100 / max_score).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if max_score
        else Decimal(0)
    )
    attempt.score, attempt.percent = score, percent
    attempt.passed = percent >= attempt.quiz.pass_mark
    attempt.status = Attempt.Status.GRADED
    attempt.graded_at = timezone.now()
    attempt.save(update_fields=["max_score", "score", "percent", "passed", "status", "graded_at"])
    competency_standing_refresh(cadre_id=attempt.cadre_id)
    attempt_graded.send(
        sender=Attempt,
        attempt_id=attempt.pk,
        cadre_id=attempt.cadre_id,
        quiz_id=attempt.quiz_id,
        context=attempt.context,
        percent=percent,
        passed=attempt.passed,
    )


def attempt_item_grade(
    *, actor, item: AttemptItem, points: Decimal, comment: str = ""
) -> AttemptItem:
    """A trainer marks a short answer. Marking the last one completes the grading; marking
    again later corrects it and regrades the attempt."""
    attempt = item.attempt
    require(actor, Action.ASSESS_CADRES, attempt.cadre.unit)
    if item.question.kind != QuestionKind.SHORT:
        raise ValidationError(_("Chỉ câu trả lời ngắn mới chấm tay."))
    if attempt.status == Attempt.Status.IN_PROGRESS:
        raise ValidationError(_("Học viên chưa nộp bài."))
    try:
        points = Decimal(points)
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({"points": _("Điểm phải là một số.")}) from None
    if points < 0 or points > item.max_points:
        raise ValidationError(
            {"points": _("Điểm phải từ 0 đến %(max)s.") % {"max": item.max_points.normalize()}}
        )
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
        item.points = points.quantize(Decimal("0.01"))
        item.is_correct = item.points == item.max_points
        item.needs_grading = False
        item.graded_by = actor
        item.grader_comment = comment.strip()
        item.save(
            update_fields=["points", "is_correct", "needs_grading", "graded_by", "grader_comment"]
        )
        _finalise(locked, list(locked.items.all()))
    return item
