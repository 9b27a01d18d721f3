"""Cadres and their posts for a national-scale dataset.

About a third of the posts are dedicated, most of those in charge of volunteer work; one
cadre in twenty holds a second post in another unit, one in twenty has moved (an ended
post, then a new one elsewhere the next day); start dates run from 2022 to 2026."""

import datetime
import random
from array import array
from dataclasses import dataclass

from django.utils import timezone

from organizations.demo.names import (
    GIVEN_FEMALE,
    GIVEN_MALE,
    KINH_FAMILY,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from organizations.models import Cadre, Level, Post
from organizations.text import fold

from .load import next_id, rows_load, sequences_reset
from .tree import Tree

FIRST_DAY = datetime.date(2022, 1, 1)
MARK = "QM-"  # every cadre code seed_scale writes starts with it
CADRE_COLUMNS = (
    "id", "code", "full_name", "search_name", "gender", "ethnicity", "date_of_birth",
    "national_id", "email", "phone", "unit_id", "created_at", "updated_at",
)  # fmt: skip
POST_COLUMNS = (
    "cadre_id", "unit_id", "organisation", "title", "kind", "in_charge_of_volunteer_work",
    "is_primary", "start_date", "end_date",
)  # fmt: skip
TITLES = {
    ("doan", True): "Phó Bí thư phụ trách tình nguyện",
    ("doan", False): "Ủy viên Ban Chấp hành",
    ("hoi_lhtn", True): "Phó Chủ tịch Hội LHTN",
    ("hoi_lhtn", False): "Ủy viên Ủy ban Hội",
    ("hoi_sv", True): "Phó Chủ tịch Hội Sinh viên",
    ("hoi_sv", False): "Ủy viên Ban Chấp hành Hội",
}
ETHNIC = ["kinh"] * 8 + ["tay", "thai", "muong", "hmong", "dao", "nung", "khmer", "e_de"]


@dataclass
class People:
    first: int  # id of the first cadre; cadre n has id first + n
    province: array  # province index of each cadre's (current) unit, -1 for central
    cadres: int
    posts: int


def days_until(today: datetime.date) -> list[datetime.date]:
    return [FIRST_DAY + datetime.timedelta(days=d) for d in range((today - FIRST_DAY).days + 1)]


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    out = []
    for n in range(count):
        if n % 2:
            gender, middle, given = "female", MIDDLE_FEMALE, GIVEN_FEMALE
        else:
            gender, middle, given = "male", MIDDLE_MALE, GIVEN_MALE
        name = f"{rng.choice(KINH_FAMILY)[0]} {rng.choice(middle)[0]} {rng.choice(given)}"
        out.append((name, fold(name), gender))
    return out


def people_load(*, tree: Tree, count: int, prefix: str, rng: random.Random) -> People:
    """`count` cadres spread over the tree's units, each with one post or more."""
    today = timezone.localdate()
    days = days_until(today)
    stamps = [timezone.make_aware(datetime.datetime.combine(d, datetime.time(9, 30))) for d in days]
    names = _names(rng, 4096)
    units = [u for u in tree.units if u.level != Level.CENTRAL] or tree.units
    first = next_id(Cadre)
    province = array("b", bytes(count))
    posts: list[tuple] = []
    ndays = len(days)

    def cadres():
        for n in range(count):
            unit = units[rng.randrange(len(units))]
            name, folded, gender = names[n & 4095]
            created = rng.randrange(ndays)
            updated = min(ndays - 1, created + int(rng.random() ** 3 * 700))
            pk = first + n
            roll, kind_roll, volunteer_roll = rng.random(), rng.random(), rng.random()
            dedicated = kind_roll < 0.35
            volunteer = volunteer_roll < (0.9 if dedicated else 0.05)
            kind = "dedicated" if dedicated else "part_time"
            start = days[rng.randrange(ndays)] if volunteer_roll > 0.1 else None
            if roll < 0.05:  # moved: the old post ended, the new one began the next day
                moved_on = rng.randrange(90, ndays - 1)
                old = units[rng.randrange(len(units))]
                posts.append(
                    (pk, old.id, old.organisation, TITLES[(old.organisation, dedicated)], kind,
                     volunteer, True, days[rng.randrange(moved_on - 60)], days[moved_on])
                )  # fmt: skip
                start = days[moved_on + 1]
            posts.append(
                (pk, unit.id, unit.organisation, TITLES[(unit.organisation, dedicated)], kind,
                 volunteer, True, start, None)
            )  # fmt: skip
            if 0.05 <= roll < 0.10:  # a second post in another unit
                other = units[rng.randrange(len(units))]
                if other.id != unit.id:
                    second_dedicated = rng.random() < 0.5
                    posts.append(
                        (pk, other.id, other.organisation,
                         TITLES[(other.organisation, second_dedicated)],
                         "dedicated" if second_dedicated else "part_time",
                         rng.random() < 0.7, False, days[rng.randrange(ndays)], None)
                    )  # fmt: skip
            province[n] = unit.province
            yield (
                pk,
                f"{MARK}{prefix}-{n:08d}",
                f"{name}",
                folded,
                gender,
                ETHNIC[n % len(ETHNIC)],
                datetime.date(1985 + n % 18, 1 + n % 12, 1 + n % 28),
                "",
                "",
                "",
                unit.id,
                stamps[created],
                stamps[updated],
            )

    cadres_count = rows_load(Cadre, CADRE_COLUMNS, cadres())
    sequences_reset(Cadre)
    posts_count = rows_load(Post, POST_COLUMNS, posts)
    return People(first=first, province=province, cadres=cadres_count, posts=posts_count)
