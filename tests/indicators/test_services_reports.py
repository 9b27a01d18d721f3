"""The mid-term and final reports: asked for once, computed at the cut-off in Celery, frozen,
and printed as PDF and XLSX from the stored data alone."""

import datetime
import io
import logging
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from indicators.computation import FIELDS, compute
from indicators.models import Declaration, Report, Target
from indicators.services import report_generate, report_request
from organizations.models import Post
from tests.factories import CadreFactory, DeclarationFactory, make_certificate

CUTOFF = datetime.date(2025, 12, 31)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
FAILED_MESSAGE = "Không tạo được báo cáo. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên."
SHEETS = ["Chỉ tiêu", "Đơn vị trực thuộc", "Vùng ưu tiên và tổ chức", "Diễn biến theo năm"]


def stored(field) -> bytes:
    with field.storage.open(field.name, "rb") as handle:
        return handle.read()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def workbook(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content), read_only=True)


def sheet_rows(book, title) -> list[tuple]:
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


@pytest.fixture
def ld(tree, cadre_ld, organizer):
    """Lâm Đồng at the end of 2025: (d) 1 of 2 dedicated cadres trained (the second one's
    certificate came in 2026), (b) 6 of 10 and (c) 3 of 4 declared by the commune."""
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2025, 6, 1))
    late = CadreFactory(unit=tree["commune"], full_name="Lê Văn Bình")
    make_certificate(late, "course", issued_on=datetime.date(2026, 1, 10))
    declaration = DeclarationFactory(
        unit=tree["commune"],
        year=2025,
        activities_held=10,
        activities_on_portal=6,
        campaigns=4,
        campaigns_with_models=3,
        declared_by=organizer,
    )
    Declaration.objects.filter(pk=declaration.pk).update(
        declared_at=timezone.make_aware(datetime.datetime(2025, 11, 1, 9))
    )
    tree["lam_dong"].refresh_from_db()
    return {"unit": tree["lam_dong"], "late": late}


def generate(callbacks, *, actor, unit, kind=Report.Kind.MIDTERM, cutoff=CUTOFF) -> Report:
    with callbacks(execute=True):
        report = report_request(actor=actor, unit=unit, kind=kind, cutoff=cutoff)
    report.refresh_from_db()
    return report


# --- The figures at the cut-off -----------------------------------------------------------


def test_report_counts_the_figures_on_the_cutoff_date(
    django_capture_on_commit_callbacks, ld, organizer
):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert report.status == Report.Status.DONE
    assert report.progress == 100
    figures = report.data["figures"]
    assert (figures["d"]["num"], figures["d"]["den"], figures["d"]["percent"]) == (1, 2, 50.0)
    assert (figures["b"]["num"], figures["b"]["den"], figures["b"]["percent"]) == (6, 10, 60.0)
    assert (figures["c"]["num"], figures["c"]["den"], figures["c"]["percent"]) == (3, 4, 75.0)
    assert figures["d"]["target"] == 80.0
    assert figures["d"]["status"] in {"on_track", "at_risk", "off_track"}
    assert report.data["declared_units"] == 1


def test_certificate_issued_after_the_cutoff_does_not_count(
    django_capture_on_commit_callbacks, ld, organizer
):
    report = generate(
        django_capture_on_commit_callbacks,
        actor=organizer,
        unit=ld["unit"],
        kind=Report.Kind.FINAL,
        cutoff=datetime.date(2026, 1, 9),
    )
    later = generate(
        django_capture_on_commit_callbacks,
        actor=organizer,
        unit=ld["unit"],
        kind=Report.Kind.FINAL,
        cutoff=datetime.date(2026, 1, 10),
    )

    assert report.data["figures"]["d"]["num"] == 1
    assert later.data["figures"]["d"]["num"] == 2
    assert later.data["milestone"] == 2030
    assert later.data["figures"]["d"]["target"] == 100.0


def test_report_holds_the_unit_its_children_segments_and_yearly_trend(
    django_capture_on_commit_callbacks, tree, ld, organizer
):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])
    data = report.data

    assert data["unit"]["name"] == "Tỉnh Đoàn Lâm Đồng"
    assert data["unit"]["parent_name"] == "Trung ương Đoàn TNCS Hồ Chí Minh"
    assert (data["kind"], data["cutoff"], data["milestone"]) == ("midterm", "2025-12-31", 2025)
    assert [c["name"] for c in data["children"]] == ["Đoàn xã Quảng Khê"]
    assert data["children"][0]["figures"]["d"]["num"] == 1
    assert [t["date"] for t in data["trend"]] == [
        "2022-12-31",
        "2023-12-31",
        "2024-12-31",
        "2025-12-31",
    ]
    assert data["trend"][2]["figures"]["d"] == {"num": 0, "den": 2, "percent": 0.0}
    assert data["trend"][-1]["figures"]["d"]["percent"] == 50.0
    mountain = next(a for a in data["areas"] if a["segment"] == "mountain")
    assert mountain["figures"]["d"]["den"] == 2  # Lâm Đồng carries the mountain flag
    assert [o["segment"] for o in data["organisations"]] == ["doan"]
    assert data["targets"]["d"] == {"2025": 80.0, "2030": 100.0}
    assert any("(d)" in line for line in data["rules"])


# --- Frozen -------------------------------------------------------------------------------


def test_report_is_frozen_when_records_and_targets_change_later(
    django_capture_on_commit_callbacks, tree, ld, organizer, cadre_ld
):
    Target.objects.create(unit=ld["unit"], indicator="d", year=2025, percent=90)
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])
    data, pdf, xlsx = report.data, stored(report.pdf), stored(report.xlsx)
    assert data["figures"]["d"]["target"] == 90.0

    make_certificate(ld["late"], "class", issued_on=datetime.date(2025, 3, 1))
    Post.objects.filter(cadre=cadre_ld).update(end_date=datetime.date(2025, 1, 1))
    Target.objects.filter(unit=ld["unit"]).update(percent=95)
    live = compute(as_of=CUTOFF, root=ld["unit"], depths={ld["unit"].depth})
    assert live[(ld["unit"].pk, "all")][FIELDS.index("d_den")] == 1  # the records did change

    with django_capture_on_commit_callbacks(execute=True) as queued:
        again = report_request(
            actor=organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )
    report_generate(report_id=report.pk)
    again.refresh_from_db()

    assert again.pk == report.pk
    assert queued == []
    assert again.data == data
    assert again.data["figures"]["d"]["target"] == 90.0
    assert stored(again.pdf) == pdf
    assert stored(again.xlsx) == xlsx


# --- Printed ------------------------------------------------------------------------------


def test_pdf_reads_back_as_an_administrative_report(
    django_capture_on_commit_callbacks, ld, organizer
):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    content = stored(report.pdf)
    text = pdf_text(content)

    assert content.startswith(b"%PDF")
    assert "BÁO CÁO" in text
    assert "Sơ kết 3 năm thực hiện Đề án" in text
    assert "1481/QĐ-TTg" in text
    assert "TỈNH LÂM ĐỒNG" in text
    assert "Tỉnh Đoàn Lâm Đồng" in text
    assert "Số liệu tính đến ngày 31/12/2025" in text
    for share in ("50,0%", "60,0%", "75,0%"):
        assert share in text
    assert "Đoàn xã Quảng Khê" in text
    assert "Nơi nhận" in text
    assert "TM. BAN THƯỜNG VỤ" in text


def test_final_report_pdf_says_tong_ket(django_capture_on_commit_callbacks, ld, organizer):
    report = generate(
        django_capture_on_commit_callbacks,
        actor=organizer,
        unit=ld["unit"],
        kind=Report.Kind.FINAL,
        cutoff=YESTERDAY,
    )

    text = pdf_text(stored(report.pdf))
    assert "Tổng kết thực hiện Đề án" in text
    assert "Chỉ tiêu năm 2030" in text


def test_workbook_reads_back_with_the_tables(django_capture_on_commit_callbacks, ld, organizer):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    book = workbook(stored(report.xlsx))

    assert book.sheetnames[: len(SHEETS)] == SHEETS
    rows = sheet_rows(book, "Chỉ tiêu")
    d_row = next(r for r in rows if r[0] == "d")
    assert d_row[2:5] == (1, 2, 50)
    assert d_row[5] == 80
    children = sheet_rows(book, "Đơn vị trực thuộc")
    assert children[1][:2] == ("X24000", "Đoàn xã Quảng Khê")
    assert children[1][children[0].index("(d) Tử số")] == 1
    assert children[1][children[0].index("(d) Mẫu số")] == 2
    trend = sheet_rows(book, "Diễn biến theo năm")
    assert [r[0] for r in trend[1:]] == ["31/12/2022", "31/12/2023", "31/12/2024", "31/12/2025"]


# --- Asking for a report ------------------------------------------------------------------


def test_request_is_idempotent_for_same_unit_kind_and_cutoff(
    django_capture_on_commit_callbacks, ld, organizer, viewer
):
    with django_capture_on_commit_callbacks() as queued:
        first = report_request(
            actor=organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )
        second = report_request(
            actor=viewer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )

    assert first.pk == second.pk
    assert Report.objects.count() == 1
    assert len(queued) == 1
    assert second.requested_by == organizer


def test_request_that_loses_a_race_returns_the_winners_report(ld, organizer):
    winner = Report.objects.create(unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF)

    with mock.patch.object(Report.objects, "get_or_create", side_effect=IntegrityError):
        report = report_request(
            actor=organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )

    assert report.pk == winner.pk
    assert Report.objects.count() == 1


MIDTERM_RANGE = (
    "cần ngày chốt số liệu từ 29/11/2022 (ngày Quyết định 1481/QĐ-TTg được ký) đến 31/12/2025"
)
FINAL_RANGE = "cần ngày chốt số liệu sau 31/12/2025, tức từ 01/01/2026"
NOT_TODAY = f"muộn nhất là hôm qua ({YESTERDAY:%d/%m/%Y})"


@pytest.mark.parametrize(
    ("kind", "cutoff", "field", "message"),
    [
        ("midterm", datetime.date(2022, 11, 28), "cutoff", MIDTERM_RANGE),
        ("midterm", datetime.date(2026, 1, 1), "cutoff", MIDTERM_RANGE),
        ("midterm", datetime.date(2099, 1, 1), "cutoff", MIDTERM_RANGE),
        ("final", CUTOFF, "cutoff", FINAL_RANGE),
        ("final", datetime.date(2023, 6, 30), "cutoff", FINAL_RANGE),
        ("final", timezone.localdate(), "cutoff", NOT_TODAY),
        ("final", datetime.date(2099, 1, 1), "cutoff", NOT_TODAY),
        ("giua-ky", CUTOFF, "kind", "Loại báo cáo “giua-ky” không tồn tại"),
        ("final", "31/12/2025", "cutoff", "Ngày chốt số liệu không hợp lệ"),
    ],
)
def test_bad_request_is_refused_in_vietnamese_and_writes_nothing(
    django_capture_on_commit_callbacks, ld, organizer, kind, cutoff, field, message
):
    with django_capture_on_commit_callbacks() as queued, pytest.raises(ValidationError) as exc:
        report_request(actor=organizer, unit=ld["unit"], kind=kind, cutoff=cutoff)

    assert message in " ".join(exc.value.message_dict[field])
    assert not Report.objects.exists()
    assert queued == []


def test_organizer_of_another_province_cannot_request(ld, other_organizer):
    with pytest.raises(PermissionDenied):
        report_request(
            actor=other_organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )
    assert not Report.objects.exists()


# --- Progress and failure -----------------------------------------------------------------


def test_progress_is_stored_while_the_report_is_printed(
    django_capture_on_commit_callbacks, ld, organizer
):
    from indicators.services import reports

    seen = []
    real = reports.report_pdf

    def watching(data):
        row = Report.objects.get()
        seen.append((row.status, row.progress, row.step))
        return real(data)

    with mock.patch.object(reports, "report_pdf", watching):
        report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert seen == [(Report.Status.RUNNING, 80, "Đang tạo tệp PDF")]
    assert report.status == Report.Status.DONE


def test_failure_is_logged_and_users_get_a_vietnamese_message_and_can_retry(
    django_capture_on_commit_callbacks, caplog, ld, organizer
):
    from indicators.services import reports

    broken = mock.patch.object(
        reports, "report_pdf", side_effect=RuntimeError("fontconfig: no such face 'X'")
    )
    with broken, caplog.at_level(logging.ERROR, logger="indicators.services.reports"):
        report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert report.status == Report.Status.FAILED
    assert report.error == FAILED_MESSAGE
    assert "fontconfig" not in report.error
    assert not report.pdf
    logged = [r for r in caplog.records if r.name == "indicators.services.reports"]
    assert logged and logged[0].exc_info[0] is RuntimeError
    assert "fontconfig: no such face" in caplog.text

    retried = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert retried.pk == report.pk
    assert retried.status == Report.Status.DONE
    assert retried.error == ""
    assert stored(retried.pdf).startswith(b"%PDF")


def test_generating_a_done_report_again_leaves_it_alone(
    django_capture_on_commit_callbacks, ld, organizer
):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])
    finished, name = report.finished_at, report.pdf.name

    report_generate(report_id=report.pk)
    report.refresh_from_db()

    assert (report.finished_at, report.pdf.name) == (finished, name)


def test_generation_records_when_it_started(django_capture_on_commit_callbacks, ld, organizer):
    before = timezone.now()
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert report.started_at is not None
    assert before <= report.started_at <= report.finished_at


# --- A report whose worker died -----------------------------------------------------------


def running_since(unit, minutes: int, **fields) -> Report:
    return Report.objects.create(
        unit=unit,
        kind=Report.Kind.MIDTERM,
        cutoff=CUTOFF,
        status=Report.Status.RUNNING,
        progress=45,
        step="Đang tính diễn biến theo năm",
        started_at=timezone.now() - datetime.timedelta(minutes=minutes),
        **fields,
    )


def test_report_running_longer_than_the_limit_is_queued_again_and_generated(
    django_capture_on_commit_callbacks, ld, organizer
):
    from indicators.services.reports import STALE_RUNNING_AFTER

    minutes = int(STALE_RUNNING_AFTER.total_seconds() // 60) + 1
    stuck = running_since(ld["unit"], minutes)

    with django_capture_on_commit_callbacks() as queued:
        report = report_request(
            actor=organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )

    assert report.pk == stuck.pk
    assert (report.status, report.progress, report.step) == (Report.Status.QUEUED, 0, "")
    assert report.started_at is None
    assert len(queued) == 1

    queued[0]()
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.data["figures"]["d"]["num"] == 1


def test_report_running_within_the_limit_is_left_to_its_worker(
    ld, organizer, django_capture_on_commit_callbacks
):
    running = running_since(ld["unit"], 5)

    with django_capture_on_commit_callbacks() as queued:
        report = report_request(
            actor=organizer, unit=ld["unit"], kind=Report.Kind.MIDTERM, cutoff=CUTOFF
        )

    assert report.pk == running.pk
    report.refresh_from_db()
    assert (report.status, report.progress) == (Report.Status.RUNNING, 45)
    assert queued == []


# --- Milestone, wording, year-ago ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "cutoff", "milestone", "target", "expected"),
    [
        (Report.Kind.MIDTERM, CUTOFF, 2025, 80.0, 80.0),
        (Report.Kind.MIDTERM, datetime.date(2024, 12, 31), 2025, 80.0, None),
        (Report.Kind.FINAL, datetime.date(2026, 1, 9), 2030, 100.0, None),
    ],
)
def test_target_and_planned_path_belong_to_the_reports_milestone(
    django_capture_on_commit_callbacks, ld, organizer, kind, cutoff, milestone, target, expected
):
    report = generate(
        django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"], kind=kind,
        cutoff=cutoff,
    )  # fmt: skip

    d = report.data["figures"]["d"]
    assert report.data["milestone"] == milestone
    assert d["target"] == target == report.data["targets"]["d"][str(milestone)]
    if expected is not None:
        assert d["expected"] == expected
    elif milestone == 2025:
        assert 0 < d["expected"] < 80.0
    else:
        assert 80.0 < d["expected"] < 100.0
    for child in report.data["children"]:
        assert child["figures"]["d"]["target"] == target


def test_report_uses_the_dashboards_status_words(django_capture_on_commit_callbacks, ld, organizer):
    from indicators.rules import status_labels

    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    assert report.data["statuses"] == status_labels()
    assert report.data["statuses"]["at_risk"] == "Có nguy cơ"
    figure = report.data["figures"]["d"]
    assert figure["status_label"] == status_labels()[figure["status"]]
    assert "nguy cơ chậm" not in " ".join(report.data["rules"])


def test_segments_are_judged_with_their_own_figures_of_a_year_ago(
    django_capture_on_commit_callbacks, ld, organizer
):
    report = generate(django_capture_on_commit_callbacks, actor=organizer, unit=ld["unit"])

    mountain = next(a for a in report.data["areas"] if a["segment"] == "mountain")
    doan = next(o for o in report.data["organisations"] if o["segment"] == "doan")
    # 0 of 2 trained at the end of 2024, 1 of 2 now: a pace of 50 points a year.
    assert mountain["figures"]["d"]["projected"] == 50.0
    assert doan["figures"]["d"]["projected"] == 50.0


# --- Cut-off rules (pure) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        ("midterm", datetime.date(2026, 11, 23), datetime.date(2025, 12, 31)),
        ("midterm", datetime.date(2025, 6, 1), datetime.date(2025, 5, 31)),
        ("final", datetime.date(2026, 11, 23), datetime.date(2026, 11, 22)),
        ("final", datetime.date(2030, 12, 31), datetime.date(2030, 12, 30)),
        ("final", datetime.date(2031, 1, 1), datetime.date(2030, 12, 31)),
        ("final", datetime.date(2032, 5, 4), datetime.date(2030, 12, 31)),
    ],
)
def test_default_cutoff_of_each_report(kind, today, expected):
    from indicators.reports.cutoffs import cutoff_errors, default_cutoff

    assert default_cutoff(kind, today) == expected
    assert cutoff_errors(kind, expected, today) == []


def test_midterm_cutoff_of_today_is_refused_while_2025_runs():
    from indicators.reports.cutoffs import cutoff_errors

    today = datetime.date(2025, 6, 1)

    assert cutoff_errors("midterm", today, today) == [
        "Ngày chốt số liệu (01/06/2025) muộn nhất là hôm qua (31/05/2025): số liệu của hôm "
        "nay chưa trọn ngày."
    ]
    assert cutoff_errors("midterm", datetime.date(2025, 5, 31), today) == []
