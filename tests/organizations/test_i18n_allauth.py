"""allauth's account pages and messages are shown in Vietnamese (catalog in locale_allauth/)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

PASSWORD = "mat-khau-thu-nghiem-2025"


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_password_reset_page_is_vietnamese(client):
    response = client.get(reverse("account_reset_password"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đặt lại mật khẩu" in html
    assert "Bạn quên mật khẩu? Hãy nhập địa chỉ email bên dưới" in html
    assert "Password Reset" not in html
    assert "Forgotten your password?" not in html
    assert "Reset My Password" not in html


def test_failed_login_error_is_vietnamese(client):
    UserFactory(email="sai.mat.khau@example.vn")
    response = client.post(
        reverse("account_login"), {"login": "sai.mat.khau@example.vn", "password": "sai-roi"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Địa chỉ email hoặc mật khẩu bạn nhập không đúng." in html
    assert "you specified are not correct" not in html


def test_signed_in_message_is_vietnamese(client):
    user = UserFactory(email="dang.nhap@example.vn")
    response = client.post(
        reverse("account_login"),
        {"login": "dang.nhap@example.vn", "password": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)
    messages = _messages(response)
    assert any(m.startswith("Đã đăng nhập với tên ") for m in messages), messages
    assert not any("Successfully signed in" in m for m in messages)


def test_logout_confirmation_is_vietnamese(client):
    client.force_login(UserFactory(email="dang.xuat@example.vn"))
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bạn có chắc muốn đăng xuất không?" in html
    assert "Are you sure you want to sign out?" not in html
