"""Trainer certificates for the registry and gap tests, issued through the services."""

import datetime

from django.utils import timezone

from certificates.achievements import trainer_key
from certificates.models import Kind, TrainerLevel
from certificates.services import Achievement, certificate_issue, certificate_revoke


def today() -> datetime.date:
    return timezone.localdate()


def days_from_today(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def certify(cadre, unit, *, ends_in: int | None = None, issued_on=None, level="provincial"):
    """A trainer certificate entered from paper. `ends_in`: days from today to its end
    (validity is CERTIFICATE_TRAINER_YEARS = 3 years from the issue date)."""
    if issued_on is None:
        end = days_from_today(ends_in)
        try:
            issued_on = end.replace(year=end.year - 3)
        except ValueError:
            issued_on = end.replace(year=end.year - 3, day=28)
    return certificate_issue(
        cadre=cadre,
        unit=unit,
        achievement=Achievement(
            key=trainer_key(level),
            kind=Kind.TRAINER,
            title=str(TrainerLevel(level).label),
            trainer_level=level,
        ),
        issued_on=issued_on,
    ).certificate


def revoke(certificate, actor):
    return certificate_revoke(actor=actor, certificate=certificate, reason="Cấp nhầm người.")
