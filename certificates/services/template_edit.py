"""Creating and editing certificate templates, with every rule checked before anything is
written: a template that would print “{ho_tne}” on a thousand certificates, or embed a text
file renamed .png into every master PDF, is refused with a message naming the problem."""

import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from certificates.models import (
    PLACEHOLDERS,
    CertificateTemplate,
    Kind,
    Orientation,
    PageSize,
)
from organizations.models import OrgUnit
from organizations.permissions import Action, can

NATIONWIDE_PERMISSION = "certificates.change_certificatetemplate"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 20_000_000
MAX_VALIDITY_YEARS = 20
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
IMAGE_FIELDS = ("signature_image", "seal_image", "background_image")
REQUIRED_TEXT = ("name", "title", "body", "signer_title", "signer_name")
OPTIONAL_TEXT = ("serial_symbol", "place")
_ANY_FIELD = re.compile(r"\{([^{}]*)\}")


def may_edit_owner(user, owner_unit: OrgUnit | None) -> bool:
    """A unit's templates are edited by those who issue certificates there; nationwide ones
    by programme staff holding the model's change permission (and superusers)."""
    if owner_unit is None:
        return bool(user.is_active and user.has_perm(NATIONWIDE_PERMISSION))
    return can(user, Action.ISSUE_CERTIFICATES, owner_unit)


def unknown_placeholders(body: str) -> list[str]:
    """Text in braces the body would print literally: unknown names, and anything else in
    braces ({ho_tne}, {Ho_Ten}, {ho ten})."""
    return sorted({name for name in _ANY_FIELD.findall(body or "") if name not in PLACEHOLDERS})


def _image_problem(upload) -> tuple[str | None, str]:
    """(error message or None, file extension) for an uploaded image."""
    name = getattr(upload, "name", "") or _("ảnh")
    if upload.size > MAX_IMAGE_BYTES:
        return _("Ảnh “%(name)s” lớn hơn 2 MB.") % {"name": name}, ""
    not_image = _("Tệp “%(name)s” không phải ảnh PNG hoặc JPEG.") % {"name": name}
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return not_image, ""
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        return not_image, ""
    if width * height > MAX_IMAGE_PIXELS:
        return _("Ảnh “%(name)s” quá lớn (tối đa 20 triệu điểm ảnh).") % {"name": name}, ""
    return None, IMAGE_FORMATS[image_format]


def _clean_text(fields: dict, errors: dict) -> dict:
    values = {}
    for name in REQUIRED_TEXT:
        values[name] = (fields.get(name) or "").strip()
        if not values[name]:
            errors[name] = _("Không được để trống.")
    for name in OPTIONAL_TEXT:
        values[name] = (fields.get(name) or "").strip()
    choices = {"kind": Kind, "page_size": PageSize, "orientation": Orientation}
    for name, enum in choices.items():
        values[name] = fields.get(name) or ""
        if values[name] not in enum.values:
            errors[name] = _("Lựa chọn không hợp lệ.")
    unknown = unknown_placeholders(values["body"])
    if unknown:
        errors["body"] = _(
            "Nội dung có ô thay thế không dùng được: %(names)s. Các ô dùng được: %(known)s."
        ) % {
            "names": ", ".join("{" + name + "}" for name in unknown),
            "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
        }
    return values


def _clean_validity(fields: dict, kind: str, errors: dict) -> int | None:
    years = fields.get("validity_years")
    if kind != Kind.TRAINER:
        return None
    if years in (None, ""):
        errors["validity_years"] = _("Giấy chứng nhận giảng viên cần thời hạn (số năm).")
        return None
    try:
        years = int(years)
    except (TypeError, ValueError):
        years = 0
    if not 1 <= years <= MAX_VALIDITY_YEARS:
        errors["validity_years"] = _("Thời hạn từ 1 đến %(max)d năm.") % {"max": MAX_VALIDITY_YEARS}
    return years


def certificate_template_save(
    *,
    actor,
    template: CertificateTemplate | None = None,
    fields: dict,
    files: dict,
) -> CertificateTemplate:
    """Create (template=None) or update a template. `fields` holds the text fields, `kind`,
    `owner_unit` (an OrgUnit or None for nationwide) and `is_active`; `files` maps an image
    field to an upload (replace), False (remove) or None (keep). Raises ValidationError
    keyed by field, and writes nothing, when any rule fails."""
    if template is not None and not may_edit_owner(actor, template.owner_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa mẫu giấy chứng nhận này."))
    errors: dict[str, str] = {}
    owner_unit = fields.get("owner_unit")
    if not may_edit_owner(actor, owner_unit):
        errors["owner_unit"] = (
            _("Chỉ cán bộ chương trình được lập mẫu dùng chung toàn quốc; hãy chọn đơn vị.")
            if owner_unit is None
            else _("Đơn vị này không thuộc phạm vi cấp giấy chứng nhận của bạn.")
        )
    values = _clean_text(fields, errors)
    values["validity_years"] = _clean_validity(fields, values["kind"], errors)
    if values["kind"] == Kind.COURSE and owner_unit is not None:
        errors["kind"] = _(
            "Giấy chứng nhận hoàn thành khoá học trực tuyến do Trung ương cấp, theo mẫu dùng "
            "chung toàn quốc; đơn vị không lập mẫu riêng cho loại này."
        )
    if template is not None and template.kind != values["kind"] and template.versions.exists():
        errors["kind"] = _(
            "Mẫu đã dùng để cấp giấy chứng nhận không đổi được loại; hãy lập mẫu mới."
        )
    uploads = {}
    for name in IMAGE_FIELDS:
        upload = files.get(name)
        if upload:
            problem, extension = _image_problem(upload)
            if problem:
                errors[name] = problem
            else:
                uploads[name] = (upload, extension)
    if errors:
        raise ValidationError(errors)

    template = template or CertificateTemplate()
    for name, value in values.items():
        setattr(template, name, value)
    template.owner_unit = owner_unit
    template.is_active = bool(fields.get("is_active", True))
    template.updated_by = actor
    try:
        template.full_clean(exclude=IMAGE_FIELDS)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    with transaction.atomic():
        for name in IMAGE_FIELDS:
            if files.get(name) is False:
                setattr(template, name, "")
        for name, (upload, extension) in uploads.items():
            getattr(template, name).save(f"{secrets.token_hex(8)}.{extension}", upload, save=False)
        template.save()
    return template
