"""Bulk issuance for a class by an organizer: who receives one, repeats, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from certificates.models import Certificate, CertificateEvent, IssueBatch, SerialBook
from certificates.services import NoTemplate, certificates_issue_for_class
from courses.services.classes import class_complete_participant, class_scores_record

pytestmark = pytest.mark.django_db


def test_class_bulk_issuance_issues_only_to_completed_participants(
    templates, tree, organizer, class_ld
):
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    holders = sorted(batch.certificates.values_list("cadre__full_name", flat=True))
    assert holders == ["Lê Văn Đức", "Nguyễn Thị Hoa", "Phạm Thị Ánh Tuyết"]
    assert batch.issued_count == 3 and batch.created_by == organizer
    certs = list(batch.certificates.order_by("serial_number"))
    assert [c.serial_number for c in certs] == [1, 2, 3]
    assert {c.issuing_unit for c in certs} == {tree["lam_dong"]}
    assert {c.achievement for c in certs} == {f"class:{class_ld.pk}"}
    assert {c.training_class_id for c in certs} == {class_ld.pk}
    assert {c.issued_by for c in certs} == {organizer}
    assert all("Lớp TOT Lâm Đồng" in c.data["body"] for c in certs)


def test_a_second_bulk_issuance_issues_nothing_new(templates, organizer, class_ld):
    first = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    second = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    assert (first.issued_count, second.issued_count) == (3, 0)
    assert Certificate.objects.count() == 3
    assert not second.certificates.exists()
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.ISSUED).count() == 3


def test_bulk_issuance_picks_up_a_participant_completed_later(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    late = class_ld.participants.get(completed_at__isnull=True)
    class_complete_participant(actor=organizer, participant=late)

    second = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    assert second.issued_count == 1
    cert = second.certificates.get()
    assert cert.cadre.full_name == "Hoàng Thị Chưa Xong" and cert.serial_number == 4


def test_class_and_trainer_certificates_are_separate_achievements(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    assert Certificate.objects.filter(kind="class").count() == 3
    assert Certificate.objects.filter(kind="trainer").count() == 3


def test_other_province_organizer_cannot_bulk_issue(templates, other_organizer, class_ld):
    with pytest.raises(PermissionDenied):
        certificates_issue_for_class(actor=other_organizer, training_class=class_ld, kind="class")
    assert not IssueBatch.objects.exists()
    assert not Certificate.objects.exists()
    assert not SerialBook.objects.exists()


def test_viewer_cannot_bulk_issue(templates, viewer, class_ld):
    with pytest.raises(PermissionDenied):
        certificates_issue_for_class(actor=viewer, training_class=class_ld, kind="class")
    assert not Certificate.objects.exists()


def test_bulk_issuance_of_a_course_kind_for_a_class_is_refused(templates, organizer, class_ld):
    with pytest.raises(ValidationError) as exc:
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="course")
    assert "Lớp tập huấn chỉ cấp" in " ".join(exc.value.messages)
    assert not IssueBatch.objects.exists() and not Certificate.objects.exists()


def test_bulk_issuance_without_a_template_leaves_no_batch(organizer, class_ld):
    with pytest.raises(NoTemplate) as exc:
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert "Chưa có mẫu giấy chứng nhận" in str(exc.value)
    assert not IssueBatch.objects.exists() and not Certificate.objects.exists()


def test_printed_words_are_vietnamese_whatever_language_the_organizer_reads(
    templates, organizer, class_ld
):
    participant = class_ld.participants.get(cadre__full_name="Lê Văn Đức")
    class_scores_record(actor=organizer, participant=participant, post_test_score="86,5")
    with translation.override("en"):
        batch = certificates_issue_for_class(
            actor=organizer, training_class=class_ld, kind="trainer"
        )
    results = dict(batch.certificates.values_list("cadre__full_name", "data__result"))
    assert results["Nguyễn Thị Hoa"] == "Đạt"
    assert results["Lê Văn Đức"] == "Đạt (điểm kiểm tra cuối khoá: 86,5)"
    cert = batch.certificates.get(cadre__full_name="Nguyễn Thị Hoa")
    assert cert.data["achievement"] == "Giảng viên cấp tỉnh"
    assert cert.data["valid_until_line"].startswith("Có giá trị đến ngày")
    assert "ngày" in cert.data["place_date"] and "tháng" in cert.data["place_date"]
