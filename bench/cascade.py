"""Benchmark: the reach of a master trainer whose cascade covers a million cadres.

Builds, with bulk loads that bypass the services as an import would (COPY on PostgreSQL),
a unit tree of eight provinces with priority-area flags, the cadres with one post each (a
third dedicated), a ToT course and a regular course (Wagtail pages), and a five-generation
cascade: one master trainer teaches central ToT classes of 50; each of those trainers a
provincial ToT class of 20; each of those a district ToT class of 10; one district trainer
in twenty a commune ToT class of 5; district and commune trainers teach grassroots classes
of 30 that reach the rest, so the master reaches exactly `--cadres` cadres. Some cadres
are trained twice at different generations; the master attends a class of a trainee's
trainee and later teaches a refresher; two trainers train each other on the same day (a
loop only the generation cap ends); unrelated classes make the participation table
larger than the cascade. `cascade_rebuild_all()` then builds the closure, the tables are
vacuumed and analysed (as autovacuum does after a load), and the bench times, as the
median of `--repeat` runs after one warm-up:
  * `cascade_reach([master])`, the headline, beside one plain count(*) over the
    class-participation table in the same run (the baseline), and its query count;
  * the same reach computed at read time by a plain recursive query, without the closure
    (it also checks the total and the generations);
  * `cascade_generations`, `cascade_areas` and `cascade_tree` for the master;
  * adding a participant to a grassroots class through `class_participant_add`, then
    `cascade_refresh` of the trainers it marked (once per change, three changes).
The database is a temporary SQLite file by default, or the PostgreSQL database named by
DATABASE_URL, created for the run and dropped after it unless `--keep` (an existing one
must be empty). The last line printed is a JSON object with every figure.

    DATABASE_URL=postgres://postgres@localhost/bench_cascade python bench/cascade.py
    python bench/cascade.py --cadres 3000 --repeat 3        # SQLite smoke run
"""

import argparse
import datetime
import json
import logging
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from certificates_register import FAMILY, GIVEN, MIDDLE, scratch_database  # noqa: E402

DAY0 = datetime.date(2024, 1, 1)
PROVINCES = [
    (
        "Tỉnh Đoàn Điện Biên",
        {"is_mountain": True, "is_border": True, "is_ethnic_minority_area": True},
    ),
    ("Tỉnh Đoàn Lâm Đồng", {"is_mountain": True}),
    ("Thành Đoàn Hà Nội", {}),
    ("Tỉnh Đoàn Quảng Ninh", {"is_border": True}),
    ("Tỉnh Đoàn Khánh Hòa", {}),
    ("Tỉnh Đoàn Đắk Lắk", {"is_ethnic_minority_area": True}),
    ("Tỉnh Đoàn Cà Mau", {}),
    ("Thành Đoàn Hồ Chí Minh", {}),
]
DISTRICTS, COMMUNES = 4, 6
TITLES = {
    "central": "Tập huấn giảng viên nguồn trung ương",
    "province": "Tập huấn giảng viên cấp tỉnh",
    "district": "Tập huấn giảng viên cấp huyện",
    "commune": "Tập huấn giảng viên cấp xã",
    "refresher": "Bồi dưỡng lại giảng viên nguồn",
    "loop": "Trao đổi kinh nghiệm giảng dạy",
    "grassroots": "Điều phối tình nguyện cơ bản",
    "grassroots5": "Điều phối tình nguyện cơ bản",
    "unrelated": "Sinh hoạt chuyên đề tình nguyện",
}
# Post-test means by the kind of class: learning decays down the cascade.
SCORES = {
    "central": 90,
    "province": 85,
    "district": 80,
    "commune": 76,
    "refresher": 88,
    "loop": 80,
    "grassroots": 74,
    "grassroots5": 66,
    "unrelated": 75,
}


@dataclass
class Klass:
    kind: str
    unit: int
    start: int
    days: int
    trainers: list[int]
    participants: list[int] = field(default_factory=list)

    @property
    def tot(self) -> bool:
        return self.kind in ("central", "province", "district", "commune", "refresher", "loop")


@dataclass
class Plan:
    """Cadres are numbered by slot (slot 0 is the master); `unit` gives each slot's unit."""

    classes: list[Klass] = field(default_factory=list)
    unit: list[int] = field(default_factory=list)
    reached: int = 0
    grassroots: list[int] = field(default_factory=list)  # indices into classes
    fresh: list[int] = field(default_factory=list)  # slots in no class, for the changes

    def take(self, count: int, unit: int) -> list[int]:
        start = len(self.unit)
        self.unit.extend([unit] * count)
        return list(range(start, start + count))


def units_create() -> tuple[int, dict[int, list[int]], dict[int, list[int]]]:
    """The central unit, provinces, districts, communes; a few priority-area flags below
    the province level too. Returns (central, districts per province, communes per
    district) as ids."""
    from organizations.models import Level, OrgUnit

    def node(code, name, level, flags=None, children=()):
        data = {"code": code, "name": name, "level": level, "organisation": "doan"}
        return {"data": data | (flags or {}), "children": list(children)}

    provinces = []
    for p, (name, flags) in enumerate(PROVINCES, start=1):
        districts = []
        for d in range(1, DISTRICTS + 1):
            dflags = {"is_island": True} if p in (4, 5) and d == DISTRICTS else {}
            if p == 2 and d <= 2:
                dflags = {"is_ethnic_minority_area": True}
            communes = [
                node(
                    f"B{p:02d}{d}{c:02d}",
                    f"Đoàn xã {GIVEN[(p + d + c) % len(GIVEN)]} {c}",
                    Level.GRASSROOTS,
                )
                for c in range(1, COMMUNES + 1)
            ]
            districts.append(
                node(
                    f"B{p:02d}{d}", f"Huyện Đoàn {MIDDLE[d]} {p}", Level.DISTRICT, dflags, communes
                )
            )
        provinces.append(node(f"B{p:02d}", name, Level.PROVINCE, flags, districts))
    OrgUnit.load_bulk([node("TW", "Trung ương Đoàn", Level.CENTRAL, children=provinces)])
    central = OrgUnit.objects.get(code="TW")
    districts_of = {
        p.pk: list(p.get_children().values_list("pk", flat=True)) for p in central.get_children()
    }
    communes_of = {
        d: list(OrgUnit.objects.get(pk=d).get_children().values_list("pk", flat=True))
        for ds in districts_of.values()
        for d in ds
    }
    return central.pk, districts_of, communes_of


def plan_cascade(target: int, central: int, districts_of, communes_of) -> Plan:
    """The cascade described in the module docstring, in slots; the master reaches
    exactly `target` cadres."""
    plan = Plan()
    provinces = list(districts_of)
    (master,) = plan.take(1, central)
    count = max(2, min(100, target // 10_000))
    g1 = [plan.take(1, provinces[i % len(provinces)])[0] for i in range(count)]
    for k in range(0, len(g1), 50):
        plan.classes.append(Klass("central", central, 0, 4, [master], g1[k : k + 50]))
    g2, provincial = [], []
    for i, t in enumerate(g1):
        ds = districts_of[plan.unit[t]]
        members = [plan.take(1, ds[j % len(ds)])[0] for j in range(20)]
        provincial.append(Klass("province", plan.unit[t], 20 + i % 5, 4, [t], members))
        g2 += members
    plan.classes += provincial
    g3 = []
    for i, t in enumerate(g2):
        cs = communes_of[plan.unit[t]]
        members = [plan.take(1, cs[j % len(cs)])[0] for j in range(10)]
        plan.classes.append(Klass("district", plan.unit[t], 40 + i % 5, 4, [t], members))
        g3 += members
    c4 = []
    for i, t in enumerate(g3[::20]):
        members = plan.take(5, plan.unit[t])
        plan.classes.append(Klass("commune", plan.unit[t], 50 + i % 5, 2, [t], members))
        c4 += members
    # Two trainers who train each other the same day: only the generation cap ends it.
    x, (y,) = g2[0], plan.take(1, plan.unit[g2[0]])
    plan.classes += [
        Klass("loop", plan.unit[x], 58, 0, [x], [y]),
        Klass("loop", plan.unit[x], 58, 0, [y], [x]),
    ]
    left = target + 1 - len(plan.unit)
    if left < 30:
        raise SystemExit(f"--cadres {target} is too small for this cascade; try 3000 or more.")
    for j in range(math.ceil(left / 30)):
        # One grassroots class in six is taught by a commune trainer (generation 5).
        t = c4[(j // 6) % len(c4)] if j % 6 == 0 else g3[(j - j // 6 - 1) % len(g3)]
        members = plan.take(min(30, left - 30 * j), plan.unit[t])
        kind = "grassroots5" if j % 6 == 0 else "grassroots"
        plan.grassroots.append(len(plan.classes))
        plan.classes.append(Klass(kind, plan.unit[t], 60 + (j * 7) % 200, 1, [t], members))
    plan.reached = len(plan.unit) - 1
    # Trained twice: a district trainer in a grassroots class, a grassroots cadre in a
    # second one (often a generation apart), a provincial trainer in another's ToT class.
    grassroots = plan.grassroots
    for n, j in enumerate(grassroots[::50]):
        klass, other = plan.classes[j], plan.classes[grassroots[(n * 37 + 1) % len(grassroots)]]
        extra = [g3[(n * 13 + 5) % len(g3)], other.participants[0]]
        klass.participants += [s for s in extra if s not in klass.trainers + klass.participants]
    for i in range(0, len(g1), 10):
        provincial[i].participants.append(g1[(i + 1) % len(g1)])
    # The master attends a class of a trainee's trainee, then teaches a refresher whose
    # participants were already reached further down.
    district_classes = [k for k in plan.classes if k.kind == "district"]
    district_classes[len(district_classes) // 2].participants.append(master)
    refresher = (
        g3[1 :: max(1, len(g3) // 25)][:25] + plan.classes[plan.grassroots[-1]].participants[:5]
    )
    plan.classes.append(Klass("refresher", central, 70, 2, [master], refresher))
    # Unrelated classes over the same cadres, by trainers outside the cascade.
    communes = [c for cs in communes_of.values() for c in cs]
    for u in range(max(2, target // 500)):
        (trainer,) = plan.take(1, communes[u % len(communes)])
        for k in range(5):
            first = (u * 7919 + k * 104_729) % plan.reached
            members = list(dict.fromkeys(1 + (first + m * 997) % plan.reached for m in range(30)))
            start = 100 + (u + k) % 200
            klass = Klass("unrelated", plan.unit[trainer], start, 1, [trainer], members)
            plan.classes.append(klass)
    plan.fresh = plan.take(3, communes[0])
    return plan


def adapt(value):
    """A value as Django stores it in SQLite."""
    from django.db import connection

    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def load(table: str, columns: list[str], rows) -> int:
    """COPY on PostgreSQL; on SQLite (smoke runs) INSERTs in one transaction."""
    from django.db import connection, transaction

    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            count = 0
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(columns))
        batch = [[adapt(v) for v in row] for row in rows]
        with transaction.atomic():
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608
        return len(batch)


def courses_create():
    from courses.models import CourseIndexPage, CoursePage

    pages = []
    for code, title, tot in (
        ("BENCH-TOT", "Tập huấn giảng viên nguồn điều phối tình nguyện", True),
        ("BENCH-CS", "Điều phối hoạt động tình nguyện cơ bản", False),
    ):
        course = CoursePage(title=title, code=code, summary=f"{title}.", is_tot=tot)
        CourseIndexPage.objects.get().add_child(instance=course)
        course.save_revision().publish()
        pages.append(course.pk)
    return pages


def records_load(plan: Plan) -> tuple[int, dict[str, int]]:
    """Cadres, posts, classes, trainers, participants. Returns the master's id and counts."""
    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from courses.models import TrainingClass
    from organizations.models import Cadre
    from organizations.text import fold

    tot, regular = courses_create()
    now = timezone.now()
    first = (Cadre.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    first_class = (TrainingClass.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    names = [(n, fold(n)) for n in (f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN)]
    level = {"central": "central", "refresher": "central", "province": "province"}
    level |= {"district": "district", "loop": "district"}

    def cadres():
        for s, unit in enumerate(plan.unit):
            name, folded = names[(s * 7) % len(names)]
            gender, ethnicity = ("female" if s % 2 else "male"), ("kinh" if s % 6 else "tay")
            yield first + s, f"BC{s:08d}", f"{name} {s}", f"{folded} {s}", gender, ethnicity, unit

    def posts():
        for s, unit in enumerate(plan.unit):
            kind, title = ("dedicated", "Bí thư") if s % 3 == 0 else ("part_time", "Ủy viên")
            yield first + s, unit, "doan", title, kind, s % 4 == 0, True

    def classes():
        for k, c in enumerate(plan.classes):
            course, start = (tot if c.tot else regular), DAY0 + datetime.timedelta(days=c.start)
            end = start + datetime.timedelta(days=c.days)
            kind = level.get(c.kind, "grassroots")
            yield (
                first_class + k,
                course,
                f"BENCH-{k:07d}",
                f"{TITLES[c.kind]} ({k})",
                kind,
                c.unit,
                start,
                end,
            )

    def participants():
        for k, c in enumerate(plan.classes):
            day = DAY0 + datetime.timedelta(days=c.start + c.days)
            done = datetime.datetime.combine(day, datetime.time(17), datetime.UTC)
            for s in c.participants:
                score = SCORES[c.kind] * 100 + (s * 2_654_435_761) % 2_001 - 1_000
                score = max(0, min(10_000, score))
                yield first_class + k, first + s, f"{score // 100}.{score % 100:02d}", done

    same = {
        "organizations_cadre": ("", "", "", now, now),
        "courses_trainingclass": ("in_person", "", now),
    }
    tables = [
        (
            "cadres",
            "organizations_cadre",
            "id code full_name search_name gender ethnicity unit_id "
            "national_id email phone created_at updated_at",
            cadres(),
        ),
        (
            "posts",
            "organizations_post",
            "cadre_id unit_id organisation title kind in_charge_of_volunteer_work is_primary",
            posts(),
        ),
        (
            "classes",
            "courses_trainingclass",
            "id course_id code title level host_unit_id start_date end_date mode venue created_at",
            classes(),
        ),
        (
            "trainers",
            "courses_classtrainer",
            "training_class_id cadre_id",
            ((first_class + k, first + t) for k, c in enumerate(plan.classes) for t in c.trainers),
        ),
        (
            "participants",
            "courses_classparticipant",
            "training_class_id cadre_id post_test_score completed_at",
            participants(),
        ),
    ]
    counts = {}
    for name, table, columns, rows in tables:
        tail = same.get(table, ())
        counts[name] = load(table, columns.split(), (row + tail for row in rows))
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Cadre, TrainingClass]):
            cursor.execute(sql)
    return first, counts


def analyse(vacuum: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if vacuum and connection.vendor == "postgresql" else "ANALYZE"
        )


def runs(fn, repeat: int) -> float:
    """Median wall time in ms of `repeat` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


NAIVE = """
WITH RECURSIVE walk(class_id, generation) AS (
    SELECT training_class_id, 1 FROM courses_classtrainer WHERE cadre_id = %(root)s
  UNION
    SELECT k2.id, w.generation + 1
    FROM walk w
    JOIN courses_trainingclass k ON k.id = w.class_id
    JOIN courses_coursepage c ON c.page_ptr_id = k.course_id
    JOIN courses_classparticipant p ON p.training_class_id = k.id
    JOIN courses_classtrainer t ON t.cadre_id = p.cadre_id
    JOIN courses_trainingclass k2 ON k2.id = t.training_class_id
    WHERE c.is_tot AND p.cadre_id <> %(root)s AND k2.start_date >= k.end_date
      AND w.generation < %(cap)s
)
SELECT generation, count(*) FROM (
    SELECT p.cadre_id, min(w.generation) AS generation
    FROM walk w JOIN courses_classparticipant p ON p.training_class_id = w.class_id
    WHERE p.cadre_id <> %(root)s GROUP BY p.cadre_id
) reached GROUP BY generation
"""


def naive_reach(root: int) -> dict[int, int]:
    """The master's reach by generation at read time, walking the records with no closure."""
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(NAIVE, {"root": root, "cap": settings.CASCADE_MAX_GENERATIONS})
        return dict(cursor.fetchall())


def scalar(sql: str):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def incremental(plan: Plan, first: int, actor) -> tuple[list[float], list[int]]:
    """Add a fresh cadre to three grassroots classes at different depths of the master's
    cascade through the service; time the refresh each change queues."""
    from courses import tasks
    from courses.models import TrainingClass
    from courses.services.cascade import cascade_refresh
    from courses.services.classes import class_participant_add
    from organizations.models import Cadre

    picks = [plan.grassroots[0], plan.grassroots[-1], plan.grassroots[len(plan.grassroots) // 2]]
    queued: list[list[int]] = []
    task, original = tasks.cascade_refresh, tasks.cascade_refresh.delay
    task.delay = queued.append  # the bench is the worker: it runs the refresh itself, timed
    times, marked = [], []
    try:
        for slot, j in zip(plan.fresh, picks, strict=True):
            klass = TrainingClass.objects.select_related("host_unit").get(code=f"BENCH-{j:07d}")
            cadre = Cadre.objects.select_related("unit").get(pk=first + slot)
            class_participant_add(actor=actor, training_class=klass, cadre=cadre)
            ids = queued.pop()
            start = time.perf_counter()
            done = cascade_refresh(root_ids=ids)
            times.append(round((time.perf_counter() - start) * 1000, 1))
            assert done == len(ids), (done, ids)
            marked.append(len(ids))
    finally:
        task.delay = original
    return times, marked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadres", type=int, default=1_000_000, help="cadres the master reaches")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--explain", action="store_true", help="print the reach query's plan")
    args = parser.parse_args()

    cleanup = scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    try:
        result = run(args)
    finally:
        if not args.keep or not os.environ["DATABASE_URL"].startswith("postgres"):
            cleanup()
    print(json.dumps(result))


def run(args) -> dict:
    import django

    django.setup()
    logging.disable(logging.WARNING)  # Wagtail's and Celery's chatter while pages publish
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import CascadeClass, CascadeReach, CascadeRoot
    from courses.selectors import cascade
    from courses.services.cascade import cascade_rebuild_all
    from organizations.models import Cadre, User

    call_command("migrate", verbosity=0)
    pg = connection.vendor == "postgresql"

    start = time.perf_counter()
    plan = plan_cascade(args.cadres, *units_create())
    first, counts = records_load(plan)
    analyse(vacuum=False)
    build_s = time.perf_counter() - start
    print(f"records loaded in {build_s:.1f} s: {counts}", flush=True)

    start = time.perf_counter()
    roots = cascade_rebuild_all()
    rebuild_s = time.perf_counter() - start
    start = time.perf_counter()
    analyse(vacuum=True)
    vacuum_s = time.perf_counter() - start
    print(
        f"cascade_rebuild_all: {roots} trainers in {rebuild_s:.1f} s; "
        f"{'VACUUM ANALYZE' if pg else 'ANALYZE'} in {vacuum_s:.1f} s",
        flush=True,
    )

    master = Cadre.objects.get(pk=first)
    ids = [master.pk]
    superuser = User.objects.create_superuser(email="bench-admin@example.vn")
    reach = cascade.cascade_reach(ids)
    naive = naive_reach(master.pk)
    assert reach.total == sum(naive.values()) == plan.reached, (reach.total, naive, plan.reached)
    by_generation = {g: n for g, (n, _d) in reach.by_generation.items()}
    assert by_generation == naive, (by_generation, naive)
    with CaptureQueriesContext(connection) as queries:
        cascade.cascade_reach(ids)
    if args.explain and pg:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[0]["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))

    repeat = args.repeat
    reach_ms = runs(lambda: cascade.cascade_reach(ids), repeat)
    count_ms = runs(lambda: scalar("SELECT count(*) FROM courses_classparticipant"), repeat)
    print(
        f"reach of the master: {reach.total} cadres ({reach.dedicated} dedicated) in "
        f"{reach_ms} ms, {len(queries)} queries; count(*) over the participants: "
        f"{count_ms} ms",
        flush=True,
    )
    naive_ms = runs(lambda: naive_reach(master.pk), max(1, min(repeat, 3)))
    generations = cascade.cascade_generations(ids)
    generations_ms = runs(lambda: cascade.cascade_generations(ids), repeat)
    areas_ms = runs(lambda: cascade.cascade_areas(ids), repeat)
    tree_ms = runs(lambda: cascade.cascade_tree(master, viewer=superuser), repeat)
    print(
        f"without the closure (recursive query at read time): {naive_ms} ms; "
        f"generations {generations_ms} ms, areas {areas_ms} ms, tree {tree_ms} ms",
        flush=True,
    )

    refresh_ms, marked = incremental(plan, first, superuser)
    after = cascade.cascade_reach(ids).total
    assert after == reach.total + 3, (after, reach.total)
    print(
        f"one participant added, its trainers refreshed: {refresh_ms} ms "
        f"({marked} trainers marked)",
        flush=True,
    )

    result = {
        "db": connection.vendor,
        "cadres": counts["cadres"],
        "repeat": repeat,
        "reach_ms": reach_ms,
        "count_star_ms": count_ms,
        "reach_over_count_star": round(reach_ms / count_ms, 2) if count_ms else None,
        "reach_queries": len(queries),
        "reach_total": reach.total,
        "reach_dedicated": reach.dedicated,
        "reach_by_generation": {str(g): list(v) for g, v in sorted(reach.by_generation.items())},
        "generations": len(generations),
        "naive_recursive_ms": naive_ms,
        "generations_ms": generations_ms,
        "areas_ms": areas_ms,
        "tree_ms": tree_ms,
        "incremental_refresh_ms": statistics.median(refresh_ms),
        "incremental_refresh_runs_ms": refresh_ms,
        "incremental_marked": marked,
        "build_s": round(build_s, 1),
        "rebuild_all_s": round(rebuild_s, 1),
        "rebuild_all_trainers": roots,
        "vacuum_analyze_s": round(vacuum_s, 1),
        "vacuumed": pg,
        "rows": {
            "cadres": counts["cadres"],
            "posts": counts["posts"],
            "classes": counts["classes"],
            "trainers": counts["trainers"],
            "participants": counts["participants"] + 3,
            "cascade_reach": CascadeReach.objects.count(),
            "cascade_class": CascadeClass.objects.count(),
            "cascade_roots": CascadeRoot.objects.count(),
            "master_classes": CascadeClass.objects.filter(root=master).count(),
        },
    }
    if pg:
        for name in (
            "server_version",
            "shared_buffers",
            "work_mem",
            "max_parallel_workers_per_gather",
        ):
            result[name] = scalar(f"SHOW {name}")
    return result


if __name__ == "__main__":
    main()
