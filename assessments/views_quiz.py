"""Taking a quiz on a phone, and trainers marking short answers.

The answer sheet is one plain form that works without JavaScript; `static/js/quiz.js`
adds saving each answer as it is given and the countdown. Nothing on these pages before
submission says which option is right: the selectors hand out no answer key and options
are named by their shown place, not their id. Another learner's attempt, a forged link
and another province's answers are 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from organizations import selectors as org_selectors
from organizations.permissions import Action, has_any

from .forms_quiz import GradeForm, answers_from_data, question_fields
from .models import Attempt, QuestionKind
from .placements import placement_describe
from .selectors import quizzes as selectors
from .services import quizzes as services


def _or_404(obj, message: str):
    if obj is None:
        raise Http404(message)
    return obj


def _attempt_or_404(request, attempt_id: int) -> Attempt:
    return _or_404(
        selectors.attempt_get_for_learner(request.user, attempt_id),
        _("Không tìm thấy lượt làm bài."),
    )


def _quiz_url(attempt: Attempt) -> str:
    if attempt.context == "":
        return reverse("assessments:open_quiz", args=[attempt.quiz_id])
    return selectors.quiz_link(
        quiz_id=attempt.quiz_id, context=attempt.context, cadre_id=attempt.cadre_id
    )


def _to_attempt(attempt: Attempt):
    return redirect("assessments:attempt", attempt_id=attempt.pk)


def _to_result(attempt: Attempt):
    return redirect("assessments:attempt_result", attempt_id=attempt.pk)


# --- The quiz's page: rules, past attempts, start or resume -------------------------------


def _quiz_page(request, quiz, context: str, cadre):
    if request.method == "POST":
        try:
            attempt = services.attempt_start(actor=request.user, quiz=quiz, context=context)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(request.path)
        return _to_attempt(attempt)
    attempts = selectors.attempts_of(quiz=quiz, cadre_id=cadre.pk, context=context) if cadre else []
    current = next((a for a in attempts if a.status == Attempt.Status.IN_PROGRESS), None)
    used_up = quiz.max_attempts is not None and len(attempts) >= quiz.max_attempts
    return render(
        request,
        "assessments/quiz/quiz_start.html",
        {
            "quiz": quiz,
            "cadre": cadre,
            "attempts": attempts,
            "current": current,
            "can_start": cadre is not None and (current is not None or not used_up),
            "placement": placement_describe(context),
        },
    )


@login_required
@never_cache
def quiz_start(request, token: str):
    placement = _or_404(selectors.quiz_placement(token), _("Liên kết bài kiểm tra không hợp lệ."))
    cadre = org_selectors.cadre_for_user_account(request.user)
    if cadre is None or cadre.pk != placement.cadre_id:
        raise Http404(_("Liên kết bài kiểm tra này không dành cho tài khoản của bạn."))
    quiz = _or_404(selectors.quiz_get(placement.quiz_id), _("Không tìm thấy bài kiểm tra."))
    return _quiz_page(request, quiz, placement.context, cadre)


@login_required
@never_cache
def open_quiz(request, quiz_id: int):
    quiz = _or_404(selectors.open_quiz_get(quiz_id), _("Không tìm thấy bài kiểm tra."))
    cadre = org_selectors.cadre_for_user_account(request.user)
    return _quiz_page(request, quiz, "", cadre)


# --- The answer sheet ----------------------------------------------------------------------


def _clock(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _sheet(request, attempt: Attempt, questions, data=None, errors=(), status=200):
    seconds = selectors.seconds_left(attempt)
    return render(
        request,
        "assessments/quiz/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "fields": question_fields(questions, data),
            "errors": errors,
            "seconds_left": seconds,
            "time_left": _clock(seconds),
            "quiz_url": _quiz_url(attempt),
        },
        status=status,
    )


def _close_if_overdue(request, attempt: Attempt) -> bool:
    if not services.attempt_is_overdue(attempt):
        return False
    services.attempt_close_overdue(attempt_id=attempt.pk)
    messages.warning(
        request, _("Đã hết thời gian làm bài: bài được nộp với các câu trả lời đã lưu.")
    )
    return True


@login_required
@never_cache
def attempt(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.status != Attempt.Status.IN_PROGRESS or _close_if_overdue(request, attempt):
        return _to_result(attempt)
    questions = selectors.attempt_questions(attempt=attempt)
    if request.method != "POST":
        return _sheet(request, attempt, questions)
    submitting = request.POST.get("action") == "submit"
    try:
        answers = answers_from_data(request.POST, questions)
        if submitting:
            attempt = services.attempt_submit(actor=request.user, attempt=attempt, answers=answers)
        else:
            services.attempt_answer_save(actor=request.user, attempt=attempt, answers=answers)
    except ValidationError as exc:
        attempt.refresh_from_db()
        if attempt.status != Attempt.Status.IN_PROGRESS or _close_if_overdue(request, attempt):
            return _to_result(attempt)
        return _sheet(request, attempt, questions, request.POST, exc.messages, status=400)
    if submitting:
        messages.success(request, _("Đã nộp bài."))
        return _to_result(attempt)
    messages.success(request, _("Đã lưu câu trả lời."))
    return _to_attempt(attempt)


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@login_required
@require_POST
def attempt_autosave(request, attempt_id: int):
    """Saves the answers to the questions named in `position` fields; answers only in
    JSON, which carries nothing but how many were saved and the time left."""
    attempt = _attempt_or_404(request, attempt_id)
    closed = {"result_url": reverse("assessments:attempt_result", args=[attempt.pk])}
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return _json_error(_("Bài đã nộp, không sửa được câu trả lời."), 409, **closed)
    if services.attempt_is_overdue(attempt):
        return _json_error(_("Đã hết thời gian làm bài."), 409, **closed)
    by_position = {q.position: q for q in selectors.attempt_questions(attempt=attempt)}
    wanted = request.POST.getlist("position")
    if not wanted:
        return _json_error(_("Không có câu trả lời nào để lưu."), 400)
    questions = []
    for value in wanted:
        question = by_position.get(int(value)) if value.isascii() and value.isdigit() else None
        if question is None:
            return _json_error(_("Không có câu %(n)s.") % {"n": value[:8]}, 400)
        questions.append(question)
    try:
        answers = answers_from_data(request.POST, questions)
        saved = services.attempt_answer_save(actor=request.user, attempt=attempt, answers=answers)
    except ValidationError as exc:
        attempt.refresh_from_db()
        if attempt.status != Attempt.Status.IN_PROGRESS:
            return _json_error(" ".join(exc.messages), 409, **closed)
        return _json_error(" ".join(exc.messages), 400)
    return JsonResponse({"saved": saved, "seconds_left": selectors.seconds_left(attempt)})


# --- The result ----------------------------------------------------------------------------


def _reviewed(question) -> dict:
    ids = [pk for pk, _text in question.choices]
    texts = dict(question.choices)
    response = question.response
    picked = response if isinstance(response, list) else ([response] if response else [])
    row = {"q": question, "options": [], "your_order": [], "right_order": []}
    if question.kind == QuestionKind.ORDERING:
        row["your_order"] = [texts[pk] for pk in picked if pk in texts]
        row["right_order"] = [texts[pk] for pk in question.correct_ids if pk in texts]
    elif question.kind != QuestionKind.SHORT:
        row["options"] = [
            {"text": texts[pk], "chosen": pk in picked, "right": pk in question.correct_ids}
            for pk in ids
        ]
    return row


@login_required
@never_cache
def attempt_result(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        if not _close_if_overdue(request, attempt):
            return _to_attempt(attempt)
        attempt = _attempt_or_404(request, attempt_id)
    attempts = selectors.attempts_of(
        quiz=attempt.quiz, cadre_id=attempt.cadre_id, context=attempt.context
    )
    limit = attempt.quiz.max_attempts
    return render(
        request,
        "assessments/quiz/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": [_reviewed(q) for q in selectors.attempt_review(attempt=attempt)],
            "quiz_url": _quiz_url(attempt),
            "another_allowed": limit is None or len(attempts) < limit,
            "placement": placement_describe(attempt.context),
        },
    )


# --- Trainers mark short answers -----------------------------------------------------------


def _require_assessor(user) -> None:
    if not has_any(user, Action.ASSESS_CADRES):
        raise PermissionDenied(_("Bạn chưa được phân công chấm bài."))


@login_required
def grading_queue(request):
    _require_assessor(request.user)
    items = selectors.items_awaiting_grading(request.user)
    return render(request, "assessments/quiz/grading_queue.html", {"items": items[:200]})


@login_required
def grading_item(request, item_id: int):
    _require_assessor(request.user)
    item = _or_404(
        selectors.item_for_grading(request.user, item_id),
        _("Không tìm thấy câu trả lời trong phạm vi của bạn."),
    )
    initial = {"points": item.points, "comment": item.grader_comment}
    form = GradeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attempt_item_grade(
                actor=request.user,
                item=item,
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Đã chấm câu trả lời của %(name)s.") % {"name": item.attempt.cadre.full_name},
            )
            return redirect("assessments:grading_queue")
    return render(
        request,
        "assessments/quiz/grading_item.html",
        {"item": item, "attempt": item.attempt, "form": form},
    )
