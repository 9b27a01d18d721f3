"""Recertifying trainers through a new ToT class: an expired certificate is renewed, a
valid one in its last warning days too; one far from its end is still simply held."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, IssueBatch, Status
from certificates.selectors import class_issue_candidates
from certificates.services import NoTemplate, certificates_issue_for_class
from courses.services.classes import class_complete_participant, class_participant_add
from tests.certificates.helpers import on_day
from tests.certificates.trainer_helpers import revoke
from tests.factories import make_class

pytestmark = pytest.mark.django_db


def _issued_ago(days_left: int) -> datetime.date:
    """The issue date of a three-year certificate that ends `days_left` days from today."""
    end = timezone.localdate() + datetime.timedelta(days=days_left)
    return end.replace(year=end.year - 3)


def _certify_through(organizer, training_class, *, ends_in: int):
    with on_day(_issued_ago(ends_in)):
        certificates_issue_for_class(actor=organizer, training_class=training_class, kind="trainer")


@pytest.fixture
def refresher(organizer, tree, tot_course, class_ld):
    """A later provincial ToT class attended and completed by everyone who completed the
    first one."""
    training_class = make_class(organizer, tree["lam_dong"], tot_course, title="Lớp TOT nhắc lại")
    for old in class_ld.participants.filter(completed_at__isnull=False):
        participant = class_participant_add(
            actor=organizer, training_class=training_class, cadre=old.cadre
        )
        class_complete_participant(actor=organizer, participant=participant)
    return training_class


def _current(cadre):
    return Certificate.objects.get(cadre=cadre, kind="trainer", is_current=True)


def test_a_new_tot_class_recertifies_a_certificate_in_its_last_warning_days(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=30)
    old = _current(cadre_ld)

    batch = certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    assert batch.issued_count == 3
    new = _current(cadre_ld)
    old.refresh_from_db()
    assert new.pk != old.pk and new.replaces == old and new.training_class == refresher
    assert (old.status, old.is_current) == (Status.REPLACED, False)
    assert new.status == Status.VALID and new.issued_on == timezone.localdate()
    assert new.valid_until == timezone.localdate().replace(year=timezone.localdate().year + 3)
    replaced = old.events.get(action=CertificateEvent.Action.REPLACED)
    assert replaced.actor == organizer and replaced.note == "Tái chứng nhận trước khi hết hạn."
    assert new.events.filter(action=CertificateEvent.Action.ISSUED, actor=organizer).exists()


def test_the_preview_lists_the_recertification_before_it_is_issued(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=settings.TRAINER_EXPIRY_WARNING_DAYS)
    old = _current(cadre_ld)

    candidate = next(
        c
        for c in class_issue_candidates(training_class=refresher, kind="trainer")
        if c.participant.cadre_id == cadre_ld.pk
    )

    assert candidate.will_receive and candidate.existing == old
    assert candidate.reason == (
        f"Tái chứng nhận: giấy số {old.serial} hết hạn ngày {old.valid_until:%d/%m/%Y}."
    )


def test_recertification_is_idempotent(templates, organizer, class_ld, refresher, cadre_ld):
    _certify_through(organizer, class_ld, ends_in=30)
    certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    again = certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    assert again.issued_count == 0
    assert Certificate.objects.filter(cadre=cadre_ld, kind="trainer").count() == 2
    assert not any(
        c.will_receive for c in class_issue_candidates(training_class=refresher, kind="trainer")
    )


def test_a_certificate_far_from_its_end_is_still_already_held(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=settings.TRAINER_EXPIRY_WARNING_DAYS + 1)
    old = _current(cadre_ld)

    batch = certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    assert batch.issued_count == 0
    assert _current(cadre_ld) == old
    candidate = next(
        c
        for c in class_issue_candidates(training_class=refresher, kind="trainer")
        if c.participant.cadre_id == cadre_ld.pk
    )
    assert not candidate.will_receive and candidate.reason.startswith("Đã có giấy chứng nhận")


def test_running_the_original_class_again_recertifies_nobody(
    templates, organizer, class_ld, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=30)
    old = _current(cadre_ld)

    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")

    assert batch.issued_count == 0 and _current(cadre_ld) == old


def test_a_class_that_ended_before_the_certificate_was_issued_does_not_recertify(
    templates, organizer, tree, tot_course, class_ld, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=30)
    old = _current(cadre_ld)
    earlier_end = old.issued_on - datetime.timedelta(days=10)
    earlier = make_class(
        organizer,
        tree["lam_dong"],
        tot_course,
        start_date=earlier_end - datetime.timedelta(days=2),
        end_date=earlier_end,
    )
    participant = class_participant_add(actor=organizer, training_class=earlier, cadre=cadre_ld)
    class_complete_participant(actor=organizer, participant=participant)

    batch = certificates_issue_for_class(actor=organizer, training_class=earlier, kind="trainer")

    assert batch.issued_count == 0 and _current(cadre_ld) == old


def test_an_expired_certificate_is_renewed_by_the_new_class(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=-3)
    old = _current(cadre_ld)

    certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    old.refresh_from_db()
    assert (old.status, old.is_current) == (Status.EXPIRED, False)
    assert old.events.get(action=CertificateEvent.Action.REPLACED).note == (
        "Cấp mới sau khi hết hạn."
    )
    assert _current(cadre_ld).replaces == old


def test_a_revoked_certificate_is_not_recertified(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=30)
    old = revoke(_current(cadre_ld), organizer)

    batch = certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    assert batch.issued_count == 2
    old.refresh_from_db()
    assert old.is_current and old.status == Status.REVOKED


def test_a_failed_recertification_changes_nothing(
    templates, organizer, class_ld, refresher, cadre_ld
):
    _certify_through(organizer, class_ld, ends_in=30)
    old = _current(cadre_ld)
    for template in templates.values():
        template.is_active = False
        template.save()

    with pytest.raises(NoTemplate):
        certificates_issue_for_class(actor=organizer, training_class=refresher, kind="trainer")

    old.refresh_from_db()
    assert (old.status, old.is_current) == (Status.VALID, True)
    assert not old.events.filter(action=CertificateEvent.Action.REPLACED).exists()
    assert not IssueBatch.objects.filter(training_class=refresher).exists()
