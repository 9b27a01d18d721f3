"""Issuing certificates: one per achievement, numbered per issuing unit and year.

Every issuance, single or for a whole class, goes through `_issue_many`: it locks the
issuing unit's serial book for the year, skips achievements that already hold a current
certificate, numbers the rest consecutively and queues their PDFs after commit. The lock
makes concurrent issuers take turns; the partial unique constraint on current certificates
is the backstop when two units issue the same achievement at once.
"""

import base64
import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.models import (
    Certificate,
    CertificateEvent,
    IssueBatch,
    Kind,
    SerialBook,
    Status,
    TemplateVersion,
)
from certificates.signals import register_changed
from certificates.trainers import renewal_due
from organizations.models import Cadre, OrgUnit

from . import faces
from .templates import template_for, template_version_for


@dataclass
class Achievement:
    """What a certificate attests, in words frozen at issuance."""

    key: str
    kind: str
    title: str
    result: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    course_id: int | None = None
    class_id: int | None = None
    trainer_level: str = ""


@dataclass
class Issued:
    certificate: Certificate
    created: bool


@dataclass
class _Plan:
    cadre: Cadre
    achievement: Achievement
    replaces: Certificate | None = None
    valid_until: datetime.date | None = None
    data: dict = field(default_factory=dict)


def new_code() -> str:
    """80 random bits as 16 base-32 characters: unguessable, and still typeable from paper."""
    return base64.b32encode(secrets.token_bytes(10)).decode()


def _lock_book(unit: OrgUnit, year: int) -> SerialBook:
    SerialBook.objects.bulk_create([SerialBook(unit=unit, year=year)], ignore_conflicts=True)
    return SerialBook.objects.select_for_update().get(unit=unit, year=year)


def _valid_until(version: TemplateVersion, kind: str, day: datetime.date) -> datetime.date | None:
    if kind != Kind.TRAINER:
        return None
    years = version.snapshot.get("validity_years") or settings.CERTIFICATE_TRAINER_YEARS
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _data(plan: _Plan, *, unit: OrgUnit, version: TemplateVersion, day, valid_until, place) -> dict:
    cadre, achievement = plan.cadre, plan.achievement
    values = {
        "ho_ten": faces.nfc(cadre.full_name),
        "ngay_sinh": faces.date_text(cadre.date_of_birth),
        "noi_dung": faces.nfc(achievement.title),
        "ket_qua": faces.nfc(achievement.result),
        "tu_ngay": faces.date_text(achievement.start),
        "den_ngay": faces.date_text(achievement.end),
        "don_vi": faces.nfc(unit.name),
        "don_vi_cong_tac": faces.nfc(cadre.unit.name),
        "het_han": faces.date_text(valid_until),
    }
    return {
        "holder_name": values["ho_ten"],
        "date_of_birth": values["ngay_sinh"],
        "holder_unit": values["don_vi_cong_tac"],
        "achievement": values["noi_dung"],
        "result": values["ket_qua"],
        "start_date": values["tu_ngay"],
        "end_date": values["den_ngay"],
        "issuing_unit": values["don_vi"],
        "organisation_line": faces.ORGANISATION_LINES.get(unit.organisation, ""),
        "issuing_unit_line": faces.nfc(unit.name).upper(),
        "body": faces.body_fill(version.snapshot["body"], values),
        "place_date": faces.place_date_text(place, day),
        "valid_until_line": (
            _("Có giá trị đến ngày %(date)s") % {"date": values["het_han"]} if valid_until else ""
        ),
        "template": version.template.name,
        "template_version": version.number,
    }


def _create(plans, *, unit, version, book, actor, batch, today) -> list[Certificate]:
    symbol = faces.serial_symbol(unit, version.snapshot.get("serial_symbol", ""))
    place = version.snapshot.get("place") or faces.place_of(unit)
    rows = []
    for plan in plans:
        book.last_number += 1
        valid_until = plan.valid_until or _valid_until(version, plan.achievement.kind, today)
        with translation.override(settings.LANGUAGE_CODE):
            data = _data(
                plan, unit=unit, version=version, day=today, valid_until=valid_until, place=place
            )
        rows.append(
            Certificate(
                code=new_code(),
                kind=plan.achievement.kind,
                cadre=plan.cadre,
                achievement=plan.achievement.key,
                course_id=plan.achievement.course_id,
                training_class_id=plan.achievement.class_id,
                trainer_level=plan.achievement.trainer_level,
                issuing_unit=unit,
                serial_year=book.year,
                serial_number=book.last_number,
                serial=f"{book.last_number}/{symbol}",
                template_version=version,
                data=data,
                issued_on=today,
                issued_by=actor,
                batch=batch,
                valid_until=valid_until,
                replaces=plan.replaces,
            )
        )
    created = Certificate.objects.bulk_create(rows)
    book.save(update_fields=["last_number"])
    if created:
        register_changed.send(sender=Certificate, since=min(c.issued_on for c in created))
    return created


def _retire(old: Certificate, *, actor, note: str, today: datetime.date) -> bool:
    """Take the old certificate out of the current slot; a revoked or expired one (also one
    past its end date the nightly job has not marked yet) keeps that status, a valid one
    becomes replaced. False when a concurrent issuance already took it out."""
    if _is_expired(old, today):
        status = Status.EXPIRED
    else:
        status = Status.REPLACED if old.status == Status.VALID else old.status
    if not Certificate.objects.filter(pk=old.pk, is_current=True).update(
        is_current=False, status=status
    ):
        return False
    if status == Status.EXPIRED and old.status != Status.EXPIRED:
        CertificateEvent.objects.create(certificate=old, action=CertificateEvent.Action.EXPIRED)
    CertificateEvent.objects.create(
        certificate=old, action=CertificateEvent.Action.REPLACED, actor=actor, note=note
    )
    return True


def _renewal(existing: Certificate, achievement: Achievement, today) -> str | None:
    """Why a bulk issuance renews the current certificate (the audit note), or None: an
    expired one always, a valid trainer certificate in its last warning days when the
    class recertifies it (`certificates.trainers.renewal_due`)."""
    if _is_expired(existing, today):
        return _("Cấp mới sau khi hết hạn.")
    if renewal_due(existing, class_id=achievement.class_id, class_end=achievement.end, today=today):
        return _("Tái chứng nhận trước khi hết hạn.")
    return None


def _is_expired(cert: Certificate, today: datetime.date) -> bool:
    """Expired, recorded or by date alone; a revoked certificate stays revoked."""
    return cert.status == Status.EXPIRED or (
        cert.status == Status.VALID and cert.valid_until is not None and cert.valid_until < today
    )


def _issue_many(
    *,
    unit: OrgUnit,
    kind: str,
    items: list[tuple[Cadre, Achievement]],
    actor=None,
    batch: IssueBatch | None = None,
    renew: bool = False,
    replace: Certificate | None = None,
    note: str = "",
    issued_on: datetime.date | None = None,
) -> list[Issued]:
    from .rendering import queue_render

    today = issued_on or timezone.localdate()
    if replace is None:
        held = _all_held(items, renew=renew, today=today)
        if held is not None:
            return held
    version = template_version_for(template=template_for(kind=kind, unit=unit))
    with transaction.atomic():
        book = _lock_book(unit, today.year)
        current = {
            (c.cadre_id, c.achievement): c
            for c in Certificate.objects.filter(
                is_current=True,
                cadre_id__in=[cadre.pk for cadre, _a in items],
                achievement__in={a.key for _c, a in items},
            )
        }
        results: dict[int, Issued] = {}
        plans: list[_Plan] = []
        for cadre, achievement in items:
            existing = current.get((cadre.pk, achievement.key))
            renewal = _renewal(existing, achievement, today) if existing and renew else None
            if replace is not None and existing is not None and existing.pk == replace.pk:
                if _retire(existing, actor=actor, note=note, today=today):
                    plans.append(
                        _Plan(
                            cadre, achievement, replaces=existing, valid_until=existing.valid_until
                        )
                    )
            elif renewal is not None:
                if _retire(existing, actor=actor, note=renewal, today=today):
                    plans.append(_Plan(cadre, achievement, replaces=existing))
            elif existing is not None:
                results[cadre.pk] = Issued(existing, False)
            else:
                plans.append(_Plan(cadre, achievement))
        created = _create_guarded(
            plans, unit=unit, version=version, book=book, actor=actor, batch=batch, today=today
        )
        for cert in created:
            results[cert.cadre_id] = Issued(cert, True)
        action = CertificateEvent.Action.REISSUED if replace else CertificateEvent.Action.ISSUED
        CertificateEvent.objects.bulk_create(
            CertificateEvent(certificate=c, action=action, actor=actor, note=note) for c in created
        )
        if batch is not None:
            IssueBatch.objects.filter(pk=batch.pk).update(issued_count=len(created))
            batch.issued_count = len(created)
        queue_render([c.pk for c in created], batch_id=batch.pk if batch else None)
    return [results[cadre.pk] for cadre, _a in items if cadre.pk in results]


def _all_held(items, *, renew: bool, today) -> list[Issued] | None:
    """When every achievement already holds a current certificate (none due for renewal),
    the answer needs neither a template nor the serial lock: a repeated issuance still
    returns the certificates after the template was retired."""
    current = {
        (c.cadre_id, c.achievement): c
        for c in Certificate.objects.filter(
            is_current=True,
            cadre_id__in=[cadre.pk for cadre, _a in items],
            achievement__in={a.key for _c, a in items},
        )
    }
    held = [current.get((cadre.pk, achievement.key)) for cadre, achievement in items]
    if any(
        c is None or (renew and _renewal(c, achievement, today) is not None)
        for c, (_cadre, achievement) in zip(held, items, strict=True)
    ):
        return None
    return [Issued(c, False) for c in held]


def _create_guarded(plans, **kwargs) -> list[Certificate]:
    """Create in one statement; if another unit raced us to one of these achievements, fall
    back to one savepoint per certificate and leave the raced ones out."""
    if not plans:
        return []
    book = kwargs["book"]
    start = book.last_number
    try:
        with transaction.atomic():
            return _create(plans, **kwargs)
    except IntegrityError:
        book.last_number = start
    created = []
    for plan in plans:
        try:
            with transaction.atomic():
                created += _create([plan], **kwargs)
        except IntegrityError:
            book.last_number -= 1
    return created


def certificate_issue(
    *,
    cadre: Cadre,
    unit: OrgUnit,
    achievement: Achievement,
    actor=None,
    issued_on: datetime.date | None = None,
) -> Issued:
    """Issue one certificate, or return the current one for the same achievement.
    `issued_on` enters a certificate issued earlier on paper, numbered in its own year."""
    issued = _issue_many(
        unit=unit,
        kind=achievement.kind,
        items=[(cadre, achievement)],
        actor=actor,
        issued_on=issued_on,
    )
    if not issued:
        current = Certificate.objects.get(cadre=cadre, achievement=achievement.key, is_current=True)
        return Issued(current, False)
    return issued[0]
