"""Choosing a template for an issuance and freezing its look into a version."""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import CertificateTemplate, Kind, TemplateVersion
from certificates.pdf import CertificateFace, Stamper, TemplateDesign, master_compile
from organizations.models import OrgUnit

TEXT_FIELDS = (
    "title",
    "body",
    "signer_title",
    "signer_name",
    "page_size",
    "orientation",
    "serial_symbol",
    "place",
    "validity_years",
)
IMAGE_FIELDS = ("signature_image", "seal_image", "background_image")


class NoTemplate(Exception):
    """No active template of the kind covers the issuing unit."""

    def __init__(self, kind: str):
        super().__init__(
            _("Chưa có mẫu giấy chứng nhận loại “%(kind)s” cho đơn vị này.")
            % {"kind": Kind(kind).label}
        )


def template_for(*, kind: str, unit: OrgUnit) -> CertificateTemplate:
    """The nearest active template of `kind` owned by `unit` or an ancestor, else the
    nationwide one: a province's own design wins over the centre's within its subtree."""
    owners = Q(owner_unit__isnull=True)
    for depth in range(1, unit.depth + 1):
        owners |= Q(owner_unit__path=unit.path[: depth * OrgUnit.steplen])
    candidates = list(
        CertificateTemplate.objects.filter(owners, kind=kind, is_active=True).select_related(
            "owner_unit"
        )
    )
    if not candidates:
        raise NoTemplate(kind)
    return max(candidates, key=lambda t: (t.owner_unit.depth if t.owner_unit else 0, t.pk))


def _image_bytes(field) -> bytes | None:
    if not field:
        return None
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def _snapshot(template: CertificateTemplate) -> tuple[dict, dict[str, bytes | None]]:
    images = {name: _image_bytes(getattr(template, name)) for name in IMAGE_FIELDS}
    snapshot = {name: getattr(template, name) for name in TEXT_FIELDS}
    snapshot["kind"] = template.kind
    snapshot["images"] = {
        name: (hashlib.sha256(data).hexdigest() if data else "") for name, data in images.items()
    }
    return snapshot, images


def template_design(snapshot: dict, images: dict[str, bytes | None]) -> TemplateDesign:
    return TemplateDesign(
        title=snapshot["title"],
        signer_title=snapshot["signer_title"],
        signer_name=snapshot["signer_name"],
        page_size=snapshot["page_size"],
        orientation=snapshot["orientation"],
        signature_image=images.get("signature_image"),
        seal_image=images.get("seal_image"),
        background_image=images.get("background_image"),
    )


def template_version_for(*, template: CertificateTemplate) -> TemplateVersion:
    """The version matching the template as it is now, compiled once. Its master PDF holds
    the images as they were, so later edits or replaced image files change nothing issued."""
    snapshot, images = _snapshot(template)
    fingerprint = hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    existing = TemplateVersion.objects.filter(template=template, fingerprint=fingerprint).first()
    if existing is not None:
        return existing
    master = master_compile(template_design(snapshot, images))
    for _attempt in range(3):
        number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = TemplateVersion(
            template=template, number=number, fingerprint=fingerprint, snapshot=snapshot
        )
        version.master_pdf.save(
            f"template-{template.pk}-v{number}-{fingerprint[:12]}.pdf",
            ContentFile(master),
            save=False,
        )
        try:
            with transaction.atomic():
                version.save()
            return version
        except IntegrityError:
            found = TemplateVersion.objects.filter(
                template=template, fingerprint=fingerprint
            ).first()
            if found is not None:
                return found
    raise RuntimeError("template version numbering kept colliding")


def stamper_for(version_id: int, master_name: str | None = None) -> Stamper:
    """Parsing a master costs milliseconds; a worker keeps the recent ones. Versions never
    change; the cache is keyed by the stored master's name too, so a version id reused after
    a rollback (SQLite reuses ids) is never served another version's master."""
    if master_name is None:
        master_name = TemplateVersion.objects.values_list("master_pdf", flat=True).get(
            pk=version_id
        )
    return _stamper_cached(version_id, master_name)


@lru_cache(maxsize=32)
def _stamper_cached(version_id: int, master_name: str) -> Stamper:
    with TemplateVersion._meta.get_field("master_pdf").storage.open(master_name, "rb") as master:
        return Stamper.from_master(master.read())


SAMPLE = {
    "ho_ten": "Nguyễn Thị Ánh Tuyết",
    "ngay_sinh": "12/05/1998",
    "noi_dung": "Kỹ năng quản lý và điều phối hoạt động tình nguyện",
    "ket_qua": "Đạt (8,5 điểm)",
    "tu_ngay": "04/11/2026",
    "den_ngay": "06/11/2026",
    "don_vi": "Tỉnh Đoàn Lâm Đồng",
    "don_vi_cong_tac": "Đoàn xã Quảng Khê",
    "het_han": "06/11/2029",
}


def template_preview_pdf(*, template: CertificateTemplate) -> bytes:
    """The template as it is now, filled with sample data for its own unit (the centre for a
    nationwide one); nothing is stored."""
    from . import faces

    snapshot, images = _snapshot(template)
    stamper = Stamper.from_master(master_compile(template_design(snapshot, images)))
    unit = template.owner_unit or OrgUnit.get_first_root_node()
    sample = dict(SAMPLE)
    if unit is not None:
        sample["don_vi"] = unit.name
    with translation.override(settings.LANGUAGE_CODE):  # printed as it will be issued
        valid_until = (
            _("Có giá trị đến ngày %(date)s") % {"date": SAMPLE["het_han"]}
            if template.kind == Kind.TRAINER
            else ""
        )
        symbol = faces.serial_symbol(unit, template.serial_symbol) if unit else "GCN"
        face = CertificateFace(
            organisation=faces.ORGANISATION_LINES.get(unit.organisation, "") if unit else "",
            issuing_unit=faces.nfc(unit.name).upper() if unit else "",
            serial=_("Số: %(serial)s") % {"serial": f"125/{symbol}"},
            holder_name=SAMPLE["ho_ten"],
            body=faces.body_fill(template.body, sample),
            place_date=faces.place_date_text(
                template.place or (faces.place_of(unit) if unit else "Hà Nội"), None
            ),
            valid_until=valid_until,
            code="MẪU-XEM-TRƯỚC",
            verify_url="https://example.invalid/verify/",
        )
    return stamper.render(face)
