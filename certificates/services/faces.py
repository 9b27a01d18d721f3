"""What a certificate says: the data frozen at issuance and the printed face built from it."""

import datetime
import re
import unicodedata

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.pdf import CertificateFace
from organizations.models import Level, Organisation, OrgUnit

PLACE_PREFIXES = ("Tỉnh Đoàn ", "Thành Đoàn ", "Hội LHTN Việt Nam ", "Hội Sinh viên Việt Nam ")
SERIAL_SYMBOLS = {
    Level.CENTRAL: "GCN-TWĐ",
    Level.PROVINCE: "GCN-TĐ",
    Level.DISTRICT: "GCN-HĐ",
    Level.GRASSROOTS: "GCN-ĐTN",
    Level.BRANCH: "GCN-CĐ",
}
ORGANISATION_LINES = {
    Organisation.DOAN: "ĐOÀN TNCS HỒ CHÍ MINH",
    Organisation.HOI_LHTN: "HỘI LIÊN HIỆP THANH NIÊN VIỆT NAM",
    Organisation.HOI_SV: "HỘI SINH VIÊN VIỆT NAM",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", str(text or ""))


def date_text(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def place_of(unit: OrgUnit) -> str:
    """The place name written before the date: the province of the issuing unit."""
    province = unit
    if unit.level not in (Level.CENTRAL, Level.PROVINCE):
        province = (
            OrgUnit.objects.filter(level=Level.PROVINCE, path__in=_ancestor_paths(unit)).first()
            or unit
        )
    if province.level == Level.CENTRAL:
        return "Hà Nội"
    name = province.name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :].removeprefix("tỉnh ").removeprefix("thành phố ")
    return name


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    return [unit.path[: depth * OrgUnit.steplen] for depth in range(1, unit.depth)]


def serial_symbol(unit: OrgUnit, template_symbol: str) -> str:
    return template_symbol or SERIAL_SYMBOLS.get(unit.level, "GCN")


def place_date_text(place: str, day: datetime.date | None) -> str:
    if day is None:
        return _("%(place)s, ngày … tháng … năm …") % {"place": place}
    return _("%(place)s, ngày %(d)02d tháng %(m)02d năm %(y)d") % {
        "place": place,
        "d": day.day,
        "m": day.month,
        "y": day.year,
    }


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FIELD = re.compile(r"\{([a-z_]+)\}")


def body_fill(body: str, values: dict[str, str]) -> str:
    """Fill {placeholders}; an unknown one is printed as written rather than failing."""
    safe = {k: str(v) for k, v in values.items()}
    return nfc(_FIELD.sub(lambda m: _Keep(safe)[m.group(1)], body))


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(raw: str) -> str:
    return re.sub(r"[^A-Z2-7]", "", (raw or "").upper())


def verify_url(code: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("certificates:verify", args=[code])


def face_of(certificate) -> CertificateFace:
    """The printed face comes only from the frozen data, never from live records, and is
    always in the language of the certificate, whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _face(certificate)


def _face(certificate) -> CertificateFace:
    data = certificate.data
    return CertificateFace(
        organisation=data["organisation_line"],
        issuing_unit=data["issuing_unit_line"],
        serial=_("Số: %(serial)s") % {"serial": certificate.serial},
        holder_name=data["holder_name"],
        body=data["body"],
        place_date=data["place_date"],
        valid_until=data.get("valid_until_line", ""),
        code=display_code(certificate.code),
        verify_url=verify_url(certificate.code),
    )
