"""The organizers' register: scope, filters, record and history, revoke, reissue, PDF."""

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent, Status
from certificates.services import certificate_reissue, certificates_issue_for_class
from tests.certificates.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def certs(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    return {c.cadre.full_name: c for c in Certificate.objects.select_related("cadre")}


@pytest.fixture
def cert(certs):
    return certs["Nguyễn Thị Hoa"]


def _detail(cert):
    return reverse("certificates:register_detail", args=[cert.pk])


def _revoke(client, cert, **data):
    return client.post(reverse("certificates:register_revoke", args=[cert.pk]), data)


def _reissue(client, cert, **data):
    return client.post(reverse("certificates:register_reissue", args=[cert.pk]), data)


# --- List -------------------------------------------------------------------------------


def test_the_register_lists_the_organizers_certificates(client, organizer, certs):
    client.force_login(organizer)
    response = client.get(reverse("certificates:register"))
    assert response.status_code == 200
    for cert in certs.values():
        assert cert.serial in response.text
    assert "3 giấy chứng nhận" in response.text


def test_the_register_filters_by_name_status_kind_and_year(client, organizer, certs, cert):
    client.force_login(organizer)
    url = reverse("certificates:register")
    found = client.get(url, {"q": "Lê Văn"}).text
    assert certs["Lê Văn Đức"].serial in found and cert.serial not in found
    _revoke(client, cert, reason="Cấp nhầm", confirm="on")
    revoked = client.get(url, {"status": "revoked"}).text
    assert cert.serial in revoked and certs["Lê Văn Đức"].serial not in revoked
    assert "0 giấy chứng nhận" in client.get(url, {"kind": "trainer"}).text
    assert "0 giấy chứng nhận" in client.get(url, {"year": cert.serial_year - 1}).text
    assert "3 giấy chứng nhận" in client.get(url, {"year": cert.serial_year}).text


def test_the_register_is_paged_and_keeps_the_filters(client, organizer, certs, monkeypatch):
    from certificates import views_register

    monkeypatch.setattr(views_register, "PAGE_SIZE", 2)
    client.force_login(organizer)
    response = client.get(reverse("certificates:register"), {"kind": "class"})
    assert "Trang 1/2" in response.text
    assert "kind=class&amp;page=2" in response.text
    first = {row.certificate.pk for row in response.context["rows"]}
    second = client.get(reverse("certificates:register"), {"kind": "class", "page": 2})
    assert "Trang 2/2" in second.text
    assert {row.certificate.pk for row in second.context["rows"]} == (
        {c.pk for c in certs.values()} - first
    )


def test_another_province_sees_an_empty_register_and_404_on_the_record(
    client, other_organizer, cert
):
    client.force_login(other_organizer)
    response = client.get(reverse("certificates:register"))
    assert cert.serial not in response.text
    assert client.get(_detail(cert)).status_code == 404
    pdf = reverse("certificates:register_pdf", args=[cert.pk])
    assert client.get(pdf).status_code == 404


def test_a_programme_viewer_has_no_register(client, viewer, cert):
    client.force_login(viewer)
    assert client.get(reverse("certificates:register")).status_code == 403
    assert client.get(_detail(cert)).status_code == 404


# --- Record ----------------------------------------------------------------------------


def test_the_record_shows_frozen_data_and_the_audit_log(client, organizer, cert):
    client.force_login(organizer)
    response = client.get(_detail(cert))
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in response.text
    assert cert.data["body"] in response.text
    assert "Cấp" in response.text  # the "issued" event
    assert 'action="' + reverse("certificates:register_revoke", args=[cert.pk]) in response.text


def test_the_record_shows_the_history_chain_after_a_reissue(client, organizer, cert):
    new = certificate_reissue(actor=organizer, certificate=cert, reason="Sửa ngày sinh")
    client.force_login(organizer)
    response = client.get(_detail(new))
    assert cert.serial in response.text and new.serial in response.text
    assert _detail(cert) in response.text
    old = client.get(_detail(cert))
    assert "Đã được thay bằng giấy số" in old.text
    assert "Sửa ngày sinh" in old.text  # the REPLACED event's note


def test_an_organizer_downloads_a_pdf_in_scope(client, organizer, cert):
    client.force_login(organizer)
    response = client.get(reverse("certificates:register_pdf", args=[cert.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "Nguyễn Thị Hoa" in pdf_text(b"".join(response.streaming_content))


# --- Revoke ----------------------------------------------------------------------------


def test_revoking_needs_a_reason_and_writes_nothing_without_one(client, organizer, cert):
    client.force_login(organizer)
    response = _revoke(client, cert, reason="   ", confirm="on")
    assert response.status_code == 400
    assert "Hãy ghi lý do thu hồi." in response.text
    cert.refresh_from_db()
    assert cert.status == Status.VALID
    assert not cert.events.filter(action=CertificateEvent.Action.REVOKED).exists()


def test_revoking_needs_the_confirmation_box(client, organizer, cert):
    client.force_login(organizer)
    response = _revoke(client, cert, reason="Cấp nhầm người")
    assert response.status_code == 400
    assert "Hãy đánh dấu xác nhận" in response.text
    cert.refresh_from_db()
    assert cert.status == Status.VALID


def test_revoking_with_reason_and_confirmation(client, organizer, cert):
    client.force_login(organizer)
    response = _revoke(client, cert, reason="Cấp nhầm người", confirm="on")
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.status == Status.REVOKED
    assert cert.revoked_by == organizer
    assert cert.revoked_reason == "Cấp nhầm người"
    page = client.get(response["Location"])
    assert "Đã thu hồi giấy chứng nhận số" in page.text
    assert "Cấp nhầm người" in page.text


def test_a_viewer_cannot_revoke(client, viewer, cert):
    client.force_login(viewer)
    assert _revoke(client, cert, reason="Thử", confirm="on").status_code == 404
    cert.refresh_from_db()
    assert cert.status == Status.VALID


def test_another_province_cannot_revoke(client, other_organizer, cert):
    client.force_login(other_organizer)
    assert _revoke(client, cert, reason="Thử", confirm="on").status_code == 404
    cert.refresh_from_db()
    assert cert.status == Status.VALID


# --- Reissue ---------------------------------------------------------------------------


def test_reissue_needs_a_reason(client, organizer, cert):
    client.force_login(organizer)
    response = _reissue(client, cert, reason="")
    assert response.status_code == 400
    assert "Hãy ghi lý do cấp lại." in response.text
    assert Certificate.objects.filter(cadre=cert.cadre).count() == 1


def test_reissue_replaces_the_certificate_and_opens_the_new_record(client, organizer, cert):
    client.force_login(organizer)
    response = _reissue(client, cert, reason="Sửa họ tên theo CCCD")
    new = Certificate.objects.get(cadre=cert.cadre, is_current=True)
    assert new.pk != cert.pk
    assert response["Location"] == _detail(new)
    cert.refresh_from_db()
    assert cert.status == Status.REPLACED
    again = _reissue(client, cert, reason="Lần nữa")
    assert again.status_code == 400
    assert "đã được thay thế" in again.text
    assert Certificate.objects.filter(cadre=cert.cadre).count() == 2


def test_the_navigation_links_the_register_for_organizers_only(client, organizer, learner):
    url = reverse("certificates:register")
    client.force_login(organizer)
    assert f'href="{url}"' in client.get(reverse("certificates:mine")).text
    client.force_login(learner)
    page = client.get(reverse("certificates:mine")).text
    assert f'href="{url}"' not in page
    assert f'href="{reverse("certificates:mine")}"' in page


def test_the_revocation_reason_is_shown_only_to_those_who_may_revoke(client, organizer, cert, tree):
    from certificates.services import certificate_revoke
    from organizations.models import Role
    from tests.factories import UserFactory, grant

    certificate_revoke(actor=organizer, certificate=cert, reason="Hồ sơ khai man")
    commune_organizer = UserFactory(email="tochuc.xa@example.vn")
    grant(commune_organizer, Role.ORGANIZER, tree["commune"])

    client.force_login(organizer)
    assert "Hồ sơ khai man" in client.get(_detail(cert)).text
    client.force_login(commune_organizer)
    response = client.get(_detail(cert))
    assert response.status_code == 200
    assert "Hồ sơ khai man" not in response.text
