"""What four units in ten declared each year of a national-scale dataset: activities held
and recorded on the portal, campaigns and those run with the trained models; some revised
later in the year, and the lagging provinces (one in five) well below target."""

import datetime
import random

from django.utils import timezone

from organizations.models import Level

from ..models import Declaration
from .load import rows_load
from .tree import Tree

COLUMNS = (
    "unit_id", "year", "activities_held", "activities_on_portal", "campaigns",
    "campaigns_with_models", "applies_it", "note", "declared_at", "request_key",
)  # fmt: skip
DECLARING = (Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.GRASSROOTS)


def declarations_load(*, tree: Tree, prefix: str, rng: random.Random) -> int:
    today = timezone.localdate()
    now = timezone.now()

    def rows():
        for unit in tree.units:
            if unit.level not in DECLARING or rng.random() >= 0.4:
                continue
            lagging = unit.province % 5 == 2
            for year in range(2023, today.year + 1):
                last = today if year == today.year else datetime.date(year, 12, 31)
                revisions = 2 if rng.random() < 0.1 else 1
                for revision in range(revisions):
                    day = datetime.date(year, 1, 1) + datetime.timedelta(
                        days=rng.randrange((last - datetime.date(year, 1, 1)).days + 1)
                    )
                    at = timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(8 + revision))
                    )
                    held = rng.randrange(5, 80)
                    rate = rng.uniform(0.2, 0.6) if lagging else rng.uniform(0.45, 1.0)
                    campaigns = rng.randrange(1, 12)
                    models_rate = rng.uniform(0.3, 0.8) if lagging else rng.uniform(0.6, 1.0)
                    yield (
                        unit.id, year, held, int(held * rate), campaigns,
                        int(campaigns * models_rate), rng.random() < 0.25, "",
                        min(at, now), f"{prefix}-{unit.id}-{year}-{revision}",
                    )  # fmt: skip

    return rows_load(Declaration, COLUMNS, rows())
