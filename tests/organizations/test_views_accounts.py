"""allauth as configured: email login, mandatory verification, reset, rate limits."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

PASSWORD = "mat-khau-thu-nghiem-2025"


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="mai@example.vn")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "mai@example.vn", "password": "sai"})
    response = client.post(
        reverse("account_login"), {"login": "mai@example.vn", "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_unverified_email_cannot_log_in(client):
    from organizations.models import User

    User.objects.create_user(email="chua.xac.minh@example.vn", password=PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": "chua.xac.minh@example.vn", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1


def test_password_reset_sends_email(client):
    UserFactory(email="quen@example.vn")
    response = client.post(reverse("account_reset_password"), {"email": "quen@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["quen@example.vn"]
    assert mail.outbox[0].subject.startswith("[Sức Trẻ]")


def test_cache_is_not_dummy_so_rate_limits_work(settings):
    assert "DummyCache" not in settings.CACHES["default"]["BACKEND"]
