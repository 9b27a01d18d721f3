"""Changes to the register: revocation, reissue, expiry, and who may make them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, Status
from certificates.selectors import certificate_history, effective_status
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    certificates_expire_due,
    certificates_issue_for_class,
)
from organizations.models import Cadre, Role
from tests.certificates.helpers import on_day
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

Action = CertificateEvent.Action


@pytest.fixture
def cert(templates, organizer, class_ld, cadre_ld):
    """`cadre_ld`'s class certificate, issued by Tỉnh Đoàn Lâm Đồng."""
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    return Certificate.objects.get(cadre=cadre_ld)


def events(cert, action):
    return CertificateEvent.objects.filter(certificate=cert, action=action)


# --- Revocation -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_revocation_needs_a_reason(cert, organizer, reason):
    with pytest.raises(ValidationError) as exc:
        certificate_revoke(actor=organizer, certificate=cert, reason=reason)
    assert "lý do thu hồi" in " ".join(exc.value.messages)
    cert.refresh_from_db()
    assert cert.status == Status.VALID
    assert cert.revoked_at is None and cert.revoked_by is None and cert.revoked_reason == ""
    assert not events(cert, Action.REVOKED).exists()


def test_revocation_records_who_when_and_why(cert, organizer):
    before = timezone.now()
    revoked = certificate_revoke(
        actor=organizer, certificate=cert, reason="  Cấp nhầm người, đã xác minh lại.  "
    )
    cert.refresh_from_db()
    assert revoked.pk == cert.pk
    assert cert.status == Status.REVOKED
    assert cert.revoked_by == organizer
    assert cert.revoked_at >= before
    assert cert.revoked_reason == "Cấp nhầm người, đã xác minh lại."
    assert cert.is_current  # still the certificate of record, now withdrawn
    event = events(cert, Action.REVOKED).get()
    assert (event.actor, event.note) == (organizer, "Cấp nhầm người, đã xác minh lại.")
    assert effective_status(cert) == Status.REVOKED


def test_revoking_twice_changes_nothing_the_second_time(cert, organizer, tree):
    certificate_revoke(actor=organizer, certificate=cert, reason="Cấp nhầm.")
    cert.refresh_from_db()
    first = (cert.revoked_at, cert.revoked_by, cert.revoked_reason)
    other = UserFactory(email="tochuc2.lamdong@example.vn")
    grant(other, Role.ORGANIZER, tree["lam_dong"])

    certificate_revoke(actor=other, certificate=cert, reason="Lý do khác.")

    cert.refresh_from_db()
    assert (cert.revoked_at, cert.revoked_by, cert.revoked_reason) == first
    assert events(cert, Action.REVOKED).count() == 1


def test_an_expired_certificate_can_be_revoked(templates, organizer, class_ld, cadre_ld):
    with on_day(datetime.date(2020, 3, 1)):
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    certificates_expire_due()
    cert = Certificate.objects.get(cadre=cadre_ld)
    certificate_revoke(actor=organizer, certificate=cert, reason="Gian lận hồ sơ.")
    cert.refresh_from_db()
    assert cert.status == Status.REVOKED


# --- Reissue ----------------------------------------------------------------------------


def test_reissue_gives_a_new_serial_and_code_and_keeps_the_history(cert, organizer):
    new = certificate_reissue(actor=organizer, certificate=cert, reason="Mất bản gốc.")

    cert.refresh_from_db()
    assert new.pk != cert.pk
    assert new.code != cert.code
    assert new.serial != cert.serial and new.serial_number == 4  # three issued before
    assert (new.status, new.is_current) == (Status.VALID, True)
    assert (cert.status, cert.is_current) == (Status.REPLACED, False)
    assert new.replaces == cert and cert.replaced_by == new
    assert new.achievement == cert.achievement and new.kind == cert.kind
    assert new.issued_by == organizer
    assert new.data["achievement"] == cert.data["achievement"]
    assert new.data["start_date"] == cert.data["start_date"]
    assert new.data["result"] == cert.data["result"]
    assert certificate_history(new) == [cert, new]
    assert certificate_history(cert) == [cert, new]
    assert events(cert, Action.REPLACED).get().note == "Mất bản gốc."
    reissued = events(new, Action.REISSUED).get()
    assert (reissued.actor, reissued.note) == (organizer, "Mất bản gốc.")
    assert not events(new, Action.ISSUED).exists()


def test_reissue_of_a_revoked_certificate_leaves_it_revoked(cert, organizer):
    certificate_revoke(actor=organizer, certificate=cert, reason="Sai ngày sinh.")
    cert.refresh_from_db()
    new = certificate_reissue(actor=organizer, certificate=cert, reason="Cấp lại đúng ngày sinh.")
    cert.refresh_from_db()
    assert (cert.status, cert.is_current) == (Status.REVOKED, False)
    assert cert.replaced_by == new and new.status == Status.VALID


def test_reissue_of_a_certificate_no_longer_current_is_refused(cert, organizer):
    new = certificate_reissue(actor=organizer, certificate=cert, reason="Mất bản gốc.")
    cert.refresh_from_db()
    with pytest.raises(ValidationError):
        certificate_reissue(actor=organizer, certificate=cert, reason="Lần nữa.")
    assert Certificate.objects.filter(achievement=cert.achievement, cadre=cert.cadre).count() == 2
    new.refresh_from_db()
    assert new.is_current and new.status == Status.VALID


def test_reissue_from_a_stale_copy_is_refused(cert, organizer):
    stale = Certificate.objects.get(pk=cert.pk)
    certificate_reissue(actor=organizer, certificate=cert, reason="Mất bản gốc.")
    with pytest.raises(ValidationError):
        certificate_reissue(actor=organizer, certificate=stale, reason="Bấm hai lần.")
    assert Certificate.objects.filter(cadre=cert.cadre).count() == 2


def test_reissue_needs_a_reason(cert, organizer):
    with pytest.raises(ValidationError):
        certificate_reissue(actor=organizer, certificate=cert, reason=" ")
    cert.refresh_from_db()
    assert cert.is_current and cert.status == Status.VALID
    assert Certificate.objects.count() == 3


def test_reissue_reads_the_corrected_name(cert, organizer, cadre_ld):
    assert cert.cadre.full_name == "Nguyễn Thị Hoa"  # the record as the page showed it
    Cadre.objects.filter(pk=cadre_ld.pk).update(full_name="Nguyễn Thị Hoà")

    new = certificate_reissue(actor=organizer, certificate=cert, reason="Sửa họ tên.")

    cert.refresh_from_db()
    assert new.data["holder_name"] == "Nguyễn Thị Hoà"
    assert "Nguyễn Thị Hoà" in new.data["body"]
    assert cert.data["holder_name"] == "Nguyễn Thị Hoa"


def test_reissued_trainer_certificate_keeps_its_end_date(templates, organizer, class_ld, cadre_ld):
    with on_day(datetime.date(2025, 6, 1)):
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    old = Certificate.objects.get(cadre=cadre_ld)
    with on_day(datetime.date(2026, 1, 15)):
        new = certificate_reissue(actor=organizer, certificate=old, reason="Sửa họ tên.")
    assert new.valid_until == old.valid_until == datetime.date(2028, 6, 1)
    assert new.trainer_level == old.trainer_level == "provincial"


def test_an_expired_trainer_certificate_cannot_be_reissued_into_validity(
    templates, organizer, class_ld, cadre_ld
):
    with on_day(datetime.date(2022, 6, 1)):
        certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    old = Certificate.objects.get(cadre=cadre_ld)
    with pytest.raises(ValidationError):
        certificate_reissue(actor=organizer, certificate=old, reason="Sửa họ tên.")
    assert Certificate.objects.filter(cadre=cadre_ld).count() == 1


def test_revoking_a_replaced_certificate_is_refused(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    old = Certificate.objects.get(cadre=cadre_ld)
    certificate_reissue(actor=organizer, certificate=old, reason="Bản giấy hỏng.")
    old.refresh_from_db()
    with pytest.raises(ValidationError):
        certificate_revoke(actor=organizer, certificate=old, reason="Nhầm.")
    old.refresh_from_db()
    assert old.status == Status.REPLACED


# --- Expiry -----------------------------------------------------------------------------


@pytest.fixture
def trainer_certs(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    return list(Certificate.objects.order_by("serial_number"))


def test_expire_due_marks_only_valid_certificates_past_their_date(trainer_certs, organizer):
    today = timezone.localdate()
    past, due_today, revoked_past = trainer_certs
    Certificate.objects.filter(pk=past.pk).update(valid_until=today - datetime.timedelta(days=1))
    Certificate.objects.filter(pk=due_today.pk).update(valid_until=today)
    certificate_revoke(actor=organizer, certificate=revoked_past, reason="Gian lận.")
    Certificate.objects.filter(pk=revoked_past.pk).update(
        valid_until=today - datetime.timedelta(days=30)
    )

    assert certificates_expire_due() == 1

    statuses = dict(Certificate.objects.values_list("pk", "status"))
    assert statuses == {
        past.pk: Status.EXPIRED,
        due_today.pk: Status.VALID,
        revoked_past.pk: Status.REVOKED,
    }
    assert list(
        CertificateEvent.objects.filter(action=Action.EXPIRED).values_list("certificate", flat=True)
    ) == [past.pk]
    assert certificates_expire_due() == 0
    assert CertificateEvent.objects.filter(action=Action.EXPIRED).count() == 1


def test_expire_due_runs_on_the_date_given(trainer_certs):
    valid_until = trainer_certs[0].valid_until
    assert certificates_expire_due(today=valid_until) == 0
    assert certificates_expire_due(today=valid_until + datetime.timedelta(days=1)) == 3
    assert set(Certificate.objects.values_list("status", flat=True)) == {Status.EXPIRED}


def test_effective_status_says_expired_before_the_job_runs(trainer_certs):
    cert = trainer_certs[0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Certificate.objects.filter(pk=cert.pk).update(valid_until=yesterday)
    cert.refresh_from_db()

    assert cert.status == Status.VALID
    assert effective_status(cert) == Status.EXPIRED
    assert effective_status(cert, today=yesterday) == Status.VALID
    certificates_expire_due()
    cert.refresh_from_db()
    assert cert.status == Status.EXPIRED and effective_status(cert) == Status.EXPIRED


def test_effective_status_of_certificates_without_end_date(cert):
    assert effective_status(cert, today=datetime.date(2100, 1, 1)) == Status.VALID


# --- Permissions ------------------------------------------------------------------------


def test_other_province_organizer_cannot_revoke_or_reissue(cert, other_organizer, viewer):
    for actor in (other_organizer, viewer):
        with pytest.raises(PermissionDenied):
            certificate_revoke(actor=actor, certificate=cert, reason="Không có quyền.")
        with pytest.raises(PermissionDenied):
            certificate_reissue(actor=actor, certificate=cert, reason="Không có quyền.")

    cert.refresh_from_db()
    assert (cert.status, cert.is_current, cert.revoked_at) == (Status.VALID, True, None)
    assert Certificate.objects.count() == 3
    assert set(CertificateEvent.objects.values_list("action", flat=True)) == {Action.ISSUED}


def test_commune_organizer_cannot_revoke_a_province_certificate(cert, tree):
    commune_organizer = UserFactory(email="bithu.quangkhe@example.vn")
    grant(commune_organizer, Role.ORGANIZER, tree["commune"])
    with pytest.raises(PermissionDenied):
        certificate_revoke(actor=commune_organizer, certificate=cert, reason="Thử.")
    cert.refresh_from_db()
    assert cert.status == Status.VALID
