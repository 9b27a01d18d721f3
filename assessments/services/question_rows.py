"""One spreadsheet row of questions read and checked: the columns, the words a file may
use for kinds and difficulties, and what each row will become. Every problem is recorded
with the row number and column header the author sees."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from assessments.models import Competency, Difficulty, Question, QuestionKind
from organizations.text import fold

from .questions import question_validate
from .spreadsheet_read import RowError, cell_text

LETTERS = "ABCDEF"
KEY_MAX = 40
CHOICE_MAX = 500
POINTS_MAX = 100

# Column headers in the template's order. A file may use the Vietnamese header or its
# translation in the author's language; matching ignores case and diacritics.
COLUMNS = [
    ("key", gettext_noop("Mã câu hỏi")),
    ("kind", gettext_noop("Loại")),
    ("text", gettext_noop("Nội dung")),
    ("option_A", gettext_noop("Phương án A")),
    ("option_B", gettext_noop("Phương án B")),
    ("option_C", gettext_noop("Phương án C")),
    ("option_D", gettext_noop("Phương án D")),
    ("option_E", gettext_noop("Phương án E")),
    ("option_F", gettext_noop("Phương án F")),
    ("answer", gettext_noop("Đáp án")),
    ("competency", gettext_noop("Mã năng lực")),
    ("difficulty", gettext_noop("Độ khó")),
    ("points", gettext_noop("Điểm")),
    ("explanation", gettext_noop("Giải thích")),
    ("model_answer", gettext_noop("Đáp án gợi ý")),
]
REQUIRED = ("kind", "text", "answer")

# The first word of each is what the template offers and what messages show.
KIND_WORDS = {
    QuestionKind.SINGLE: (gettext_noop("Một lựa chọn"), "single"),
    QuestionKind.MULTIPLE: (gettext_noop("Nhiều lựa chọn"), "multiple"),
    QuestionKind.TRUE_FALSE: (gettext_noop("Đúng/Sai"), "true_false", "true/false"),
    QuestionKind.SHORT: (gettext_noop("Trả lời ngắn"), "short"),
    QuestionKind.ORDERING: (gettext_noop("Sắp xếp"), "ordering"),
}
DIFFICULTY_WORDS = {
    Difficulty.EASY: (gettext_noop("Dễ"), "1"),
    Difficulty.MEDIUM: (gettext_noop("Trung bình"), "2"),
    Difficulty.HARD: (gettext_noop("Khó"), "3"),
}
TRUE = gettext_noop("Đúng")
FALSE = gettext_noop("Sai")
_TRUE_WORDS = (TRUE, "true")
_FALSE_WORDS = (FALSE, "false")


def _folded(value: str) -> str:
    return fold(value).replace(" / ", "/").replace("_", " ")


def _forms(*words: str) -> set[str]:
    """The folded spellings a file may use for `words`: as written and as translated."""
    return {_folded(w) for word in words for w in (str(word), _(str(word)))}


def _kind_of(value: str) -> str | None:
    wanted = _folded(value)
    for kind, words in KIND_WORDS.items():
        if wanted in _forms(*words, QuestionKind(kind).label):
            return kind
    return None


def _content(word: str) -> str:
    """Text stored as question content is written in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(word)


def header(field_name: str) -> str:
    if field_name == "options":
        return _("Phương án A–F")
    return _(dict(COLUMNS)[field_name])


@dataclass
class RowPlan:
    """What one row will do: create a question, update the one with its key, or nothing."""

    row: int
    key: str
    kind: str
    text: str
    choices: list[tuple[str, bool]]
    competency: Competency | None
    difficulty: int
    points: int
    explanation: str
    model_answer: str
    action: str = "create"  # "create" | "update" | "unchanged"
    question: Question | None = None

    @property
    def kind_label(self) -> str:
        return str(QuestionKind(self.kind).label)


class Row:
    """One spreadsheet row read through the header, collecting its errors."""

    def __init__(self, number: int, values: list, columns: dict[str, int], errors: list):
        self.number = number
        self.values = values
        self.columns = columns
        self.errors = errors
        self.cache: dict[str, str] = {}

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(RowError(self.number, header(field_name), message))

    def get(self, field_name: str) -> str:
        if field_name not in self.cache:
            self.cache[field_name] = self._read(field_name)
        return self.cache[field_name]

    def _read(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is None or index >= len(self.values):
            return ""
        value = cell_text(self.values[index])
        if value.startswith("="):
            self.error(
                field_name,
                _(
                    "Ô chứa công thức “%(value)s”; hãy thay bằng giá trị "
                    "(sao chép rồi “Dán giá trị”)."
                )
                % {"value": value[:40]},
            )
            return ""
        return value


def map_columns(sheet_header: list[str], header_row: int, errors: list) -> dict[str, int]:
    known = {form: name for name, title in COLUMNS for form in _forms(title)}
    columns: dict[str, int] = {}
    for index, title in enumerate(sheet_header):
        name = known.get(_folded(title))
        if name is None:
            continue
        if name in columns:
            errors.append(
                RowError(header_row, header(name), _("Cột này xuất hiện hai lần trong tiêu đề."))
            )
        columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            errors.append(
                RowError(
                    header_row,
                    header(name),
                    _("Thiếu cột bắt buộc “%(column)s” ở dòng tiêu đề.") % {"column": header(name)},
                )
            )
    return columns


def _letters(row: Row, answer: str, options: dict[str, str]) -> list[str]:
    letters = [part for part in re.split(r"[\s,;]+", answer.upper()) if part]
    available = ", ".join(options) or "—"
    for letter in letters:
        if letter not in options:
            row.error(
                "answer",
                _(
                    "Đáp án “%(letter)s” không ứng với phương án nào có nội dung "
                    "(có: %(available)s)."
                )
                % {"letter": letter, "available": available},
            )
    if len(set(letters)) != len(letters):
        row.error("answer", _("Đáp án có chữ cái lặp lại: “%(answer)s”.") % {"answer": answer})
    return [letter for letter in dict.fromkeys(letters) if letter in options]


def _choices(row: Row, kind: str) -> list[tuple[str, bool]]:
    raw = {letter: row.get(f"option_{letter}") for letter in LETTERS}
    options = {letter: text for letter, text in raw.items() if text}
    answer = row.get("answer")
    filled = [letter for letter in LETTERS if raw[letter]]
    if filled and filled != list(LETTERS[: len(filled)]):
        row.error(
            "options",
            _("Các phương án phải điền liền nhau từ A (đang có: %(letters)s).")
            % {"letters": ", ".join(filled)},
        )
    for letter, text in options.items():
        if len(text) > CHOICE_MAX:
            row.error(
                f"option_{letter}",
                _("Phương án dài tối đa %(max)d ký tự (đang có %(n)d).")
                % {"max": CHOICE_MAX, "n": len(text)},
            )

    if kind == QuestionKind.SHORT:
        if options:
            row.error("options", _("Câu trả lời ngắn không có phương án; hãy để trống các cột."))
        return []
    if kind == QuestionKind.TRUE_FALSE:
        if options:
            row.error(
                "options",
                _("Câu Đúng/Sai không cần phương án; hãy để trống các cột Phương án."),
            )
        folded = _folded(answer)
        if folded in _forms(*_TRUE_WORDS):
            is_true = True
        elif folded in _forms(*_FALSE_WORDS):
            is_true = False
        else:
            row.error(
                "answer",
                _("Đáp án câu Đúng/Sai phải là “Đúng” hoặc “Sai” (đang là “%(answer)s”).")
                % {"answer": answer},
            )
            return []
        return [(_content(TRUE), is_true), (_content(FALSE), not is_true)]
    if kind == QuestionKind.ORDERING:
        if not answer:
            return [(options[letter], False) for letter in filled]
        order = _letters(row, answer, options)
        if sorted(order) != sorted(options):
            row.error(
                "answer",
                _(
                    "Đáp án câu sắp xếp phải liệt kê mỗi phương án đúng một lần theo thứ tự "
                    "đúng, ví dụ “C,A,B” (có các phương án: %(letters)s)."
                )
                % {"letters": ", ".join(options)},
            )
        return [(options[letter], False) for letter in order]
    if not answer:
        row.error("answer", _("Chưa ghi đáp án, ví dụ “B” hoặc “A,C”."))
    correct = set(_letters(row, answer, options)) if answer else set()
    return [(options[letter], letter in correct) for letter in filled]


def plan_row(row: Row, competencies: dict[str, Competency]) -> RowPlan | None:
    before = len(row.errors)
    key = row.get("key")
    if len(key) > KEY_MAX:
        row.error("key", _("Mã câu hỏi dài tối đa %(max)d ký tự.") % {"max": KEY_MAX})
    kind_text = row.get("kind")
    kind = _kind_of(kind_text)
    if kind is None:
        allowed = ", ".join(f"“{_(words[0])}”" for words in KIND_WORDS.values())
        row.error(
            "kind",
            _("Loại câu hỏi “%(value)s” không hợp lệ. Chọn một trong: %(allowed)s.")
            % {"value": kind_text, "allowed": allowed}
            if kind_text
            else _("Chưa ghi loại câu hỏi. Chọn một trong: %(allowed)s.") % {"allowed": allowed},
        )
    text = row.get("text")
    if not text:
        row.error("text", _("Nội dung câu hỏi không được để trống."))

    code = row.get("competency")
    competency = competencies.get(code.casefold()) if code else None
    if code and competency is None:
        row.error(
            "competency",
            _("Không có năng lực mã “%(code)s” trong khung năng lực.") % {"code": code},
        )

    difficulty_text = row.get("difficulty")
    difficulty = Difficulty.MEDIUM if not difficulty_text else None
    for level, words in DIFFICULTY_WORDS.items():
        if difficulty_text and _folded(difficulty_text) in _forms(*words, level.label):
            difficulty = level
    if difficulty is None:
        row.error(
            "difficulty",
            _("Độ khó “%(value)s” không hợp lệ: ghi “Dễ”, “Trung bình”, “Khó” hoặc 1–3.")
            % {"value": difficulty_text},
        )

    points_text = row.get("points")
    points = 1
    if points_text:
        try:
            number = Decimal(points_text.replace(",", "."))
        except InvalidOperation:
            number = None
        if (
            number is None
            or not number.is_finite()
            or number != number.to_integral_value()
            or not 1 <= number <= POINTS_MAX
        ):
            row.error(
                "points",
                _("Điểm phải là số nguyên từ 1 đến %(max)d (đang là “%(value)s”).")
                % {"max": POINTS_MAX, "value": points_text},
            )
        else:
            points = int(number)

    before_choices = len(row.errors)
    choices = _choices(row, kind) if kind else []
    if kind and len(row.errors) == before_choices:
        try:
            question_validate(kind=kind, choices=choices)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    row.error("answer" if name == "correct" else "options", message)

    model_answer = row.get("model_answer")
    if kind == QuestionKind.SHORT and not model_answer:
        model_answer = row.get("answer")
    if len(row.errors) > before:
        return None
    return RowPlan(
        row=row.number,
        key=key,
        kind=kind,
        text=text,
        choices=choices,
        competency=competency,
        difficulty=int(difficulty),
        points=points,
        explanation=row.get("explanation"),
        model_answer=model_answer,
    )
