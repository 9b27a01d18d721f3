"""Building cascades through the class services, as organizers do."""

import datetime

from courses.models import CascadeReach
from courses.services.cascade import cascade_refresh_stale
from courses.services.classes import (
    class_participant_add,
    class_scores_record,
    class_trainer_add,
)
from organizations.models import Level
from tests.factories import CadreFactory, UserFactory, make_class, make_course

DAY = datetime.date(2024, 1, 1)


def day(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


class CascadeBuilder:
    """Classes of a ToT course and a regular course, opened by a superuser."""

    def __init__(self, unit):
        self.unit = unit
        self.admin = UserFactory(is_superuser=True, is_staff=True)
        self.tot = make_course(title="Tập huấn viên điều phối tình nguyện", is_tot=True)
        self.course = make_course(title="Điều phối tình nguyện cơ bản")

    def people(self, count: int, unit=None, **fields) -> list:
        return [CadreFactory(unit=unit or self.unit, **fields) for _ in range(count)]

    def klass(
        self,
        trainers,
        participants,
        *,
        start: int,
        days: int = 2,
        tot=True,
        unit=None,
        level=Level.PROVINCE,
        scores=None,
    ):
        """A class starting `start` days after 1 Jan 2024; `scores` are post-test scores in
        the order of `participants`."""
        training_class = make_class(
            self.admin,
            unit or self.unit,
            self.tot if tot else self.course,
            start_date=day(start),
            end_date=day(start + days),
            level=level,
        )
        for cadre in trainers:
            class_trainer_add(actor=self.admin, training_class=training_class, cadre=cadre)
        rows = [
            class_participant_add(actor=self.admin, training_class=training_class, cadre=cadre)
            for cadre in participants
        ]
        for row, score in zip(rows, scores or (), strict=False):
            class_scores_record(actor=self.admin, participant=row, post_test_score=score)
        return training_class


def refresh() -> int:
    """What the queued task does after commit (tests run inside one transaction)."""
    return cascade_refresh_stale()


def reach_of(root) -> dict:
    """{cadre id: generation} of a trainer's stored reach."""
    return dict(CascadeReach.objects.filter(root=root).values_list("cadre_id", "generation"))
