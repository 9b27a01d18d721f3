"""Bulk issuance for a class: preview, confirmation, the class PDF, repeats and errors."""

import pytest
from django.urls import reverse

from certificates.models import Certificate, IssueBatch
from tests.certificates.helpers import pdf_pages_text
from tests.factories import make_class, make_course

pytestmark = pytest.mark.django_db


def _url(training_class, kind=None):
    url = reverse("certificates:class_issue", args=[training_class.pk])
    return f"{url}?kind={kind}" if kind else url


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_class_page_links_organizers_to_issuance(client, organizer, class_ld):
    client.force_login(organizer)
    response = client.get(reverse("class_detail", args=[class_ld.pk]))
    assert _url(class_ld) in response.text


def test_the_preview_lists_who_will_and_will_not_receive_one_and_why(
    client, organizer, templates, class_ld
):
    client.force_login(organizer)
    response = client.get(_url(class_ld))
    assert response.status_code == 200
    rows = {c.participant.cadre.full_name: c for c in response.context["candidates"]}
    assert rows["Hoàng Thị Chưa Xong"].will_receive is False
    assert "Chưa được xác nhận hoàn thành lớp." in response.text
    assert response.context["receiving"] == 3
    assert "Xác nhận cấp 3 giấy chứng nhận" in response.text
    assert not Certificate.objects.exists()  # a preview writes nothing


def test_trainer_certification_is_offered_for_a_tot_course_only(
    client, organizer, templates, class_ld, tree
):
    client.force_login(organizer)
    assert 'value="trainer"' in client.get(_url(class_ld)).text
    course = make_course("Kỹ năng cơ bản", modules=1, lessons=1)
    plain = make_class(organizer, tree["lam_dong"], course, title="Lớp thường")
    assert 'value="trainer"' not in client.get(_url(plain)).text
    response = client.post(_url(plain), {"kind": "trainer"})
    assert response.status_code == 302
    assert not Certificate.objects.exists() and not IssueBatch.objects.exists()


def test_confirming_issues_to_the_eligible_and_shows_the_batch(
    client, organizer, templates, class_ld, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(class_ld), {"kind": "class"})
    assert response["Location"] == _url(class_ld, "class")
    response = client.get(response["Location"])
    assert "Đã cấp 3 giấy chứng nhận" in _messages(response)
    assert Certificate.objects.filter(training_class=class_ld).count() == 3
    batch = IssueBatch.objects.get()
    assert batch.issued_count == 3 and batch.pdf
    download = reverse("certificates:batch_pdf", args=[class_ld.pk, batch.pk])
    assert download in response.text
    assert response.context["refresh"] is None
    pdf = client.get(download)
    assert pdf.status_code == 200
    pages = pdf_pages_text(b"".join(pdf.streaming_content))
    assert len(pages) == 3
    assert any("Nguyễn Thị Hoa" in page for page in pages)


def test_while_the_class_pdf_is_being_made_the_page_says_so_and_refreshes(
    client, organizer, templates, class_ld
):
    client.force_login(organizer)
    client.post(_url(class_ld), {"kind": "class"})  # on-commit rendering never runs here
    response = client.get(_url(class_ld, "class"))
    assert "đang tạo" in response.text
    assert '<meta http-equiv="refresh"' in response.text
    batch = IssueBatch.objects.get()
    early = client.get(reverse("certificates:batch_pdf", args=[class_ld.pk, batch.pk]))
    assert early.status_code == 302


def test_a_second_confirmation_issues_nothing_twice(client, organizer, templates, class_ld):
    client.force_login(organizer)
    client.post(_url(class_ld), {"kind": "class"})
    serials = set(Certificate.objects.values_list("serial", flat=True))
    response = client.post(_url(class_ld), {"kind": "class"}, follow=True)
    assert "Không có giấy chứng nhận mới nào cần cấp." in _messages(response)
    assert set(Certificate.objects.values_list("serial", flat=True)) == serials
    assert len(serials) == 3
    assert "Đã có giấy chứng nhận số" in response.text
    assert [b.issued_count for b in response.context["batches"]] == [3]


def test_without_a_template_the_error_is_shown_and_nothing_is_written(client, organizer, class_ld):
    client.force_login(organizer)
    response = client.post(_url(class_ld), {"kind": "class"}, follow=True)
    assert "Chưa có mẫu giấy chứng nhận" in _messages(response)
    assert not Certificate.objects.exists()
    assert not IssueBatch.objects.exists()


def test_another_provinces_class_is_a_404(client, other_organizer, templates, class_ld):
    client.force_login(other_organizer)
    assert client.get(_url(class_ld)).status_code == 404
    assert client.post(_url(class_ld), {"kind": "class"}).status_code == 404
    assert not Certificate.objects.exists()


def test_a_viewer_cannot_issue(client, viewer, templates, class_ld):
    client.force_login(viewer)
    assert client.post(_url(class_ld), {"kind": "class"}).status_code == 404
    assert not Certificate.objects.exists()


def test_another_provinces_batch_pdf_is_a_404(
    client, organizer, other_organizer, templates, class_ld, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(class_ld), {"kind": "class"})
    batch = IssueBatch.objects.get()
    client.force_login(other_organizer)
    url = reverse("certificates:batch_pdf", args=[class_ld.pk, batch.pk])
    assert client.get(url).status_code == 404
