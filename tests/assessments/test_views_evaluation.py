"""Unit evaluation pages: scope across provinces, read-only viewers, bad uploads, review."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    CriterionScore,
    EvaluationEvidence,
    EvaluationRound,
    UnitEvaluation,
)
from assessments.services.evaluations import (
    evaluation_approve,
    evaluation_evidence_add,
    evaluation_open,
    evaluation_scores_save,
    evaluation_submit,
)
from tests.factories import UserFactory, make_round

Status = UnitEvaluation.Status
PDF = b"%PDF-1.4\n%%EOF\n"


def _url(name, round_, unit):
    return reverse(f"assessments:{name}", args=[round_.pk, unit.code])


def _score_post(round_, values, action="save"):
    data = {"action": action}
    for criterion, value in zip(round_.criteria.order_by("sort_order"), values, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"note_{criterion.pk}"] = ""
    return data


@pytest.fixture
def draft(tree, round_, commune_organizer):
    return evaluation_open(actor=commune_organizer, round=round_, unit=tree["commune"])


@pytest.fixture
def submitted(draft, round_, commune_organizer):
    scores = {c.pk: (5, "") for c in round_.criteria.all()}
    evaluation_scores_save(actor=commune_organizer, evaluation=draft, scores=scores)
    return evaluation_submit(actor=commune_organizer, evaluation=draft)


@pytest.fixture
def evidence(draft, commune_organizer):
    return evaluation_evidence_add(
        actor=commune_organizer,
        evaluation=draft,
        file=SimpleUploadedFile("bien-ban-hop.pdf", PDF),
    )


# --- Pages ----------------------------------------------------------------------------------


def test_index_lists_rounds_scorecards_and_review_queue(client, tree, organizer, submitted):
    client.force_login(organizer)
    response = client.get(reverse("assessments:evaluation_index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Phiếu chờ bạn duyệt (1)" in body
    assert _url("evaluation_review", submitted.round, tree["commune"]) in body
    assert _url("evaluation_scorecard", submitted.round, tree["lam_dong"]) in body
    assert _url("evaluation_rollup", submitted.round, tree["lam_dong"]) in body


def test_index_without_any_role_is_forbidden(client, tree):
    client.force_login(UserFactory(email="khach@example.vn"))
    assert client.get(reverse("assessments:evaluation_index")).status_code == 403


def test_index_needs_login(client, db):
    response = client.get(reverse("assessments:evaluation_index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_start_fill_and_submit_through_the_scorecard(client, tree, round_, commune_organizer):
    client.force_login(commune_organizer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    page = client.get(url).content.decode()
    assert "Bắt đầu tự đánh giá" in page and "Kế hoạch hoạt động tình nguyện" in page

    client.post(url, {"action": "open"})
    evaluation = UnitEvaluation.objects.get(unit=tree["commune"])
    response = client.post(url, _score_post(round_, ["8", "15,5", "7"]))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.total == 30.5 and evaluation.status == Status.DRAFT
    assert 'value="15.5"' in client.get(url).content.decode()

    client.post(url, _score_post(round_, ["8", "15,5", "7"], action="submit"))
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SUBMITTED
    page = client.get(url).content.decode()
    assert "Lưu và nộp phiếu" not in page and "Đã nộp, chờ duyệt" in page


def test_out_of_range_score_shows_the_criterion_and_writes_nothing(
    client, tree, round_, commune_organizer, draft
):
    client.force_login(commune_organizer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    response = client.post(url, _score_post(round_, ["8", "25", "7"], action="submit"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "TC2. Đội hình tình nguyện thường xuyên" in body and "từ 0 đến 20" in body
    assert 'value="25"' in body  # what was typed is kept for correction
    assert not CriterionScore.objects.exists()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_submit_with_missing_criteria_keeps_the_draft_and_says_which(
    client, tree, round_, commune_organizer, draft
):
    client.force_login(commune_organizer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    response = client.post(url, _score_post(round_, ["8", "", ""], action="submit"))
    body = response.content.decode()
    assert "Chưa chấm điểm các tiêu chí" in body and "TC3" in body
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.total == 8


# --- Scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["evaluation_scorecard", "evaluation_review", "evaluation_rollup"])
def test_other_province_pages_are_404(client, tree, other_organizer, submitted, name):
    client.force_login(other_organizer)
    assert client.get(_url(name, submitted.round, tree["commune"])).status_code == 404
    assert client.post(_url(name, submitted.round, tree["commune"]), {}).status_code == 404


def test_other_province_evidence_is_404_and_stays(client, other_organizer, evidence):
    client.force_login(other_organizer)
    download = reverse("assessments:evaluation_evidence_download", args=[evidence.pk])
    remove = reverse("assessments:evaluation_evidence_remove", args=[evidence.pk])
    assert client.get(download).status_code == 404
    assert client.post(remove).status_code == 404
    assert EvaluationEvidence.objects.filter(pk=evidence.pk).exists()


def test_other_province_cannot_upload(client, tree, round_, other_organizer, draft):
    client.force_login(other_organizer)
    response = client.post(
        _url("evaluation_evidence_add", round_, tree["commune"]),
        {"file": SimpleUploadedFile("x.pdf", PDF)},
    )
    assert response.status_code == 404
    assert not EvaluationEvidence.objects.exists()


def test_future_round_is_404(client, tree, organizer):
    later = make_round(title="Đợt sau", opens_in=10)
    client.force_login(organizer)
    assert client.get(_url("evaluation_scorecard", later, tree["commune"])).status_code == 404


def test_viewer_reads_but_cannot_change(client, tree, round_, viewer, draft, evidence):
    client.force_login(viewer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lưu và nộp phiếu" not in body and "Tải lên" not in body
    assert "bien-ban-hop.pdf" in body
    assert client.post(url, _score_post(round_, ["1", "1", "1"])).status_code == 403
    assert not CriterionScore.objects.exists()
    download = reverse("assessments:evaluation_evidence_download", args=[evidence.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "bien-ban-hop.pdf" in response["Content-Disposition"]
    assert client.get(_url("evaluation_review", round_, tree["commune"])).status_code == 404


def test_viewer_cannot_start_a_scorecard(client, tree, round_, viewer):
    client.force_login(viewer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    assert "Bắt đầu tự đánh giá" not in client.get(url).content.decode()
    assert client.post(url, {"action": "open"}).status_code == 403
    assert not UnitEvaluation.objects.exists()


# --- Evidence -------------------------------------------------------------------------------


def test_upload_of_a_text_file_named_pdf_shows_a_vietnamese_error(
    client, tree, round_, commune_organizer, draft
):
    client.force_login(commune_organizer)
    response = client.post(
        _url("evaluation_evidence_add", round_, tree["commune"]),
        {"file": SimpleUploadedFile("bao-cao.pdf", b"chi la van ban thuong"), "criterion": ""},
    )
    assert response.status_code == 200
    assert "không phải tệp PDF thật" in response.content.decode()
    assert not EvaluationEvidence.objects.exists()
    assert not draft.events.exists()


def test_upload_for_a_criterion_then_download_and_remove(
    client, tree, round_, commune_organizer, draft
):
    client.force_login(commune_organizer)
    criterion = round_.criteria.order_by("sort_order").last()
    response = client.post(
        _url("evaluation_evidence_add", round_, tree["commune"]),
        {
            "file": SimpleUploadedFile("anh-hoat-dong.png", b"\x89PNG\r\n\x1a\nxx"),
            "criterion": str(criterion.pk),
        },
    )
    assert response.status_code == 302
    evidence = EvaluationEvidence.objects.get()
    assert evidence.criterion == criterion
    download = client.get(reverse("assessments:evaluation_evidence_download", args=[evidence.pk]))
    assert download["Content-Type"] == "image/png"
    client.post(reverse("assessments:evaluation_evidence_remove", args=[evidence.pk]))
    assert not EvaluationEvidence.objects.exists()


# --- Review ---------------------------------------------------------------------------------


def test_parent_organizer_approves_through_post(client, tree, organizer, submitted):
    client.force_login(organizer)
    url = _url("evaluation_review", submitted.round, tree["commune"])
    page = client.get(url).content.decode()
    assert "Duyệt phiếu" in page and "Trả lại kèm ý kiến" in page
    response = client.post(url, {"decision": "approve", "comment": "Đạt yêu cầu."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED and submitted.reviewed_by == organizer


def test_return_without_comment_shows_error_then_with_comment_returns(
    client, tree, round_, organizer, commune_organizer, submitted
):
    client.force_login(organizer)
    url = _url("evaluation_review", round_, tree["commune"])
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 200 and "ghi ý kiến" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED

    client.post(url, {"decision": "return", "comment": "Thiếu biên bản sinh hoạt."})
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED

    client.force_login(commune_organizer)
    page = client.get(_url("evaluation_scorecard", round_, tree["commune"])).content.decode()
    assert "Thiếu biên bản sinh hoạt." in page and "Lưu và nộp phiếu" in page


def test_submitter_sees_why_they_cannot_review_their_own(client, tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    scores = {c.pk: (5, "") for c in round_.criteria.all()}
    evaluation_scores_save(actor=organizer, evaluation=evaluation, scores=scores)
    evaluation_submit(actor=organizer, evaluation=evaluation)
    client.force_login(organizer)
    url = _url("evaluation_review", round_, tree["commune"])
    page = client.get(url).content.decode()
    assert "người nộp phiếu" in page and 'value="approve"' not in page
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200 and "người nộp phiếu" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SUBMITTED


def test_commune_organizer_cannot_review_own_unit(client, tree, commune_organizer, submitted):
    client.force_login(commune_organizer)
    url = _url("evaluation_review", submitted.round, tree["commune"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


# --- Roll-up --------------------------------------------------------------------------------


def test_rollup_page_shows_approved_average_children_and_trend(
    client, tree, round_, organizer, viewer, submitted
):
    evaluation_approve(actor=organizer, evaluation=submitted)  # 15 of 40 → 37.5 %
    client.force_login(viewer)
    index = client.get(reverse("assessments:evaluation_index")).content.decode()
    assert _url("evaluation_rollup", round_, tree["lam_dong"]) in index
    assert "Phiếu tự đánh giá" not in index  # a viewer fills no scorecard
    response = client.get(_url("evaluation_rollup", round_, tree["lam_dong"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "37,5%" in body
    assert _url("evaluation_rollup", round_, tree["commune"]) in body
    assert "Xu hướng qua các đợt" in body and round_.title in body
    assert "width:37.5%" in body


def test_saving_after_the_deadline_says_so_and_writes_nothing(
    client, tree, round_, commune_organizer, draft
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    EvaluationRound.objects.filter(pk=round_.pk).update(
        opens_on=yesterday - datetime.timedelta(days=30), closes_on=yesterday
    )
    client.force_login(commune_organizer)
    url = _url("evaluation_scorecard", round_, tree["commune"])
    response = client.post(url, _score_post(round_, ["1", "1", "1"]))
    assert response.status_code == 200
    assert "đã hết hạn nộp" in response.content.decode()
    assert "Lưu và nộp phiếu" not in response.content.decode()
    assert not CriterionScore.objects.exists()
