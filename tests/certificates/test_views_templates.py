"""Template pages: who may edit which template, validation with nothing written, preview."""

import io
import os

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from certificates.models import CertificateTemplate
from certificates.services import certificates_issue_for_class
from tests.factories import UserFactory, make_certificate_template

pytestmark = pytest.mark.django_db


def _png(name="chu-ky.png", size=(40, 20), noise=False) -> SimpleUploadedFile:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGBA", size, (200, 0, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _data(**changes) -> dict:
    data = {
        "name": "Mẫu lớp tập huấn Lâm Đồng",
        "kind": "class",
        "owner_unit": "T68",
        "title": "GIẤY CHỨNG NHẬN",
        "body": "Chứng nhận đồng chí {ho_ten} đã hoàn thành lớp “{noi_dung}”.",
        "signer_title": "TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
        "signer_name": "Lê Thị Mai",
        "page_size": "A4",
        "orientation": "landscape",
        "serial_symbol": "",
        "place": "",
        "validity_years": "",
        "is_active": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def ld_template(tree):
    return make_certificate_template("class", owner_unit=tree["lam_dong"], name="Mẫu Lâm Đồng")


@pytest.fixture
def hn_template(tree):
    return make_certificate_template("class", owner_unit=tree["ha_noi"], name="Mẫu Hà Nội")


@pytest.fixture
def programme_staff(db):
    user = UserFactory(email="chuongtrinh@example.vn")
    user.user_permissions.add(Permission.objects.get(codename="change_certificatetemplate"))
    return user


def _create(client, **changes):
    return client.post(reverse("certificates:template_create"), _data(**changes))


# --- List and scope ---------------------------------------------------------------------


def test_an_organizer_lists_only_templates_of_their_subtree(
    client, organizer, ld_template, hn_template, templates
):
    client.force_login(organizer)
    response = client.get(reverse("certificates:templates"))
    assert response.status_code == 200
    assert "Mẫu Lâm Đồng" in response.text
    assert "Mẫu Hà Nội" not in response.text
    assert reverse("certificates:template_edit", args=[templates["class"].pk]) not in response.text


def test_programme_staff_also_edit_nationwide_templates(client, programme_staff, templates):
    client.force_login(programme_staff)
    response = client.get(reverse("certificates:templates"))
    assert reverse("certificates:template_edit", args=[templates["class"].pk]) in response.text
    edit = client.get(reverse("certificates:template_edit", args=[templates["class"].pk]))
    assert edit.status_code == 200


def test_another_provinces_template_is_a_404(client, other_organizer, ld_template):
    client.force_login(other_organizer)
    assert (
        client.get(reverse("certificates:template_edit", args=[ld_template.pk])).status_code == 404
    )
    url = reverse("certificates:template_preview", args=[ld_template.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("certificates:template_edit", args=[ld_template.pk]), _data(owner_unit="T01")
    )
    assert response.status_code == 404
    ld_template.refresh_from_db()
    assert ld_template.owner_unit.code == "T68"


def test_a_learner_has_no_template_pages(client, learner):
    client.force_login(learner)
    assert client.get(reverse("certificates:templates")).status_code == 403
    assert client.get(reverse("certificates:template_create")).status_code == 403


# --- Create and edit --------------------------------------------------------------------


def test_an_organizer_creates_a_template_for_their_province_with_a_signature(
    client, organizer, tree
):
    client.force_login(organizer)
    response = client.post(
        reverse("certificates:template_create"), {**_data(), "signature_image": _png()}
    )
    template = CertificateTemplate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:template_edit", args=[template.pk])
    assert template.owner_unit == tree["lam_dong"]
    assert template.updated_by == organizer
    assert template.signer_title == "TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    assert template.signature_image.name.endswith(".png")
    with template.signature_image.open("rb") as handle:
        assert Image.open(handle).format == "PNG"


def test_unknown_placeholders_are_named_and_nothing_is_written(client, organizer):
    client.force_login(organizer)
    response = _create(client, body="Chứng nhận {ho_tne} ({HoTen}) đã hoàn thành {noi_dung}.")
    assert response.status_code == 400
    assert "{ho_tne}" in response.text
    assert "{HoTen}" in response.text
    assert not CertificateTemplate.objects.exists()


def test_a_text_file_named_png_is_refused(client, organizer):
    client.force_login(organizer)
    fake = SimpleUploadedFile("con-dau.png", b"day khong phai la anh\n", content_type="image/png")
    response = client.post(reverse("certificates:template_create"), {**_data(), "seal_image": fake})
    assert response.status_code == 400
    assert "Tệp “con-dau.png” không phải ảnh PNG hoặc JPEG." in response.text
    assert not CertificateTemplate.objects.exists()


def test_an_image_over_two_megabytes_is_refused(client, organizer):
    client.force_login(organizer)
    big = _png("nen.png", size=(900, 900), noise=True)
    assert big.size > 2 * 1024 * 1024
    response = client.post(
        reverse("certificates:template_create"), {**_data(), "background_image": big}
    )
    assert response.status_code == 400
    assert "lớn hơn 2 MB" in response.text
    assert not CertificateTemplate.objects.exists()


def test_a_trainer_template_needs_a_validity(client, organizer):
    client.force_login(organizer)
    response = _create(client, kind="trainer", validity_years="")
    assert response.status_code == 400
    assert "cần thời hạn" in response.text
    assert not CertificateTemplate.objects.exists()
    assert _create(client, kind="trainer", validity_years="3").status_code == 302
    assert CertificateTemplate.objects.get().validity_years == 3


def test_an_organizer_cannot_make_a_nationwide_template_but_programme_staff_can(
    client, organizer, programme_staff
):
    client.force_login(organizer)
    response = _create(client, owner_unit="")
    assert response.status_code == 400
    assert "toàn quốc" in response.text
    assert not CertificateTemplate.objects.exists()
    client.force_login(programme_staff)
    assert _create(client, owner_unit="").status_code == 302
    assert CertificateTemplate.objects.get().owner_unit is None


def test_an_owner_unit_outside_the_scope_is_refused(client, organizer):
    client.force_login(organizer)
    response = _create(client, owner_unit="T01")
    assert response.status_code == 400
    assert "Không có đơn vị mã “T01”" in response.text
    assert not CertificateTemplate.objects.exists()


def test_editing_keeps_images_unless_removed(client, organizer, ld_template):
    client.force_login(organizer)
    url = reverse("certificates:template_edit", args=[ld_template.pk])
    client.post(url, {**_data(), "seal_image": _png("dau.png")})
    ld_template.refresh_from_db()
    assert ld_template.seal_image
    client.post(url, _data(signer_name="Nguyễn Văn Bình"))
    ld_template.refresh_from_db()
    assert ld_template.seal_image and ld_template.signer_name == "Nguyễn Văn Bình"
    client.post(url, {**_data(), "seal_image_clear": "on"})
    ld_template.refresh_from_db()
    assert not ld_template.seal_image


def test_a_used_template_cannot_change_kind(client, organizer, tree, class_ld):
    template = make_certificate_template("class", owner_unit=tree["lam_dong"])
    certificates_issue_for_class(actor=organizer, training_class=class_ld, kind="class")
    assert template.versions.exists()
    client.force_login(organizer)
    url = reverse("certificates:template_edit", args=[template.pk])
    response = client.post(url, _data(kind="trainer", validity_years="3"))
    assert response.status_code == 400
    assert "không đổi được loại" in response.text
    template.refresh_from_db()
    assert template.kind == "class"


# --- Preview ----------------------------------------------------------------------------


def test_the_preview_is_a_pdf_opened_inline(client, organizer, ld_template):
    client.force_login(organizer)
    response = client.get(reverse("certificates:template_preview", args=[ld_template.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")


def test_a_unit_cannot_make_its_own_course_template(client, organizer):
    client.force_login(organizer)
    response = _create(client, kind="course")
    assert response.status_code == 400
    assert "Trung ương" in response.text
    assert not CertificateTemplate.objects.exists()


def test_the_preview_speaks_for_the_templates_own_unit(client, organizer, ld_template):
    from tests.certificates.helpers import pdf_text

    client.force_login(organizer)
    response = client.get(reverse("certificates:template_preview", args=[ld_template.pk]))
    text = pdf_text(response.content)
    assert ld_template.owner_unit.name.upper() in text
    assert "Lâm Đồng, ngày" in text
