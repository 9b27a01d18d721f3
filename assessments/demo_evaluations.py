"""The demo capacity evaluation: last year's round, approved, and this year's round in
progress in Lâm Đồng, so the roll-up, the review queue and the trend all have something to
show.

Last year's round is history and is written as it ended; this year's goes through the same
services a unit and its reviewer use. Keyed by round title and unit, so a second run writes
nothing. Dates are counted from the day of the first run.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from organizations.models import Level, OrgUnit

from .models import (
    Competency,
    CriterionScore,
    EvaluationCriterion,
    EvaluationEvent,
    EvaluationRound,
    UnitEvaluation,
)
from .services.evaluations import (
    evaluation_approve,
    evaluation_open,
    evaluation_return,
    evaluation_scores_save,
    evaluation_submit,
)

CRITERIA = [
    ("TC1", "Kế hoạch hoạt động tình nguyện năm có chỉ tiêu đo được", 10, "KH"),
    ("TC2", "Cán bộ chuyên trách phụ trách tình nguyện đã qua tập huấn", 20, None),
    ("TC3", "Ứng dụng công nghệ số trong quản lý tình nguyện viên và hoạt động", 15, "CS"),
    ("TC4", "Hoạt động được ghi nhận, cập nhật trên cổng thông tin tình nguyện", 15, "CS"),
    ("TC5", "Huy động, phối hợp nguồn lực xã hội", 10, "PH"),
    ("TC6", "Bảo đảm an toàn, báo cáo và đánh giá sau hoạt động", 10, "AT"),
]
GUIDANCE = "Chấm theo minh chứng: văn bản, số liệu báo cáo, ảnh hoạt động."
LEVELS = [Level.PROVINCE, Level.GRASSROOTS]
PAST_TITLE = "Đánh giá thực trạng năng lực quản lý, điều phối tình nguyện năm 2025"
CURRENT_TITLE = "Đánh giá thực trạng năng lực quản lý, điều phối tình nguyện năm 2026"
PROVINCE = "T68"
COMMUNES = 6
UNIT_EMAIL = "tochuc.lamdong@suctre.vn"
REVIEWER_EMAIL = "admin@suctre.vn"
SEED = 2027


def evaluation_demo_create() -> int:
    """Returns how many scorecards were created."""
    province = OrgUnit.objects.filter(code=PROVINCE).first()
    users = get_user_model().objects.in_bulk([UNIT_EMAIL, REVIEWER_EMAIL], field_name="email")
    if province is None or len(users) < 2:
        return 0
    communes = list(
        province.get_children().filter(level=Level.GRASSROOTS, is_active=True).order_by("code")
    )[:COMMUNES]
    rng = random.Random(SEED)  # noqa: S311 — a repeatable demo, not a secret
    today = timezone.localdate()
    created = 0
    past = _round(PAST_TITLE, "2025", today - datetime.timedelta(days=400), 60)
    if not past.evaluations.exists():
        for unit in [province, *communes]:
            _approved_history(past, unit, rng, users[REVIEWER_EMAIL])
            created += 1
    current = _round(CURRENT_TITLE, "2026", today - datetime.timedelta(days=20), 60)
    if not current.evaluations.exists():
        created += _current(current, province, communes, rng, users)
    return created


def _round(title: str, period: str, opens_on: datetime.date, days: int) -> EvaluationRound:
    existing = EvaluationRound.objects.filter(title=title).first()
    if existing is not None:
        return existing
    round_ = EvaluationRound.objects.create(
        title=title,
        period=period,
        levels=[str(level) for level in LEVELS],
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=days),
        instructions="Đơn vị tự chấm theo từng tiêu chí, đính kèm minh chứng và nộp đơn vị "
        "cấp trên trực tiếp duyệt.",
    )
    competencies = Competency.objects.in_bulk([c for *_rest, c in CRITERIA if c], field_name="code")
    EvaluationCriterion.objects.bulk_create(
        EvaluationCriterion(
            round=round_,
            code=code,
            title=title,
            max_score=max_score,
            guidance=GUIDANCE,
            competency=competencies.get(competency),
            sort_order=order,
        )
        for order, (code, title, max_score, competency) in enumerate(CRITERIA)
    )
    return round_


def _scores(round_: EvaluationRound, rng: random.Random, share: float) -> dict[int, tuple]:
    return {
        c.pk: (
            Decimal(max(0, min(c.max_score, round(c.max_score * rng.gauss(share, 0.12))))),
            "Có kế hoạch, báo cáo kèm theo." if rng.random() < 0.5 else "",
        )
        for c in round_.criteria.all()
    }


def _approved_history(round_: EvaluationRound, unit: OrgUnit, rng, reviewer) -> None:
    """Last year's scorecard, as it stood when approved (lower than this year's)."""
    scores = _scores(round_, rng, 0.52)
    total = sum((score for score, _note in scores.values()), Decimal(0))
    max_total = sum(c.max_score for c in round_.criteria.all())
    closed = timezone.make_aware(datetime.datetime.combine(round_.closes_on, datetime.time(9, 0)))
    evaluation = UnitEvaluation.objects.create(
        round=round_,
        unit=unit,
        status=UnitEvaluation.Status.APPROVED,
        total=total,
        max_total=max_total,
        percent=(total * 100 / max_total).quantize(Decimal("0.01")),
        submitted_at=closed - datetime.timedelta(days=5),
        reviewed_by=reviewer,
        reviewed_at=closed,
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(evaluation=evaluation, criterion_id=pk, score=score, note=note)
        for pk, (score, note) in scores.items()
    )
    EvaluationEvent.objects.create(
        evaluation=evaluation, action=EvaluationEvent.Action.APPROVED, actor=reviewer
    )


def _current(round_, province, communes, rng, users) -> int:
    """Two communes approved, one returned, two waiting for the province, one still drafting;
    the province itself waits for the centre."""
    unit_user, reviewer = users[UNIT_EMAIL], users[REVIEWER_EMAIL]
    plan = ["approved", "approved", "returned", "submitted", "submitted", "draft"]
    for unit, state in zip(communes, plan, strict=False):
        evaluation = evaluation_open(actor=unit_user, round=round_, unit=unit)
        scores = _scores(round_, rng, 0.66)
        if state == "draft":
            scores = dict(list(scores.items())[:3])
        evaluation_scores_save(actor=unit_user, evaluation=evaluation, scores=scores)
        if state == "draft":
            continue
        evaluation_submit(actor=unit_user, evaluation=evaluation)
        if state == "approved":
            evaluation_approve(actor=reviewer, evaluation=evaluation, comment="Đồng ý.")
        elif state == "returned":
            evaluation_return(
                actor=reviewer,
                evaluation=evaluation,
                comment="Tiêu chí TC4 chưa có minh chứng số hoạt động đã cập nhật lên cổng; "
                "đề nghị bổ sung.",
            )
    evaluation = evaluation_open(actor=unit_user, round=round_, unit=province)
    evaluation_scores_save(actor=unit_user, evaluation=evaluation, scores=_scores(round_, rng, 0.7))
    evaluation_submit(actor=unit_user, evaluation=evaluation)
    return len(communes[: len(plan)]) + 1
