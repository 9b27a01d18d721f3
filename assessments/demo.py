"""The demo competency framework, question bank, quizzes and attempts, built on the demo
cadres of `seed_demo`.

Keyed like the other demos: competencies by code, the bank and quizzes by title, questions
by key, attempts by quiz and cadre. What exists is left as it is, so a second run writes
nothing. Attempts are drawn and answered from one seeded generator, so every run builds the
same results: about eighty cadres of Lâm Đồng and Lai Châu have sat the periodic check, a
few short answers wait for a trainer, and the demo learner has one attempt left.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations.models import Cadre, OrgUnit

from .demo_content import BANK_TITLE, COMPETENCIES, COURSE_QUIZ, PERIODIC_QUIZ, QUESTIONS
from .demo_evaluations import evaluation_demo_create
from .models import (
    Attempt,
    AttemptItem,
    Choice,
    Competency,
    LevelDescriptor,
    Question,
    QuestionBank,
    Quiz,
    QuizRule,
    RequiredLevel,
    RubricRating,
)
from .services.competencies import competency_standing_refresh
from .services.quizzes import _close_and_grade, attempt_item_grade

SEED = 2026
DEMO_PROVINCES = ("T68", "T12")  # Lâm Đồng, Lai Châu
ATTEMPTS_PER_PROVINCE = 40
LEARNER_EMAIL = "hocvien@suctre.vn"
ASSESSOR_EMAIL = "tochuc.lamdong@suctre.vn"
GRADER_EMAIL = "admin@suctre.vn"
LEFT_FOR_GRADING = 4  # short answers the demo leaves in the trainers' grading queue


@dataclass
class AssessmentDemoResult:
    competencies: int = 0
    questions: int = 0
    quizzes: int = 0
    attempts: int = 0
    ratings: int = 0
    scorecards: int = 0
    cadres_found: bool = True


def assessment_demo_create() -> AssessmentDemoResult:
    result = AssessmentDemoResult()
    with transaction.atomic():
        competencies = {
            spec[0]: _competency(spec, order, result) for order, spec in enumerate(COMPETENCIES)
        }
        bank = _bank(competencies, result)
        periodic = _periodic_quiz(bank, competencies, result)
        _course_quiz(bank, result)
        cadres = _demo_cadres()
        result.cadres_found = bool(cadres)
        rng = random.Random(SEED)  # noqa: S311 — a repeatable demo, not a secret
        for cadre in cadres:
            _attempt(periodic, cadre, rng, ability=rng.uniform(0.35, 0.95), result=result)
        learner = Cadre.objects.filter(user__email=LEARNER_EMAIL).first()
        if learner is not None:
            _attempt(periodic, learner, rng, ability=0.55, result=result)
            _ratings(learner, {"KH": 3, "VD": 2, "CS": 2}, RubricRating.Kind.SELF, None, result)
        _grade_short_answers(rng)
        _assessor_ratings(cadres, rng, result)
        result.scorecards = evaluation_demo_create()
    return result


def _competency(spec, order: int, result: AssessmentDemoResult) -> Competency:
    code, name, description, descriptors, required = spec
    existing = Competency.objects.filter(code=code).first()
    if existing is not None:
        return existing
    competency = Competency.objects.create(
        code=code, name=name, description=description, order=order
    )
    LevelDescriptor.objects.bulk_create(
        LevelDescriptor(competency=competency, level=level, description=text)
        for level, text in enumerate(descriptors, start=1)
    )
    RequiredLevel.objects.bulk_create(
        RequiredLevel(competency=competency, org_level=org_level, level=level)
        for org_level, level in required.items()
    )
    result.competencies += 1
    return competency


def _bank(competencies: dict[str, Competency], result: AssessmentDemoResult) -> QuestionBank:
    bank, _created = QuestionBank.objects.get_or_create(
        title=BANK_TITLE,
        defaults={"description": "Câu hỏi dùng chung cho kiểm tra định kỳ và các lớp tập huấn."},
    )
    known = set(bank.questions.values_list("key", flat=True))
    for key, kind, competency, difficulty, text, choices, explanation in QUESTIONS:
        if key in known:
            continue
        question = Question.objects.create(
            bank=bank,
            key=key,
            kind=kind,
            text=text,
            competency=competencies[competency],
            difficulty=difficulty,
            points=2 if kind == "short" else 1,
            explanation=explanation,
            model_answer=(
                "Thống nhất đầu mối chung; chia địa bàn theo cụm dân cư và khung giờ; "
                "họp nhanh đầu ngày; chia sẻ danh sách hộ đã thăm."
                if kind == "short"
                else ""
            ),
        )
        Choice.objects.bulk_create(
            Choice(question=question, text=choice, is_correct=correct, sort_order=order)
            for order, (choice, correct) in enumerate(choices)
        )
        result.questions += 1
    return bank


def _periodic_quiz(bank, competencies, result: AssessmentDemoResult) -> Quiz:
    spec = dict(PERIODIC_QUIZ)
    per_competency = spec.pop("per_competency")
    quiz = Quiz.objects.filter(title=spec["title"]).first()
    if quiz is None:
        quiz = Quiz.objects.create(**spec)
        QuizRule.objects.bulk_create(
            QuizRule(
                quiz=quiz, bank=bank, competency=competency, count=per_competency, sort_order=i
            )
            for i, competency in enumerate(competencies.values())
        )
        result.quizzes += 1
    return quiz


def _course_quiz(bank, result: AssessmentDemoResult) -> Quiz:
    spec = dict(COURSE_QUIZ)
    count = spec.pop("count")
    quiz = Quiz.objects.filter(title=spec["title"]).first()
    if quiz is None:
        quiz = Quiz.objects.create(**spec)
        QuizRule.objects.create(quiz=quiz, bank=bank, count=count)
        result.quizzes += 1
    return quiz


def _demo_cadres() -> list[Cadre]:
    cadres: list[Cadre] = []
    for code in DEMO_PROVINCES:
        province = OrgUnit.objects.filter(code=code).first()
        if province is None:
            continue
        cadres.extend(
            Cadre.objects.select_related("unit")
            .filter(code__startswith="DEMO", unit__path__startswith=province.path)
            .exclude(user__email=LEARNER_EMAIL)
            .order_by("code")[:ATTEMPTS_PER_PROVINCE]
        )
    return cadres


def _wrong(kind: str, choices: list[Choice], rng: random.Random):
    ids = [c.pk for c in choices]
    if kind in ("single", "true_false"):
        return rng.choice([c.pk for c in choices if not c.is_correct])
    if kind == "multiple":
        return sorted(rng.sample(ids, 2))
    if kind == "ordering":
        shuffled = ids[:]
        while shuffled == ids:
            rng.shuffle(shuffled)
        return shuffled
    return "Mỗi đội tự đi, gặp nhau thì chia việc."


def _right(kind: str, choices: list[Choice]):
    if kind in ("single", "true_false"):
        return next(c.pk for c in choices if c.is_correct)
    if kind == "multiple":
        return sorted(c.pk for c in choices if c.is_correct)
    if kind == "ordering":
        return [c.pk for c in choices]
    return "Thống nhất đầu mối chung, chia địa bàn theo xóm và giờ, họp nhanh đầu ngày."


def _attempt(quiz: Quiz, cadre: Cadre, rng: random.Random, *, ability: float, result) -> None:
    """A submitted attempt, drawn and answered by the seeded generator, then graded by the
    same code that grades a learner's submission."""
    if Attempt.objects.filter(quiz=quiz, cadre=cadre).exists():
        return
    questions: list[Question] = []
    for rule in quiz.rules.order_by("sort_order"):
        pool = list(
            Question.objects.filter(bank=rule.bank, competency=rule.competency)
            .prefetch_related("choices")
            .order_by("key")
        )
        questions.extend(rng.sample(pool, min(rule.count, len(pool))))
    attempt = Attempt.objects.create(quiz=quiz, cadre=cadre, number=1)
    items = []
    for position, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        order = [c.pk for c in choices]
        rng.shuffle(order)
        right = rng.random() < ability
        response = _right(question.kind, choices) if right else _wrong(question.kind, choices, rng)
        items.append(
            AttemptItem(
                attempt=attempt,
                question=question,
                position=position,
                choice_order=order,
                response=response,
                max_points=Decimal(question.points),
            )
        )
    AttemptItem.objects.bulk_create(items)
    _close_and_grade(attempt_id=attempt.pk)
    result.attempts += 1


def _grade_short_answers(rng: random.Random) -> None:
    """A trainer has marked all but a few of the short answers."""
    grader = get_user_model().objects.filter(email=GRADER_EMAIL).first()
    if grader is None:
        return
    waiting = AttemptItem.objects.filter(needs_grading=True).select_related(
        "attempt__cadre__unit", "question"
    )
    left = set(
        waiting.exclude(attempt__cadre__user__email=LEARNER_EMAIL)
        .order_by("attempt__cadre__code")
        .values_list("pk", flat=True)[:LEFT_FOR_GRADING]
    )
    for item in waiting.exclude(pk__in=left):
        points = Decimal(rng.choice((0, 1, 1, 2, 2)))
        attempt_item_grade(actor=grader, item=item, points=points, comment="Đã chấm.")


def _ratings(cadre, levels: dict[str, int], kind, rated_by, result) -> None:
    if RubricRating.objects.filter(cadre=cadre, kind=kind).exists():
        return
    competencies = Competency.objects.in_bulk(list(levels), field_name="code")
    RubricRating.objects.bulk_create(
        RubricRating(
            cadre=cadre, competency=competencies[code], kind=kind, level=level, rated_by=rated_by
        )
        for code, level in levels.items()
    )
    competency_standing_refresh(cadre_id=cadre.pk)
    result.ratings += len(levels)


def _assessor_ratings(cadres: list[Cadre], rng: random.Random, result) -> None:
    """An organizer of Lâm Đồng rated ten of the province's cadres after a class."""
    assessor = get_user_model().objects.filter(email=ASSESSOR_EMAIL).first()
    province = _path("T68")
    lam_dong = [c for c in cadres if c.unit.path.startswith(province)][:10]
    for cadre in lam_dong:
        levels = {code: rng.choice((1, 2, 2, 3, 3, 4)) for code in ("KH", "VD", "AT")}
        _ratings(cadre, levels, RubricRating.Kind.ASSESSOR, assessor, result)


def _path(code: str) -> str:
    unit = OrgUnit.objects.filter(code=code).first()
    return unit.path if unit else "\0"
