from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .people import Cadre
from .units import OrgUnit


class Role(models.TextChoices):
    MASTER_TRAINER = "master_trainer", _("Giảng viên nguồn / biên soạn")
    ORGANIZER = "organizer", _("Cán bộ tổ chức")
    PROGRAMME_VIEWER = "programme_viewer", _("Lãnh đạo, theo dõi chương trình")


class RoleAssignment(models.Model):
    """A user holds a role over one unit's subtree; permissions are computed from these."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("phạm vi (đơn vị)"), on_delete=models.PROTECT, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class Invitation(models.Model):
    """An organizer's invitation for a cadre to open an account linked to their record."""

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")
        constraints = [
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_pending_per_cadre",
            ),
        ]

    def __str__(self) -> str:
        return self.email
