"""Benchmark: competency gaps, profiles, item analysis and taking a quiz at national scale.

Builds the official unit tree, N cadres (mostly in communes, one in twenty at a province),
the demo competency framework, one `CompetencyStanding` per cadre and competency with
seeded pseudo-random evidence, self-ratings for one cadre in ten, a bank of 60
single-choice questions, a quiz drawing 20 of them and M graded attempts, in a scratch
database (a temporary SQLite file by default, or the empty PostgreSQL database named by
DATABASE_URL), then times, as median and 95th percentile over repeated runs,
  * `subtree_gaps` for the whole country (a superuser) and for one province (its
    organizer) — baseline: one plain count(*) over the standings table;
  * `cadre_profile` of one cadre;
  * `item_analysis` of the quiz — baseline: one plain count(*) over the attempt items;
  * one learner's `attempt_start` + `attempt_submit` with 20 answers, and the queries of
    the submission.
The last line printed is a JSON object with every figure.

    python bench/competencies.py [--cadres 20000] [--attempts 2000] [--repeat 20]
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5000
QUESTIONS = 60
DRAWN = 20


def timings(fn, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of `repeat` runs, in ms."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[max(math.ceil(0.95 * len(times)) - 1, 0)]
    return round(statistics.median(times), 2), round(p95, 2)


def chunks(rows, size: int = 50_000):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def cadres_create(count: int) -> list[int]:
    from organizations.models import Cadre, Level, OrgUnit
    from organizations.text import fold

    communes = list(OrgUnit.objects.filter(level=Level.GRASSROOTS).values_list("pk", flat=True))
    provinces = list(OrgUnit.objects.filter(level=Level.PROVINCE).values_list("pk", flat=True))
    given = ["Hoa", "Nam", "Lan", "Khang", "Mai", "Đức", "Tuyết", "Hùng", "Thảo", "Bình"]
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Lò", "Giàng", "Bùi"]
    cadres = []
    for i in range(count):
        name = f"{family[i % 10]} {'Thị' if i % 2 else 'Văn'} {given[(i // 10) % 10]} {i}"
        unit = provinces[(i // 20) % len(provinces)] if i % 20 == 0 else communes[i % len(communes)]
        cadres.append(
            Cadre(
                code=f"B{i:07d}",
                full_name=name,
                search_name=fold(name),
                gender="female" if i % 2 else "male",
                unit_id=unit,
            )
        )
    Cadre.objects.bulk_create(cadres, batch_size=BATCH)
    return list(Cadre.objects.order_by("code").values_list("pk", flat=True))


def framework_create() -> list[int]:
    from assessments.demo_content import COMPETENCIES
    from assessments.models import Competency, LevelDescriptor, RequiredLevel

    competencies = Competency.objects.bulk_create(
        Competency(code=code, name=name, description=description, order=order)
        for order, (code, name, description, _descriptors, _required) in enumerate(COMPETENCIES)
    )
    descriptors, required_levels = [], []
    for competency, (_code, _name, _desc, texts, required) in zip(
        competencies, COMPETENCIES, strict=True
    ):
        descriptors += [
            LevelDescriptor(competency=competency, level=level, description=text)
            for level, text in enumerate(texts, start=1)
        ]
        required_levels += [
            RequiredLevel(competency=competency, org_level=org_level, level=level)
            for org_level, level in required.items()
        ]
    LevelDescriptor.objects.bulk_create(descriptors)
    RequiredLevel.objects.bulk_create(required_levels)
    return [c.pk for c in competencies]


def standings_create(rng: random.Random, cadre_ids: list[int], competency_ids: list[int]) -> None:
    """Quiz evidence for 70 %, an assessor's level for 10 % of the rows, a self-rating for
    one cadre in ten; the level that counts follows the service's rule."""
    from assessments.models import CompetencyStanding, RubricRating
    from assessments.services.competencies import quiz_level_for

    def rows():
        for cadre_id in cadre_ids:
            for competency_id in competency_ids:
                quiz_level, points, max_points = None, Decimal(0), Decimal(0)
                if rng.random() < 0.7:
                    max_points = Decimal(rng.choice((3, 6, 9)))
                    points = Decimal(rng.randint(0, int(max_points)))
                    quiz_level = quiz_level_for(points=points, max_points=max_points)
                assessor = rng.randint(1, 4) if rng.random() < 0.1 else None
                yield CompetencyStanding(
                    cadre_id=cadre_id,
                    competency_id=competency_id,
                    quiz_points=points,
                    quiz_max_points=max_points,
                    quiz_level=quiz_level,
                    self_level=rng.randint(1, 4) if cadre_id % 10 == 0 else None,
                    assessor_level=assessor,
                    achieved_level=assessor if assessor is not None else quiz_level,
                )

    for batch in chunks(rows()):
        CompetencyStanding.objects.bulk_create(batch, batch_size=BATCH)
    ratings = (
        RubricRating(
            cadre_id=cadre_id,
            competency_id=competency_id,
            kind=RubricRating.Kind.SELF,
            level=rng.randint(1, 4),
        )
        for cadre_id in cadre_ids
        if cadre_id % 10 == 0
        for competency_id in competency_ids
    )
    for batch in chunks(ratings):
        RubricRating.objects.bulk_create(batch, batch_size=BATCH)


def quiz_create(competency_ids: list[int]):
    """60 single-choice questions of 4 options (the correct one in varying places), tagged
    by competency and difficulty, and an open quiz drawing 20 of them."""
    from assessments.models import Choice, Question, QuestionBank, Quiz, QuizRule

    bank = QuestionBank.objects.create(title="Ngân hàng câu hỏi đo hiệu năng")
    questions = Question.objects.bulk_create(
        Question(
            bank=bank,
            key=f"B-{i + 1:02d}",
            kind="single",
            text=f"Câu hỏi {i + 1} về quản lý, điều phối hoạt động tình nguyện",
            competency_id=competency_ids[i % len(competency_ids)],
            difficulty=1 + i % 3,
        )
        for i in range(QUESTIONS)
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=f"Phương án {'ABCD'[k]}", is_correct=k == i % 4, sort_order=k)
        for i, q in enumerate(questions)
        for k in range(4)
    )
    quiz = Quiz.objects.create(
        title="Kiểm tra năng lực định kỳ (đo hiệu năng)", is_open=True, pass_mark=60
    )
    QuizRule.objects.create(quiz=quiz, bank=bank, count=DRAWN, sort_order=0)
    return quiz


def attempts_create(rng: random.Random, quiz, cadre_ids: list[int], count: int) -> None:
    """Graded attempts whose answers depend on the learner's ability and the question's
    difficulty, so item analysis finds both easy and discriminating questions."""
    from django.utils import timezone

    from assessments.models import Attempt, AttemptItem, Choice

    now = timezone.now()
    rule = quiz.rules.get()
    options: dict[int, list[tuple[int, bool]]] = {}
    difficulty: dict[int, int] = {}
    for question_id, choice_id, correct, level in Choice.objects.filter(
        question__bank_id=rule.bank_id
    ).values_list("question_id", "pk", "is_correct", "question__difficulty"):
        options.setdefault(question_id, []).append((choice_id, correct))
        difficulty[question_id] = level
    question_ids = sorted(options)
    attempts, drawn = [], []
    for i in range(count):
        ability = rng.random()
        picked = rng.sample(question_ids, DRAWN)
        answers = []
        for question_id in picked:
            right = rng.random() < 0.25 + 0.7 * ability - 0.1 * (difficulty[question_id] - 2)
            choices = options[question_id]
            good = next(pk for pk, correct in choices if correct)
            wrong = [pk for pk, correct in choices if not correct]
            order = [pk for pk, _correct in choices]
            rng.shuffle(order)
            answers.append((question_id, order, good if right else rng.choice(wrong), right))
        score = Decimal(sum(right for *_rest, right in answers))
        percent = (score * 100 / DRAWN).quantize(Decimal("0.01"))
        attempts.append(
            Attempt(
                quiz=quiz,
                cadre_id=cadre_ids[i % len(cadre_ids)],
                number=i // len(cadre_ids) + 1,
                status=Attempt.Status.GRADED,
                submitted_at=now,
                graded_at=now,
                score=score,
                max_score=Decimal(DRAWN),
                percent=percent,
                passed=percent >= quiz.pass_mark,
            )
        )
        drawn.append(answers)
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    items = (
        AttemptItem(
            attempt_id=attempt.pk,
            question_id=question_id,
            position=position,
            choice_order=order,
            response=response,
            answered_at=now,
            max_points=Decimal(1),
            points=Decimal(1 if right else 0),
            is_correct=right,
        )
        for attempt, answers in zip(attempts, drawn, strict=True)
        for position, (question_id, order, response, right) in enumerate(answers, start=1)
    )
    for batch in chunks(items):
        AttemptItem.objects.bulk_create(batch, batch_size=BATCH)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadres", type=int, default=20_000)
    parser.add_argument("--attempts", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    scratch = None
    if not os.environ.get("DATABASE_URL"):
        fd, scratch = tempfile.mkstemp(suffix=".sqlite3")
        os.close(fd)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)

    from assessments.selectors.competencies import cadre_profile, subtree_gaps
    from assessments.selectors.item_analysis import item_analysis
    from assessments.services.quizzes import attempt_start, attempt_submit
    from organizations.models import Cadre, OrgUnit, Role, RoleAssignment, User
    from organizations.services import org_units_load_official

    rng = random.Random(args.seed)
    start = time.perf_counter()
    org_units_load_official()
    cadre_ids = cadres_create(args.cadres)
    competency_ids = framework_create()
    standings_create(rng, cadre_ids, competency_ids)
    quiz = quiz_create(competency_ids)
    attempts_create(rng, quiz, cadre_ids, args.attempts)
    build_s = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    root = OrgUnit.get_root_nodes().get()
    province = OrgUnit.objects.get(code="T68")
    superuser = User.objects.create_superuser(email="bench-admin@example.vn")
    organizer = User.objects.create_user(email="bench-organizer@example.vn")
    RoleAssignment.objects.create(user=organizer, role=Role.ORGANIZER, unit=province)
    profiled = Cadre.objects.select_related("unit").get(pk=cadre_ids[0])
    learner = User.objects.create_user(email="bench-learner@example.vn")
    Cadre.objects.filter(pk=cadre_ids[-1]).update(user=learner)

    def submit():
        attempt = attempt_start(actor=learner, quiz=quiz)
        answers = {item.position: item.choice_order[0] for item in attempt.items.all()}
        return attempt_submit(actor=learner, attempt=attempt, answers=answers)

    def baseline(table: str):
        def count():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
                return cursor.fetchone()

        return count

    repeat = args.repeat
    national, national_p95 = timings(lambda: subtree_gaps(user=superuser, unit=root), repeat)
    regional, regional_p95 = timings(lambda: subtree_gaps(user=organizer, unit=province), repeat)
    profile, profile_p95 = timings(lambda: cadre_profile(cadre=profiled), repeat)
    analysis, analysis_p95 = timings(lambda: item_analysis(quiz=quiz), repeat)
    submitted, submitted_p95 = timings(submit, repeat)
    attempt = attempt_start(actor=learner, quiz=quiz)
    answers = {item.position: item.choice_order[0] for item in attempt.items.all()}
    with CaptureQueriesContext(connection) as queries:
        graded = attempt_submit(actor=learner, attempt=attempt, answers=answers)
    assert graded.status == "graded", graded.status
    count_standings, _ = timings(baseline("assessments_competencystanding"), repeat)
    count_items, _ = timings(baseline("assessments_attemptitem"), repeat)

    result = {
        "cadres": args.cadres,
        "attempts": args.attempts,
        "db": connection.vendor,
        "standings": len(cadre_ids) * len(competency_ids),
        "attempt_items": args.attempts * DRAWN,
        "repeat": repeat,
        "build_s": round(build_s, 1),
        "gaps_national_ms": national,
        "gaps_p95_ms": national_p95,
        "gaps_province_ms": regional,
        "gaps_province_p95_ms": regional_p95,
        "profile_ms": profile,
        "profile_p95_ms": profile_p95,
        "item_analysis_ms": analysis,
        "item_analysis_p95_ms": analysis_p95,
        "submit_ms": submitted,
        "submit_p95_ms": submitted_p95,
        "submit_queries": len(queries),
        "baseline_count_standings_ms": count_standings,
        "baseline_count_items_ms": count_items,
    }
    if scratch:
        os.unlink(scratch)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
