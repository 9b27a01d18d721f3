"""Certificate PDFs: stamped from the version's master, stored privately, signed if set up.

Rendering runs in Celery after the issuing transaction commits. A certificate's PDF is
written once; running the task again finds it and does nothing.
"""

from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, CharField, Value, When
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, IssueBatch, Status
from certificates.pdf import pdf_sign

from .faces import face_of
from .templates import stamper_for

RENDER_CHUNK = 200


def queue_render(certificate_ids: list[int], *, batch_id: int | None = None) -> None:
    """After commit: the certificates' PDFs in chunks, then the batch's printable PDF."""
    from certificates.tasks import batch_pdf_render_task, certificates_pdf_render_task

    for start in range(0, len(certificate_ids), RENDER_CHUNK):
        chunk = certificate_ids[start : start + RENDER_CHUNK]
        transaction.on_commit(partial(certificates_pdf_render_task.delay, chunk))
    if batch_id is not None and certificate_ids:
        transaction.on_commit(partial(batch_pdf_render_task.delay, batch_id))


def _signing() -> dict | None:
    if not (settings.CERTIFICATE_SIGNING_KEY and settings.CERTIFICATE_SIGNING_CERT):
        return None
    with open(settings.CERTIFICATE_SIGNING_KEY, "rb") as key:
        key_pem = key.read()
    with open(settings.CERTIFICATE_SIGNING_CERT, "rb") as cert:
        cert_pem = cert.read()
    passphrase = settings.CERTIFICATE_SIGNING_PASSPHRASE.encode() or None
    return {"key_pem": key_pem, "cert_pem": cert_pem, "passphrase": passphrase}


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The certificate's PDF as it was issued (same master, same frozen data)."""
    return _pdf_bytes(certificate, _signing())


def _pdf_bytes(certificate: Certificate, signing: dict | None) -> bytes:
    version = certificate.template_version
    pdf = stamper_for(version.pk, version.master_pdf.name).render(face_of(certificate))
    if signing:
        pdf = pdf_sign(
            pdf,
            **signing,
            reason=f"{certificate.serial} — {certificate.data['issuing_unit']}",
            location=certificate.data["place_date"].split(",")[0],
        )
    return pdf


def certificates_pdf_render(*, certificate_ids: list[int]) -> int:
    """Write the missing PDFs among `certificate_ids`. Returns how many were written.

    The files are stored first, then recorded in one short transaction for the whole chunk
    (a commit per certificate cost more than stamping it). Rows are locked and re-read
    there, so a PDF another worker recorded meanwhile wins and ours is deleted."""
    todo = Certificate.objects.filter(pk__in=certificate_ids, pdf="").select_related(
        "template_version"
    )
    signing = _signing()
    storage = Certificate._meta.get_field("pdf").storage
    names: dict[int, str] = {}
    fresh: set[int] = set()
    try:
        for certificate in todo:
            names[certificate.pk] = storage.save(
                f"certificates/issued/{certificate.serial_year}/{certificate.code}.pdf",
                ContentFile(_pdf_bytes(certificate, signing)),
            )
        if names:
            fresh = _record(names, signed=signing is not None)
    finally:
        for pk, name in names.items():
            if pk not in fresh:
                storage.delete(name)
    return len(fresh)


def _record(names: dict[int, str], *, signed: bool) -> set[int]:
    """Record the stored PDFs of the certificates that still have none; returns their ids."""
    now = timezone.now()
    with transaction.atomic():
        fresh = set(
            Certificate.objects.select_for_update()
            .filter(pk__in=names, pdf="")
            .values_list("pk", flat=True)
        )
        if fresh:
            Certificate.objects.filter(pk__in=fresh).update(
                pdf=Case(
                    *(When(pk=pk, then=Value(names[pk])) for pk in fresh),
                    output_field=CharField(),
                ),
                pdf_signed=signed,
                pdf_rendered_at=now,
            )
        CertificateEvent.objects.bulk_create(
            CertificateEvent(certificate_id=pk, action=CertificateEvent.Action.RENDERED)
            for pk in sorted(fresh)
        )
    return fresh


def certificate_pdf_ensure(*, certificate: Certificate) -> Certificate:
    """For a download that arrives before the worker got to it."""
    if not certificate.pdf:
        certificates_pdf_render(certificate_ids=[certificate.pk])
        certificate.refresh_from_db()
    return certificate


def batch_pdf_render(*, batch_id: int) -> bool:
    """The class's printable PDF: every certificate of the batch still standing (current,
    not revoked), one page each, sharing fonts and images (a batch is issued in one call, so
    from one template version), signed like single certificates when a key is set."""
    batch = IssueBatch.objects.get(pk=batch_id)
    if batch.pdf:
        return False
    certificates = list(
        Certificate.objects.filter(batch=batch, is_current=True)
        .exclude(status=Status.REVOKED)
        .order_by("serial_number")
        .select_related("template_version")
    )
    if not certificates:
        return False
    version = certificates[0].template_version
    stamper = stamper_for(version.pk, version.master_pdf.name)
    content = stamper.render_many([face_of(c) for c in certificates])
    signing = _signing()
    if signing:
        unit = certificates[0].data["issuing_unit"]
        content = pdf_sign(content, **signing, reason=unit, location=unit)
    name = batch.pdf.storage.save(
        f"certificates/batches/{batch.created_at:%Y}/batch-{batch.pk}.pdf", ContentFile(content)
    )
    updated = IssueBatch.objects.filter(pk=batch.pk, pdf="").update(
        pdf=name, pdf_rendered_at=timezone.now()
    )
    if not updated:
        batch.pdf.storage.delete(name)
    return bool(updated)


def batch_pdf_refresh(*, batch_id: int | None) -> None:
    """A certificate of the batch was revoked or replaced: the class's printable PDF is
    made again after commit, without it."""
    if batch_id is None:
        return
    from certificates.tasks import batch_pdf_render_task

    batch = IssueBatch.objects.filter(pk=batch_id).first()
    if batch is None or not batch.pdf:
        return
    storage, stale = batch.pdf.storage, batch.pdf.name
    IssueBatch.objects.filter(pk=batch_id).update(pdf="", pdf_rendered_at=None)
    transaction.on_commit(lambda: storage.delete(stale))
    transaction.on_commit(partial(batch_pdf_render_task.delay, batch_id))
