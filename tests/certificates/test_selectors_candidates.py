"""The preview of a class's bulk issuance: who will and will not receive one, and why."""

import datetime

import pytest

from certificates.models import Certificate
from certificates.selectors import class_issue_candidates
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    certificates_expire_due,
    certificates_issue_for_class,
)
from courses.services.classes import class_complete_participant, class_participant_add
from tests.certificates.helpers import on_day
from tests.factories import CadreFactory, make_class, make_course

pytestmark = pytest.mark.django_db


def outcome(candidates) -> dict[str, tuple[bool, str]]:
    return {c.participant.cadre.full_name: (c.will_receive, c.reason) for c in candidates}


def test_before_issuance_completed_participants_will_receive_one(templates, class_ld):
    candidates = class_issue_candidates(training_class=class_ld, kind="class")

    assert [c.participant.cadre.full_name for c in candidates] == [
        "Hoàng Thị Chưa Xong",
        "Lê Văn Đức",
        "Nguyễn Thị Hoa",
        "Phạm Thị Ánh Tuyết",
    ]
    assert outcome(candidates) == {
        "Hoàng Thị Chưa Xong": (False, "Chưa được xác nhận hoàn thành lớp."),
        "Lê Văn Đức": (True, "Đủ điều kiện."),
        "Nguyễn Thị Hoa": (True, "Đủ điều kiện."),
        "Phạm Thị Ánh Tuyết": (True, "Đủ điều kiện."),
    }
    assert all(c.existing is None for c in candidates)


def test_preview_lists_exactly_whom_bulk_issuance_serves(templates, organizer, class_ld):
    preview = {
        c.participant.cadre_id
        for c in class_issue_candidates(training_class=class_ld, kind="class")
        if c.will_receive
    }
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert set(batch.certificates.values_list("cadre_id", flat=True)) == preview


def test_after_issuance_holders_are_listed_with_their_serial(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    candidates = class_issue_candidates(training_class=class_ld, kind="class")

    assert not any(c.will_receive for c in candidates)
    for c in candidates:
        if c.participant.completed_at is None:
            assert c.existing is None
            continue
        assert c.existing == Certificate.objects.get(cadre=c.participant.cadre)
        assert c.reason == f"Đã có giấy chứng nhận số {c.existing.serial}."


def test_a_revoked_certificate_is_not_issued_again_by_bulk_issuance(
    templates, organizer, class_ld, cadre_ld
):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    cert = Certificate.objects.get(cadre=cadre_ld)
    certificate_revoke(actor=organizer, certificate=cert, reason="Cấp nhầm.")

    candidate = next(
        c
        for c in class_issue_candidates(training_class=class_ld, kind="class")
        if c.participant.cadre_id == cadre_ld.pk
    )

    assert candidate.will_receive is False
    assert "thu hồi" in candidate.reason and cert.serial in candidate.reason
    assert candidate.existing.pk == cert.pk
    again = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert again.issued_count == 0


def test_after_a_reissue_the_new_certificate_is_the_existing_one(
    templates, organizer, class_ld, cadre_ld
):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    new = certificate_reissue(
        actor=organizer,
        certificate=Certificate.objects.get(cadre=cadre_ld),
        reason="Mất bản gốc.",
    )
    candidate = next(
        c
        for c in class_issue_candidates(training_class=class_ld, kind="class")
        if c.participant.cadre_id == cadre_ld.pk
    )
    assert candidate.existing.pk == new.pk and not candidate.will_receive


def test_trainer_kind_on_a_class_that_is_not_tot_lists_nobody(templates, tree, organizer):
    course = make_course("Kỹ năng truyền thông", modules=1, lessons=1, is_tot=False)
    training_class = make_class(organizer, tree["lam_dong"], course)
    participant = class_participant_add(
        actor=organizer, training_class=training_class, cadre=CadreFactory(unit=tree["commune"])
    )
    class_complete_participant(actor=organizer, participant=participant)

    candidates = class_issue_candidates(training_class=training_class, kind="trainer")

    assert [(c.will_receive, c.reason) for c in candidates] == [
        (False, "Lớp không phải lớp tập huấn giảng viên.")
    ]
    assert class_issue_candidates(training_class=training_class, kind="class")[0].will_receive


def test_an_expired_trainer_certificate_is_offered_for_renewal(
    templates, organizer, class_ld, cadre_ld
):
    with on_day(datetime.date(2021, 9, 1)):
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")

    candidates = class_issue_candidates(training_class=class_ld, kind="trainer")
    renewals = [c for c in candidates if c.will_receive]

    assert len(renewals) == 3  # expired by date even before the nightly job
    assert all(c.existing is not None and "hết hạn" in c.reason for c in renewals)
    certificates_expire_due()
    again = class_issue_candidates(training_class=class_ld, kind="trainer")
    assert [c.will_receive for c in again] == [c.will_receive for c in candidates]


def test_a_revoked_expired_trainer_certificate_is_not_renewed(
    templates, organizer, class_ld, cadre_ld
):
    with on_day(datetime.date(2021, 9, 1)):
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    cert = Certificate.objects.get(cadre=cadre_ld)
    certificate_revoke(actor=organizer, certificate=cert, reason="Gian lận hồ sơ.")

    candidate = next(
        c
        for c in class_issue_candidates(training_class=class_ld, kind="trainer")
        if c.participant.cadre_id == cadre_ld.pk
    )
    assert candidate.will_receive is False and "thu hồi" in candidate.reason
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    assert batch.issued_count == 2
    cert.refresh_from_db()
    assert cert.is_current and cert.status == "revoked"


def test_a_valid_trainer_certificate_from_another_class_counts(
    templates, tree, organizer, class_ld, cadre_ld, tot_course
):
    """The trainer achievement is the level, not the class: a second provincial ToT class
    does not certify the same trainer twice."""
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    second = make_class(organizer, tree["lam_dong"], tot_course, title="Lớp TOT đợt 2")
    participant = class_participant_add(actor=organizer, training_class=second, cadre=cadre_ld)
    class_complete_participant(actor=organizer, participant=participant)

    [candidate] = class_issue_candidates(training_class=second, kind="trainer")

    assert candidate.will_receive is False
    assert candidate.existing == Certificate.objects.get(cadre=cadre_ld)
