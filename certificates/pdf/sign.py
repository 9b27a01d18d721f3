"""Digital signatures of the issuing unit (PAdES B-B with pyHanko) and their validation.

A signature is appended as an incremental update, so the certificate's bytes stay as they
were under it. Validation never goes to the network: the trust root is given, revocation is
not fetched (a self-contained check that a PDF reader can repeat with the same root).
"""

import io
import logging

from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)


def pdf_sign(
    pdf: bytes,
    *,
    key_pem: bytes,
    cert_pem: bytes,
    passphrase: bytes | None = None,
    chain_pem: bytes | None = None,
    reason: str = "",
    location: str = "",
) -> bytes:
    """PAdES (B-B) signature with pyHanko, as an incremental update."""
    key = load_private_key_from_pemder_data(key_pem, passphrase=passphrase)
    cert = next(iter(load_certs_from_pemder_data(cert_pem)))
    chain = list(load_certs_from_pemder_data(chain_pem)) if chain_pem else []
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    existing = len(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures)
    meta = signers.PdfSignatureMetadata(
        field_name=f"Signature{existing + 1}",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def pdf_signature_valid(pdf: bytes, *, trust_pem: bytes) -> bool:
    """Whether every signature is intact and valid against the trust root, and the last one
    covers the whole file (nothing was appended after signing)."""
    roots = list(load_certs_from_pemder_data(trust_pem))
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return False
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        for signature in signatures:
            status = validate_pdf_signature(signature, signer_validation_context=context)
            if not (status.bottom_line and status.intact and status.valid and status.trusted):
                return False
        return signatures[-1].coverage == SignatureCoverageLevel.ENTIRE_FILE
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        logger.info("PDF signature not validated: %s", exc)
        return False
