import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import (
    CriterionScore,
    EvaluationEvent,
    EvaluationEvidence,
    EvaluationRound,
    UnitEvaluation,
)
from assessments.selectors.evaluations import (
    evaluation_for_unit,
    review_queue,
    round_rollup,
    rounds_for_unit,
    unit_trend,
)
from assessments.services.evaluations import (
    evaluation_approve,
    evaluation_evidence_add,
    evaluation_evidence_remove,
    evaluation_open,
    evaluation_return,
    evaluation_scores_save,
    evaluation_submit,
)
from organizations.models import Role
from tests.factories import UserFactory, grant, make_round, unit_child

Status = UnitEvaluation.Status
Event = EvaluationEvent.Action


@pytest.fixture
def admin(db):
    return UserFactory(email="quantri@example.vn", is_superuser=True)


def _scores(round_, *values, note=""):
    criteria = list(round_.criteria.order_by("sort_order"))
    return {c.pk: (v, note) for c, v in zip(criteria, values, strict=True)}


def _submitted(actor, round_, unit, *values):
    evaluation = evaluation_open(actor=actor, round=round_, unit=unit)
    evaluation_scores_save(actor=actor, evaluation=evaluation, scores=_scores(round_, *values))
    return evaluation_submit(actor=actor, evaluation=evaluation)


def _approved(submitter, reviewer, round_, unit, *values):
    evaluation = _submitted(submitter, round_, unit, *values)
    return evaluation_approve(actor=reviewer, evaluation=evaluation)


def _events(evaluation):
    return list(evaluation.events.values_list("action", flat=True))


def _pdf(name="bien-ban.pdf", size=None):
    content = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    if size:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _office(name, part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


# --- Workflow -----------------------------------------------------------------------------


def test_full_workflow_draft_submit_return_resubmit_approve(
    tree, round_, commune_organizer, organizer
):
    evaluation = evaluation_open(actor=commune_organizer, round=round_, unit=tree["commune"])
    assert evaluation.status == Status.DRAFT and evaluation.max_total == 40

    evaluation_scores_save(
        actor=commune_organizer, evaluation=evaluation, scores=_scores(round_, 8, 15, "7,5")
    )
    evaluation = evaluation_submit(actor=commune_organizer, evaluation=evaluation)
    assert evaluation.status == Status.SUBMITTED
    assert evaluation.submitted_by == commune_organizer

    evaluation = evaluation_return(
        actor=organizer, evaluation=evaluation, comment="Bổ sung minh chứng tiêu chí TC2."
    )
    assert evaluation.status == Status.RETURNED
    assert evaluation.review_comment == "Bổ sung minh chứng tiêu chí TC2."

    evaluation_scores_save(
        actor=commune_organizer, evaluation=evaluation, scores=_scores(round_, 8, 12, "7,5")
    )
    evaluation = evaluation_submit(actor=commune_organizer, evaluation=evaluation)
    evaluation = evaluation_approve(actor=organizer, evaluation=evaluation, comment="Đạt.")

    assert evaluation.status == Status.APPROVED and evaluation.reviewed_by == organizer
    assert evaluation.total == Decimal("27.50") and evaluation.percent == Decimal("68.75")
    assert _events(evaluation) == [
        Event.SAVED,
        Event.SUBMITTED,
        Event.RETURNED,
        Event.SAVED,
        Event.SUBMITTED,
        Event.APPROVED,
    ]
    assert evaluation.events.get(action=Event.RETURNED).actor == organizer


def test_opening_twice_gives_the_same_scorecard(tree, round_, organizer):
    first = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    again = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    assert first.pk == again.pk
    assert UnitEvaluation.objects.count() == 1


def test_saving_the_same_scores_again_writes_no_second_event(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    for _ in range(2):
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores=_scores(round_, 1, 2, 3)
        )
    assert _events(evaluation) == [Event.SAVED]


def test_unit_level_outside_the_round_is_refused(tree, organizer):
    round_ = make_round(levels=["grassroots"])
    with pytest.raises(ValidationError, match="không áp dụng cho đơn vị cấp"):
        evaluation_open(actor=organizer, round=round_, unit=tree["lam_dong"])
    assert not UnitEvaluation.objects.exists()


# --- Scores ---------------------------------------------------------------------------------


def test_score_above_maximum_names_the_criterion_and_saves_nothing(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    with pytest.raises(ValidationError) as caught:
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores=_scores(round_, 5, 21, 3)
        )
    assert "TC2. Đội hình tình nguyện thường xuyên" in caught.value.messages[0]
    assert "từ 0 đến 20" in caught.value.messages[0]
    assert not CriterionScore.objects.exists()
    assert not evaluation.events.exists()


@pytest.mark.parametrize("bad", ["-1", "abc", "7.555", "NaN"])
def test_bad_scores_are_refused(tree, round_, organizer, bad):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    with pytest.raises(ValidationError, match="TC1"):
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores=_scores(round_, bad, 1, 1)
        )
    assert not CriterionScore.objects.exists()


def test_criterion_of_another_round_is_refused(tree, round_, organizer):
    other = make_round(title="Đợt khác")
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    stranger = other.criteria.first()
    with pytest.raises(ValidationError, match="không thuộc đợt đánh giá này"):
        evaluation_scores_save(
            actor=organizer,
            evaluation=evaluation,
            scores={**_scores(round_, 1, 1, 1), stranger.pk: (1, "")},
        )
    assert not CriterionScore.objects.exists()


def test_totals_follow_saved_scores_and_blank_clears_one(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    evaluation_scores_save(
        actor=organizer, evaluation=evaluation, scores=_scores(round_, 10, 10, 10)
    )
    evaluation.refresh_from_db()
    assert (evaluation.total, evaluation.max_total, evaluation.percent) == (30, 40, 75)
    first = round_.criteria.order_by("sort_order").first()
    evaluation_scores_save(actor=organizer, evaluation=evaluation, scores={first.pk: ("", "")})
    evaluation.refresh_from_db()
    assert evaluation.total == 20 and evaluation.percent == 50
    assert evaluation.scores.count() == 2


def test_note_without_a_score_is_refused(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    first = round_.criteria.order_by("sort_order").first()
    with pytest.raises(ValidationError, match="nhập điểm để lưu ghi chú"):
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores={first.pk: ("", "Có biên bản")}
        )


def test_submit_lists_the_criteria_still_unscored(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    first = round_.criteria.order_by("sort_order").first()
    evaluation_scores_save(actor=organizer, evaluation=evaluation, scores={first.pk: (5, "")})
    with pytest.raises(ValidationError) as caught:
        evaluation_submit(actor=organizer, evaluation=evaluation)
    message = caught.value.messages[0]
    assert "TC2" in message and "TC3" in message and "TC1" not in message
    evaluation.refresh_from_db()
    assert evaluation.status == Status.DRAFT


def test_double_submit_changes_the_scorecard_once(tree, round_, organizer):
    evaluation = _submitted(organizer, round_, tree["commune"], 1, 2, 3)
    stale = UnitEvaluation.objects.get(pk=evaluation.pk)
    stale.status = Status.DRAFT  # a second tab that still shows the draft
    again = evaluation_submit(actor=organizer, evaluation=stale)
    assert again.status == Status.SUBMITTED
    assert _events(evaluation).count(Event.SUBMITTED) == 1


def test_submitted_scorecard_cannot_be_edited(tree, round_, organizer):
    evaluation = _submitted(organizer, round_, tree["commune"], 1, 2, 3)
    with pytest.raises(ValidationError, match="chờ đơn vị cấp trên duyệt"):
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores=_scores(round_, 9, 9, 9)
        )


# --- Window ---------------------------------------------------------------------------------


def test_round_not_yet_open_cannot_be_started(tree, organizer):
    round_ = make_round(opens_in=3, closes_in=30)
    with pytest.raises(ValidationError, match="chưa mở"):
        evaluation_open(actor=organizer, round=round_, unit=tree["commune"])


def test_after_the_deadline_nothing_can_be_saved_or_submitted(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    evaluation_scores_save(actor=organizer, evaluation=evaluation, scores=_scores(round_, 1, 2, 3))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    EvaluationRound.objects.filter(pk=round_.pk).update(
        opens_on=yesterday - datetime.timedelta(days=30), closes_on=yesterday
    )
    evaluation = UnitEvaluation.objects.get(pk=evaluation.pk)
    with pytest.raises(ValidationError, match="đã hết hạn nộp"):
        evaluation_scores_save(
            actor=organizer, evaluation=evaluation, scores=_scores(round_, 4, 4, 4)
        )
    with pytest.raises(ValidationError, match="đã hết hạn nộp"):
        evaluation_submit(actor=organizer, evaluation=evaluation)
    with pytest.raises(ValidationError, match="đã hết hạn nộp"):
        evaluation_evidence_add(actor=organizer, evaluation=evaluation, file=_pdf())
    evaluation.refresh_from_db()
    assert evaluation.status == Status.DRAFT and evaluation.total == 6


# --- Permissions ----------------------------------------------------------------------------


def test_ha_noi_organizer_can_neither_open_nor_see_lam_dong(
    tree, round_, organizer, other_organizer
):
    with pytest.raises(PermissionDenied):
        evaluation_open(actor=other_organizer, round=round_, unit=tree["commune"])
    evaluation = _submitted(organizer, round_, tree["commune"], 1, 2, 3)
    with pytest.raises(PermissionDenied):
        evaluation_scores_save(
            actor=other_organizer, evaluation=evaluation, scores=_scores(round_, 0, 0, 0)
        )
    with pytest.raises(PermissionDenied):
        evaluation_approve(actor=other_organizer, evaluation=evaluation)
    assert evaluation_for_unit(other_organizer, round=round_, unit=tree["commune"]) is None
    assert rounds_for_unit(user=other_organizer, unit=tree["commune"]) == []
    assert list(review_queue(user=other_organizer)) == []
    assert round_rollup(user=other_organizer, round=round_, unit=tree["lam_dong"]) is None
    assert unit_trend(user=other_organizer, unit=tree["lam_dong"]) == []


def test_reviewer_must_hold_scope_over_the_parent(tree, round_, commune_organizer, organizer):
    commune = _submitted(commune_organizer, round_, tree["commune"], 1, 2, 3)
    colleague = UserFactory(email="phobithu.quangkhe@example.vn")
    grant(colleague, Role.ORGANIZER, tree["commune"])
    with pytest.raises(PermissionDenied, match="đơn vị cấp trên"):
        evaluation_approve(actor=colleague, evaluation=commune)

    province = _submitted(organizer, round_, tree["lam_dong"], 1, 2, 3)
    second = UserFactory(email="tochuc2.lamdong@example.vn")
    grant(second, Role.ORGANIZER, tree["lam_dong"])
    with pytest.raises(PermissionDenied):
        evaluation_approve(actor=second, evaluation=province)  # Lâm Đồng's parent is central
    central_organizer = UserFactory(email="tochuc@trunguong.example.vn")
    grant(central_organizer, Role.ORGANIZER, tree["central"])
    assert evaluation_approve(actor=central_organizer, evaluation=province).status == (
        Status.APPROVED
    )
    assert evaluation_approve(actor=organizer, evaluation=commune).status == Status.APPROVED


def test_submitter_cannot_approve_or_return_their_own_submission(tree, round_, organizer):
    evaluation = _submitted(organizer, round_, tree["commune"], 1, 2, 3)
    with pytest.raises(PermissionDenied, match="người nộp phiếu"):
        evaluation_approve(actor=organizer, evaluation=evaluation)
    with pytest.raises(PermissionDenied, match="người nộp phiếu"):
        evaluation_return(actor=organizer, evaluation=evaluation, comment="Sửa lại")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SUBMITTED


def test_root_unit_is_reviewed_only_by_a_superuser(tree, admin):
    round_ = make_round(levels=["central"])
    central_organizer = UserFactory(email="tochuc@trunguong.example.vn")
    grant(central_organizer, Role.ORGANIZER, tree["central"])
    evaluation = _submitted(central_organizer, round_, tree["central"], 1, 2, 3)
    with pytest.raises(PermissionDenied, match="quản trị hệ thống"):
        evaluation_approve(actor=central_organizer, evaluation=evaluation)
    assert evaluation_approve(actor=admin, evaluation=evaluation).status == Status.APPROVED


def test_return_requires_a_comment(tree, round_, commune_organizer, organizer):
    evaluation = _submitted(commune_organizer, round_, tree["commune"], 1, 2, 3)
    with pytest.raises(ValidationError, match="ghi ý kiến"):
        evaluation_return(actor=organizer, evaluation=evaluation, comment="   ")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SUBMITTED


def test_only_submitted_scorecards_are_reviewed(tree, round_, commune_organizer, organizer):
    evaluation = evaluation_open(actor=commune_organizer, round=round_, unit=tree["commune"])
    with pytest.raises(ValidationError, match="phiếu đã nộp"):
        evaluation_approve(actor=organizer, evaluation=evaluation)
    assert not evaluation.events.exists()


def test_double_approval_writes_one_event(tree, round_, commune_organizer, organizer):
    evaluation = _approved(commune_organizer, organizer, round_, tree["commune"], 1, 2, 3)
    evaluation_approve(actor=organizer, evaluation=evaluation)
    assert _events(evaluation).count(Event.APPROVED) == 1


# --- Evidence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload",
    [
        lambda: _pdf(),
        lambda: SimpleUploadedFile("anh.JPG", b"\xff\xd8\xff\xe0" + b"0" * 32),
        lambda: SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32),
        lambda: _office("bao-cao.docx", "word/document.xml"),
        lambda: _office("so-lieu.xlsx", "xl/workbook.xml"),
    ],
)
def test_allowed_evidence_types_are_stored_under_a_random_name(tree, round_, organizer, upload):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    file = upload()
    evidence = evaluation_evidence_add(actor=organizer, evaluation=evaluation, file=file)
    assert evidence.name == file.name
    assert file.name not in evidence.file.name
    assert evidence.file.read()[:2] == file.open().read()[:2]
    assert _events(evaluation) == [Event.EVIDENCE_ADDED]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("bien-ban.pdf", b"Day la van ban thuong"),
            "không phải tệp PDF",
        ),
        (lambda: _office("so-lieu.docx", "xl/workbook.xml"), "không phải tệp DOCX"),
        (lambda: SimpleUploadedFile("ghi-chu.txt", b"%PDF-1.4"), "chỉ nhận tệp PDF"),
        (lambda: SimpleUploadedFile("chuong-trinh.exe", b"MZ\x90\x00"), "chỉ nhận tệp PDF"),
        (lambda: SimpleUploadedFile("rong.pdf", b""), "rỗng"),
        (lambda: _pdf(size=10 * 1024 * 1024 + 1), "vượt giới hạn 10 MB"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(tree, round_, organizer, upload, message):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    with pytest.raises(ValidationError, match=message):
        evaluation_evidence_add(actor=organizer, evaluation=evaluation, file=upload())
    assert not EvaluationEvidence.objects.exists()
    assert not evaluation.events.exists()


def test_evidence_exactly_ten_megabytes_is_accepted(tree, round_, organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    evaluation_evidence_add(
        actor=organizer, evaluation=evaluation, file=_pdf(size=10 * 1024 * 1024)
    )
    assert evaluation.evidence.count() == 1


def test_evidence_for_a_criterion_of_another_round_is_refused(tree, round_, organizer):
    other = make_round(title="Đợt khác")
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    with pytest.raises(ValidationError, match="không thuộc đợt"):
        evaluation_evidence_add(
            actor=organizer, evaluation=evaluation, file=_pdf(), criterion=other.criteria.first()
        )
    assert not EvaluationEvidence.objects.exists()


def test_evidence_is_removed_only_while_editable(tree, round_, organizer, other_organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    evaluation_scores_save(actor=organizer, evaluation=evaluation, scores=_scores(round_, 1, 2, 3))
    kept = evaluation_evidence_add(actor=organizer, evaluation=evaluation, file=_pdf("giu.pdf"))
    dropped = evaluation_evidence_add(actor=organizer, evaluation=evaluation, file=_pdf("bo.pdf"))
    with pytest.raises(PermissionDenied):
        evaluation_evidence_remove(actor=other_organizer, evidence=dropped)
    evaluation_evidence_remove(actor=organizer, evidence=dropped)
    assert list(evaluation.evidence.values_list("name", flat=True)) == ["giu.pdf"]
    removal = evaluation.events.last()
    assert (removal.action, removal.comment) == (Event.EVIDENCE_REMOVED, "bo.pdf")
    evaluation_submit(actor=organizer, evaluation=evaluation)
    with pytest.raises(ValidationError, match="chờ đơn vị cấp trên duyệt"):
        evaluation_evidence_remove(actor=organizer, evidence=kept)
    assert evaluation.evidence.count() == 1


def test_other_province_cannot_add_evidence(tree, round_, organizer, other_organizer):
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    with pytest.raises(PermissionDenied):
        evaluation_evidence_add(actor=other_organizer, evaluation=evaluation, file=_pdf())
    assert not EvaluationEvidence.objects.exists()


# --- Selectors: queue, rounds ---------------------------------------------------------------


def test_review_queue_holds_what_the_user_may_review(
    tree, round_, commune_organizer, organizer, other_organizer
):
    commune = _submitted(commune_organizer, round_, tree["commune"], 1, 2, 3)
    own_province = _submitted(organizer, round_, tree["lam_dong"], 1, 2, 3)
    assert list(review_queue(user=organizer)) == [commune]
    assert list(review_queue(user=commune_organizer)) == []
    assert list(review_queue(user=other_organizer)) == []
    central_organizer = UserFactory(email="tochuc@trunguong.example.vn")
    grant(central_organizer, Role.ORGANIZER, tree["central"])
    assert set(review_queue(user=central_organizer)) == {commune, own_province}


def test_rounds_for_unit_lists_open_and_past_rounds_of_its_level(tree, round_, organizer):
    past = make_round(title="Đợt 2025", opens_in=-400, closes_in=-370)
    make_round(title="Đợt sắp tới", opens_in=5)
    make_round(title="Chỉ cấp tỉnh", levels=["province"])
    evaluation = evaluation_open(actor=organizer, round=round_, unit=tree["commune"])
    rows = rounds_for_unit(user=organizer, unit=tree["commune"])
    assert [r.round for r in rows] == [round_, past]
    assert rows[0].evaluation == evaluation and rows[0].is_open
    assert rows[1].status is None and not rows[1].is_open


# --- Roll-up and trend ----------------------------------------------------------------------


@pytest.fixture
def dak_mil(tree):
    """A second commune of Lâm Đồng."""
    return unit_child(tree["lam_dong"], "X24001", "Đoàn xã Đắk Mil")


@pytest.fixture
def rolled_up(tree, round_, admin, organizer, dak_mil):
    """Lâm Đồng: two communes approved (75 % and 50 %), the province itself submitted at
    100 % (not approved, so it must not count); Hà Nội has nothing approved."""
    _approved(admin, organizer, round_, tree["commune"], 8, 15, 7)
    _approved(admin, organizer, round_, dak_mil, 4, 12, 4)
    _submitted(organizer, round_, tree["lam_dong"], 10, 20, 10)
    evaluation_open(actor=admin, round=round_, unit=tree["commune_hn"])
    return round_


def test_rollup_numbers_are_exact_and_count_only_approved(tree, rolled_up, viewer, dak_mil):
    rollup = round_rollup(user=viewer, round=rolled_up, unit=tree["lam_dong"])
    total = rollup.total
    assert (total.expected, total.approved, total.submitted, total.draft) == (3, 2, 1, 0)
    assert total.not_started == 0
    assert total.average_percent == Decimal("62.50")
    assert total.completion == Decimal("66.67")
    shares = {c.criterion.code: (c.average_score, c.share) for c in rollup.criteria}
    assert shares == {
        "TC1": (Decimal("6.00"), Decimal("60.00")),
        "TC2": (Decimal("13.50"), Decimal("67.50")),
        "TC3": (Decimal("5.50"), Decimal("55.00")),
    }
    rows = {row.unit.code: row for row in rollup.rows}
    assert rows["T68"].own and rows["T68"].tally.submitted == 1
    assert rows["T68"].tally.average_percent is None
    assert rows["X24000"].tally.average_percent == Decimal("75.00")
    assert rows["X24001"].tally.average_percent == Decimal("50.00")
    assert rows["X24001"].tally.completion == Decimal("100.00")


def test_rollup_at_central_groups_per_province(tree, rolled_up, admin):
    rollup = round_rollup(user=admin, round=rolled_up, unit=tree["central"])
    assert (rollup.total.expected, rollup.total.approved, rollup.total.draft) == (5, 2, 1)
    assert rollup.total.not_started == 1
    assert rollup.total.completion == Decimal("40.00")
    rows = {row.unit.code: row.tally for row in rollup.rows}
    assert [row.own for row in rollup.rows] == [False, False]  # central is not evaluated
    assert rows["T68"].average_percent == Decimal("62.50") and rows["T68"].approved == 2
    assert rows["T01"].expected == 2 and rows["T01"].average_percent is None


def test_returned_scorecards_do_not_roll_up(tree, round_, admin, organizer):
    evaluation = _submitted(admin, round_, tree["commune"], 10, 20, 10)
    evaluation_return(actor=organizer, evaluation=evaluation, comment="Thiếu minh chứng.")
    rollup = round_rollup(user=organizer, round=round_, unit=tree["lam_dong"])
    assert rollup.total.returned == 1 and rollup.total.approved == 0
    assert rollup.total.average_percent is None
    assert all(c.share is None for c in rollup.criteria)


def test_rollup_query_count_does_not_grow_with_the_tree(tree, rolled_up, admin, organizer):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            round_rollup(user=organizer, round=rolled_up, unit=tree["lam_dong"])
        return len(ctx.captured_queries)

    before = count()
    for n in range(3):
        unit = unit_child(tree["lam_dong"], f"X2410{n}", f"Đoàn xã mới {n}")
        _approved(admin, organizer, rolled_up, unit, 5, 5, 5)
    assert count() == before <= 6


def test_trend_across_two_rounds(tree, admin, organizer, dak_mil):
    earlier = make_round(title="Đợt 2025", period="2025")
    _approved(admin, organizer, earlier, tree["commune"], 5, 10, 5)
    EvaluationRound.objects.filter(pk=earlier.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=400),
        closes_on=timezone.localdate() - datetime.timedelta(days=370),
    )
    current = make_round(title="Đợt 2026", period="2026")
    _approved(admin, organizer, current, tree["commune"], 8, 15, 7)
    _approved(admin, organizer, current, dak_mil, 4, 12, 4)
    make_round(title="Chỉ Trung ương", levels=["central"])

    trend = unit_trend(user=organizer, unit=tree["lam_dong"])

    assert [t.round.title for t in trend] == ["Đợt 2025", "Đợt 2026"]
    assert [(t.expected, t.approved) for t in trend] == [(3, 1), (3, 2)]
    assert [t.average_percent for t in trend] == [Decimal("50.00"), Decimal("62.50")]
    assert [t.coverage for t in trend] == [Decimal("33.33"), Decimal("66.67")]
