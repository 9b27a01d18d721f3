"""Bad files: a clear message (row and column where there is one) and nothing written."""

import datetime
import io
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from organizations.models import Cadre, ImportJob, OrgUnit
from tests.factories import (
    CADRE_HEADERS,
    CadreFactory,
    cadre_row,
    csv_upload,
    import_run,
    xlsx_upload,
)


def _run(organizer, tree, upload):
    return import_run(organizer, "cadres", tree["lam_dong"], upload)


def _errors(job) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in job.errors]


def test_missing_required_columns_are_listed_with_the_header_row(organizer, tree):
    headers = [h for h in CADRE_HEADERS if h not in ("Giới tính*", "Chức vụ*")]
    rows = [[v for h, v in zip(CADRE_HEADERS, cadre_row(), strict=True) if h in headers]]
    job = _run(organizer, tree, xlsx_upload(headers, rows))
    assert job.status == "invalid"
    message = job.errors[0]["message"]
    assert "Giới tính*" in message and "Chức vụ*" in message and "dòng 1" in message
    assert Cadre.objects.count() == 0


def test_text_in_a_date_and_a_bad_national_id_name_row_and_column(organizer, tree):
    job = _run(
        organizer,
        tree,
        xlsx_upload(
            CADRE_HEADERS,
            [cadre_row(date_of_birth="hôm qua"), cadre_row(full_name="B Hai", national_id="12345")],
        ),
    )
    errors = _errors(job)
    assert (2, "Ngày sinh (dd/mm/yyyy)", "Ngày không hợp lệ, cần dd/mm/yyyy.") in errors
    assert (3, "Số CCCD", "Số CCCD phải gồm đúng 12 chữ số.") in errors
    assert job.errors[0]["expected"] == "dd/mm/yyyy"
    assert Cadre.objects.count() == 0


def test_a_numeric_national_id_that_lost_its_zero_asks_for_a_text_column(organizer, tree):
    job = _run(
        organizer,
        tree,
        xlsx_upload(
            CADRE_HEADERS,
            [
                cadre_row(national_id=68095001234),
                cadre_row(full_name="B Hai", national_id=168095001234),
            ],
        ),
    )
    assert job.status == "invalid"
    assert _errors(job) == [
        (2, "Số CCCD", "Ô đang ở dạng số nên có thể đã mất các chữ số 0 ở đầu.")
    ]
    assert "Văn bản" in job.errors[0]["expected"]
    assert Cadre.objects.count() == 0


def test_duplicate_keys_in_the_file_point_at_the_first_row(organizer, tree):
    job = _run(
        organizer,
        tree,
        xlsx_upload(
            CADRE_HEADERS,
            [
                cadre_row(national_id="068095001234"),
                cadre_row(full_name="B Hai"),
                cadre_row(full_name="C Ba", national_id="068095001234"),
            ],
        ),
    )
    assert _errors(job) == [(4, "Số CCCD", "Trùng với dòng 2 của tệp.")]
    assert Cadre.objects.count() == 0


def test_unknown_units_and_other_provinces_units_get_the_same_message(organizer, tree):
    job = _run(
        organizer,
        tree,
        xlsx_upload(
            CADRE_HEADERS, [cadre_row(unit="X99999"), cadre_row(full_name="B", unit="X00070")]
        ),
    )
    messages = {e["message"] for e in job.errors}
    assert messages == {"Không có đơn vị mã này trong phạm vi bạn quản lý."}
    assert [e["row"] for e in job.errors] == [2, 3]
    assert Cadre.objects.count() == 0


def test_a_cadre_of_another_province_is_not_updated(organizer, tree):
    CadreFactory(unit=tree["commune_hn"], national_id="068095001234", full_name="Trần Nam")
    job = _run(organizer, tree, xlsx_upload(CADRE_HEADERS, [cadre_row(national_id="068095001234")]))
    assert job.status == "invalid"
    assert "ngoài phạm vi" in job.errors[0]["message"]
    assert Cadre.objects.get().full_name == "Trần Nam"


def test_nfd_headers_and_values_are_accepted(organizer, tree):
    headers = [unicodedata.normalize("NFD", h.upper()) for h in CADRE_HEADERS]
    job = _run(
        organizer,
        tree,
        xlsx_upload(headers, [cadre_row(full_name=unicodedata.normalize("NFD", "Lò Thị Ánh"))]),
    )
    assert job.status == "done", job.errors
    assert Cadre.objects.get().full_name == "Lò Thị Ánh"


def test_empty_rows_are_skipped(organizer, tree):
    rows = [cadre_row(full_name="A Một"), [None] * 14, ["", "  "], cadre_row(full_name="B Hai")]
    job = _run(organizer, tree, xlsx_upload(CADRE_HEADERS, rows))
    assert job.status == "done", job.errors
    assert job.total_rows == 2
    assert Cadre.objects.count() == 2


def test_formulas_are_refused(organizer, tree):
    job = _run(
        organizer, tree, xlsx_upload(CADRE_HEADERS, [cadre_row(full_name='=CONCAT("A";"B")')])
    )
    assert job.status == "invalid"
    error = job.errors[0]
    assert (error["row"], error["column"]) == (2, "Họ và tên*")
    assert "nhập giá trị, không dùng công thức" in error["message"]
    assert Cadre.objects.count() == 0


def test_a_twenty_megabyte_file_is_refused_at_once(organizer, tree):
    upload = SimpleUploadedFile("lon.xlsx", b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        _run(organizer, tree, upload)
    assert "vượt giới hạn 16 MB" in exc.value.message_dict["file"][0]
    assert ImportJob.objects.count() == 0


def test_a_text_file_named_xlsx_is_not_a_spreadsheet(organizer, tree):
    job = _run(organizer, tree, SimpleUploadedFile("danh-sach.xlsx", b"Ho va ten;Gioi tinh\n"))
    assert job.status == "invalid"
    assert job.errors[0]["message"] == "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."
    assert Cadre.objects.count() == 0


def test_an_empty_file_is_refused(organizer, tree):
    with pytest.raises(ValidationError) as exc:
        _run(organizer, tree, SimpleUploadedFile("rong.xlsx", b""))
    assert exc.value.message_dict["file"] == ["Tệp trống."]
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _run(organizer, tree, SimpleUploadedFile("trang.xlsx", buffer.getvalue()))
    assert job.status == "invalid" and job.errors[0]["message"] == "Tệp không có dữ liệu."
    assert Cadre.objects.count() == 0


def test_csv_with_bom_and_semicolons_is_read(organizer, tree):
    upload = csv_upload(
        CADRE_HEADERS,
        [cadre_row(national_id="068095001234", start_date="01/06/2025")],
        delimiter=";",
        bom=True,
    )
    job = _run(organizer, tree, upload)
    assert job.status == "done", job.errors
    cadre = Cadre.objects.get()
    assert cadre.national_id == "068095001234"
    assert cadre.posts.get().start_date == datetime.date(2025, 6, 1)


def test_more_rows_than_the_limit_are_refused(organizer, tree, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [cadre_row(full_name=f"Người {i}") for i in range(3)]
    job = _run(organizer, tree, xlsx_upload(CADRE_HEADERS, rows))
    assert job.status == "invalid" and "hơn 2 dòng" in job.errors[0]["message"]
    assert Cadre.objects.count() == 0
    assert OrgUnit.objects.count() == 5
