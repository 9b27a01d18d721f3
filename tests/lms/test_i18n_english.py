"""English pages come from our catalog, and the catalog has no untranslated entry."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(autouse=True)
def _back_to_default_language():
    # LocaleMiddleware leaves the last request's language active in this thread.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def _po_entries():
    """Each entry of the catalog as (fields, flags); fields maps msgid, msgstr[0]… to text."""
    entries = []
    for block in PO_FILE.read_text(encoding="utf-8").strip().split("\n\n"):
        fields, flags, key = {}, set(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        entries.append((fields, flags))
    return entries


def _messages():
    return [fields for fields, _ in _po_entries() if fields.get("msgid")]


def test_login_page_is_english_after_switching_language(client):
    _switch_to_english(client)
    response = client.get(reverse("account_login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert "Log in" in body
    assert "Forgot your password?" in body
    assert "Đăng nhập" not in body
    assert "Quên mật khẩu?" not in body


def test_unit_page_shows_english_labels(client, organizer):
    client.force_login(organizer)
    _switch_to_english(client)
    response = client.get(reverse("unit_detail", args=["T68"]))
    body = response.content.decode()
    assert response.status_code == 200
    for english in (
        "Add cadre",
        "Edit unit",
        "Add subordinate unit",
        "Subordinate units",
        "0 cadres",
        "This unit has no cadres yet.",
        "Province/city",
        "Ho Chi Minh Communist Youth Union",
        "Mountain",
        "Units and cadres",
        "Log out",
    ):
        assert english in body, english
    for vietnamese in ("Thêm cán bộ", "Sửa đơn vị", "Đơn vị trực thuộc", "Miền núi", "Đăng xuất"):
        assert vietnamese not in body, vietnamese
    # Names of units are data, not interface text: they stay as entered.
    assert "Tỉnh Đoàn Lâm Đồng" in body


def test_vietnamese_is_the_default(client, organizer):
    login = client.get(reverse("account_login")).content.decode()
    assert '<html lang="vi">' in login
    assert "Đăng nhập" in login
    assert "Quên mật khẩu?" in login
    assert "Forgot your password?" not in login

    client.force_login(organizer)
    unit = client.get(reverse("unit_detail", args=["T68"])).content.decode()
    assert "Thêm cán bộ" in unit
    assert "Miền núi" in unit
    assert "Add cadre" not in unit


def test_every_catalog_entry_is_translated_and_not_fuzzy():
    entries = _po_entries()
    assert len(entries) > 100
    fuzzy = [fields.get("msgid") for fields, flags in entries if "fuzzy" in flags]
    assert not fuzzy, f"fuzzy entries in {PO_FILE.name}: {fuzzy}"
    untranslated = [
        fields["msgid"]
        for fields in _messages()
        if not all(text for key, text in fields.items() if key.startswith("msgstr"))
    ]
    assert not untranslated, f"untranslated entries in {PO_FILE.name}: {untranslated}"


def test_compiled_catalog_matches_the_po_file():
    """The committed .mo is what production loads: it must hold every current translation."""
    stale = []
    with translation.override("en"):
        for fields in _messages():
            msgid, context = fields["msgid"], fields.get("msgctxt")
            if "msgid_plural" in fields:
                plural = fields["msgid_plural"]
                got = [
                    translation.npgettext(context, msgid, plural, n)
                    if context
                    else translation.ngettext(msgid, plural, n)
                    for n in (1, 2)
                ]
                want = [fields["msgstr[0]"], fields["msgstr[1]"]]
            else:
                got = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
                want = fields["msgstr"]
            if got != want:
                stale.append(msgid)
    assert not stale, f"recompile {PO_FILE.with_suffix('.mo').name}; stale: {stale}"
