"""Importing questions from a spreadsheet: all rows or none, every error with its place."""

import io
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assessments.models import Choice, Question, QuestionBank
from assessments.services.questions_import import questions_import, questions_template_xlsx
from organizations.models import Role
from tests.assessments.helpers import xlsx_upload
from tests.factories import UserFactory, grant, make_competency, make_question

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã câu hỏi",
    "Loại",
    "Nội dung",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Đáp án",
    "Mã năng lực",
    "Độ khó",
    "Điểm",
    "Giải thích",
    "Đáp án gợi ý",
]


def row(key="", kind="Một lựa chọn", text="Câu hỏi?", a="", b="", c="", d="", answer="", **more):
    return [
        key,
        kind,
        text,
        a,
        b,
        c,
        d,
        answer,
        more.get("competency", ""),
        more.get("difficulty", ""),
        more.get("points", ""),
        more.get("explanation", ""),
        more.get("model_answer", ""),
    ]


GOOD_ROWS = [
    row("KH-1", "Một lựa chọn", "Việc đầu tiên khi lập kế hoạch?", "Khảo sát", "Mua sắm",
        "Chụp ảnh", answer="A", competency="KH", difficulty="Dễ", points=1,
        explanation="Bắt đầu từ nhu cầu."),
    row("KH-2", "Nhiều lựa chọn", "Những kênh huy động tình nguyện viên?", "Mạng xã hội",
        "Loa phát thanh", "Thư tay", answer="A,B", difficulty="Khó", points=2),
    row("KH-3", "Đúng/Sai", "Chiến dịch cần tổng kết sau khi kết thúc.", answer="Đúng"),
    row("KH-4", "Sắp xếp", "Sắp xếp các bước", "Triển khai", "Khảo sát", "Lập kế hoạch",
        answer="B,C,A", difficulty=3),
    row("", "Trả lời ngắn", "Nêu một cách giữ chân tình nguyện viên.",
        model_answer="Ghi nhận, khen thưởng kịp thời."),
]  # fmt: skip


def xlsx(rows, header=HEADER, name="cau-hoi.xlsx"):
    return xlsx_upload(rows, header=header, name=name)


def csv_file(rows, header=HEADER, delimiter=",", name="cau-hoi.csv"):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"))


@pytest.fixture
def author(tree):
    user = UserFactory(email="giangvien@example.vn")
    grant(user, Role.MASTER_TRAINER, tree["central"])
    return user


@pytest.fixture
def competency(db):
    return make_competency(code="KH")


def errors_of(result):
    return {(e.row, e.column) for e in result.errors}


def test_good_file_creates_every_kind_with_its_answer(author, bank, competency):
    result = questions_import(actor=author, bank=bank, file=xlsx(GOOD_ROWS), dry_run=False)
    assert result.errors == [] and result.written
    assert result.created == 5
    single = Question.objects.get(bank=bank, key="KH-1")
    assert single.kind == "single" and single.competency == competency and single.difficulty == 1
    assert [(c.text, c.is_correct) for c in single.choices.order_by("sort_order")] == [
        ("Khảo sát", True),
        ("Mua sắm", False),
        ("Chụp ảnh", False),
    ]
    multiple = Question.objects.get(key="KH-2")
    assert multiple.points == 2 and multiple.difficulty == 3
    assert sorted(multiple.choices.filter(is_correct=True).values_list("text", flat=True)) == [
        "Loa phát thanh",
        "Mạng xã hội",
    ]
    true_false = Question.objects.get(key="KH-3")
    assert list(true_false.choices.values_list("text", "is_correct")) == [
        ("Đúng", True),
        ("Sai", False),
    ]
    ordering = Question.objects.get(key="KH-4")
    assert list(ordering.choices.order_by("sort_order").values_list("text", flat=True)) == [
        "Khảo sát",
        "Lập kế hoạch",
        "Triển khai",
    ]
    short = Question.objects.get(bank=bank, kind="short")
    assert short.key == "" and short.model_answer == "Ghi nhận, khen thưởng kịp thời."
    assert not short.choices.exists()


def test_dry_run_previews_without_writing(author, bank, competency):
    result = questions_import(actor=author, bank=bank, file=xlsx(GOOD_ROWS), dry_run=True)
    assert result.errors == [] and not result.written
    assert [r.action for r in result.rows] == ["create"] * 5
    assert not Question.objects.exists()


def test_reimport_updates_by_key_instead_of_duplicating(author, bank, competency):
    questions_import(actor=author, bank=bank, file=xlsx(GOOD_ROWS[:2]), dry_run=False)
    first = Question.objects.get(key="KH-1")
    old_choice_ids = list(first.choices.order_by("sort_order").values_list("pk", flat=True))

    changed = row("KH-1", "Một lựa chọn", "Việc đầu tiên khi lập kế hoạch chiến dịch?",
                  "Khảo sát nhu cầu", "Mua sắm", answer="A", competency="KH")  # fmt: skip
    result = questions_import(
        actor=author, bank=bank, file=xlsx([changed, GOOD_ROWS[1]]), dry_run=False
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Question.objects.filter(bank=bank).count() == 2
    first.refresh_from_db()
    assert first.text == "Việc đầu tiên khi lập kế hoạch chiến dịch?"
    choices = list(first.choices.order_by("sort_order"))
    assert [(c.text, c.is_correct) for c in choices] == [
        ("Khảo sát nhu cầu", True),
        ("Mua sắm", False),
    ]
    # Options are rewritten in place; the surplus third one is gone.
    assert [c.pk for c in choices] == old_choice_ids[:2]
    assert not Choice.objects.filter(pk=old_choice_ids[2]).exists()


def test_same_key_in_another_bank_is_a_different_question(author, bank, competency):
    other = QuestionBank.objects.create(title="Ngân hàng khác")
    make_question(other, "single", key="KH-1")
    questions_import(actor=author, bank=bank, file=xlsx(GOOD_ROWS[:1]), dry_run=False)
    assert Question.objects.filter(key="KH-1").count() == 2


def test_decomposed_text_is_stored_composed(author, bank):
    nfd = unicodedata.normalize("NFD", "Huy động thanh niên tình nguyện")
    option = unicodedata.normalize("NFD", "Đúng hướng")
    result = questions_import(
        actor=author,
        bank=bank,
        file=xlsx([row("  NFD-1 ", "Một lựa chọn", nfd, option, "Khác", answer="A")]),
        dry_run=False,
    )
    assert result.errors == []
    question = Question.objects.get(bank=bank)
    assert question.key == "NFD-1"
    assert question.text == unicodedata.normalize("NFC", nfd)
    assert question.choices.filter(text=unicodedata.normalize("NFC", option)).exists()


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_written(
    author, bank, competency
):
    rows = [
        GOOD_ROWS[0],  # row 2 is fine
        row("X-1", "Tự luận", "Loại lạ"),  # 3
        row("X-2", "Một lựa chọn", "Không có phương án E", "A1", "B1", answer="E"),  # 4
        row("X-3", "Một lựa chọn", "Hai đáp án", "A1", "B1", "C1", answer="A,C"),  # 5
        row("X-4", "Một lựa chọn", "Năng lực lạ", "A1", "B1", answer="A", competency="ZZ"),  # 6
        row("X-5", "Một lựa chọn", "Độ khó lạ", "A1", "B1", answer="A", difficulty="Rất khó"),
        row("X-6", "Một lựa chọn", "Điểm chữ", "A1", "B1", answer="B", points="hai"),  # 8
        row("X-6", "Một lựa chọn", "Trùng mã", "A1", "B1", answer="B"),  # 9
        [""] * len(HEADER),  # 10: ignored
        row("X-7", "Một lựa chọn", "", "A1", "B1", answer="A"),  # 11
    ]
    result = questions_import(actor=author, bank=bank, file=xlsx(rows), dry_run=False)
    assert not result.written
    assert errors_of(result) == {
        (3, "Loại"),
        (4, "Đáp án"),
        (5, "Đáp án"),
        (6, "Mã năng lực"),
        (7, "Độ khó"),
        (8, "Điểm"),
        (9, "Mã câu hỏi"),
        (11, "Nội dung"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "đúng một phương án đúng (đang có 2)" in messages[(5, "Đáp án")]
    assert "“ZZ”" in messages[(6, "Mã năng lực")]
    assert "dòng 8" in messages[(9, "Mã câu hỏi")]
    assert "số nguyên" in messages[(8, "Điểm")]
    assert not Question.objects.exists()


def test_missing_required_column_is_reported_on_the_header_row(author, bank):
    header = [h for h in HEADER if h != "Đáp án"]
    result = questions_import(
        actor=author, bank=bank, file=xlsx([GOOD_ROWS[0][:7]], header=header), dry_run=False
    )
    assert [(e.row, e.column) for e in result.errors] == [(1, "Đáp án")]
    assert "Thiếu cột bắt buộc" in result.errors[0].message
    assert not Question.objects.exists()


def test_headers_match_without_diacritics_or_case(author, bank, competency):
    header = ["ma cau hoi", "LOAI", "Noi dung", "Phuong an A", "Phuong an B", "Dap an"]
    rows = [["K-1", "single", "Câu hỏi không dấu tiêu đề", "Có", "Không", "A"]]
    result = questions_import(actor=author, bank=bank, file=xlsx(rows, header), dry_run=False)
    assert result.errors == [] and Question.objects.get().key == "K-1"


def test_formula_cells_are_refused(author, bank):
    rows = [row("F-1", "Một lựa chọn", "=A1&B1", "Có", "Không", answer="A")]
    result = questions_import(actor=author, bank=bank, file=xlsx(rows), dry_run=False)
    assert errors_of(result) == {(2, "Nội dung")}
    assert "công thức" in result.errors[0].message


def test_a_text_file_named_xlsx_is_refused(author, bank):
    fake = SimpleUploadedFile("cau-hoi.xlsx", "Mã câu hỏi,Loại\nK,single\n".encode())
    result = questions_import(actor=author, bank=bank, file=fake, dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(0, "")]
    assert "không phải bảng tính Excel" in result.errors[0].message
    assert not Question.objects.exists()


def test_a_broken_zip_named_xlsx_is_refused(author, bank):
    fake = SimpleUploadedFile("cau-hoi.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    result = questions_import(actor=author, bank=bank, file=fake, dry_run=True)
    assert "không phải bảng tính Excel" in result.errors[0].message


def test_other_file_types_are_refused(author, bank):
    result = questions_import(
        actor=author, bank=bank, file=SimpleUploadedFile("cau-hoi.pdf", b"%PDF-1.4"), dry_run=True
    )
    assert "Chỉ nhận tệp bảng tính .xlsx hoặc .csv" in result.errors[0].message


def test_oversized_file_is_refused(author, bank):
    big = SimpleUploadedFile("cau-hoi.csv", b"a" * (5 * 1024 * 1024 + 1))
    result = questions_import(actor=author, bank=bank, file=big, dry_run=False)
    assert "lớn hơn 5 MB" in result.errors[0].message
    assert not Question.objects.exists()


def test_csv_with_semicolons_imports_like_xlsx(author, bank, competency):
    result = questions_import(
        actor=author, bank=bank, file=csv_file(GOOD_ROWS, delimiter=";"), dry_run=False
    )
    assert result.errors == [] and result.created == 5
    assert Question.objects.get(key="KH-2").choices.filter(is_correct=True).count() == 2


def test_csv_errors_carry_row_numbers_too(author, bank):
    rows = [
        GOOD_ROWS[2],
        ["", "", "", "", "", "", "", ""],
        row("B-1", "Đúng/Sai", "Sai?", answer="Có"),
    ]
    result = questions_import(actor=author, bank=bank, file=csv_file(rows), dry_run=False)
    assert errors_of(result) == {(4, "Đáp án")}
    assert not Question.objects.exists()


def test_csv_not_in_utf8_is_refused(author, bank):
    latin = SimpleUploadedFile("cau-hoi.csv", "Loại;Nội dung\n".encode("utf-16"))
    result = questions_import(actor=author, bank=bank, file=latin, dry_run=True)
    assert "UTF-8" in result.errors[0].message


def test_header_only_file_says_there_is_nothing_to_import(author, bank):
    result = questions_import(actor=author, bank=bank, file=xlsx([]), dry_run=True)
    assert "chưa có câu hỏi nào" in result.errors[0].message


def test_only_authors_may_import(tree, organizer, bank):
    with pytest.raises(PermissionDenied):
        questions_import(actor=organizer, bank=bank, file=xlsx(GOOD_ROWS), dry_run=True)


def test_template_has_the_headers_and_imports_cleanly(author, bank, competency):
    data = questions_template_xlsx()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Mã câu hỏi", "Loại", "Nội dung"] and "Đáp án" in header
    assert sheet.max_row == 3
    result = questions_import(
        actor=author, bank=bank, file=SimpleUploadedFile("mau.xlsx", data), dry_run=False
    )
    assert result.errors == [] and result.created == 2
    assert Question.objects.filter(competency=competency).count() == 2


def test_a_zip_that_is_not_a_workbook_is_refused(author, bank):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<khong-hop-le")
    fake = SimpleUploadedFile("cau-hoi.xlsx", buffer.getvalue())
    result = questions_import(actor=author, bank=bank, file=fake, dry_run=True)
    assert "không phải bảng tính Excel" in result.errors[0].message


@pytest.mark.parametrize(
    ("kind", "choices", "field", "message"),
    [
        ("single", [("A", True), ("B", True)], "correct", "đúng một phương án đúng"),
        ("single", [("A", True)], "choices", "ít nhất hai phương án"),
        ("multiple", [("A", False), ("B", False)], "correct", "ít nhất một phương án đúng"),
        ("true_false", [("Đúng", True), ("Sai", False), ("?", False)], "choices", "đúng hai"),
        ("ordering", [("Bước 1", False)], "choices", "ít nhất hai mục"),
        ("short", [("A", True)], "choices", "không có phương án"),
        ("single", [("Có", True), ("có", False)], "choices", "trùng nhau"),
    ],
)
def test_question_rules_name_what_is_wrong(kind, choices, field, message):
    from django.core.exceptions import ValidationError

    from assessments.services.questions import question_validate

    with pytest.raises(ValidationError) as raised:
        question_validate(kind=kind, choices=choices)
    assert any(message in text for text in raised.value.message_dict[field])


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("single", [("A", True), ("B", False)]),
        ("multiple", [("A", True), ("B", True), ("C", False)]),
        ("true_false", [("Đúng", False), ("Sai", True)]),
        ("ordering", [("Một", False), ("Hai", False)]),
        ("short", []),
    ],
)
def test_question_rules_accept_well_formed_questions(kind, choices):
    from assessments.services.questions import question_validate

    question_validate(kind=kind, choices=choices)
