import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from organizations import services
from organizations.models import Invitation
from organizations.tasks import invitation_email_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Hoc-tap-suot-doi-2025"


def _link_token() -> str:
    return re.search(r"/invitations/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_invite_sends_one_email_after_commit(
    tree, organizer, cadre_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            actor=organizer, cadre=cadre_ld, email="Hoa.Nguyen@Example.vn"
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hoa.nguyen@example.vn"]
    assert "Nguyễn Thị Hoa" in mail.outbox[0].body
    assert _link_token() == invitation.token
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_email_task_run_twice_sends_once(
    tree, organizer, cadre_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(actor=organizer, cadre=cadre_ld, email="a@b.vn")
    assert invitation_email_send(invitation.pk) is False
    assert len(mail.outbox) == 1


def test_inviting_again_renews_the_single_pending_invitation(
    tree, organizer, cadre_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_send(actor=organizer, cadre=cadre_ld, email="a@b.vn")
    old_token = first.token
    with django_capture_on_commit_callbacks(execute=True):
        second = services.invitation_send(actor=organizer, cadre=cadre_ld, email="a@b.vn")
    assert Invitation.objects.count() == 1
    assert second.pk == first.pk
    assert second.token != old_token
    assert len(mail.outbox) == 2
    assert _link_token() == second.token


def test_cadre_accepts_and_gets_verified_linked_account(
    client, tree, organizer, cadre_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(actor=organizer, cadre=cadre_ld, email="hoa@example.vn")
    url = reverse("invitation_accept", args=[_link_token()])

    assert "Nguyễn Thị Hoa" in client.get(url).content.decode()
    response = client.post(url, {"password": PASSWORD, "password_again": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("my_learning")
    cadre_ld.refresh_from_db()
    assert cadre_ld.user.email == "hoa@example.vn"
    assert EmailAddress.objects.get(user=cadre_ld.user).verified
    assert client.get(reverse("my_learning")).context["cadre"] == cadre_ld


def test_accepted_invitation_cannot_be_used_twice(tree, organizer, cadre_ld):
    invitation = services.invitation_send(actor=organizer, cadre=cadre_ld, email="hoa@example.vn")
    services.invitation_accept(token=invitation.token, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        services.invitation_accept(token=invitation.token, password=PASSWORD)
    assert type(cadre_ld).objects.get(pk=cadre_ld.pk).user.email == "hoa@example.vn"


def test_expired_invitation_is_refused(client, tree, organizer, cadre_ld):
    invitation = services.invitation_send(actor=organizer, cadre=cadre_ld, email="hoa@example.vn")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.invitation_accept(token=invitation.token, password=PASSWORD)
    cadre_ld.refresh_from_db()
    assert cadre_ld.user is None


def test_weak_password_is_refused_and_nothing_is_created(client, tree, organizer, cadre_ld):
    invitation = services.invitation_send(actor=organizer, cadre=cadre_ld, email="hoa@example.vn")
    url = reverse("invitation_accept", args=[invitation.token])
    response = client.post(url, {"password": "123", "password_again": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    cadre_ld.refresh_from_db()
    assert cadre_ld.user is None


def test_invite_refuses_malformed_email(tree, organizer, cadre_ld):
    with pytest.raises(ValidationError) as info:
        services.invitation_send(actor=organizer, cadre=cadre_ld, email="khong hop le")
    assert "không đúng định dạng" in info.value.message_dict["email"][0]
    assert not Invitation.objects.exists()


def test_invite_refuses_email_of_existing_account(tree, organizer, cadre_ld):
    UserFactory(email="da.co@example.vn")
    with pytest.raises(ValidationError) as info:
        services.invitation_send(actor=organizer, cadre=cadre_ld, email="Da.Co@example.vn")
    assert "đã được dùng" in info.value.message_dict["email"][0]
    assert not Invitation.objects.exists()


def test_invite_view_reports_result_as_message(client, tree, organizer, cadre_ld):
    client.force_login(organizer)
    response = client.post(
        reverse("cadre_invite", args=[cadre_ld.pk]), {"email": "hoa@example.vn"}, follow=True
    )
    assert "Đã gửi lời mời tới hoa@example.vn" in response.content.decode()
    assert Invitation.objects.get().email == "hoa@example.vn"


def test_public_signup_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "la@example.vn", "password1": PASSWORD, "password2": PASSWORD},
    )
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="la@example.vn").exists()
    assert response.status_code in (200, 302, 403)


def test_login_by_email_lands_on_role_page(client, tree, organizer):
    response = client.post(
        reverse("account_login"),
        {"login": "tochuc.lamdong@example.vn", "password": "mat-khau-thu-nghiem-2025"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("role_home")
