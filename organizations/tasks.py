"""Background jobs of the organizations app: each takes ids and calls one service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation


@shared_task(name="organizations.invitation_email_send", autoretry_for=(OSError,), max_retries=5)
def invitation_email_send(invitation_id: int) -> bool:
    """Send an invitation email once; the conditional update makes a duplicate run a no-op."""
    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("cadre", "invited_by").get(pk=invitation_id)
    link = settings.SITE_BASE_URL.rstrip("/") + reverse(
        "invitation_accept", kwargs={"token": invitation.token}
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link}
        try:
            send_mail(
                subject=_("[Sức Trẻ] Lời mời tạo tài khoản"),
                message=render_to_string("organizations/email/invitation.txt", context),
                from_email=None,
                recipient_list=[invitation.email],
            )
        except OSError:
            Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
            raise
    return True
