"""“My certificates”: a cadre lists and downloads their own, and only their own."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_revoke, certificates_issue_for_class
from tests.certificates.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def certs(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    return {c.cadre.full_name: c for c in Certificate.objects.select_related("cadre")}


def _pdf_url(cert):
    return reverse("certificates:mine_pdf", args=[cert.code])


def test_the_list_shows_only_the_users_own_certificates(client, learner, certs):
    client.force_login(learner)
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == 200
    mine = certs["Nguyễn Thị Hoa"]
    assert mine.serial in response.text
    assert _pdf_url(mine) in response.text
    assert "Còn hiệu lực" in response.text
    assert certs["Lê Văn Đức"].serial not in response.text


def test_the_nav_and_my_learning_link_to_my_certificates(client, learner, certs):
    client.force_login(learner)
    url = reverse("certificates:mine")
    # once in the navigation, once on the page
    assert client.get(reverse("my_learning")).text.count(f'href="{url}"') == 2


def test_the_holder_downloads_a_pdf_with_their_name(client, learner, certs):
    client.force_login(learner)
    mine = certs["Nguyễn Thị Hoa"]
    response = client.get(_pdf_url(mine))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "giay-chung-nhan-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert "Nguyễn Thị Hoa" in pdf_text(content)
    mine.refresh_from_db()
    assert mine.pdf  # rendered on demand and kept


def test_another_persons_certificate_is_a_404(client, learner, certs):
    client.force_login(learner)
    assert client.get(_pdf_url(certs["Lê Văn Đức"])).status_code == 404


def test_a_learner_of_another_province_cannot_download_it_either(client, learner_hn, certs):
    client.force_login(learner_hn)
    assert client.get(_pdf_url(certs["Nguyễn Thị Hoa"])).status_code == 404


def test_a_revoked_certificate_is_listed_but_not_downloadable(client, learner, certs, organizer):
    mine = certs["Nguyễn Thị Hoa"]
    certificate_revoke(actor=organizer, certificate=mine, reason="Cấp nhầm")
    client.force_login(learner)
    page = client.get(reverse("certificates:mine"))
    assert "Đã thu hồi" in page.text
    assert _pdf_url(mine) not in page.text
    assert client.get(_pdf_url(mine)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, certs):
    response = client.get(_pdf_url(certs["Nguyễn Thị Hoa"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_account_without_a_cadre_record_sees_an_explanation(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == 200
    assert "chưa gắn với hồ sơ cán bộ" in response.text
