"""The report pages: asking for a report, following its progress, downloading it, and who
may do so."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Report
from lms.xlsx import XLSX
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import CadreFactory, make_certificate

CUTOFF = datetime.date(2025, 12, 31)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
FAILED_MESSAGE = "Không tạo được báo cáo. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên."


@pytest.fixture
def trained(tree, cadre_ld):
    """Lâm Đồng's (d) at the end of 2025: 1 of 2 dedicated cadres trained."""
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2025, 6, 1))
    CadreFactory(unit=tree["commune"], full_name="Lê Văn Bình")
    return tree


def url(name, code, *args):
    return reverse(f"indicators:{name}", args=[code, *args])


def ask(client, callbacks, code="T68", kind="midterm", cutoff="2025-12-31"):
    with callbacks(execute=True):
        return client.post(url("reports", code), {"kind": kind, "cutoff": cutoff})


@pytest.fixture
def done_report(client, django_capture_on_commit_callbacks, trained, viewer):
    client.force_login(viewer)
    response = ask(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Report.Status.DONE
    client.logout()
    return report


def text(response) -> str:
    return " ".join(response.content.decode().split())


# --- Asking -------------------------------------------------------------------------------


def test_list_offers_both_reports_with_their_default_cutoffs(client, trained, viewer):
    client.force_login(viewer)

    response = client.get(url("reports", "T68"))

    assert response.status_code == 200
    page = text(response)
    assert 'value="2025-12-31"' in page
    assert f'value="{YESTERDAY:%Y-%m-%d}"' in page
    assert f'value="{timezone.localdate():%Y-%m-%d}"' not in page
    assert 'min="2022-11-29" max="2025-12-31"' in page
    assert f'min="2026-01-01" max="{YESTERDAY:%Y-%m-%d}"' in page
    assert "Sơ kết 2025" in page and "Tổng kết 2030" in page


def test_programme_viewer_requests_a_report_and_is_sent_to_its_status_page(
    client, django_capture_on_commit_callbacks, trained, viewer
):
    client.force_login(viewer)

    response = ask(client, django_capture_on_commit_callbacks)

    report = Report.objects.get()
    assert response["Location"] == url("report", "T68", report.pk)
    assert (report.unit.code, report.kind, report.cutoff) == ("T68", "midterm", CUTOFF)
    assert report.requested_by == viewer
    page = text(client.get(response["Location"]))
    assert url("report_pdf", "T68", report.pk) in page
    assert url("report_xlsx", "T68", report.pk) in page
    assert "50,0%" in page
    assert 'http-equiv="refresh"' not in page
    listing = text(client.get(url("reports", "T68")))
    assert url("report", "T68", report.pk) in listing


def test_double_post_makes_one_report(client, django_capture_on_commit_callbacks, trained, viewer):
    client.force_login(viewer)

    first = ask(client, django_capture_on_commit_callbacks)
    second = ask(client, django_capture_on_commit_callbacks)

    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("kind", "cutoff", "message"),
    [
        ("midterm", "2099-01-01", "Báo cáo sơ kết 2025 cần ngày chốt số liệu từ 29/11/2022"),
        ("midterm", "2026-03-31", "đến 31/12/2025; ngày 31/03/2026 nằm ngoài khoảng này"),
        ("final", "2025-12-31", "Báo cáo tổng kết 2030 cần ngày chốt số liệu sau 31/12/2025"),
        ("final", "2022-01-01", "tức từ 01/01/2026"),
        ("final", f"{timezone.localdate():%Y-%m-%d}", "muộn nhất là hôm qua"),
        ("giua-ky", "2025-12-31", "Loại báo cáo “giua-ky” không tồn tại"),
        ("midterm", "31-31-2025", "Ngày chốt số liệu không hợp lệ"),
    ],
)
def test_bad_request_shows_a_vietnamese_message_and_writes_nothing(
    client, django_capture_on_commit_callbacks, trained, viewer, kind, cutoff, message
):
    client.force_login(viewer)

    response = ask(client, django_capture_on_commit_callbacks, kind=kind, cutoff=cutoff)

    assert response.status_code == 400
    assert message in text(response)
    assert not Report.objects.exists()


# --- Progress -----------------------------------------------------------------------------


def test_status_page_shows_progress_and_reloads_while_running(client, trained, viewer):
    report = Report.objects.create(
        unit=trained["lam_dong"],
        kind=Report.Kind.MIDTERM,
        cutoff=CUTOFF,
        status=Report.Status.RUNNING,
        progress=42,
        step="Đang tính diễn biến theo năm",
    )
    client.force_login(viewer)

    page = text(client.get(url("report", "T68", report.pk)))

    assert '<progress max="100" value="42"' in page
    assert "Đang tính diễn biến theo năm" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert url("report_pdf", "T68", report.pk) not in page
    assert client.get(url("report_pdf", "T68", report.pk)).status_code == 404


def test_failed_report_shows_a_vietnamese_message_not_the_exception_and_a_retry(
    client, django_capture_on_commit_callbacks, trained, viewer
):
    from indicators.services import reports

    client.force_login(viewer)
    broken = RuntimeError("OSError: cannot load library 'libpango-1.0-0'")
    with mock.patch.object(reports, "report_pdf", side_effect=broken):
        response = ask(client, django_capture_on_commit_callbacks)

    page = text(client.get(response["Location"]))

    assert Report.objects.get().status == Report.Status.FAILED
    assert FAILED_MESSAGE in page
    assert "libpango" not in page and "OSError" not in page
    assert "Tạo lại báo cáo" in page
    assert 'http-equiv="refresh"' not in page


def test_retry_from_the_status_page_generates_the_failed_report(
    client, django_capture_on_commit_callbacks, trained, viewer
):
    report = Report.objects.create(
        unit=trained["lam_dong"],
        kind=Report.Kind.MIDTERM,
        cutoff=CUTOFF,
        status=Report.Status.FAILED,
        error="Thiếu phông chữ",
    )
    client.force_login(viewer)

    ask(client, django_capture_on_commit_callbacks)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert Report.objects.count() == 1


# --- Downloads ----------------------------------------------------------------------------


def test_viewer_downloads_the_pdf_and_the_workbook(client, done_report, viewer):
    client.force_login(viewer)

    pdf = client.get(url("report_pdf", "T68", done_report.pk))
    xlsx = client.get(url("report_xlsx", "T68", done_report.pk))

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "bao-cao-so-ket-t68-20251231.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == XLSX
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    assert pdf["Cache-Control"] == "private, no-store"


# --- Who sees what ------------------------------------------------------------------------


def test_organizer_of_another_province_gets_404_everywhere(
    client, django_capture_on_commit_callbacks, done_report, other_organizer
):
    client.force_login(other_organizer)

    for name, args in (
        ("reports", ()),
        ("report", (done_report.pk,)),
        ("report_pdf", (done_report.pk,)),
        ("report_xlsx", (done_report.pk,)),
    ):
        assert client.get(url(name, "T68", *args)).status_code == 404, name
    assert ask(client, django_capture_on_commit_callbacks).status_code == 404
    assert Report.objects.count() == 1


def test_report_is_only_reached_through_its_own_unit(client, done_report, other_organizer):
    """Hà Nội's organizer may open Hà Nội's pages, but not Lâm Đồng's report through them."""
    client.force_login(other_organizer)

    assert client.get(url("reports", "T01")).status_code == 200
    for name in ("report", "report_pdf", "report_xlsx"):
        assert client.get(url(name, "T01", done_report.pk)).status_code == 404, name


def test_anonymous_visitor_is_sent_to_log_in(client, done_report):
    response = client.get(url("report_pdf", "T68", done_report.pk))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- On a phone ---------------------------------------------------------------------------


@pytest.mark.browser
@needs_chromium
def test_viewer_asks_for_a_report_on_a_phone(live_server, phone, trained, viewer, fresh_cache):
    from playwright.sync_api import expect

    base = live_server.url
    page = phone.new_page()
    log_in(page, base, viewer.email)
    page.goto(f"{base}{url('reports', 'T68')}")
    assert fits_the_phone(page)

    page.get_by_role("button", name="Tạo báo cáo Sơ kết 2025").click()
    page.wait_for_url(re.compile(r"/bao-cao/T68/\d+/$"))

    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible()
    expect(page.locator(".report-figures")).to_contain_text("50,0%")
    assert fits_the_phone(page)
