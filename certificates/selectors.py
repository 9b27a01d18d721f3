"""Reads of the certificates app: candidates for issuance, the register, verification."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.achievements import class_key
from certificates.models import Certificate, CertificateTemplate, IssueBatch, Kind, Status
from certificates.trainers import renewal_due
from organizations.permissions import Action, has_any, scope_q
from organizations.text import fold


@dataclass
class Candidate:
    """A class participant and whether bulk issuance would give them a certificate, and why."""

    participant: object
    will_receive: bool
    reason: str
    existing: Certificate | None = None


def effective_status(certificate: Certificate, today: datetime.date | None = None) -> str:
    """The status a verifier must see today: a certificate past its end date is expired
    even before the nightly job records it."""
    today = today or timezone.localdate()
    if (
        certificate.status == Status.VALID
        and certificate.valid_until is not None
        and certificate.valid_until < today
    ):
        return Status.EXPIRED
    return certificate.status


def class_issue_candidates(*, training_class, kind: str) -> list[Candidate]:
    """Every participant of the class, in roster order, with the outcome bulk issuance of
    `kind` would have for them."""
    participants = list(
        training_class.participants.select_related("cadre", "cadre__unit").order_by(
            "cadre__full_name", "pk"
        )
    )
    key = class_key(training_class, kind)
    current = {
        c.cadre_id: c
        for c in Certificate.objects.filter(
            achievement=key,
            is_current=True,
            cadre_id__in=[p.cadre_id for p in participants],
        )
    }
    today = timezone.localdate()
    out = []
    for participant in participants:
        existing = current.get(participant.cadre_id)
        if kind == Kind.TRAINER and not training_class.course.is_tot:
            out.append(Candidate(participant, False, _("Lớp không phải lớp tập huấn giảng viên.")))
        elif participant.completed_at is None:
            out.append(Candidate(participant, False, _("Chưa được xác nhận hoàn thành lớp.")))
        elif existing is None:
            out.append(Candidate(participant, True, _("Đủ điều kiện.")))
        elif effective_status(existing, today) == Status.EXPIRED and kind == Kind.TRAINER:
            out.append(Candidate(participant, True, _("Cấp mới thay giấy đã hết hạn."), existing))
        elif kind == Kind.TRAINER and renewal_due(
            existing, class_id=training_class.pk, class_end=training_class.end_date, today=today
        ):
            reason = _("Tái chứng nhận: giấy số %(serial)s hết hạn ngày %(date)s.") % {
                "serial": existing.serial,
                "date": existing.valid_until.strftime("%d/%m/%Y"),
            }
            out.append(Candidate(participant, True, reason, existing))
        elif existing.status == Status.REVOKED:
            reason = _("Giấy số %(serial)s đã bị thu hồi; cấp lại trong sổ đăng ký nếu cần.")
            out.append(
                Candidate(participant, False, reason % {"serial": existing.serial}, existing)
            )
        else:
            reason = _("Đã có giấy chứng nhận số %(serial)s.") % {"serial": existing.serial}
            out.append(Candidate(participant, False, reason, existing))
    return out


def register_scope_q(user) -> Q:
    """Certificates an organizer answers for: issued in their subtree, or held by a cadre
    of their subtree."""
    return scope_q(user, Action.ISSUE_CERTIFICATES, path_field="issuing_unit__path") | scope_q(
        user, Action.ISSUE_CERTIFICATES, path_field="cadre__unit__path"
    )


def register_for_user(
    user, *, query: str = "", status: str = "", kind: str = "", year: int | None = None
) -> QuerySet[Certificate]:
    if not has_any(user, Action.ISSUE_CERTIFICATES):
        return Certificate.objects.none()
    qs = Certificate.objects.filter(register_scope_q(user)).select_related("cadre", "issuing_unit")
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(serial__icontains=query)
            | Q(cadre__full_name__icontains=query)
            | Q(cadre__search_name__contains=fold(query))
            | Q(cadre__code__iexact=query)
        )
    if status == Status.EXPIRED:
        qs = qs.filter(
            Q(status=Status.EXPIRED) | Q(status=Status.VALID, valid_until__lt=timezone.localdate())
        )
    elif status == Status.VALID:
        qs = qs.filter(status=Status.VALID).exclude(valid_until__lt=timezone.localdate())
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(serial_year=year)
    return qs.order_by("-issued_at", "-pk")


def certificate_get_for_user(user, pk: int) -> Certificate | None:
    """A register entry the user answers for, else None (the view answers 404)."""
    return (
        Certificate.objects.filter(register_scope_q(user), pk=pk)
        .select_related("cadre", "issuing_unit", "template_version__template")
        .first()
        if has_any(user, Action.ISSUE_CERTIFICATES)
        else None
    )


def certificate_history(certificate: Certificate) -> list[Certificate]:
    """The chain of certificates for the same achievement, oldest first."""
    return list(
        Certificate.objects.filter(
            cadre_id=certificate.cadre_id, achievement=certificate.achievement
        ).order_by("issued_at", "pk")
    )


def certificates_of_user(user) -> list[Certificate]:
    """The cadre's own certificates, current first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Certificate.objects.filter(cadre__user=user)
        .select_related("issuing_unit")
        .order_by("-is_current", "-issued_at", "-pk")
    )


def certificate_of_owner(user, code: str) -> Certificate | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Certificate.objects.filter(cadre__user=user, code=code).first()


def certificate_by_code(code: str) -> Certificate | None:
    """Verification looks up the exact code only: no prefix, no serial, no listing."""
    if len(code) != 16:
        return None
    return (
        Certificate.objects.filter(code=code).select_related("issuing_unit", "replaced_by").first()
    )


def batches_of_class(training_class) -> list[IssueBatch]:
    return list(IssueBatch.objects.filter(training_class=training_class).order_by("-created_at"))


def templates_for_user(user) -> QuerySet[CertificateTemplate]:
    """Templates the user may edit: those owned by units in their subtree, and nationwide
    ones for programme staff holding the model's change permission (and superusers)."""
    qs = CertificateTemplate.objects.select_related("owner_unit")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if getattr(user, "is_superuser", False):
        return qs
    allowed = scope_q(user, Action.ISSUE_CERTIFICATES, path_field="owner_unit__path")
    if user.has_perm("certificates.change_certificatetemplate"):
        allowed |= Q(owner_unit__isnull=True)
    return qs.filter(allowed)


def certificate_replacement(certificate: Certificate) -> Certificate | None:
    try:
        return certificate.replaced_by
    except ObjectDoesNotExist:
        return None


def certificate_public_facts(certificate: Certificate) -> dict:
    """What anyone holding the code may read. Never the revocation reason, the holder's
    date of birth or the replacement's code."""
    status = effective_status(certificate)
    data = certificate.data
    facts = {
        "holder_name": data["holder_name"],
        "achievement": data["achievement"],
        "kind": certificate.kind,
        "kind_label": str(Kind(certificate.kind).label),
        "issuing_unit": data["issuing_unit"],
        "serial": certificate.serial,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
        "status": str(status),
        "status_label": str(Status(status).label),
    }
    if status == Status.REVOKED and certificate.revoked_at:
        facts["revoked_on"] = timezone.localdate(certificate.revoked_at).isoformat()
    newer = certificate_replacement(certificate)
    if newer is not None:
        facts["replaced_by_serial"] = newer.serial
    return facts
