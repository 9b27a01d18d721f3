"""Reads of the register: who sees which entries, its filters, lookups by code."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate, Status
from certificates.selectors import (
    certificate_by_code,
    certificate_get_for_user,
    certificate_of_owner,
    certificates_of_user,
    register_for_user,
)
from certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_class,
)
from certificates.services.achievements import course_achievement
from tests.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(templates, tree, organizer, class_ld, cadre_hn):
    """Three class certificates in Lâm Đồng, one course certificate for a Hà Nội cadre
    issued by Thành Đoàn Hà Nội."""
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    course = make_course("Khoá Hà Nội", modules=1, lessons=1)
    certificate_issue(cadre=cadre_hn, unit=tree["ha_noi"], achievement=course_achievement(course))
    return Certificate.objects.all()


def test_organizers_see_only_their_subtree(issued, organizer, other_organizer, viewer):
    ld = set(register_for_user(organizer).values_list("issuing_unit__code", flat=True))
    hn = set(register_for_user(other_organizer).values_list("issuing_unit__code", flat=True))
    assert ld == {"T68"} and hn == {"T01"}
    assert register_for_user(organizer).count() == 3
    assert not register_for_user(viewer).exists()
    hn_cert = Certificate.objects.get(issuing_unit__code="T01")
    assert certificate_get_for_user(organizer, hn_cert.pk) is None
    assert certificate_get_for_user(other_organizer, hn_cert.pk) == hn_cert


def test_search_ignores_diacritics_and_case(issued, organizer):
    assert [c.cadre.full_name for c in register_for_user(organizer, query="nguyen thi hoa")] == [
        "Nguyễn Thị Hoa"
    ]
    assert register_for_user(organizer, query="ÁNH TUYẾT").get().cadre.full_name == (
        "Phạm Thị Ánh Tuyết"
    )
    assert register_for_user(organizer, query="duc").get().cadre.full_name == "Lê Văn Đức"
    serial = Certificate.objects.filter(issuing_unit__code="T68").first().serial
    assert register_for_user(organizer, query=serial).filter(serial=serial).exists()
    assert register_for_user(organizer, query="   ").count() == 3


def test_status_filters_count_expiry_by_date(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    past_due = Certificate.objects.get(cadre=cadre_ld)
    Certificate.objects.filter(pk=past_due.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    revoked = Certificate.objects.exclude(pk=past_due.pk).first()
    certificate_revoke(actor=organizer, certificate=revoked, reason="Cấp nhầm.")

    def pks(status):
        return set(register_for_user(organizer, status=status).values_list("pk", flat=True))

    assert pks(Status.EXPIRED) == {past_due.pk}
    assert pks(Status.REVOKED) == {revoked.pk}
    assert len(pks(Status.VALID)) == 1 and not pks(Status.VALID) & {past_due.pk, revoked.pk}
    assert register_for_user(organizer, kind="class").count() == 0
    assert register_for_user(organizer, year=timezone.localdate().year).count() == 3
    assert register_for_user(organizer, year=2001).count() == 0


def test_lookup_by_code_is_exact(issued):
    cert = issued.first()
    assert certificate_by_code(cert.code) == cert
    assert certificate_by_code(cert.code[:15]) is None
    assert certificate_by_code(cert.code.lower()) is None
    assert certificate_by_code("") is None


def test_a_cadre_sees_only_their_own_certificates(issued, organizer, learner, learner_hn):
    mine = certificates_of_user(learner)
    assert [c.cadre.user for c in mine] == [learner]
    own = mine[0]
    assert certificate_of_owner(learner, own.code) == own
    assert certificate_of_owner(learner_hn, own.code) is None
    new = certificate_reissue(actor=organizer, certificate=own, reason="Mất bản gốc.")
    assert [c.pk for c in certificates_of_user(learner)] == [new.pk, own.pk]  # current first
