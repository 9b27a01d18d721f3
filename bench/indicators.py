"""Benchmark: the indicators dashboard on national-scale data, at three sizes.

For each size (`--sizes`, cadres; default 10,000, 100,000 and 1,000,000) a child process
creates a scratch database (PostgreSQL named by DATABASE_URL, suffixed with the size, and
dropped after the run unless `--keep`; a temporary SQLite file when DATABASE_URL is unset,
for smoke runs), migrates it, runs `seed_scale --cadres SIZE` (timed), then times:
  * one forced refresh of the live snapshot (`snapshot_refresh(force=True)`), the work
    every change to the register triggers, as the median of three runs;
  * the dashboard page (`indicators:dashboard`) through django.test.Client, logged in as a
    superuser: the national unit, and drill-downs to random provinces, communes and
    branches, each `--repeat` requests after a warm-up, as p50 and p95 in ms, with the
    query count of the national page; then the same for the selector alone
    (`indicator_dashboard`), which separates reading the figures from rendering the page;
  * one full `SELECT count(*)` over the certificate table in the same run (the baseline:
    the cheapest question anyone could ask of the register), after one warm-up.
The parent prints each size's figures as they come and, as its last line, one JSON object
with all of them and the ratio of the largest size's p95 to the smallest's (flat ≈ 1).

    DATABASE_URL=postgres://postgres@localhost/bench_indicators python bench/indicators.py
    python bench/indicators.py --sizes 2000 --repeat 20          # SQLite smoke run
"""

import argparse
import io
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

KINDS = ("national", "province", "commune", "branch")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return round(ordered[index], 2)


def timed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def one_size(args) -> dict:
    """Runs in the child process, against its own scratch database."""
    from certificates_register import scratch_database

    cleanup = scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    try:
        return measure(args)
    finally:
        if not args.keep or not os.environ["DATABASE_URL"].startswith("postgres"):
            cleanup()


def measure(args) -> dict:
    import django

    django.setup()
    logging.disable(logging.WARNING)  # Wagtail's and Celery's chatter while the seed runs
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from indicators.selectors import indicator_dashboard
    from indicators.services.snapshots import snapshot_live, snapshot_refresh
    from organizations.models import Level, OrgUnit, User

    size = args.one
    call_command("migrate", verbosity=0)
    out = io.StringIO()
    start = time.perf_counter()
    call_command("seed_scale", cadres=size, stdout=out)
    seed_s = round(time.perf_counter() - start, 1)
    seed_lines = [line for line in out.getvalue().splitlines() if line.strip()]
    print(f"[{size}] seed_scale in {seed_s} s", *seed_lines, sep="\n  ", flush=True)

    live = snapshot_live()
    refresh_runs = [
        round(timed_ms(lambda: snapshot_refresh(snapshot_id=live.pk, force=True)) / 1000, 2)
        for _ in range(3)
    ]

    rng = random.Random(size)
    central = OrgUnit.objects.get(code="TW")
    units = {"national": [central.code]}
    for kind, level in (("province", Level.PROVINCE), ("commune", Level.GRASSROOTS)):
        codes = list(
            OrgUnit.objects.filter(
                level=level, depth=central.depth + (kind == "commune") + 1
            ).values_list("code", flat=True)
        )
        units[kind] = rng.sample(codes, min(len(codes), 100))
    branches = list(
        OrgUnit.objects.filter(level=Level.BRANCH, is_active=True).values_list("code", flat=True)
    )
    units["branch"] = rng.sample(branches, min(len(branches), 100))

    superuser = User.objects.create_superuser(email="bench-indicators@example.vn")
    client = Client()
    client.force_login(superuser)
    try:
        reverse("indicators:dashboard", args=["TW"])

        def fetch(code: str) -> None:
            response = client.get(reverse("indicators:dashboard", args=[code]))
            assert response.status_code == 200, (code, response.status_code)
            response.content  # noqa: B018 - the page is rendered in full

        through = "view"
    except NoReverseMatch:  # the page is not there yet: the selector it would call

        def fetch(code: str) -> None:
            indicator_dashboard(user=superuser, unit=OrgUnit.objects.get(code=code))

        through = "selector"

    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        fetch(central.code)

    def select(code: str) -> None:
        indicator_dashboard(user=superuser, unit=OrgUnit.objects.get(code=code))

    def latencies(fn, label: str) -> dict:
        out = {}
        for kind in KINDS:
            codes = units[kind]
            for _ in range(args.warmup):
                fn(rng.choice(codes))
            times = []
            for _ in range(args.repeat):
                code = rng.choice(codes)
                times.append(timed_ms(lambda code=code: fn(code)))
            out[kind] = {
                "p50_ms": percentile(times, 0.5),
                "p95_ms": percentile(times, 0.95),
                "max_ms": round(max(times), 2),
            }
            print(f"[{size}] {label} {kind}: {out[kind]}", flush=True)
        return out

    latency = latencies(fetch, through)
    selector_latency = latencies(select, "selector only")

    def count_star():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM certificates_certificate")
            return cursor.fetchone()[0]

    count_star()
    count_ms = [round(timed_ms(count_star), 2) for _ in range(5)]
    certificates = count_star()

    result = {
        "cadres": size,
        "db": connection.vendor,
        "through": through,
        "repeat": args.repeat,
        "seed_s": seed_s,
        "seed_steps": seed_lines,
        "live_refresh_s": statistics.median(refresh_runs),
        "live_refresh_runs_s": refresh_runs,
        "dashboard": latency,
        "selector_only": selector_latency,
        "national_queries": len(queries),
        "count_star_ms": statistics.median(count_ms),
        "count_star_runs_ms": count_ms,
        "p95_over_count_star": round(
            max(v["p95_ms"] for v in latency.values()) / statistics.median(count_ms), 3
        ),
        "units": OrgUnit.objects.count(),
        "certificates": certificates,
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in ("server_version", "shared_buffers", "work_mem"):
                cursor.execute(f"SHOW {name}")
                result[name] = cursor.fetchone()[0]
    return result


def child_env(size: int) -> dict:
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url:
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "bench_indicators"
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}_{size}"))
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000", help="cadres, comma-separated")
    parser.add_argument("--repeat", type=int, default=200, help="timed requests per kind")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(one_size(args)), flush=True)
        return

    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)]
        command += ["--warmup", str(args.warmup)] + (["--keep"] if args.keep else [])
        with subprocess.Popen(  # noqa: S603 - this very script, in a child process
            command, env=child_env(size), stdout=subprocess.PIPE, text=True
        ) as child:
            lines = []
            for line in child.stdout:
                lines.append(line.rstrip("\n"))
                if not line.startswith("{"):
                    print(line, end="", flush=True)
        if child.returncode or not lines or not lines[-1].startswith("{"):
            raise SystemExit(f"size {size} failed")
        results[str(size)] = json.loads(lines[-1])

    sizes = sorted(results, key=int)
    summary = {kind: {s: results[s]["dashboard"][kind]["p95_ms"] for s in sizes} for kind in KINDS}
    small, large = results[sizes[0]], results[sizes[-1]]
    print(
        json.dumps(
            {
                "p95_ms_by_size": summary,
                "flatness_p95_largest_over_smallest": {
                    kind: round(
                        large["dashboard"][kind]["p95_ms"] / small["dashboard"][kind]["p95_ms"], 2
                    )
                    for kind in KINDS
                },
                "seed_s_by_size": {s: results[s]["seed_s"] for s in sizes},
                "live_refresh_s_by_size": {s: results[s]["live_refresh_s"] for s in sizes},
                "count_star_ms_by_size": {s: results[s]["count_star_ms"] for s in sizes},
                "sizes": results,
            }
        )
    )


if __name__ == "__main__":
    main()
