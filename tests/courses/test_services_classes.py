"""Training-class services: rules, scope, idempotence and attendance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Attendance, ClassParticipant, ClassSession, ClassTrainer, TrainingClass
from courses.services import classes as services
from tests.factories import CadreFactory, make_course

TODAY = timezone.localdate()


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1)


@pytest.fixture
def klass(organizer, tree, course):
    return services.class_create(
        actor=organizer,
        course=course,
        host_unit=tree["lam_dong"],
        title="Lớp tập huấn điều phối tình nguyện khoá 1",
        mode=TrainingClass.Mode.IN_PERSON,
        level="province",
        start_date=TODAY - datetime.timedelta(days=1),
        end_date=TODAY + datetime.timedelta(days=2),
        venue="Hội trường Tỉnh Đoàn",
    )


def _session(organizer, klass, *, starts_in=datetime.timedelta(minutes=10), hours=2):
    starts = timezone.now() + starts_in
    return services.class_session_add(
        actor=organizer,
        training_class=klass,
        title="Buổi 1: Kỹ năng điều phối",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
    )


def _messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_class_create_generates_code_and_records_creator(klass, organizer):
    assert klass.code.startswith(f"LTH{TODAY.year}-")
    assert klass.created_by == organizer
    assert klass.host_unit.code == "T68"


def test_class_create_refuses_end_before_start(organizer, tree, course):
    with pytest.raises(ValidationError) as exc:
        services.class_create(
            actor=organizer,
            course=course,
            host_unit=tree["lam_dong"],
            title="Lớp sai ngày",
            mode="online",
            level="province",
            start_date=datetime.date(2025, 9, 10),
            end_date=datetime.date(2025, 9, 1),
        )
    assert "Ngày kết thúc (01/09/2025) không thể trước ngày bắt đầu (10/09/2025)" in _messages(exc)
    assert not TrainingClass.objects.exists()


def test_class_create_refuses_bad_choices_and_empty_title(organizer, tree, course):
    with pytest.raises(ValidationError) as exc:
        services.class_create(
            actor=organizer,
            course=course,
            host_unit=tree["lam_dong"],
            title="  ",
            mode="radio",
            level="planet",
            start_date=TODAY,
            end_date=TODAY,
        )
    fields = exc.value.message_dict
    assert {"title", "mode", "level"} <= set(fields)
    assert "Tên lớp không được để trống." in fields["title"]
    assert not TrainingClass.objects.exists()


def test_class_create_outside_subtree_is_denied(organizer, tree, course):
    with pytest.raises(PermissionDenied) as exc:
        services.class_create(
            actor=organizer,
            course=course,
            host_unit=tree["ha_noi"],
            title="Lớp của Hà Nội",
            mode="online",
            level="province",
            start_date=TODAY,
            end_date=TODAY,
        )
    assert "không có quyền" in str(exc.value)
    assert not TrainingClass.objects.exists()


def test_class_create_duplicate_code_is_refused(klass, organizer, tree, course):
    with pytest.raises(ValidationError) as exc:
        services.class_create(
            actor=organizer,
            course=course,
            host_unit=tree["commune"],
            title="Lớp khác",
            mode="online",
            level="grassroots",
            start_date=TODAY,
            end_date=TODAY,
            code=klass.code.lower(),
        )
    assert "đã được dùng" in _messages(exc)
    assert TrainingClass.objects.count() == 1


def test_class_update_cannot_move_to_another_province(klass, organizer, tree, course):
    with pytest.raises(PermissionDenied):
        services.class_update(
            actor=organizer,
            training_class=klass,
            course=course,
            host_unit=tree["ha_noi"],
            title=klass.title,
            mode=klass.mode,
            level=klass.level,
            start_date=klass.start_date,
            end_date=klass.end_date,
        )
    klass.refresh_from_db()
    assert klass.host_unit == tree["lam_dong"]


def test_participant_add_twice_returns_the_same_row(klass, organizer, cadre_ld):
    first = services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    again = services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    assert first.pk == again.pk
    assert ClassParticipant.objects.count() == 1


def test_participant_from_another_province_is_refused(klass, organizer, cadre_hn):
    with pytest.raises(ValidationError) as exc:
        services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_hn)
    assert "không thuộc phạm vi đơn vị bạn quản lý" in _messages(exc)
    assert not ClassParticipant.objects.exists()


def test_other_organizer_cannot_touch_the_class(klass, other_organizer, cadre_hn):
    with pytest.raises(PermissionDenied):
        services.class_participant_add(actor=other_organizer, training_class=klass, cadre=cadre_hn)
    assert not ClassParticipant.objects.exists()


def test_trainer_cannot_also_be_participant(klass, organizer, tree):
    trainer = CadreFactory(unit=tree["lam_dong"])
    services.class_trainer_add(actor=organizer, training_class=klass, cadre=trainer)
    services.class_trainer_add(actor=organizer, training_class=klass, cadre=trainer)
    assert ClassTrainer.objects.count() == 1
    with pytest.raises(ValidationError) as exc:
        services.class_participant_add(actor=organizer, training_class=klass, cadre=trainer)
    assert "giảng viên của lớp" in _messages(exc)


@pytest.mark.parametrize("bad", [-1, 100.5, "abc", "101"])
def test_scores_outside_0_100_are_refused(klass, organizer, cadre_ld, bad):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    with pytest.raises(ValidationError) as exc:
        services.class_scores_record(actor=organizer, participant=participant, post_test_score=bad)
    assert "0" in _messages(exc) and "100" in _messages(exc)
    participant.refresh_from_db()
    assert participant.post_test_score is None


def test_scores_are_recorded(klass, organizer, cadre_ld):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    services.class_scores_record(
        actor=organizer, participant=participant, pre_test_score="55,5", post_test_score=90
    )
    services.class_scores_record(actor=organizer, participant=participant, post_test_score=100)
    participant.refresh_from_db()
    assert str(participant.pre_test_score) == "55.50"
    assert participant.post_test_score == 100


def test_session_must_end_after_start_and_fall_in_class_dates(klass, organizer):
    starts = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.class_session_add(
            actor=organizer, training_class=klass, title="Buổi", starts_at=starts, ends_at=starts
        )
    assert "kết thúc phải sau" in _messages(exc)
    later = starts + datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as exc:
        services.class_session_add(
            actor=organizer,
            training_class=klass,
            title="Buổi",
            starts_at=later,
            ends_at=later + datetime.timedelta(hours=1),
        )
    assert "nằm trong thời gian của lớp" in _messages(exc)
    assert not ClassSession.objects.exists()


def test_session_gets_a_long_random_token(klass, organizer):
    one = _session(organizer, klass)
    two = _session(organizer, klass)
    assert len(one.checkin_token) >= 32
    assert one.checkin_token != two.checkin_token
    assert not one.checkin_open


def test_attendance_mark_is_idempotent_and_can_be_undone(klass, organizer, cadre_ld):
    session = _session(organizer, klass)
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    first = services.attendance_mark(
        actor=organizer, session=session, participant=participant, present=True
    )
    again = services.attendance_mark(
        actor=organizer, session=session, participant=participant, present=True
    )
    assert first.pk == again.pk
    assert first.method == Attendance.Method.ORGANIZER
    services.attendance_mark(
        actor=organizer, session=session, participant=participant, present=False
    )
    assert not Attendance.objects.exists()


def test_attendance_mark_refuses_a_participant_of_another_class(
    klass, organizer, tree, course, cadre_ld
):
    other = services.class_create(
        actor=organizer,
        course=course,
        host_unit=tree["commune"],
        title="Lớp xã",
        mode="online",
        level="grassroots",
        start_date=TODAY,
        end_date=TODAY,
    )
    participant = services.class_participant_add(
        actor=organizer, training_class=other, cadre=cadre_ld
    )
    session = _session(organizer, klass)
    with pytest.raises(ValidationError):
        services.attendance_mark(
            actor=organizer, session=session, participant=participant, present=True
        )
    assert not Attendance.objects.exists()


def test_attendance_record_sets_the_whole_list(klass, organizer, cadre_ld, tree):
    other = CadreFactory(unit=tree["commune"])
    p1 = services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    p2 = services.class_participant_add(actor=organizer, training_class=klass, cadre=other)
    session = _session(organizer, klass)
    services.attendance_record(actor=organizer, session=session, present_ids=[p1.pk, p2.pk])
    services.attendance_record(actor=organizer, session=session, present_ids=[str(p2.pk)])
    assert list(Attendance.objects.values_list("participant_id", flat=True)) == [p2.pk]
    with pytest.raises(ValidationError):
        services.attendance_record(actor=organizer, session=session, present_ids=["x"])
    with pytest.raises(ValidationError):
        services.attendance_record(actor=organizer, session=session, present_ids=[99999])
    assert Attendance.objects.count() == 1


def test_checkin_in_open_session_records_qr_attendance_once(klass, organizer, cadre_ld, learner):
    session = _session(organizer, klass)
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    services.class_session_checkin_open(actor=organizer, session=session)
    first = services.attendance_checkin(user=learner, token=session.checkin_token)
    again = services.attendance_checkin(user=learner, token=session.checkin_token)
    assert first.pk == again.pk
    assert first.method == Attendance.Method.QR
    assert first.marked_by == learner
    assert Attendance.objects.count() == 1


def test_checkin_refused_when_closed(klass, organizer, cadre_ld, learner):
    session = _session(organizer, klass)
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    with pytest.raises(ValidationError) as exc:
        services.attendance_checkin(user=learner, token=session.checkin_token)
    assert "chưa mở hoặc đã đóng điểm danh" in _messages(exc)
    services.class_session_checkin_open(actor=organizer, session=session)
    services.class_session_checkin_close(actor=organizer, session=session)
    with pytest.raises(ValidationError):
        services.attendance_checkin(user=learner, token=session.checkin_token)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "starts_in", [datetime.timedelta(minutes=45), datetime.timedelta(hours=-3)]
)
def test_checkin_refused_outside_the_time_window(klass, organizer, cadre_ld, learner, starts_in):
    session = _session(organizer, klass, starts_in=starts_in)
    services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    services.class_session_checkin_open(actor=organizer, session=session)
    with pytest.raises(ValidationError) as exc:
        services.attendance_checkin(user=learner, token=session.checkin_token)
    assert "Chỉ điểm danh được từ" in _messages(exc)
    assert not Attendance.objects.exists()


def test_checkin_refused_for_non_participant_and_bad_token(klass, organizer, learner):
    session = _session(organizer, klass)
    services.class_session_checkin_open(actor=organizer, session=session)
    with pytest.raises(ValidationError) as exc:
        services.attendance_checkin(user=learner, token=session.checkin_token)
    assert "không có tên trong danh sách học viên" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.attendance_checkin(user=learner, token="khong-co")
    assert "không hợp lệ" in _messages(exc)
    assert not Attendance.objects.exists()


def test_complete_participant_sets_completed_at_once(klass, organizer, cadre_ld):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    services.class_complete_participant(actor=organizer, participant=participant)
    first = participant.completed_at
    assert first is not None
    services.class_complete_participant(actor=organizer, participant=participant)
    assert participant.completed_at == first
    with pytest.raises(ValidationError) as exc:
        services.class_participant_remove(actor=organizer, participant=participant)
    assert "đã hoàn thành lớp" in _messages(exc)
    assert ClassParticipant.objects.count() == 1


def test_participant_remove_takes_attendance_with_it(klass, organizer, cadre_ld):
    participant = services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    session = _session(organizer, klass)
    services.attendance_mark(
        actor=organizer, session=session, participant=participant, present=True
    )
    services.class_participant_remove(actor=organizer, participant=participant)
    assert not ClassParticipant.objects.exists()
    assert not Attendance.objects.exists()
