"""The certificate PDF engine: a master per template version, certificates stamped from it.

    master = master_compile(design)            # slow (WeasyPrint), once per template version
    stamper = Stamper.from_master(master)      # parse once, cache per version
    pdf = stamper.render(face)                 # fast, one certificate
    pdf = stamper.render_many(faces)           # one printable PDF for a class
    pdf = pdf_sign(pdf, key_pem=..., cert_pem=...)   # PAdES B-B, when a key is configured

A pure library: no models, no database. See docs/decisions/0010-certificate-pdfs.md.
"""

from .design import CertificateFace, TemplateDesign
from .master import certificate_html, html_pdf, master_compile, prepared
from .sign import pdf_sign, pdf_signature_valid
from .stamp import Stamper

__all__ = [
    "CertificateFace",
    "Stamper",
    "TemplateDesign",
    "certificate_html",
    "html_pdf",
    "master_compile",
    "pdf_sign",
    "pdf_signature_valid",
    "prepared",
]
