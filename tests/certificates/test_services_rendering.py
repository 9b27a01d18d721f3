"""Certificate PDFs: written once after commit, with the holder's name as issued."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate, CertificateEvent, IssueBatch, TemplateVersion
from certificates.services import (
    batch_pdf_render,
    certificate_issue,
    certificate_pdf_bytes,
    certificate_pdf_ensure,
    certificates_issue_for_class,
    certificates_pdf_render,
    template_preview_pdf,
)
from certificates.services.achievements import course_achievement
from certificates.services.faces import display_code
from tests.certificates.helpers import pdf_pages_text, pdf_text, stored
from tests.factories import CadreFactory, make_course

pytestmark = pytest.mark.django_db

RENDERED = CertificateEvent.Action.RENDERED
NAME = "Trương Nguyễn Ngọc Diệp Hữu Đức"


@pytest.fixture
def cert(templates, tree):
    """A course certificate whose PDF has not been rendered yet (nothing committed)."""
    course = make_course("Kỹ năng điều phối tình nguyện", modules=1, lessons=1)
    cadre = CadreFactory(unit=tree["commune"], full_name=NAME)
    return certificate_issue(
        cadre=cadre, unit=tree["lam_dong"], achievement=course_achievement(course)
    ).certificate


def test_render_writes_each_pdf_once(cert):
    assert not cert.pdf

    assert certificates_pdf_render(certificate_ids=[cert.pk]) == 1
    cert.refresh_from_db()
    name, rendered_at = cert.pdf.name, cert.pdf_rendered_at
    assert name and rendered_at is not None
    assert stored(cert.pdf).startswith(b"%PDF-")
    assert cert.pdf_signed is False

    assert certificates_pdf_render(certificate_ids=[cert.pk]) == 0
    cert.refresh_from_db()
    assert (cert.pdf.name, cert.pdf_rendered_at) == (name, rendered_at)
    assert CertificateEvent.objects.filter(certificate=cert, action=RENDERED).count() == 1


def test_pdf_text_contains_the_holders_name_exactly(cert):
    certificates_pdf_render(certificate_ids=[cert.pk])
    cert.refresh_from_db()

    text = pdf_text(stored(cert.pdf))

    assert NAME in text
    assert cert.serial in text
    assert display_code(cert.code) in text
    assert "Kỹ năng điều phối tình nguyện" in text


def test_stored_pdf_is_what_the_certificate_renders_to(cert):
    certificates_pdf_render(certificate_ids=[cert.pk])
    cert.refresh_from_db()
    assert stored(cert.pdf) == certificate_pdf_bytes(cert)
    assert len(stored(cert.pdf)) < 100_000


def test_pdf_ensure_renders_a_missing_pdf_for_a_download(cert):
    ensured = certificate_pdf_ensure(certificate=cert)
    assert ensured.pdf and NAME in pdf_text(stored(ensured.pdf))
    name = ensured.pdf.name
    assert certificate_pdf_ensure(certificate=ensured).pdf.name == name
    assert CertificateEvent.objects.filter(certificate=cert, action=RENDERED).count() == 1


def test_nothing_is_rendered_before_the_issuing_transaction_commits(
    templates, organizer, class_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert callbacks  # queued for after the commit
    assert not Certificate.objects.exclude(pdf="").exists()
    batch.refresh_from_db()
    assert not batch.pdf


def test_bulk_issuance_renders_every_pdf_and_the_class_pdf_after_commit(
    templates, organizer, class_ld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    certs = list(batch.certificates.order_by("serial_number"))
    assert len(certs) == 3
    for cert in certs:
        assert cert.pdf and cert.data["holder_name"] in pdf_text(stored(cert.pdf))
    assert CertificateEvent.objects.filter(action=RENDERED).count() == 3
    batch.refresh_from_db()
    assert batch.pdf and batch.pdf_rendered_at is not None
    pages = pdf_pages_text(stored(batch.pdf))
    assert len(pages) == 3
    for page, cert in zip(pages, certs, strict=True):
        assert cert.data["holder_name"] in page and cert.serial in page


def test_batch_pdf_has_one_page_per_certificate_and_is_written_once(templates, organizer, class_ld):
    batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    assert batch_pdf_render(batch_id=batch.pk) is True
    batch.refresh_from_db()
    content = stored(batch.pdf)
    assert len(PdfReader(io.BytesIO(content)).pages) == batch.certificates.count() == 3
    names = {c.data["holder_name"] for c in batch.certificates.all()}
    for name in names:
        assert name in pdf_text(content)

    assert batch_pdf_render(batch_id=batch.pk) is False
    batch.refresh_from_db()
    assert stored(batch.pdf) == content


def test_an_empty_batch_has_no_pdf(templates, organizer, class_ld):
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    empty = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert batch_pdf_render(batch_id=empty.pk) is False
    assert not IssueBatch.objects.get(pk=empty.pk).pdf


def test_template_preview_shows_sample_data_and_stores_nothing(templates):
    content = template_preview_pdf(template=templates["class"])
    text = pdf_text(content)
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert "Trần Quốc Hưng" in text
    assert not TemplateVersion.objects.exists()
    assert not Certificate.objects.exists()


def test_pdf_is_the_same_whatever_language_the_reader_uses(cert):
    vietnamese = certificate_pdf_bytes(cert)
    with translation.override("en"):
        assert certificate_pdf_bytes(cert) == vietnamese
        ensured = certificate_pdf_ensure(certificate=cert)
    assert stored(ensured.pdf) == vietnamese
    assert f"Số: {cert.serial}" in pdf_text(vietnamese)


def test_the_class_pdf_is_made_again_without_a_revoked_certificate(
    templates, organizer, class_ld, cadre_ld, django_capture_on_commit_callbacks
):
    from certificates.services import certificate_revoke

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    batch.refresh_from_db()
    assert len(pdf_pages_text(stored(batch.pdf))) == 3
    revoked = Certificate.objects.get(cadre=cadre_ld)

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(actor=organizer, certificate=revoked, reason="Cấp nhầm.")

    batch.refresh_from_db()
    pages = pdf_pages_text(stored(batch.pdf))
    assert len(pages) == 2
    assert not any(revoked.data["holder_name"] in page for page in pages)


def test_issuing_again_after_the_template_is_retired_returns_what_is_held(
    templates, organizer, class_ld
):
    first = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    templates["class"].is_active = False
    templates["class"].save()

    again = certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")

    assert first.issued_count == 3
    assert again.issued_count == 0
    assert Certificate.objects.count() == 3
