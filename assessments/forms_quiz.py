"""The answer sheet as a plain HTML form, and the trainer's marking form.

Options are named by their place in the order the learner was shown, never by choice id:
ids follow the order an author typed the options in, which for an ordering question is
the correct order. Whether an answer is acceptable is the service's rule; this module only
turns posted fields into the shape `attempt_answer_save` takes, and back.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import QuestionKind
from assessments.selectors.quizzes import ShownQuestion

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE)


@dataclass
class OptionField:
    index: int
    text: str
    checked: bool = False
    rank: int | None = None


@dataclass
class QuestionField:
    position: int
    kind: str
    text: str
    points: Decimal
    options: list[OptionField] = field(default_factory=list)
    answer_text: str = ""

    @property
    def name(self) -> str:
        return f"q{self.position}"

    @property
    def ranks(self) -> range:
        return range(1, len(self.options) + 1)

    @property
    def answered(self) -> bool:
        if self.kind == QuestionKind.SHORT:
            return bool(self.answer_text.strip())
        if self.kind == QuestionKind.ORDERING:
            return all(o.rank for o in self.options)
        return any(o.checked for o in self.options)


def _rank_name(position: int, index: int) -> str:
    return f"q{position}_{index}"


def _number(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _field(question: ShownQuestion) -> QuestionField:
    return QuestionField(
        position=question.position,
        kind=question.kind,
        text=question.text,
        points=question.points,
        options=[OptionField(i, text) for i, (_pk, text) in enumerate(question.choices)],
    )


def _from_response(question: ShownQuestion) -> QuestionField:
    shown = _field(question)
    response = question.response
    if response in (None, "", []):
        return shown
    if question.kind == QuestionKind.SHORT:
        shown.answer_text = str(response)
        return shown
    ids = [pk for pk, _text in question.choices]
    picked = response if isinstance(response, list) else [response]
    for option, pk in zip(shown.options, ids, strict=True):
        if question.kind == QuestionKind.ORDERING:
            option.rank = picked.index(pk) + 1 if pk in picked else None
        else:
            option.checked = pk in picked
    return shown


def _from_data(question: ShownQuestion, data) -> QuestionField:
    shown = _field(question)
    name = f"q{question.position}"
    if question.kind == QuestionKind.SHORT:
        shown.answer_text = data.get(name, "")
    elif question.kind == QuestionKind.ORDERING:
        for option in shown.options:
            option.rank = _number(data.get(_rank_name(question.position, option.index), ""))
    else:
        picked = set(data.getlist(name))
        for option in shown.options:
            option.checked = str(option.index) in picked
    return shown


def question_fields(questions: list[ShownQuestion], data=None) -> list[QuestionField]:
    """The form's questions filled with the saved answers, or with posted values when a
    posted sheet is shown again with its errors."""
    if data is None:
        return [_from_response(q) for q in questions]
    return [_from_data(q, data) for q in questions]


def _invalid(position: int) -> ValidationError:
    return ValidationError(_("Câu %(n)s: câu trả lời không hợp lệ.") % {"n": position})


def _choice_id(question: ShownQuestion, value: str) -> int:
    ids = [pk for pk, _text in question.choices]
    index = _number(value)
    if index is None or index >= len(ids):
        raise _invalid(question.position)
    return ids[index]


def _answer(question: ShownQuestion, data):
    position, name = question.position, f"q{question.position}"
    if question.kind == QuestionKind.SHORT:
        return data.get(name, "")
    if question.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        values = data.getlist(name)
        if len(values) > 1:
            raise _invalid(position)
        return _choice_id(question, values[0]) if values and values[0] else None
    if question.kind == QuestionKind.MULTIPLE:
        return [_choice_id(question, value) for value in data.getlist(name)] or None
    ids = [pk for pk, _text in question.choices]
    ranks = [data.get(_rank_name(position, i), "").strip() for i in range(len(ids))]
    if not any(ranks):
        return None
    if {_number(r) for r in ranks} != set(range(1, len(ids) + 1)):
        raise ValidationError(
            _("Câu %(n)s: hãy đánh số thứ tự từ 1 đến %(count)s, mỗi phương án một số khác nhau.")
            % {"n": position, "count": len(ids)}
        )
    return [pk for _rank, pk in sorted(zip((int(r) for r in ranks), ids, strict=True))]


def answers_from_data(data, questions: list[ShownQuestion]) -> dict[int, object]:
    """{position: response} for `questions` from posted fields: choice ids, an ordered list
    of choice ids, or text. A question left blank maps to None (clearing a saved answer).
    Raises ValidationError listing every question whose fields make no sense."""
    answers: dict[int, object] = {}
    errors: list[ValidationError] = []
    for question in questions:
        try:
            answers[question.position] = _answer(question, data)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return answers


class GradeForm(forms.Form):
    """Types only; the range of points and its message live in `attempt_item_grade`."""

    points = forms.DecimalField(
        label=gettext_lazy("Điểm"),
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": gettext_lazy("Hãy nhập điểm."),
            "invalid": gettext_lazy("Điểm phải là một số."),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("Nhận xét cho học viên"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
