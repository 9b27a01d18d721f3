"""Changes to issued certificates: revocation, reissue, expiry. Each leaves an audit event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateEvent, Status
from certificates.signals import register_changed
from organizations.models import Cadre
from organizations.permissions import Action, require

from .issuance import Achievement, _is_expired, _issue_many
from .rendering import batch_pdf_refresh


def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Withdraw a certificate (issued in error, fraud, …): verification then says so.
    Revoking twice changes nothing the second time."""
    require(actor, Action.ISSUE_CERTIFICATES, certificate.issuing_unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    if certificate.status == Status.REPLACED:
        raise ValidationError(
            _("Giấy chứng nhận này đã được thay thế bằng giấy khác; hãy thu hồi giấy hiện hành.")
        )
    with transaction.atomic():
        now = timezone.now()
        updated = Certificate.objects.filter(
            pk=certificate.pk, status__in=[Status.VALID, Status.EXPIRED]
        ).update(status=Status.REVOKED, revoked_at=now, revoked_by=actor, revoked_reason=reason)
        if updated:
            CertificateEvent.objects.create(
                certificate=certificate,
                action=CertificateEvent.Action.REVOKED,
                actor=actor,
                note=reason,
            )
            batch_pdf_refresh(batch_id=certificate.batch_id)
            register_changed.send(sender=Certificate, since=certificate.issued_on)
    certificate.refresh_from_db()
    return certificate


def certificate_reissue(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """A new certificate with a new serial and code replaces the current one (e.g. after a
    name correction: the new one reads the cadre's record as it is now). The old row stays
    in the register, marked replaced, and its code verifies as such."""
    require(actor, Action.ISSUE_CERTIFICATES, certificate.issuing_unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do cấp lại.")})
    if not certificate.is_current:
        raise ValidationError(
            _("Giấy chứng nhận này đã được thay thế; hãy cấp lại từ giấy hiện hành.")
        )
    if certificate.status != Status.REVOKED and _is_expired(certificate, timezone.localdate()):
        raise ValidationError(
            _(
                "Giấy chứng nhận đã hết hạn: cấp lại không gia hạn được. Giảng viên được "
                "cấp giấy mới khi hoàn thành lớp tập huấn tái chứng nhận."
            )
        )
    data = certificate.data
    achievement = Achievement(
        key=certificate.achievement,
        kind=certificate.kind,
        title=data["achievement"],
        result=data.get("result", ""),
        start=_parse(data.get("start_date")),
        end=_parse(data.get("end_date")),
        course_id=certificate.course_id,
        class_id=certificate.training_class_id,
        trainer_level=certificate.trainer_level,
    )
    cadre = Cadre.objects.select_related("unit").get(pk=certificate.cadre_id)
    issued = _issue_many(
        unit=certificate.issuing_unit,
        kind=certificate.kind,
        items=[(cadre, achievement)],
        actor=actor,
        replace=certificate,
        note=reason,
    )
    if not issued or not issued[0].created:
        raise ValidationError(_("Giấy chứng nhận vừa được cấp lại bởi người khác."))
    batch_pdf_refresh(batch_id=certificate.batch_id)
    return issued[0].certificate


def _parse(text: str | None):
    if not text:
        return None
    return timezone.datetime.strptime(text, "%d/%m/%Y").date()


def certificates_expire_due(*, today=None) -> int:
    """Run nightly: valid certificates past their end date become expired, with an event.
    Verification already reports them expired from the date alone; this keeps the register
    and its filters exact."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Certificate.objects.select_for_update()
            .filter(status=Status.VALID, valid_until__lt=today)
            .values_list("pk", flat=True)
        )
        Certificate.objects.filter(pk__in=due).update(status=Status.EXPIRED)
        CertificateEvent.objects.bulk_create(
            CertificateEvent(certificate_id=pk, action=CertificateEvent.Action.EXPIRED)
            for pk in due
        )
    return len(due)
