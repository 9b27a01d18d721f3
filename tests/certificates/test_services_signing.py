"""With a signing key configured, every stored certificate PDF carries the issuing
organisation's PAdES signature, and a changed byte breaks it."""

import pytest

from certificates.models import Kind
from certificates.pdf import pdf_signature_valid
from certificates.services import Achievement, certificate_issue

from .pdf_helpers import key_and_certificate


@pytest.fixture
def signing(settings, tmp_path):
    key_pem, cert_pem = key_and_certificate("Tỉnh Đoàn Lâm Đồng — ký số")
    (tmp_path / "key.pem").write_bytes(key_pem)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "key.pem")
    settings.CERTIFICATE_SIGNING_CERT = str(tmp_path / "cert.pem")
    return cert_pem


def _issue(tree, cadre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue(
            cadre=cadre,
            unit=tree["lam_dong"],
            achievement=Achievement(key="class:999", kind=Kind.CLASS, title="Lớp ký số"),
        )
    certificate = issued.certificate
    certificate.refresh_from_db()
    return certificate


def test_stored_pdf_is_signed_and_validates(
    signing, templates, tree, cadre_ld, django_capture_on_commit_callbacks
):
    certificate = _issue(tree, cadre_ld, django_capture_on_commit_callbacks)
    with certificate.pdf.open("rb") as stored:
        content = stored.read()
    assert certificate.pdf_signed is True
    assert pdf_signature_valid(content, trust_pem=signing)


def test_tampered_stored_pdf_fails_validation(
    signing, templates, tree, cadre_ld, django_capture_on_commit_callbacks
):
    certificate = _issue(tree, cadre_ld, django_capture_on_commit_callbacks)
    with certificate.pdf.open("rb") as stored:
        content = stored.read()
    at = content.index(b"/Creator") if b"/Creator" in content else len(content) // 3
    tampered = content[:at] + bytes([content[at] ^ 0x01]) + content[at + 1 :]
    assert not pdf_signature_valid(tampered, trust_pem=signing)


def test_without_a_key_pdfs_are_not_signed(
    templates, tree, cadre_ld, django_capture_on_commit_callbacks
):
    certificate = _issue(tree, cadre_ld, django_capture_on_commit_callbacks)
    assert certificate.pdf_signed is False
    assert certificate.pdf
