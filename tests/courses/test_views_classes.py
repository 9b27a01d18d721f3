"""Class pages: scope across provinces, bad input, XLSX export, QR page and check-in."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Attendance, ClassParticipant, TrainingClass
from courses.services import classes as services
from tests.factories import make_class, make_course

TODAY = timezone.localdate()


@pytest.fixture
def course(db):
    return make_course(title="Kỹ năng điều phối tình nguyện", modules=1, lessons=1)


@pytest.fixture
def klass(organizer, tree, course):
    return make_class(organizer, tree["lam_dong"], course, title="Lớp điều phối Lâm Đồng")


@pytest.fixture
def klass_hn(other_organizer, tree, course):
    return make_class(other_organizer, tree["ha_noi"], course, title="Lớp điều phối Hà Nội")


@pytest.fixture
def session(organizer, klass):
    starts = timezone.now() + datetime.timedelta(minutes=5)
    return services.class_session_add(
        actor=organizer,
        training_class=klass,
        title="Buổi 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def _login(client, user):
    client.force_login(user)
    return client


def _texts(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- Scope ------------------------------------------------------------------------------


def test_class_list_shows_only_own_province(client, organizer, klass, klass_hn):
    response = _login(client, organizer).get(reverse("class_list"))
    assert response.status_code == 200
    assert "Lớp điều phối Lâm Đồng" in response.text
    assert "Lớp điều phối Hà Nội" not in response.text


def test_viewer_without_class_role_is_forbidden(client, viewer):
    assert _login(client, viewer).get(reverse("class_list")).status_code == 403


@pytest.mark.parametrize("name", ["class_detail", "class_edit", "class_attendance_sheet"])
def test_other_province_class_pages_are_404(client, organizer, klass_hn, name):
    response = _login(client, organizer).get(reverse(name, args=[klass_hn.pk]))
    assert response.status_code == 404


def test_other_province_session_and_completion_are_404(
    client, organizer, other_organizer, klass_hn
):
    starts = timezone.now()
    session_hn = services.class_session_add(
        actor=other_organizer,
        training_class=klass_hn,
        title="Buổi Hà Nội",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    _login(client, organizer)
    assert client.get(reverse("class_session_qr", args=[session_hn.pk])).status_code == 404
    assert client.get(reverse("class_session_attendance", args=[session_hn.pk])).status_code == 404
    assert client.get(reverse("unit_completion", args=["T01"])).status_code == 404
    assert client.get(reverse("unit_completion_xlsx", args=["T01"])).status_code == 404
    response = client.post(reverse("class_participant_add", args=[klass_hn.pk]), {"code": "X"})
    assert response.status_code == 404


def test_cannot_add_a_ha_noi_cadre_as_participant(client, organizer, klass, cadre_hn):
    response = _login(client, organizer).post(
        reverse("class_participant_add", args=[klass.pk]), {"code": cadre_hn.code}, follow=True
    )
    assert "trong phạm vi bạn quản lý" in _texts(response)
    response = client.post(
        reverse("class_participant_add", args=[klass.pk]), {"cadre": cadre_hn.pk}, follow=True
    )
    assert "trong phạm vi bạn quản lý" in _texts(response)
    assert not ClassParticipant.objects.exists()


# --- Create, edit, roster ---------------------------------------------------------------


def test_create_class_from_form(client, organizer, course):
    response = _login(client, organizer).post(
        reverse("class_create") + "?unit=T68",
        {
            "course": course.pk,
            "title": "Lớp tập huấn cơ sở",
            "host_unit": "X24000",
            "mode": "blended",
            "level": "grassroots",
            "start_date": "01/10/2025",
            "end_date": "03/10/2025",
            "venue": "Nhà văn hoá xã",
        },
    )
    klass = TrainingClass.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("class_detail", args=[klass.pk])
    assert klass.host_unit.code == "X24000"
    assert klass.start_date == datetime.date(2025, 10, 1)


def test_create_class_bad_input_shows_vietnamese_errors(client, organizer, course):
    _login(client, organizer)
    data = {
        "course": course.pk,
        "title": "Lớp sai",
        "host_unit": "T68",
        "mode": "online",
        "level": "province",
        "start_date": "10/10/2025",
        "end_date": "01/10/2025",
    }
    response = client.post(reverse("class_create"), data)
    assert response.status_code == 200
    assert "không thể trước ngày bắt đầu" in response.text
    response = client.post(reverse("class_create"), data | {"host_unit": "T01"})
    assert "Không có đơn vị mã “T01” trong phạm vi bạn quản lý." in response.text
    assert not TrainingClass.objects.exists()


def test_create_with_unit_outside_scope_in_query_is_404(client, organizer):
    response = _login(client, organizer).get(reverse("class_create") + "?unit=T01")
    assert response.status_code == 404


def test_edit_class(client, organizer, klass, course):
    response = _login(client, organizer).post(
        reverse("class_edit", args=[klass.pk]),
        {
            "course": course.pk,
            "title": "Lớp điều phối (đổi tên)",
            "host_unit": "T68",
            "mode": "online",
            "level": "province",
            "start_date": klass.start_date.strftime("%d/%m/%Y"),
            "end_date": klass.end_date.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    klass.refresh_from_db()
    assert klass.title == "Lớp điều phối (đổi tên)"
    assert klass.mode == "online"


def test_roster_add_participant_and_trainer_then_page_shows_them(
    client, organizer, klass, cadre_ld, tree, session
):
    from tests.factories import CadreFactory

    trainer = CadreFactory(unit=tree["lam_dong"], full_name="Lê Văn Giảng")
    _login(client, organizer)
    client.post(reverse("class_participant_add", args=[klass.pk]), {"code": cadre_ld.code})
    response = client.post(
        reverse("class_participant_add", args=[klass.pk]), {"code": cadre_ld.code}, follow=True
    )
    assert "đã có trong danh sách lớp" in _texts(response)
    client.post(reverse("class_trainer_add", args=[klass.pk]), {"cadre": trainer.pk})
    assert ClassParticipant.objects.count() == 1
    response = client.get(reverse("class_detail", args=[klass.pk]) + "?q=Hoa")
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in response.text
    assert "Lê Văn Giảng" in response.text
    assert "Buổi 1" in response.text


def test_roster_query_count_is_constant(
    client, organizer, klass, session, tree, django_assert_max_num_queries
):
    from courses.selectors.classes import class_roster
    from tests.factories import CadreFactory

    for _ in range(5):
        cadre = CadreFactory(unit=tree["commune"])
        p = services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre)
        services.attendance_mark(actor=organizer, session=session, participant=p, present=True)
    with django_assert_max_num_queries(4):
        roster = class_roster(klass)
    assert all(row.cells == [True] for row in roster.rows)


def test_scores_out_of_range_answered_and_nothing_written(client, organizer, klass, cadre_ld):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    response = _login(client, organizer).post(
        reverse("class_participant_scores", args=[participant.pk]),
        {"pre_test_score": "120", "post_test_score": "80"},
        follow=True,
    )
    assert "khoảng 0–100" in _texts(response)
    participant.refresh_from_db()
    assert participant.pre_test_score is None and participant.post_test_score is None


def test_organizer_marks_attendance(client, organizer, klass, cadre_ld, session):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    _login(client, organizer)
    url = reverse("class_session_attendance", args=[session.pk])
    assert "Nguyễn Thị Hoa" in client.get(url).text
    response = client.post(url, {"present": [participant.pk]})
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.method == Attendance.Method.ORGANIZER
    assert attendance.marked_by == organizer


def test_attendance_sheet_is_printable(client, organizer, klass, cadre_ld, session):
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    response = _login(client, organizer).get(reverse("class_attendance_sheet", args=[klass.pk]))
    assert response.status_code == 200
    assert "@media print" in response.text
    assert "Ký tên" in response.text
    assert "Nguyễn Thị Hoa" in response.text


# --- QR and check-in --------------------------------------------------------------------


def test_qr_page_contains_svg(client, organizer, session):
    response = _login(client, organizer).get(reverse("class_session_qr", args=[session.pk]))
    assert response.status_code == 200
    assert "<svg" in response.text
    assert reverse("class_checkin", args=[session.checkin_token]) in response.text


def test_checkin_flow(client, organizer, klass, cadre_ld, learner, session):
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    _login(client, organizer).post(
        reverse("class_session_checkin", args=[session.pk]), {"open": "1"}
    )
    session.refresh_from_db()
    assert session.checkin_open
    client.logout()
    url = reverse("class_checkin", args=[session.checkin_token])
    assert client.get(url).status_code == 302  # login required
    _login(client, learner)
    response = client.get(url)
    assert "Xác nhận có mặt" in response.text
    assert not Attendance.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert "đã được điểm danh" in response.text
    attendance = Attendance.objects.get()
    assert attendance.method == Attendance.Method.QR
    response = client.post(url)
    assert response.status_code == 200
    assert Attendance.objects.count() == 1
    assert Attendance.objects.get().marked_at == attendance.marked_at


def test_checkin_closed_session_refused(client, organizer, klass, cadre_ld, learner, session):
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    response = _login(client, learner).post(reverse("class_checkin", args=[session.checkin_token]))
    assert response.status_code == 400
    assert "chưa mở hoặc đã đóng điểm danh" in response.text
    assert not Attendance.objects.exists()


def test_checkin_non_participant_refused(client, organizer, learner, session):
    services.class_session_checkin_open(actor=organizer, session=session)
    response = _login(client, learner).post(reverse("class_checkin", args=[session.checkin_token]))
    assert response.status_code == 400
    assert "không có tên trong danh sách học viên" in response.text
    assert not Attendance.objects.exists()


def test_checkin_unknown_token_is_404(client, learner):
    assert (
        _login(client, learner).get(reverse("class_checkin", args=["khong-co"])).status_code == 404
    )


# --- Completion table and XLSX ----------------------------------------------------------


@pytest.fixture
def completed(organizer, klass, cadre_ld, session):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    services.class_scores_record(
        actor=organizer, participant=participant, pre_test_score=40, post_test_score=85.5
    )
    services.attendance_mark(
        actor=organizer, session=session, participant=participant, present=True
    )
    services.class_complete_participant(actor=organizer, participant=participant)
    return participant


def test_completion_table_with_filters(client, organizer, completed, course, klass, tree):
    from organizations.models import PostKind
    from tests.factories import CadreFactory

    part_time = CadreFactory(
        unit=tree["commune"], full_name="Phạm Kiêm Nhiệm", post__kind=PostKind.PART_TIME
    )
    services.class_participant_add(actor=organizer, training_class=klass, cadre=part_time)
    _login(client, organizer)
    url = reverse("unit_completion", args=["T68"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in response.text
    assert "1/1" in response.text
    assert "Xuất XLSX" in response.text
    assert "Nguyễn Thị Hoa" not in client.get(url, {"mode": "online"}).text
    assert "Nguyễn Thị Hoa" in client.get(url, {"course": course.pk, "level": "province"}).text
    assert "Phạm Kiêm Nhiệm" in response.text
    dedicated = client.get(url, {"dedicated_only": "on"}).text
    assert "Nguyễn Thị Hoa" in dedicated
    assert "Phạm Kiêm Nhiệm" not in dedicated
    future = (TODAY + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert "Nguyễn Thị Hoa" not in client.get(url, {"date_from": future}).text


def test_completion_xlsx_has_vietnamese_headers_and_a_row(client, organizer, completed, klass):
    response = _login(client, organizer).get(
        reverse("unit_completion_xlsx", args=["T68"]), {"mode": "in_person"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[0] == "Họ và tên"
    assert "Ngày hoàn thành" in headers and "Điểm cuối khoá" in headers
    assert len(rows) == 2
    row = dict(zip(headers, rows[1], strict=True))
    assert row["Họ và tên"] == "Nguyễn Thị Hoa"
    assert row["Mã lớp"] == klass.code
    assert row["Ngày bắt đầu"] == klass.start_date.strftime("%d/%m/%Y")
    assert row["Điểm cuối khoá"] == 85.5
    assert row["Số buổi có mặt"] == 1
    assert row["Ngày hoàn thành"] == timezone.localdate().strftime("%d/%m/%Y")
