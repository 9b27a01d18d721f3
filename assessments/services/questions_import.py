"""Questions written in a spreadsheet, imported into a bank: the way master trainers bring
in a whole bank at once. Every row is checked first and every problem reported with its
row and column; one problem and nothing is written. A row's "Mã câu hỏi" is its identity,
so importing a corrected file again updates those questions instead of duplicating them."""

import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import Choice, Competency, Difficulty, Question, QuestionBank, QuestionKind
from organizations.permissions import Action, has_any

from .question_rows import (
    COLUMNS,
    DIFFICULTY_WORDS,
    KIND_WORDS,
    POINTS_MAX,
    Row,
    RowPlan,
    header,
    map_columns,
    plan_row,
)
from .spreadsheet_read import RowError, spreadsheet_read


@dataclass
class ImportResult:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


def _same(plan: RowPlan, question: Question) -> bool:
    return (
        question.kind == plan.kind
        and question.text == plan.text
        and question.competency_id == (plan.competency.pk if plan.competency else None)
        and question.difficulty == plan.difficulty
        and question.points == plan.points
        and question.explanation == plan.explanation
        and question.model_answer == plan.model_answer
        and [(c.text, c.is_correct) for c in question.choices.all()] == plan.choices
    )


def _plan(sheet, bank: QuestionBank) -> ImportResult:
    result = ImportResult(errors=list(sheet.errors))
    if result.errors:
        return result
    columns = map_columns(sheet.header, sheet.header_row, result.errors)
    if result.errors:
        return result
    competencies = {c.code.casefold(): c for c in Competency.objects.all()}
    seen_keys: dict[str, int] = {}
    for number, values in sheet.rows:
        row = Row(number, values, columns, result.errors)
        plan = plan_row(row, competencies)
        key = row.get("key")
        if key and key in seen_keys:
            row.error(
                "key",
                _("Mã câu hỏi “%(key)s” đã dùng ở dòng %(row)d của tệp.")
                % {"key": key, "row": seen_keys[key]},
            )
            plan = None
        elif key:
            seen_keys[key] = number
        if plan is not None:
            result.rows.append(plan)
    if not sheet.rows:
        result.errors.append(RowError(0, "", _("Tệp chỉ có dòng tiêu đề, chưa có câu hỏi nào.")))
    existing = {
        q.key: q
        for q in Question.objects.filter(bank=bank, key__in=list(seen_keys)).prefetch_related(
            "choices"
        )
    }
    for plan in result.rows:
        plan.question = existing.get(plan.key) if plan.key else None
        if plan.question is not None:
            plan.action = "unchanged" if _same(plan, plan.question) else "update"
    return result


def _write(plan: RowPlan, bank: QuestionBank) -> None:
    fields = {
        "kind": plan.kind,
        "text": plan.text,
        "competency": plan.competency,
        "difficulty": plan.difficulty,
        "points": plan.points,
        "explanation": plan.explanation,
        "model_answer": plan.model_answer,
    }
    if plan.question is None:
        question = Question.objects.create(bank=bank, key=plan.key, **fields)
        existing: list[Choice] = []
    else:
        question = plan.question
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()
        # Choices are rewritten in place, so past attempts keep pointing at the same rows.
        existing = list(question.choices.order_by("sort_order", "pk"))
    for order, (text, is_correct) in enumerate(plan.choices):
        if order < len(existing):
            choice = existing[order]
            choice.text, choice.is_correct, choice.sort_order = text, is_correct, order
            choice.save(update_fields=["text", "is_correct", "sort_order"])
        else:
            Choice.objects.create(
                question=question, text=text, is_correct=is_correct, sort_order=order
            )
    surplus = [choice.pk for choice in existing[len(plan.choices) :]]
    if surplus:
        Choice.objects.filter(pk__in=surplus).delete()


def questions_import(*, actor, bank: QuestionBank, file, dry_run: bool) -> ImportResult:
    """Check a spreadsheet of questions and, unless `dry_run` or any row is wrong, write
    them into `bank`: all rows or none. The result lists what each row does (create,
    update, unchanged) and every error as (row, column, message)."""
    if not has_any(actor, Action.AUTHOR_CONTENT):
        raise PermissionDenied(_("Chỉ giảng viên nguồn được nhập câu hỏi."))
    sheet = spreadsheet_read(file)
    with transaction.atomic():
        if not dry_run:
            # Imports into one bank run one at a time, so two cannot both create a key.
            QuestionBank.objects.select_for_update().filter(pk=bank.pk).first()
        result = _plan(sheet, bank)
        if dry_run or result.errors:
            return result
        for plan in result.rows:
            if plan.action != "unchanged":
                _write(plan, bank)
        result.written = True
    return result


def _guide_rows() -> list[tuple[str, str]]:
    kinds = ", ".join(f"“{_(words[0])}”" for words in KIND_WORDS.values())
    return [
        (header("key"), _("Không bắt buộc. Nhập lại tệp có cùng mã sẽ cập nhật câu hỏi đó.")),
        (header("kind"), _("Bắt buộc. Một trong: %(kinds)s.") % {"kinds": kinds}),
        (header("text"), _("Bắt buộc. Nội dung câu hỏi.")),
        (
            _("Phương án A–F"),
            _("Điền liền nhau từ A. Để trống với câu Đúng/Sai và câu trả lời ngắn."),
        ),
        (
            header("answer"),
            _(
                "Chữ cái của phương án đúng: “B”, hoặc “A,C” với câu nhiều lựa chọn; "
                "“Đúng” hoặc “Sai” với câu Đúng/Sai; thứ tự đúng như “C,A,B” với câu sắp xếp; "
                "với câu trả lời ngắn có thể ghi đáp án gợi ý."
            ),
        ),
        (header("competency"), _("Không bắt buộc. Mã năng lực trong khung năng lực.")),
        (header("difficulty"), _("“Dễ”, “Trung bình” (mặc định) hoặc “Khó”; hoặc 1, 2, 3.")),
        (header("points"), _("Số nguyên từ 1 đến %(max)d; mặc định 1.") % {"max": POINTS_MAX}),
        (header("explanation"), _("Hiện cho học viên sau khi nộp bài.")),
        (header("model_answer"), _("Chỉ giảng viên chấm thấy (câu trả lời ngắn).")),
    ]


def _example_rows(competency_code: str) -> list[dict[str, str | int]]:
    return [
        {
            "key": "VD-001",
            "kind": _(KIND_WORDS[QuestionKind.SINGLE][0]),
            "text": _("Việc đầu tiên khi lập kế hoạch một chiến dịch tình nguyện là gì?"),
            "option_A": _("Khảo sát nhu cầu của địa phương"),
            "option_B": _("Mua sắm vật tư"),
            "option_C": _("Đăng tin tuyển tình nguyện viên"),
            "answer": "A",
            "competency": competency_code,
            "difficulty": _(DIFFICULTY_WORDS[Difficulty.EASY][0]),
            "points": 1,
            "explanation": _("Kế hoạch phải xuất phát từ nhu cầu thực tế của địa phương."),
        },
        {
            "key": "VD-002",
            "kind": _(KIND_WORDS[QuestionKind.ORDERING][0]),
            "text": _("Sắp xếp các bước tổ chức một hoạt động tình nguyện theo đúng thứ tự."),
            "option_A": _("Triển khai hoạt động"),
            "option_B": _("Khảo sát nhu cầu"),
            "option_C": _("Lập kế hoạch"),
            "option_D": _("Tổng kết, rút kinh nghiệm"),
            "answer": "B,C,A,D",
            "competency": competency_code,
            "difficulty": _(DIFFICULTY_WORDS[Difficulty.MEDIUM][0]),
            "points": 2,
        },
    ]


def questions_template_xlsx() -> bytes:
    """The spreadsheet authors fill in: the headers the import reads, two example rows,
    drop-down lists for the kind and difficulty, and a sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Câu hỏi")[:31]
    names = [name for name, _title in COLUMNS]
    sheet.append([header(name) for name in names])
    competency = Competency.objects.filter(is_active=True).order_by("order", "code").first()
    for example in _example_rows(competency.code if competency else ""):
        sheet.append([example.get(name, "") for name in names])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"key": 12, "kind": 16, "text": 48, "answer": 12, "explanation": 40}
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 22)
    sheet.freeze_panes = "A2"

    def choose_from(name: str, words) -> None:
        column = get_column_letter(names.index(name) + 1)
        listed = ",".join(_(w[0]) for w in words)
        validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        validation.add(f"{column}2:{column}2000")
        sheet.add_data_validation(validation)

    choose_from("kind", KIND_WORDS.values())
    choose_from("difficulty", DIFFICULTY_WORDS.values())

    guide = workbook.create_sheet(_("Hướng dẫn")[:31])
    guide.append([_("Cột"), _("Cách điền")])
    for row in _guide_rows():
        guide.append(list(row))
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 100

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
