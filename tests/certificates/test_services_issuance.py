"""Issuing certificates: serial numbers, codes, frozen data, templates, trainer validity."""

import datetime
import re
import unicodedata

import pytest
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, SerialBook, Status, TemplateVersion
from certificates.services import (
    certificate_issue,
    certificate_pdf_bytes,
    certificates_expire_due,
    certificates_issue_for_class,
    certificates_pdf_render,
)
from certificates.services import templates as template_services
from certificates.services.achievements import course_achievement
from courses.services.classes import class_complete_participant, class_participant_add
from tests.certificates.helpers import on_day, pdf_text, stored
from tests.factories import CadreFactory, make_certificate_template, make_class, make_course

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^[A-Z2-7]{16}$")


@pytest.fixture
def course(db):
    return make_course(
        "Kỹ năng điều phối hoạt động tình nguyện",
        modules=1,
        lessons=1,
        certificate_title="Giấy chứng nhận hoàn thành khoá học",
    )


def issue(cadre, unit, course, actor=None):
    return certificate_issue(
        cadre=cadre, unit=unit, achievement=course_achievement(course), actor=actor
    )


# --- Register numbers and codes ---------------------------------------------------------


def test_serials_run_per_issuing_unit_in_administrative_style(templates, tree, course):
    ld = [CadreFactory(unit=tree["commune"]) for _ in range(3)]
    hn = [CadreFactory(unit=tree["commune_hn"]) for _ in range(2)]

    ld_certs = [issue(c, tree["lam_dong"], course).certificate for c in ld]
    hn_certs = [issue(c, tree["ha_noi"], course).certificate for c in hn]
    central = issue(CadreFactory(unit=tree["commune"]), tree["central"], course).certificate

    year = timezone.localdate().year
    assert [c.serial for c in ld_certs] == ["1/GCN-TĐ", "2/GCN-TĐ", "3/GCN-TĐ"]
    assert [c.serial for c in hn_certs] == ["1/GCN-TĐ", "2/GCN-TĐ"]
    assert central.serial == "1/GCN-TWĐ"
    assert {c.serial_year for c in ld_certs + hn_certs} == {year}
    assert SerialBook.objects.get(unit=tree["lam_dong"], year=year).last_number == 3
    assert SerialBook.objects.get(unit=tree["ha_noi"], year=year).last_number == 2


def test_template_serial_symbol_is_used(tree, course, cadre_ld):
    make_certificate_template("course", serial_symbol="GCN-ĐTN.LĐ")
    cert = issue(cadre_ld, tree["lam_dong"], course).certificate
    assert cert.serial == "1/GCN-ĐTN.LĐ"


def test_a_new_year_restarts_numbering(templates, tree, course):
    cadres = [CadreFactory(unit=tree["commune"]) for _ in range(3)]
    with on_day(datetime.date(2026, 12, 31)):
        first = [issue(c, tree["lam_dong"], course).certificate for c in cadres[:2]]
    with on_day(datetime.date(2027, 1, 1)):
        new_year = issue(cadres[2], tree["lam_dong"], course).certificate

    assert [(c.serial_year, c.serial_number) for c in first] == [(2026, 1), (2026, 2)]
    assert (new_year.serial_year, new_year.serial_number, new_year.serial) == (
        2027,
        1,
        "1/GCN-TĐ",
    )
    assert new_year.issued_on == datetime.date(2027, 1, 1)
    assert "ngày 01 tháng 01 năm 2027" in new_year.data["place_date"]


def test_code_is_sixteen_base32_characters_different_per_certificate(templates, tree, course):
    certs = [
        issue(CadreFactory(unit=tree["commune"]), tree["lam_dong"], course).certificate
        for _ in range(20)
    ]
    codes = [c.code for c in certs]
    assert all(CODE.match(code) for code in codes), codes
    assert len(set(codes)) == 20
    # No code is derived from the serial or the holder: two certificates share no prefix.
    assert len({code[:4] for code in codes}) > 1


def test_data_holds_the_name_in_nfc_even_from_decomposed_input(templates, tree, course):
    nfc = "Nguyễn Thị Hoà Trương Đức Ngọc Diệp"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    cadre = CadreFactory(unit=tree["commune"], full_name=nfd)

    cert = issue(cadre, tree["lam_dong"], course).certificate
    cert.refresh_from_db()

    assert cert.data["holder_name"] == nfc
    assert unicodedata.is_normalized("NFC", cert.data["body"])
    assert nfc in cert.data["body"]
    assert cert.data["achievement"] == "Kỹ năng điều phối hoạt động tình nguyện"
    assert cert.data["issuing_unit"] == "Tỉnh Đoàn Lâm Đồng"
    assert cert.data["holder_unit"] == "Đoàn xã Quảng Khê"


def test_data_stays_as_issued_when_the_cadre_record_changes(templates, tree, course, cadre_ld):
    cert = issue(cadre_ld, tree["lam_dong"], course).certificate
    cadre_ld.full_name = "Nguyễn Thị Hoà Bình"
    cadre_ld.save()
    cert.refresh_from_db()
    assert cert.data["holder_name"] == "Nguyễn Thị Hoa"


def test_a_course_certificate_reads_passed(templates, tree, course, cadre_ld):
    cert = issue(cadre_ld, tree["lam_dong"], course).certificate
    assert cert.data["result"] == "Đạt"
    assert "Kết quả: Đạt." in cert.data["body"]


def test_issuing_twice_returns_the_same_certificate(templates, tree, course, cadre_ld):
    first = issue(cadre_ld, tree["lam_dong"], course)
    second = issue(cadre_ld, tree["lam_dong"], course)
    from_elsewhere = issue(cadre_ld, tree["ha_noi"], course)

    assert first.created is True
    assert second.created is False and from_elsewhere.created is False
    assert second.certificate.pk == first.certificate.pk == from_elsewhere.certificate.pk
    assert Certificate.objects.count() == 1
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.ISSUED).count() == 1
    # The refused second issuance used up no serial number.
    year = timezone.localdate().year
    assert SerialBook.objects.get(unit=tree["lam_dong"], year=year).last_number == 1
    assert not SerialBook.objects.filter(unit=tree["ha_noi"], year=year, last_number__gt=0)


def test_issuance_records_who_and_the_event(templates, tree, course, cadre_ld, organizer):
    cert = issue(cadre_ld, tree["lam_dong"], course, actor=organizer).certificate
    event = CertificateEvent.objects.get(certificate=cert)
    assert (event.action, event.actor) == (CertificateEvent.Action.ISSUED, organizer)
    assert cert.issued_by == organizer
    assert (cert.status, cert.is_current) == (Status.VALID, True)
    assert cert.achievement == f"course:{course.pk}" and cert.course_id == course.pk


# --- Templates --------------------------------------------------------------------------


def test_nearest_template_up_the_tree_wins_over_the_nationwide_one(templates, tree, course):
    province = make_certificate_template(
        "course", owner_unit=tree["lam_dong"], name="Mẫu Tỉnh Đoàn Lâm Đồng"
    )
    commune = make_certificate_template(
        "course", owner_unit=tree["commune"], name="Mẫu Đoàn xã Quảng Khê"
    )
    make_certificate_template("course", owner_unit=tree["lam_dong"], name="Mẫu cũ", is_active=False)

    def template_of(unit):
        cadre = CadreFactory(unit=tree["commune"])
        return issue(cadre, unit, course).certificate.template_version.template

    assert template_of(tree["lam_dong"]) == province
    assert template_of(tree["commune"]) == commune
    assert template_of(tree["ha_noi"]) == templates["course"]
    assert template_of(tree["central"]) == templates["course"]


def test_unchanged_template_reuses_its_version(templates, tree, course):
    a = issue(CadreFactory(unit=tree["commune"]), tree["lam_dong"], course).certificate
    b = issue(CadreFactory(unit=tree["commune"]), tree["ha_noi"], course).certificate
    assert a.template_version_id == b.template_version_id
    assert TemplateVersion.objects.count() == 1


def test_template_change_leaves_issued_certificates_and_their_pdfs_unchanged(
    templates, tree, course, cadre_ld
):
    template = templates["course"]
    before_cert = issue(cadre_ld, tree["lam_dong"], course).certificate
    assert certificates_pdf_render(certificate_ids=[before_cert.pk]) == 1
    before_cert.refresh_from_db()
    pdf_before = certificate_pdf_bytes(before_cert)
    stored_before = stored(before_cert.pdf)
    assert "Trần Quốc Hưng" in pdf_text(pdf_before)

    template.title = "GIẤY KHEN"
    template.signer_name = "Lê Thị Thanh Xuân"
    template.body = "Khen đồng chí {ho_ten} đã học xong “{noi_dung}”."
    template.save()
    after_cert = issue(CadreFactory(unit=tree["commune"]), tree["lam_dong"], course).certificate

    before_cert.refresh_from_db()
    assert after_cert.template_version_id != before_cert.template_version_id
    assert after_cert.template_version.number == 2
    assert before_cert.template_version.number == 1
    assert after_cert.data["body"].startswith("Khen đồng chí")
    assert before_cert.data["body"].startswith("Chứng nhận đồng chí Nguyễn Thị Hoa")
    # A fresh worker (no cached stamper) renders the old certificate exactly as before.
    template_services._stamper_cached.cache_clear()
    assert certificate_pdf_bytes(before_cert) == pdf_before
    assert stored(before_cert.pdf) == stored_before
    old_text = pdf_text(certificate_pdf_bytes(before_cert))
    new_text = pdf_text(certificate_pdf_bytes(after_cert))
    assert "Trần Quốc Hưng" in old_text and "Lê Thị Thanh Xuân" not in old_text
    assert "Lê Thị Thanh Xuân" in new_text and "GIẤY KHEN" in new_text


# --- Trainer certificates ---------------------------------------------------------------


def test_trainer_certificate_is_valid_for_the_template_years(templates, organizer, class_ld):
    templates["trainer"].validity_years = 2
    templates["trainer"].save()
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    today = timezone.localdate()
    certs = list(batch.certificates.all())
    assert len(certs) == 3
    for cert in certs:
        assert cert.valid_until == today.replace(year=today.year + 2)
        assert cert.achievement == "trainer:provincial"
        assert cert.trainer_level == "provincial"
        assert cert.data["valid_until_line"].endswith(cert.valid_until.strftime("%d/%m/%Y"))


def test_trainer_certificate_issued_on_29_february_ends_on_28_february(
    templates, tree, organizer, class_ld, settings
):
    settings.CERTIFICATE_TRAINER_YEARS = 3
    with on_day(datetime.date(2028, 2, 29)):
        batch = certificates_issue_for_class(
            actor=organizer, training_class=class_ld, kind="trainer"
        )
    cert = batch.certificates.first()
    assert cert.issued_on == datetime.date(2028, 2, 29)
    assert cert.valid_until == datetime.date(2031, 2, 28)
    assert "28/02/2031" in cert.data["valid_until_line"]


def test_course_and_class_certificates_do_not_expire(templates, tree, course, organizer, class_ld):
    course_cert = issue(CadreFactory(unit=tree["commune"]), tree["lam_dong"], course).certificate
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert course_cert.valid_until is None
    assert {c.valid_until for c in batch.certificates.all()} == {None}
    assert {c.data["valid_until_line"] for c in batch.certificates.all()} == {""}


def test_expired_trainer_certificate_is_renewed_and_kept_in_history(
    templates, tree, organizer, class_ld, cadre_ld
):
    with on_day(datetime.date(2021, 5, 10)):
        old = certificates_issue_for_class(
            actor=organizer, training_class=class_ld, kind="trainer"
        ).certificates.get(cadre=cadre_ld)
    assert certificates_expire_due() == 3

    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")

    assert batch.issued_count == 3
    new = batch.certificates.get(cadre=cadre_ld)
    old.refresh_from_db()
    assert (old.status, old.is_current) == (Status.EXPIRED, False)
    assert old.replaced_by == new and new.replaces == old
    assert (new.status, new.is_current) == (Status.VALID, True)
    assert new.valid_until > timezone.localdate()
    assert new.serial_year == timezone.localdate().year and old.serial_year == 2021
    assert CertificateEvent.objects.filter(
        certificate=old, action=CertificateEvent.Action.REPLACED
    ).exists()


def test_renewal_before_the_nightly_job_still_marks_the_old_one_expired(
    templates, tree, organizer, class_ld, cadre_ld
):
    with on_day(datetime.date(2021, 5, 10)):
        old = certificates_issue_for_class(
            actor=organizer, training_class=class_ld, kind="trainer"
        ).certificates.get(cadre=cadre_ld)

    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")

    old.refresh_from_db()
    assert (old.status, old.is_current) == (Status.EXPIRED, False)
    assert old.replaced_by is not None
    assert list(old.events.values_list("action", flat=True)) == [
        CertificateEvent.Action.ISSUED,
        CertificateEvent.Action.EXPIRED,
        CertificateEvent.Action.REPLACED,
    ]
    assert certificates_expire_due() == 0


def test_valid_trainer_certificate_is_not_renewed(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    again = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    assert again.issued_count == 0
    assert Certificate.objects.count() == 3


def test_trainer_kind_on_a_class_that_is_not_tot_issues_nothing(templates, tree, organizer):
    course = make_course("Kỹ năng truyền thông", modules=1, lessons=1, is_tot=False)
    training_class = make_class(organizer, tree["lam_dong"], course)
    cadre = CadreFactory(unit=tree["commune"])
    participant = class_participant_add(actor=organizer, training_class=training_class, cadre=cadre)
    class_complete_participant(actor=organizer, participant=participant)

    batch = certificates_issue_for_class(
        actor=organizer, training_class=training_class, kind="trainer"
    )

    assert batch.issued_count == 0
    assert not Certificate.objects.exists()
