"""Roles, invitations and the accounts that invitations create."""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Cadre, Invitation, OrgUnit, Role, RoleAssignment
from ..permissions import Action, forget_roles, require
from .validation import Errors, check_email

INVITATION_LIFETIME = datetime.timedelta(days=14)
# Wagtail admin access is granted through this group; see the data migration.
AUTHORS_GROUP = "Giảng viên nguồn"


def _sync_author_group(user) -> None:
    group = Group.objects.filter(name=AUTHORS_GROUP).first()
    if group is None:
        return
    if RoleAssignment.objects.filter(user=user, role=Role.MASTER_TRAINER).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)


def role_assign(*, actor, user, role: str, unit: OrgUnit) -> RoleAssignment:
    """Grant `role` over `unit`'s subtree. Organizers grant within their own subtree only."""
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    require(actor, Action.MANAGE_CADRES, unit)
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=unit, defaults={"granted_by": actor}
        )
        _sync_author_group(user)
    forget_roles(user)
    return assignment


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    require(actor, Action.MANAGE_CADRES, assignment.unit)
    with transaction.atomic():
        user = assignment.user
        assignment.delete()
        _sync_author_group(user)
    forget_roles(user)


def invitation_email_deliver(*, invitation_id: int) -> bool:
    """Send an invitation's email once; a duplicate or late run finds it claimed and stops.

    The row is claimed with a conditional update before sending and released if the mail
    server fails, so the retry sends it.
    """
    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("cadre__unit").get(pk=invitation_id)
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


def invitation_send(*, actor, cadre: Cadre, email: str = "") -> Invitation:
    """Invite a cadre to open an account; inviting again renews the link and resends it."""
    from ..tasks import invitation_email_send  # the task module imports this one

    require(actor, Action.MANAGE_CADRES, cadre.unit)
    errors = Errors()
    email = check_email(errors, email or cadre.email, required=True)
    if cadre.user_id:
        errors.add("__all__", _("Cán bộ này đã có tài khoản."))
    elif email and get_user_model().objects.filter(email__iexact=email).exists():
        errors.add(
            "email", _("Email %(email)s đã được dùng cho một tài khoản khác.") % {"email": email}
        )
    errors.raise_if_any()

    with transaction.atomic():
        Cadre.objects.select_for_update().filter(pk=cadre.pk).first()
        fields = {
            "email": email,
            "token": secrets.token_urlsafe(32),
            "invited_by": actor,
            "expires_at": timezone.now() + INVITATION_LIFETIME,
            "sent_at": None,
        }
        invitation = Invitation.objects.filter(cadre=cadre, accepted_at__isnull=True).first()
        if invitation is None:
            invitation = Invitation.objects.create(cadre=cadre, **fields)
        else:
            for name, value in fields.items():
                setattr(invitation, name, value)
            invitation.save()
        if not cadre.email:
            Cadre.objects.filter(pk=cadre.pk).update(email=email)
        transaction.on_commit(lambda: invitation_email_send.delay(invitation.pk))
    return invitation


def invitation_accept(*, token: str, password: str):
    """Create the invited cadre's account, verified for the invited email, and link it.

    The invitation row is locked, so two submits of the same form create one account.
    """
    User = get_user_model()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("cadre")
            .filter(token=token)
            .first()
        )
        if invitation is None or invitation.accepted_at is not None:
            raise PermissionDenied(_("Lời mời không tồn tại hoặc đã được sử dụng."))
        if invitation.expires_at <= timezone.now():
            raise PermissionDenied(_("Lời mời đã hết hạn; hãy đề nghị cán bộ tổ chức gửi lại."))
        cadre = invitation.cadre
        if cadre.user_id:
            raise PermissionDenied(_("Cán bộ này đã có tài khoản."))
        user = User(email=invitation.email, full_name=cadre.full_name)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
        try:
            user.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"email": _("Email %(email)s đã được dùng.") % {"email": invitation.email}}
            ) from exc
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Cadre.objects.filter(pk=cadre.pk).update(user=user)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user
