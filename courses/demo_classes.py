"""Writing one demo training class: trainers, participants with test scores, sessions,
attendance. Shared by the demo cascades (`demo_cascade`, `demo_tot`).

Post-test scores follow the class's place in the cascade: learning decays as it is passed
down, so each generation has its own spread of scores (the fourth mostly below the pass
mark). They are drawn from a generator seeded by the class code, so every run writes the
same scores.
"""

import datetime
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.selectors.quizzes import quizzes_for_placement
from organizations.models import Cadre, OrgUnit

from .demo_content import CLASS_TEST_TITLE
from .models import (
    Attendance,
    ClassParticipant,
    ClassSession,
    ClassTrainer,
    CoursePage,
    TrainingClass,
)

# Post-test score by rank in the class (0 lowest, 1 highest) for each generation of the
# cascade: the points of a piecewise-linear curve. Means about 86, 80, 74 and 58; the pass
# rate (70 points) falls slowly until the fourth generation.
SCORE_CURVES = {
    1: ((0, 75), (0.5, 86), (1, 96)),
    2: ((0, 62), (0.06, 70), (0.5, 80), (1, 90)),
    3: ((0, 54), (0.10, 70), (0.5, 73), (1, 83)),
    4: ((0, 38), (0.5, 57), (0.78, 70), (1, 80)),
}
PASS_SCORE = 70


@dataclass
class ClassPlan:
    code: str
    title: str
    course: CoursePage
    mode: str
    level: str
    host: OrgUnit
    start: datetime.date
    end: datetime.date
    venue: str
    trainers: list[Cadre]
    participants: list[Cadre]
    # (title, day after start, QR check-in?)
    sessions: list[tuple[str, int, bool]]
    finished: bool
    organizer_email: str = ""
    generation: int = 2  # whose score curve the post-test follows


@dataclass
class Result:
    pre: Decimal
    post: Decimal | None
    completed: bool


def dropout_index(size: int) -> int | None:
    """Who in a class of `size` (in list order) did not finish: one in the larger classes."""
    return size - 2 if size >= 10 else None


def _on_curve(points, u: float) -> float:
    for (u0, s0), (u1, s1) in zip(points, points[1:], strict=False):
        if u <= u1:
            return s0 + (s1 - s0) * (u - u0) / (u1 - u0)
    return points[-1][1]


def class_results(code: str, size: int, generation: int, *, finished: bool) -> list[Result]:
    """Pre- and post-test scores of a class's participants, in list order. Ranks are spread
    evenly over the curve, so a small class already shows its generation's mean. Who did
    not finish a finished class still sat the final test."""
    rng = random.Random(code)  # noqa: S311 — a repeatable demo, not a secret
    curve = SCORE_CURVES[generation]
    dropout = dropout_index(size)
    ranks = list(range(size))
    rng.shuffle(ranks)
    results = []
    for i, rank in enumerate(ranks):
        if not finished:
            pre = round(_on_curve(curve, rng.random())) - rng.randint(12, 28)
            results.append(Result(Decimal(max(15, pre)), None, False))
            continue
        base = _on_curve(curve, (rank + 0.5) / size)
        post = base + rng.uniform(-1.5, 1.5)
        # The jitter never carries a score across the pass mark.
        post = round(max(PASS_SCORE, post) if base >= PASS_SCORE else min(PASS_SCORE - 1, post))
        pre = max(15, post - rng.randint(12, 28))
        results.append(Result(Decimal(pre), Decimal(post), i != dropout))
    return results


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _user(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def training_class_create(plan: ClassPlan, result) -> TrainingClass:
    """The class of `plan.code`, written with its people, sessions and attendance when it
    does not exist yet (`result.classes` counts it)."""
    existing = TrainingClass.objects.filter(code=plan.code).first()
    if existing is not None:
        return existing
    organizer = _user(plan.organizer_email) if plan.organizer_email else None
    # The assessments demo's class test, when it exists, is every demo class's pre/post test.
    test = quizzes_for_placement().filter(title=CLASS_TEST_TITLE).first()
    training_class = TrainingClass.objects.create(
        pre_test_quiz=test,
        post_test_quiz=test,
        course=plan.course,
        code=plan.code,
        title=plan.title,
        mode=plan.mode,
        level=plan.level,
        host_unit=plan.host,
        start_date=plan.start,
        end_date=plan.end,
        venue=plan.venue,
        created_by=organizer,
    )
    result.classes += 1
    ClassTrainer.objects.bulk_create(
        ClassTrainer(training_class=training_class, cadre=c) for c in plan.trainers
    )
    scores = class_results(
        plan.code, len(plan.participants), plan.generation, finished=plan.finished
    )
    ClassParticipant.objects.bulk_create(
        ClassParticipant(
            training_class=training_class,
            cadre=cadre,
            pre_test_score=score.pre,
            post_test_score=score.post,
            completed_at=_at(plan.end, 17) if score.completed else None,
        )
        for cadre, score in zip(plan.participants, scores, strict=True)
    )
    participants = list(training_class.participants.order_by("cadre__code"))
    now = timezone.now()
    attendance = []
    for s, (title, day, qr) in enumerate(plan.sessions):
        date = plan.start + datetime.timedelta(days=day)
        session = ClassSession.objects.create(
            training_class=training_class,
            title=title,
            starts_at=_at(date, 8),
            ends_at=_at(date, 16),
            checkin_token=secrets.token_urlsafe(24),
        )
        if session.ends_at > now:
            continue
        for i, participant in enumerate(participants):
            dropped_out = plan.finished and participant.completed_at is None
            if (i + s) % 3 == 0 if dropped_out else (i * 5 + s) % 11 == 10:
                continue  # who did not finish missed sessions; others an excused absence
            attendance.append(
                Attendance(
                    session=session,
                    participant=participant,
                    method=Attendance.Method.QR if qr else Attendance.Method.ORGANIZER,
                    marked_by=None if qr else organizer,
                )
            )
    Attendance.objects.bulk_create(attendance)
    return training_class
