"""Import pages: template, upload → preview → confirm → done, export round trip, scope."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organizations.models import Cadre, ImportJob
from tests.factories import (
    CADRE_HEADERS,
    UNIT_HEADERS,
    CadreFactory,
    cadre_row,
    import_run,
    xlsx_upload,
)


def _sheet_rows(response, index=0) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.worksheets[index].iter_rows(values_only=True)]


@pytest.mark.parametrize(("kind", "headers"), [("cadres", CADRE_HEADERS), ("units", UNIT_HEADERS)])
def test_the_template_opens_with_the_headers_an_example_and_a_guide(
    client, organizer, tree, kind, headers
):
    client.force_login(organizer)
    response = client.get(reverse("unit_import_template", args=["T68", kind]))
    assert response.status_code == 200
    rows = _sheet_rows(response)
    assert rows[0] == headers
    assert len(rows) == 2
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames[1] == "Hướng dẫn"
    guide = _sheet_rows(response, 1)
    assert guide[0] == ["Cột", "Bắt buộc", "Giải thích", "Giá trị hợp lệ"]
    assert [r[0] for r in guide[1 : len(headers) + 1]] == headers


def test_upload_preview_confirm_and_done(
    client, organizer, tree, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    page = client.get(reverse("unit_import", args=["T68", "cadres"]))
    assert page.status_code == 200 and "Tải mẫu" in page.text
    upload = xlsx_upload(CADRE_HEADERS, [cadre_row(full_name="Lê Văn Minh")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("unit_import", args=["T68", "cadres"]), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("import_job", args=[job.pk])
    preview = client.get(response.url)
    assert "Xác nhận nhập" in preview.text and "Lê Văn Minh" in preview.text
    assert client.get(reverse("import_job_status", args=[job.pk])).json()["status"] == "ready"
    assert Cadre.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_job_confirm", args=[job.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("import_job_confirm", args=[job.pk]), follow=True)
    assert "đã được xác nhận trước đó" in again.text
    done = client.get(reverse("import_job", args=[job.pk]))
    assert "Đã nhập xong" in done.text
    assert Cadre.objects.count() == 1


def test_a_running_job_page_refreshes_itself(client, organizer, tree):
    job = import_run(
        organizer,
        "cadres",
        tree["lam_dong"],
        xlsx_upload(CADRE_HEADERS, [cadre_row()]),
        confirm=False,
    )
    ImportJob.objects.filter(pk=job.pk).update(status="validating")
    client.force_login(organizer)
    page = client.get(reverse("import_job", args=[job.pk]))
    assert '<meta http-equiv="refresh"' in page.text and "<progress" in page.text


def test_the_error_table_names_row_column_and_what_is_expected(client, organizer, tree):
    job = import_run(
        organizer, "cadres", tree["lam_dong"], xlsx_upload(CADRE_HEADERS, [cadre_row(gender="?")])
    )
    client.force_login(organizer)
    page = client.get(reverse("import_job", args=[job.pk]))
    assert "Giới tính*" in page.text and "Nam, Nữ, Khác" in page.text
    assert "Tải lên tệp đã sửa" in page.text


def test_a_twenty_megabyte_upload_is_refused_on_the_page(client, organizer, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(organizer)
    upload = SimpleUploadedFile("lon.xlsx", b"0" * (20 * 1024 * 1024))
    response = client.post(reverse("unit_import", args=["T68", "cadres"]), {"file": upload})
    assert response.status_code == 400
    assert "vượt giới hạn 16 MB" in response.text
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("kind", ["cadres", "units"])
def test_export_then_reimport_changes_nothing(client, organizer, tree, kind):
    CadreFactory(unit=tree["commune"], national_id="068095001234", full_name="Lê Văn Minh")
    CadreFactory(unit=tree["commune_hn"], full_name="Trần Văn Nam")
    client.force_login(organizer)
    response = client.get(reverse("unit_export", args=["T68", kind]))
    assert response.status_code == 200
    rows = _sheet_rows(response)
    assert "Trần Văn Nam" not in str(rows)
    job = import_run(organizer, kind, tree["lam_dong"], xlsx_upload(rows[0], rows[1:]))
    assert job.status == "done", job.errors
    assert job.summary["create"] == 0 and job.summary["update"] == 0
    assert job.summary["unchanged"] == len(rows) - 1


def test_another_provinces_organizer_gets_404_everywhere(client, organizer, other_organizer, tree):
    job = import_run(
        organizer,
        "cadres",
        tree["lam_dong"],
        xlsx_upload(CADRE_HEADERS, [cadre_row()]),
        confirm=False,
    )
    client.force_login(other_organizer)
    for name, args in (
        ("unit_import", ["T68", "cadres"]),
        ("unit_import_template", ["T68", "units"]),
        ("unit_export", ["T68", "cadres"]),
        ("import_job", [job.pk]),
        ("import_job_status", [job.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("import_job_confirm", args=[job.pk])).status_code == 404
    assert ImportJob.objects.get().status == "ready"


def test_a_viewer_cannot_import(client, viewer, tree):
    client.force_login(viewer)
    assert client.get(reverse("unit_import", args=["T68", "cadres"])).status_code == 404
    upload = xlsx_upload(CADRE_HEADERS, [cadre_row()])
    assert (
        client.post(reverse("unit_import", args=["T68", "cadres"]), {"file": upload}).status_code
        == 404
    )
    assert ImportJob.objects.count() == 0


def test_the_unit_page_links_to_imports_for_organizers_only(client, organizer, viewer, tree):
    client.force_login(organizer)
    assert "Nhập/xuất cán bộ" in client.get(reverse("unit_detail", args=["T68"])).text
    client.force_login(viewer)
    page = client.get(reverse("unit_detail", args=["T68"]))
    assert reverse("unit_import", args=["T68", "cadres"]) not in page.text
    assert reverse("unit_import", args=["T68", "units"]) not in page.text
