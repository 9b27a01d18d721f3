"""Public verification: every status in HTML and JSON, codes as typed, no leaks, limits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_class,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
UNKNOWN = "AAAAAAAAAAAAAAAA"


@pytest.fixture(autouse=True)
def _fresh(fresh_cache):
    """Each test starts with no lookups counted against the test client's address."""


@pytest.fixture
def cert(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    return Certificate.objects.get(cadre=cadre_ld)


@pytest.fixture
def trainer_cert(templates, organizer, class_ld, cadre_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="trainer")
    return Certificate.objects.get(cadre=cadre_ld, kind="trainer")


def _url(code):
    return reverse("certificates:verify", args=[code])


def test_a_valid_certificate_shows_holder_achievement_unit_and_a_valid_label(client, cert):
    response = client.get(_url(cert.code), **BROWSER)
    assert response.status_code == 200
    html = response.text
    assert "Giấy chứng nhận hợp lệ" in html
    assert 'data-status="valid"' in html
    assert "Nguyễn Thị Hoa" in html
    assert "Lớp TOT Lâm Đồng" in html
    assert "Tỉnh Đoàn Lâm Đồng" in html
    assert cert.serial in html
    assert '<meta name="robots" content="noindex' in html
    assert "no-store" in response["Cache-Control"]


def test_json_is_answered_when_asked_for(client, cert):
    response = client.get(_url(cert.code), **JSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body == {
        "holder_name": "Nguyễn Thị Hoa",
        "achievement": "Lớp TOT Lâm Đồng",
        "kind": "class",
        "kind_label": "Hoàn thành lớp tập huấn",
        "issuing_unit": "Tỉnh Đoàn Lâm Đồng",
        "serial": cert.serial,
        "issued_on": timezone.localdate().isoformat(),
        "valid_until": None,
        "status": "valid",
        "status_label": "Còn hiệu lực",
    }


def test_format_parameter_also_gives_json(client, cert):
    response = client.get(_url(cert.code) + "?format=json", **BROWSER)
    assert response.json()["status"] == "valid"


def test_a_revoked_certificate_says_so_with_the_date_but_never_the_reason(client, cert, organizer):
    certificate_revoke(actor=organizer, certificate=cert, reason="Hồ sơ khai man điểm số")
    html = client.get(_url(cert.code), **BROWSER).text
    assert "Giấy chứng nhận đã bị thu hồi" in html
    assert 'data-status="revoked"' in html
    assert "khai man" not in html
    body = client.get(_url(cert.code), **JSON).json()
    assert body["status"] == "revoked"
    assert body["status_label"] == "Đã thu hồi"
    assert body["revoked_on"] == timezone.localdate().isoformat()
    assert "khai man" not in str(body)


def test_an_expired_trainer_certificate_is_labelled_expired(client, trainer_cert):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Certificate.objects.filter(pk=trainer_cert.pk).update(valid_until=yesterday)
    html = client.get(_url(trainer_cert.code), **BROWSER).text
    assert "Giấy chứng nhận đã hết hạn" in html
    assert yesterday.strftime("%d/%m/%Y") in html
    body = client.get(_url(trainer_cert.code), **JSON).json()
    assert body["status"] == "expired"
    assert body["status_label"] == "Hết hạn"
    assert body["valid_until"] == yesterday.isoformat()


def test_a_replaced_certificate_names_the_new_serial_but_not_its_code(client, cert, organizer):
    new = certificate_reissue(actor=organizer, certificate=cert, reason="Sửa tên")
    response = client.get(_url(cert.code), **BROWSER)
    assert "Giấy chứng nhận đã được cấp lại" in response.text
    assert new.serial in response.text
    assert new.code not in response.text
    body = client.get(_url(cert.code), **JSON).json()
    assert body["status"] == "replaced"
    assert body["replaced_by_serial"] == new.serial
    assert new.code not in str(body)
    assert client.get(_url(new.code), **JSON).json()["status"] == "valid"


def test_an_unknown_code_is_a_clear_404_in_html_and_json(client, cert):
    response = client.get(_url(UNKNOWN), **BROWSER)
    assert response.status_code == 404
    assert "Không tìm thấy giấy chứng nhận" in response.text
    assert "no-store" in response["Cache-Control"]
    response = client.get(_url(UNKNOWN), **JSON)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert "Không tìm thấy" in response.json()["message"]


def test_neither_a_prefix_nor_the_serial_finds_a_certificate(client, cert):
    assert client.get(_url(cert.code[:12]), **JSON).status_code == 404
    assert client.get(_url(cert.serial.replace("/", "-")), **JSON).status_code == 404


def test_a_code_typed_in_lower_case_with_hyphens_reaches_its_page(client, cert):
    typed = "-".join(cert.code[i : i + 4] for i in range(0, 16, 4)).lower()
    response = client.get(reverse("certificates:verify_form"), {"code": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == _url(cert.code)
    response = client.get(_url(typed))
    assert response.status_code == 302
    assert response["Location"] == _url(cert.code)


def test_the_form_explains_a_code_of_the_wrong_length(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "ABCD-EFGH"})
    assert response.status_code == 200
    assert "16 ký tự" in response.text
    empty = client.get(reverse("certificates:verify_form"))
    assert empty.status_code == 200 and 'name="code"' in empty.text


def test_verification_works_on_a_page_that_needs_no_login(client, cert):
    response = client.get(_url(cert.code))
    assert response.status_code == 200
    assert "Đăng nhập" in response.text


def test_too_many_lookups_from_one_address_get_429_with_retry_after(client, cert, settings):
    settings.CERTIFICATE_VERIFY_LOOKUPS = (3, 60)
    for _ in range(3):
        assert client.get(_url(cert.code), **JSON).status_code == 200
    response = client.get(_url(cert.code), **JSON)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 61
    assert "quá nhiều lần" in response.json()["message"]
    html = client.get(_url(cert.code), **BROWSER)
    assert html.status_code == 429
    assert "Vui lòng thử lại sau" in html.text
    other = client.get(_url(cert.code), REMOTE_ADDR="203.0.113.9", **JSON)
    assert other.status_code == 200


def test_misses_are_limited_more_strictly_and_then_block_valid_codes_too(client, cert, settings):
    settings.CERTIFICATE_VERIFY_LOOKUPS = (30, 60)
    settings.CERTIFICATE_VERIFY_MISSES = (2, 600)
    assert client.get(_url(UNKNOWN), **JSON).status_code == 404
    assert client.get(_url("BBBBBBBBBBBBBBBB"), **JSON).status_code == 404
    response = client.get(_url(cert.code), **JSON)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 60


def test_behind_a_proxy_each_client_address_has_its_own_limit(client, cert, settings):
    settings.CERTIFICATE_VERIFY_LOOKUPS = (2, 60)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        response = client.get(_url(cert.code), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy, **JSON)
        assert response.status_code == 200
    blocked = client.get(_url(cert.code), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy, **JSON)
    assert blocked.status_code == 429
    other = client.get(_url(cert.code), HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy, **JSON)
    assert other.status_code == 200
