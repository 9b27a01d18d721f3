"""The trainer registry: the trainers of a viewer's subtree, their certification and their work.

A trainer is a cadre who holds a current trainer certificate that was not revoked (expired
ones included, so lapsed trainers stay visible) or who has taught a class (those without a
certificate are "uncertified"). The registry is read in a fixed number of set-based queries
whatever the number of trainers: the cadres, their certificates, their teaching, their reach.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, Kind, Status, TrainerLevel
from certificates.selectors import effective_status
from certificates.trainers import LEVEL_RANK, warning_end
from courses.models import ClassTrainer
from courses.selectors import cascade
from organizations.models import Cadre, OrgUnit
from organizations.permissions import Action, has_any, scope_q
from organizations.text import fold


class TrainerStatus(TextChoices):
    ACTIVE = "active", _("Còn hiệu lực")
    EXPIRING = "expiring", _("Sắp hết hạn")
    EXPIRED = "expired", _("Hết hạn")
    UNCERTIFIED = "uncertified", _("Chưa được chứng nhận")


@dataclass
class TrainerRow:
    """One trainer with the certificate that counts for them (None: uncertified)."""

    cadre: Cadre
    certificate: Certificate | None
    status: str
    classes: int = 0
    trained: int = 0
    reach: int = 0
    last_class: datetime.date | None = None

    @property
    def unit(self) -> OrgUnit:
        return self.cadre.unit

    @property
    def level(self) -> str:
        return self.certificate.trainer_level if self.certificate else ""

    @property
    def level_label(self) -> str:
        return TrainerLevel(self.level).label if self.level else ""

    @property
    def status_label(self) -> str:
        return TrainerStatus(self.status).label


def in_scope_q(user, unit: OrgUnit | None, path_field: str) -> Q:
    """Rows the user may see as trainers' data, within `unit`'s subtree when given."""
    q = scope_q(user, Action.VIEW_TRAINERS, path_field=path_field)
    if unit is not None:
        q &= Q(**{f"{path_field}__startswith": unit.path})
    return q


def held_certificates():
    """Trainer certificates that make their holder a certified trainer: current, not
    revoked (an expired one still names the level the trainer lapsed from)."""
    return Certificate.objects.filter(
        kind=Kind.TRAINER, is_current=True, status__in=[Status.VALID, Status.EXPIRED]
    )


def certificate_status(certificate: Certificate | None, today: datetime.date) -> str:
    if certificate is None:
        return TrainerStatus.UNCERTIFIED
    if effective_status(certificate, today) == Status.EXPIRED:
        return TrainerStatus.EXPIRED
    if certificate.valid_until is not None and certificate.valid_until <= warning_end(today):
        return TrainerStatus.EXPIRING
    return TrainerStatus.ACTIVE


def best_certificates(cadre_ids, today: datetime.date) -> dict[int, Certificate]:
    """{cadre id: the certificate that counts}: an active one before an expired one, then
    the highest level, then the latest end date. One query."""
    best: dict[int, Certificate] = {}

    def rank(cert):
        active = effective_status(cert, today) == Status.VALID
        return (active, LEVEL_RANK.get(cert.trainer_level, 0), cert.valid_until or today)

    certificates = held_certificates().filter(cadre_id__in=cadre_ids).order_by()
    for cert in certificates.only(
        "pk", "cadre_id", "trainer_level", "serial", "valid_until", "status", "issued_on"
    ):
        if cert.cadre_id not in best or rank(cert) > rank(best[cert.cadre_id]):
            best[cert.cadre_id] = cert
    return best


def _teaching(cadre_ids) -> dict[int, dict]:
    """{cadre id: classes taught, distinct cadres trained directly, last class start}."""
    others = ~Q(training_class__participants__cadre=F("cadre"))
    rows = (
        ClassTrainer.objects.filter(cadre_id__in=cadre_ids)
        .order_by()
        .values("cadre_id")
        .annotate(
            classes=Count("training_class", distinct=True),
            trained=Count("training_class__participants__cadre", distinct=True, filter=others),
            last_class=Max("training_class__start_date"),
        )
    )
    return {row.pop("cadre_id"): row for row in rows}


def trainer_registry(
    *,
    user,
    unit: OrgUnit | None = None,
    level: str | None = None,
    status: str | None = None,
    query: str = "",
) -> list[TrainerRow]:
    """The trainers of the user's VIEW_TRAINERS scope (within `unit` when given), by name.
    `level` is a TrainerLevel (uncertified trainers hold none), `status` a TrainerStatus,
    `query` matches the name without diacritics or the exact cadre code."""
    if not has_any(user, Action.VIEW_TRAINERS):
        return []
    today = timezone.localdate()
    cadres = Cadre.objects.filter(in_scope_q(user, unit, "unit__path")).filter(
        Exists(held_certificates().filter(cadre=OuterRef("pk")))
        | Exists(ClassTrainer.objects.filter(cadre=OuterRef("pk")))
    )
    query = (query or "").strip()
    if query:
        cadres = cadres.filter(Q(search_name__contains=fold(query)) | Q(code__iexact=query))
    cadres = list(cadres.select_related("unit").order_by("full_name", "pk"))
    ids = [c.pk for c in cadres]
    certificates = best_certificates(ids, today)
    teaching = _teaching(ids)
    reach = cascade.reach_counts(ids) if ids else {}
    rows = []
    for cadre in cadres:
        certificate = certificates.get(cadre.pk)
        row = TrainerRow(
            cadre=cadre,
            certificate=certificate,
            status=certificate_status(certificate, today),
            reach=reach.get(cadre.pk, 0),
            **teaching.get(cadre.pk, {}),
        )
        if level and row.level != level:
            continue
        if status and row.status != status:
            continue
        rows.append(row)
    return rows
