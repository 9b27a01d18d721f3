"""Racing issuers on PostgreSQL: one certificate per achievement, gapless unique serials."""

import pytest
from django.core.exceptions import ValidationError

from certificates.models import (
    Certificate,
    CertificateEvent,
    IssueBatch,
    SerialBook,
    TemplateVersion,
)
from certificates.services import (
    Issued,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_class,
    template_for,
    template_version_for,
)
from certificates.services.achievements import course_achievement
from tests.concurrency import race, race_each
from tests.factories import CadreFactory, make_course

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ISSUED = CertificateEvent.Action.ISSUED


@pytest.fixture
def course(db):
    return make_course("Kỹ năng điều phối tình nguyện", modules=1, lessons=1)


@pytest.fixture
def warm(templates, tree):
    """The course template's version compiled beforehand, so the race is about the
    register alone."""
    return template_version_for(template=template_for(kind="course", unit=tree["lam_dong"]))


def test_fifty_parallel_issuances_give_one_certificate(warm, tree, course, cadre_ld):
    achievement = course_achievement(course)

    outcomes = race(
        lambda: certificate_issue(cadre=cadre_ld, unit=tree["lam_dong"], achievement=achievement),
        n=50,
        catch=(),
    )

    assert len(outcomes) == 50 and all(isinstance(o, Issued) for o in outcomes), outcomes
    cert = Certificate.objects.get()
    assert {o.certificate.pk for o in outcomes} == {cert.pk}
    assert sum(o.created for o in outcomes) == 1
    assert CertificateEvent.objects.filter(action=ISSUED).count() == 1
    assert cert.serial_number == 1
    assert SerialBook.objects.get(unit=tree["lam_dong"]).last_number == 1


def test_parallel_issuances_by_different_units_still_give_one_certificate(
    warm, tree, course, cadre_ld
):
    achievement = course_achievement(course)
    units = [tree["lam_dong"], tree["ha_noi"], tree["central"], tree["commune"]] * 5

    outcomes = race_each(
        [
            lambda unit=unit: certificate_issue(cadre=cadre_ld, unit=unit, achievement=achievement)
            for unit in units
        ],
        catch=(),
    )

    assert len(outcomes) == 20
    cert = Certificate.objects.get()
    assert {o.certificate.pk for o in outcomes} == {cert.pk}
    assert CertificateEvent.objects.filter(action=ISSUED).count() == 1


def test_thirty_parallel_issuances_in_one_unit_number_one_to_thirty(warm, tree, course):
    cadres = [CadreFactory(unit=tree["commune"]) for _ in range(30)]
    achievement = course_achievement(course)

    outcomes = race_each(
        [
            lambda cadre=cadre: certificate_issue(
                cadre=cadre, unit=tree["lam_dong"], achievement=achievement
            )
            for cadre in cadres
        ],
        catch=(),
    )

    assert len(outcomes) == 30 and all(o.created for o in outcomes)
    numbers = sorted(Certificate.objects.values_list("serial_number", flat=True))
    assert numbers == list(range(1, 31))
    serials = set(Certificate.objects.values_list("serial", flat=True))
    assert serials == {f"{n}/GCN-TĐ" for n in range(1, 31)}
    assert set(Certificate.objects.values_list("cadre_id", flat=True)) == {c.pk for c in cadres}
    assert SerialBook.objects.get(unit=tree["lam_dong"]).last_number == 30
    # Each issuer's PDF task ran after its own commit.
    assert not Certificate.objects.filter(pdf="").exists()
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.RENDERED).count() == 30


def test_racing_first_issuances_agree_on_one_template_version(templates, tree, course):
    cadres = [CadreFactory(unit=tree["commune"]) for _ in range(6)]
    achievement = course_achievement(course)

    outcomes = race_each(
        [
            lambda cadre=cadre: certificate_issue(
                cadre=cadre, unit=tree["lam_dong"], achievement=achievement
            )
            for cadre in cadres
        ],
        catch=(),
    )

    assert len(outcomes) == 6
    version = TemplateVersion.objects.get()
    assert version.number == 1
    assert set(Certificate.objects.values_list("template_version", flat=True)) == {version.pk}
    assert sorted(Certificate.objects.values_list("serial_number", flat=True)) == list(range(1, 7))


def test_two_parallel_bulk_issuances_give_each_participant_one_certificate(
    templates, organizer, class_ld
):
    outcomes = race(
        lambda: certificates_issue_for_class(
            actor=organizer, training_class=class_ld, kind="class"
        ),
        n=2,
        catch=(),
    )

    assert len(outcomes) == 2
    completed = class_ld.participants.filter(completed_at__isnull=False)
    assert Certificate.objects.count() == completed.count() == 3
    assert set(Certificate.objects.values_list("cadre_id", flat=True)) == set(
        completed.values_list("cadre_id", flat=True)
    )
    assert sorted(IssueBatch.objects.values_list("issued_count", flat=True)) == [0, 3]
    assert sorted(Certificate.objects.values_list("serial_number", flat=True)) == [1, 2, 3]
    assert CertificateEvent.objects.filter(action=ISSUED).count() == 3


def test_a_doubled_reissue_replaces_the_certificate_once(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    old = Certificate.objects.get(cadre=cadre_ld)

    outcomes = race(
        lambda: certificate_reissue(
            actor=organizer, certificate=Certificate.objects.get(pk=old.pk), reason="Mất bản gốc."
        ),
        n=6,
    )

    new = [o for o in outcomes if isinstance(o, Certificate)]
    assert len(outcomes) == 6 and len(new) == 1
    assert all(isinstance(o, ValidationError) for o in outcomes if o not in new)
    chain = Certificate.objects.filter(cadre=cadre_ld).order_by("pk")
    assert [(c.status, c.is_current) for c in chain] == [("replaced", False), ("valid", True)]
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.REISSUED).count() == 1


def test_a_doubled_revocation_is_recorded_once(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    cert = Certificate.objects.get(cadre=cadre_ld)

    race(
        lambda: certificate_revoke(
            actor=organizer, certificate=Certificate.objects.get(pk=cert.pk), reason="Cấp nhầm."
        ),
        n=6,
        catch=(),
    )

    cert.refresh_from_db()
    assert cert.status == "revoked"
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.REVOKED).count() == 1
