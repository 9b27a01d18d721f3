"""Trainer certification rules shared by issuance, the class preview and the trainer registry.

A trainer certificate is active while it is valid by date; in its last
TRAINER_EXPIRY_WARNING_DAYS it is "expiring", and a ToT class held after it was issued then
recertifies the trainer early instead of making them wait for it to lapse.
"""

import datetime

from django.conf import settings
from django.db.models import Q

from certificates.models import Certificate, Kind, Status, TrainerLevel

LEVEL_RANK = {TrainerLevel.CENTRAL: 3, TrainerLevel.PROVINCIAL: 2, TrainerLevel.GRASSROOTS: 1}


def warning_end(today: datetime.date) -> datetime.date:
    """The last end date that still counts as expiring soon."""
    return today + datetime.timedelta(days=settings.TRAINER_EXPIRY_WARNING_DAYS)


def active_q(today: datetime.date, prefix: str = "") -> Q:
    """Trainer certificates valid today (`effective_status` in SQL); `prefix` leads from
    another model to the certificate, e.g. "certificates__"."""
    return Q(**{f"{prefix}status": Status.VALID}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
    )


def expired_q(today: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Status.EXPIRED}) | Q(
        **{f"{prefix}status": Status.VALID, f"{prefix}valid_until__lt": today}
    )


def renewal_due(
    certificate: Certificate,
    *,
    class_id: int | None,
    class_end: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Whether issuing the trainer certificate of a ToT class recertifies a holder whose
    certificate is still valid: only in its last warning days, and only through a class
    that ended after the certificate was issued (not the class it came from), so running
    an old class's issuance again renews nobody."""
    return (
        certificate.kind == Kind.TRAINER
        and certificate.status == Status.VALID
        and certificate.valid_until is not None
        and today <= certificate.valid_until <= warning_end(today)
        and class_id is not None
        and class_id != certificate.training_class_id
        and class_end is not None
        and class_end >= certificate.issued_on
    )
