from .register import Certificate, CertificateEvent, IssueBatch, SerialBook, Status
from .templates import (
    PLACEHOLDERS,
    CertificateTemplate,
    Kind,
    Orientation,
    PageSize,
    TemplateVersion,
    TrainerLevel,
)

__all__ = [
    "PLACEHOLDERS",
    "Certificate",
    "CertificateEvent",
    "CertificateTemplate",
    "IssueBatch",
    "Kind",
    "Orientation",
    "PageSize",
    "SerialBook",
    "Status",
    "TemplateVersion",
    "TrainerLevel",
]
