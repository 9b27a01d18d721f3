"""Where the trainer network has holes, for a viewer's subtree: units with no active
trainer, trained trainers who never ran a class, classes taught after the trainer's
certification ended (or by a trainer never certified). Each list is one or two queries.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    TextChoices,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, Kind, Status
from certificates.selectors_trainers import (
    TrainerStatus,
    best_certificates,
    certificate_status,
    held_certificates,
    in_scope_q,
)
from certificates.trainers import active_q, expired_q
from courses.models import ClassParticipant, ClassTrainer
from organizations.models import Cadre, OrgUnit
from organizations.permissions import Action, has_any, root_paths


class TeachingGap(TextChoices):
    EXPIRED = "expired", _("Dạy khi chứng nhận đã hết hạn")
    UNCERTIFIED = "uncertified", _("Chưa được chứng nhận")


@dataclass
class UnitGap:
    """A unit whose subtree holds no active trainer; `lapsed`: its trainers whose
    certificate expired (the first to recertify)."""

    unit: OrgUnit
    lapsed: int = 0


@dataclass
class IdleTrainer:
    """A trained or certified trainer who never taught a class, since `since`."""

    cadre: Cadre
    certified_on: datetime.date | None
    trained_on: datetime.date | None
    tot_class: str
    certificate: Certificate | None
    status: str

    @property
    def since(self) -> datetime.date | None:
        return min((d for d in (self.certified_on, self.trained_on) if d), default=None)

    @property
    def status_label(self) -> str:
        return TrainerStatus(self.status).label


@dataclass
class LapsedTeaching:
    """A class taught without a certification in force when it started."""

    trainer: ClassTrainer
    reason: str
    expired_on: datetime.date | None = None

    @property
    def days_after(self) -> int | None:
        if self.expired_on is None:
            return None
        return (self.trainer.training_class.start_date - self.expired_on).days

    @property
    def reason_label(self) -> str:
        return TeachingGap(self.reason).label


@dataclass
class Gaps:
    units: list[UnitGap] = field(default_factory=list)
    idle: list[IdleTrainer] = field(default_factory=list)
    lapsed: list[LapsedTeaching] = field(default_factory=list)


def _trainer_certificates():
    return Certificate.objects.filter(kind=Kind.TRAINER).exclude(status=Status.REVOKED)


def _roots(user, unit: OrgUnit | None) -> list[OrgUnit]:
    if unit is not None:
        return [unit]
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(OrgUnit.get_root_nodes())
    return list(OrgUnit.objects.filter(path__in=root_paths(user, Action.VIEW_TRAINERS)))


def units_without_trainer(
    *, user, unit: OrgUnit | None = None, level: str | None = None
) -> list[UnitGap]:
    """Active units at `level` (default: the units right below the viewer's root, or below
    `unit`) whose subtree holds no cadre with an active trainer certificate."""
    today = timezone.localdate()
    roots = _roots(user, unit)
    if not roots:
        return []
    where = Q(pk__in=[])
    for root in roots:
        if level:
            where |= Q(path__startswith=root.path, level=level)
        else:
            where |= Q(path__startswith=root.path, depth=root.depth + 1)
    below = {"cadre__unit__path__startswith": OuterRef("path")}
    active = held_certificates().filter(active_q(today), **below)
    lapsed = (
        held_certificates()
        .filter(expired_q(today), **below)
        .order_by()
        .values("kind")
        .annotate(n=Count("cadre_id", distinct=True))
        .values("n")
    )
    units = (
        OrgUnit.objects.filter(where, in_scope_q(user, None, "path"), is_active=True)
        .exclude(Exists(active))
        .annotate(lapsed=Coalesce(Subquery(lapsed, output_field=IntegerField()), Value(0)))
        .order_by("path")
    )
    return [UnitGap(unit=u, lapsed=u.lapsed) for u in units]


def idle_trainers(*, user, unit: OrgUnit | None = None) -> list[IdleTrainer]:
    """Holders of a trainer certificate and cadres who completed a ToT class who appear
    in no class as a trainer; longest idle first."""
    today = timezone.localdate()
    tot_done = ClassParticipant.objects.filter(
        cadre=OuterRef("pk"), completed_at__isnull=False, training_class__course__is_tot=True
    ).order_by("completed_at", "pk")
    certified = _trainer_certificates().filter(cadre=OuterRef("pk")).order_by()
    cadres = list(
        Cadre.objects.filter(in_scope_q(user, unit, "unit__path"))
        .filter(Exists(held_certificates().filter(cadre=OuterRef("pk"))) | Exists(tot_done))
        .exclude(Exists(ClassTrainer.objects.filter(cadre=OuterRef("pk"))))
        .annotate(
            certified_on=Subquery(
                certified.values("cadre_id").annotate(first=Min("issued_on")).values("first")
            ),
            trained_at=Subquery(tot_done.values("completed_at")[:1]),
            tot_class=Subquery(tot_done.values("training_class__code")[:1]),
        )
        .select_related("unit")
    )
    certificates = best_certificates([c.pk for c in cadres], today)
    rows = []
    for cadre in cadres:
        certificate = certificates.get(cadre.pk)
        trained_on = timezone.localdate(cadre.trained_at) if cadre.trained_at else None
        rows.append(
            IdleTrainer(
                cadre=cadre,
                certified_on=cadre.certified_on,
                trained_on=trained_on,
                tot_class=cadre.tot_class or "",
                certificate=certificate,
                status=certificate_status(certificate, today),
            )
        )
    rows.sort(key=lambda r: (r.since or today, r.cadre.full_name, r.cadre.pk))
    return rows


def lapsed_teaching(*, user, unit: OrgUnit | None = None) -> list[LapsedTeaching]:
    """Classes whose trainer held no certification in force when the class started: the
    latest end date of the trainer's certificates (not revoked) issued by then had passed,
    or the trainer was never certified. Most recent class first."""
    trainer_certs = _trainer_certificates().filter(cadre=OuterRef("cadre_id"))
    ended = (
        trainer_certs.filter(issued_on__lte=OuterRef("training_class__start_date"))
        .order_by("-valid_until")
        .values("valid_until")[:1]
    )
    rows = (
        ClassTrainer.objects.filter(in_scope_q(user, unit, "cadre__unit__path"))
        .annotate(held=Exists(trainer_certs), ended=Subquery(ended))
        .filter(Q(held=False) | Q(ended__lt=F("training_class__start_date")))
        .select_related("cadre__unit", "training_class__host_unit")
        .order_by("-training_class__start_date", "cadre__full_name", "pk")
    )
    return [
        LapsedTeaching(trainer=row, reason=TeachingGap.UNCERTIFIED)
        if not row.held
        else LapsedTeaching(trainer=row, reason=TeachingGap.EXPIRED, expired_on=row.ended)
        for row in rows
    ]


def trainer_gaps(*, user, unit: OrgUnit | None = None, level: str | None = None) -> Gaps:
    """The three gap lists of the user's VIEW_TRAINERS scope, within `unit` when given;
    `level` is the organisational level of the units listed without an active trainer."""
    if not has_any(user, Action.VIEW_TRAINERS):
        return Gaps()
    return Gaps(
        units=units_without_trainer(user=user, unit=unit, level=level),
        idle=idle_trainers(user=user, unit=unit),
        lapsed=lapsed_teaching(user=user, unit=unit),
    )
