import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_eager_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_healthz_is_503_when_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["status"] == "error"


def test_healthz_is_503_when_database_fails(client, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr("lms.views.database_status", lambda connection: "error")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_home_page_is_served_in_vietnamese(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Sức Trẻ" in body
    assert "https://" not in body.split("<body>")[0]


def test_language_can_be_switched_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_browser_language_header_does_not_switch_to_english(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="vi">' in response.content.decode()


def test_wagtail_admin_user_pages_work_with_email_login(client):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    other = UserFactory(email="bien.tap@example.vn")
    client.force_login(admin)
    assert client.get("/admin/users/").status_code == 200
    edit = client.get(f"/admin/users/edit/{other.pk}/")
    assert edit.status_code == 200
    assert "bien.tap@example.vn" in edit.content.decode()
    assert client.get("/admin/users/new/").status_code == 200
