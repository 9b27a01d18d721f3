"""Class rosters from a spreadsheet: participants added, scores updated, scope kept."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import ClassParticipant
from courses.services import classes as services
from organizations.models import ImportJob
from tests.factories import CadreFactory, import_run, make_class, make_course, xlsx_upload

HEADERS = ["Mã cán bộ", "Số CCCD", "Họ và tên", "Điểm kiểm tra đầu vào", "Điểm kiểm tra đầu ra"]


@pytest.fixture
def klass(organizer, tree):
    return make_class(organizer, tree["lam_dong"], make_course(modules=1, lessons=1))


def _run(organizer, klass, rows):
    return import_run(
        organizer, "roster", klass.host_unit, xlsx_upload(HEADERS, rows), target_id=klass.pk
    )


def test_participants_are_added_and_scores_updated(organizer, tree, klass, cadre_ld):
    other = CadreFactory(unit=tree["commune"], national_id="068095001234", full_name="Lê Văn Minh")
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    job = _run(
        organizer,
        klass,
        [
            [cadre_ld.code, "", "nguyễn thị hoa", 55, "80,5"],
            ["", "068095001234", "Lê Văn Minh", "", 90],
        ],
    )
    assert job.status == "done", job.errors
    assert (job.summary["create"], job.summary["update"]) == (1, 1)
    hoa = ClassParticipant.objects.get(cadre=cadre_ld)
    assert (hoa.pre_test_score, hoa.post_test_score) == (Decimal("55.00"), Decimal("80.50"))
    minh = ClassParticipant.objects.get(cadre=other)
    assert minh.pre_test_score is None and minh.post_test_score == Decimal("90.00")
    again = _run(organizer, klass, [[cadre_ld.code, "", "", 55, 80.5]])
    assert again.summary["unchanged"] == 1


def test_bad_scores_names_and_cadres_of_other_provinces_write_nothing(
    organizer, tree, klass, cadre_ld, cadre_hn
):
    job = _run(
        organizer,
        klass,
        [
            [cadre_ld.code, "", "Nguyễn Văn Khác", "tám", 120],
            [cadre_hn.code, "", "", 50, 60],
            ["", "", "Không mã", 50, 60],
        ],
    )
    assert job.status == "invalid"
    found = {(e["row"], e["column"], e["message"]) for e in job.errors}
    assert (2, "Điểm kiểm tra đầu vào", "Cần nhập một số.") in found
    assert (2, "Điểm kiểm tra đầu ra", "Số nằm ngoài khoảng cho phép.") in found
    assert (3, "Mã cán bộ", "Không tìm thấy cán bộ này trong phạm vi bạn quản lý.") in found
    assert (4, "Mã cán bộ", "Cần Mã cán bộ hoặc Số CCCD.") in found
    assert ClassParticipant.objects.count() == 0
    job = _run(organizer, klass, [[cadre_ld.code, "", "Nguyễn Văn Khác", 50, 60]])
    assert job.errors[0]["message"] == "Họ và tên khác với hồ sơ của cán bộ."
    assert job.errors[0]["expected"] == "Nguyễn Thị Hoa"
    assert ClassParticipant.objects.count() == 0


def test_roster_pages_export_round_trip_and_scope(
    client, organizer, other_organizer, tree, klass, cadre_ld
):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    services.class_scores_record(
        actor=organizer, participant=participant, pre_test_score=40, post_test_score=75
    )
    client.force_login(organizer)
    detail = client.get(reverse("class_detail", args=[klass.pk]))
    assert "Nhập/xuất danh sách học viên" in detail.text
    assert client.get(reverse("class_roster_import", args=[klass.pk])).status_code == 200
    template = client.get(reverse("class_roster_template", args=[klass.pk]))
    assert next(load_workbook(io.BytesIO(template.content)).worksheets[0].values) == (
        "Mã cán bộ", "Số CCCD", "Họ và tên", "Điểm kiểm tra đầu vào", "Điểm kiểm tra đầu ra",
    )  # fmt: skip
    export = client.get(reverse("class_roster_export", args=[klass.pk]))
    rows = [list(r) for r in load_workbook(io.BytesIO(export.content)).worksheets[0].values]
    assert rows[1][0] == cadre_ld.code and float(rows[1][4]) == 75
    job = _run(organizer, klass, rows[1:])
    assert job.summary["unchanged"] == 1

    client.force_login(other_organizer)
    for name in ("class_roster_import", "class_roster_template", "class_roster_export"):
        assert client.get(reverse(name, args=[klass.pk])).status_code == 404, name
    assert client.get(reverse("import_job", args=[job.pk])).status_code == 404
    assert ImportJob.objects.filter(created_by=other_organizer).count() == 0


def test_the_preview_shows_a_score_of_zero(organizer, tree, klass, cadre_ld):
    job = import_run(
        organizer,
        "roster",
        klass.host_unit,
        xlsx_upload(HEADERS, [[cadre_ld.code, "", "", 0, ""]]),
        target_id=klass.pk,
        confirm=False,
    )
    assert job.status == "ready", job.errors
    assert job.preview[0]["values"][2:] == ["0.00", ""]
