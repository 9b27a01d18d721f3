"""Digital signatures of the issuing unit on certificate PDFs (PAdES B-B, pyHanko)."""

import io

import pytest
from pypdf import PdfReader

from certificates.pdf import Stamper, TemplateDesign, master_compile, pdf_sign, pdf_signature_valid

from .pdf_helpers import face, key_and_certificate


@pytest.fixture(scope="module")
def unit_key():
    return key_and_certificate("Ban Thường vụ Tỉnh đoàn Lâm Đồng")


@pytest.fixture(scope="module")
def certificate_pdf() -> bytes:
    design = TemplateDesign(
        title="GIẤY CHỨNG NHẬN",
        signer_title="TM. BAN THƯỜNG VỤ\nBÍ THƯ",
        signer_name="Trần Thị Thu Hà",
        page_size="A4",
        orientation="landscape",
    )
    return Stamper.from_master(master_compile(design)).render(face())


@pytest.fixture(scope="module")
def signed(certificate_pdf, unit_key) -> bytes:
    key_pem, cert_pem = unit_key
    return pdf_sign(
        certificate_pdf,
        key_pem=key_pem,
        cert_pem=cert_pem,
        reason="Cấp giấy chứng nhận",
        location="Lâm Đồng",
    )


def test_signed_certificate_validates_against_the_unit_certificate(signed, unit_key):
    assert pdf_signature_valid(signed, trust_pem=unit_key[1])


def test_signature_is_an_incremental_update_of_the_certificate(signed, certificate_pdf):
    assert signed.startswith(certificate_pdf)
    reader = PdfReader(io.BytesIO(signed), strict=True)
    assert "Nguyễn Thị Ánh Tuyết" in reader.pages[0].extract_text()
    field = reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    assert field["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    assert field["/V"]["/Reason"] == "Cấp giấy chứng nhận"


def test_a_byte_changed_in_the_certificate_fails_validation(signed, certificate_pdf, unit_key):
    content = certificate_pdf.rindex(b"stream\n") + len(b"stream\n") + 40
    tampered = bytearray(signed)
    tampered[content] ^= 0x01

    assert not pdf_signature_valid(bytes(tampered), trust_pem=unit_key[1])


def test_a_changed_document_entry_fails_validation(signed, unit_key):
    # The catalog's language tag is plain text inside the signed range.
    assert b"/Lang (vi)" in signed
    tampered = signed.replace(b"/Lang (vi)", b"/Lang (en)", 1)

    assert not pdf_signature_valid(tampered, trust_pem=unit_key[1])


def test_bytes_appended_after_signing_fail_validation(signed, unit_key):
    assert not pdf_signature_valid(signed + b"\n% added later\n", trust_pem=unit_key[1])


def test_an_unsigned_certificate_is_not_valid(certificate_pdf, unit_key):
    assert not pdf_signature_valid(certificate_pdf, trust_pem=unit_key[1])


def test_a_signature_by_another_key_is_not_trusted(certificate_pdf, unit_key):
    other_key, other_cert = key_and_certificate("Đơn vị khác")

    signed = pdf_sign(certificate_pdf, key_pem=other_key, cert_pem=other_cert)

    assert pdf_signature_valid(signed, trust_pem=other_cert)
    assert not pdf_signature_valid(signed, trust_pem=unit_key[1])


def test_a_key_protected_by_a_passphrase_signs(certificate_pdf):
    key_pem, cert_pem = key_and_certificate("Tỉnh đoàn", passphrase=b"mat-khau")

    signed = pdf_sign(certificate_pdf, key_pem=key_pem, cert_pem=cert_pem, passphrase=b"mat-khau")

    assert pdf_signature_valid(signed, trust_pem=cert_pem)
