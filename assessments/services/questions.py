"""The rules every question must satisfy, however it was written: in the Wagtail admin or
in a spreadsheet import. Grading relies on them (a single-choice question with two right
answers could never be answered correctly), so they are checked before anything is saved."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.models import Question, QuestionKind

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def question_validate(
    *,
    kind: str,
    choices: Sequence[tuple[str, bool]],
    bank_id: int | None = None,
    key: str = "",
    question_id: int | None = None,
) -> None:
    """Raise ValidationError unless `choices` ([(text, is_correct), ...] in their order) fit
    a question of `kind`, and `key` (when given with `bank_id`) is not another question's
    in that bank. Errors are keyed "choices" (how many options), "correct" (which are
    right) and "key", so a form or a spreadsheet import can point at the right place."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    count = len(choices)
    correct = sum(1 for _text, is_correct in choices if is_correct)

    if kind not in QuestionKind.values:
        add("kind", _("Loại câu hỏi không hợp lệ."))
    elif kind == QuestionKind.SHORT:
        if count:
            add(
                "choices",
                _(
                    "Câu trả lời ngắn không có phương án; hãy xoá các phương án "
                    "hoặc đổi loại câu hỏi."
                ),
            )
    elif kind == QuestionKind.TRUE_FALSE:
        if count != 2:
            add(
                "choices",
                _("Câu hỏi Đúng/Sai phải có đúng hai phương án (đang có %(n)d).") % {"n": count},
            )
        if correct != 1:
            add(
                "correct",
                _("Câu hỏi Đúng/Sai phải có đúng một phương án đúng (đang có %(n)d).")
                % {"n": correct},
            )
    elif kind == QuestionKind.ORDERING:
        if count < 2:
            add(
                "choices",
                _("Câu hỏi sắp xếp phải có ít nhất hai mục để sắp xếp (đang có %(n)d).")
                % {"n": count},
            )
    else:
        if count < 2:
            add(
                "choices",
                _("Câu hỏi trắc nghiệm phải có ít nhất hai phương án (đang có %(n)d).")
                % {"n": count},
            )
        if kind == QuestionKind.SINGLE and correct != 1:
            add(
                "correct",
                _("Câu hỏi một lựa chọn phải có đúng một phương án đúng (đang có %(n)d).")
                % {"n": correct},
            )
        if kind == QuestionKind.MULTIPLE and correct < 1:
            add("correct", _("Câu hỏi nhiều lựa chọn phải có ít nhất một phương án đúng."))

    seen: set[str] = set()
    for text, _is_correct in choices:
        if not text.strip():
            add("choices", _("Phương án không được để trống."))
        elif text.strip().casefold() in seen:
            add("choices", _("Có hai phương án trùng nhau: “%(text)s”.") % {"text": text})
        seen.add(text.strip().casefold())

    if key and bank_id is not None:
        taken = Question.objects.filter(bank_id=bank_id, key=key).exclude(pk=question_id)
        if taken.exists():
            add(
                "key",
                _("Mã câu hỏi “%(key)s” đã có trong ngân hàng này; hãy chọn mã khác.")
                % {"key": key},
            )

    if errors:
        raise ValidationError(errors)
