"""Benchmark: certificate PDFs, stamped from a master versus typeset one by one.

Phase A (engine, no database): a realistic template (decorated background JPEG, seal and
signature PNGs, the shipped fonts) is compiled once into a master; then, in the same run,
  * naive — each certificate typeset in full by WeasyPrint from one HTML page (the same
    template, fonts and images, the certificate's text and QR code in the HTML), one
    `weasyprint.HTML(...).write_pdf()` per certificate, PDF/A like ours, for a sample;
  * project — `Stamper.render` for N distinct certificates (names, serials, codes, QR);
  * one class PDF of the N certificates (`render_many`);
  * memory — the resident set size before and after 5,000 more renders, after a warm-up.
Phase B (the register, skipped with `--engine-only`) builds, untimed, a unit tree fragment,
a ToT course, a class of N cadres all marked completed and a nationwide class template with
the same images, in a scratch database (a temporary SQLite file by default; with
DATABASE_URL naming PostgreSQL, that database — created for the run and dropped after it
when it does not exist yet, else it must be empty), and compiles the template's master
(master compilation is not timed). It then times `certificates_issue_for_class` end to end
with Celery eager, as an organizer's bulk issuance runs: the register rows, every
certificate's PDF written to the private storage (a temporary directory) and the class's
printable PDF.
One process, one thread: rates are per second of the process's CPU time (per core), with
wall-clock rates beside them; on PostgreSQL the database server's CPU for the bench's
connection is reported too when it runs on this machine. The last line printed is a JSON
object with every figure.

    python bench/certificates.py [--count 1000] [--naive 30] [--memory 5000] [--engine-only]
"""

import argparse
import gc
import json
import logging
import os
import random
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from certificates_register import (  # noqa: E402
    FAMILY,
    GIVEN,
    MIDDLE,
    register_phase,
    scratch_database,
    scratch_storage,
    timed,
)

PROVINCES = ["Lâm Đồng", "Hà Nội", "Điện Biên", "Cà Mau", "Đắk Lắk", "Thừa Thiên Huế"]
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def faces(count: int, seed: int = 2026):
    """`count` distinct, realistic certificate faces (names, serials, codes all differ)."""
    from tests.certificates.pdf_helpers import face

    rng = random.Random(seed)
    result = []
    for number in range(1, count + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        code = "".join(rng.choice(ALPHABET) for _ in range(16))
        shown = "-".join(code[i : i + 4] for i in range(0, 16, 4))
        province = rng.choice(PROVINCES)
        result.append(
            face(
                number,
                holder_name=name,
                serial=f"Số: {number}/GCN-TĐ",
                code=shown,
                verify_url=f"https://suctre.vn/verify/{code}/",
                place_date=f"{province}, ngày {rng.randint(1, 28)} tháng 11 năm 2026",
            )
        )
    return result


def rss_mb() -> float:
    """Resident set size of this process now (VmRSS), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def engine_phase(design, count: int, naive_count: int, memory_count: int) -> dict:
    from certificates.pdf import (
        Stamper,
        certificate_html,
        html_pdf,
        master_compile,
        prepared,
    )

    master_s, _, master = timed(lambda: master_compile(design))
    stamper = Stamper.from_master(master)
    sample = faces(max(count, naive_count))

    # Naive: the whole certificate through WeasyPrint, once per certificate.
    naive_design = prepared(design)
    html_pdf(certificate_html(naive_design, sample[0]))  # warm-up: fonts, caches
    naive_sizes = []

    def naive():
        for face in sample[:naive_count]:
            naive_sizes.append(len(html_pdf(certificate_html(naive_design, face))))

    naive_s, naive_cpu, _ = timed(naive)

    # Project: stamped from the master.
    for face in sample[:20]:
        stamper.render(face)
    sizes = []

    def stamp():
        for face in sample[:count]:
            sizes.append(len(stamper.render(face)))

    project_s, project_cpu, _ = timed(stamp)
    class_s, _, class_pdf = timed(lambda: stamper.render_many(sample[:count]))

    # Memory over many renders, after the warm-up above.
    gc.collect()
    rss_before = rss_mb()
    more = faces(memory_count, seed=7)
    for face in more:
        stamper.render(face)
    del more
    gc.collect()
    rss_after = rss_mb()

    # Per CPU core: certificates per second of this process's CPU time (one thread), so
    # other work on the machine does not skew the figures; wall-clock rates alongside.
    naive_per_s = naive_count / naive_cpu
    project_per_s = count / project_cpu
    return {
        "naive_per_s": round(naive_per_s, 1),
        "project_per_s": round(project_per_s, 1),
        "ratio": round(project_per_s / naive_per_s, 1),
        "mean_pdf_bytes": round(statistics.mean(sizes)),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "cores": 1,
        "cpu_count": os.cpu_count(),
        "count": count,
        "naive_count": naive_count,
        "naive_wall_per_s": round(naive_count / naive_s, 1),
        "project_wall_per_s": round(count / project_s, 1),
        "max_pdf_bytes": max(sizes),
        "naive_mean_pdf_bytes": round(statistics.mean(naive_sizes)),
        "master_compile_s": round(master_s, 2),
        "master_bytes": len(master),
        "class_pdf_s": round(class_s, 2),
        "class_pdf_bytes": len(class_pdf),
        "memory_renders": memory_count,
        "rss_mb": round(rss_after, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="certificates stamped / issued")
    parser.add_argument("--naive", type=int, default=30, help="certificates typeset naively")
    parser.add_argument("--memory", type=int, default=5000, help="renders for the RSS figure")
    parser.add_argument("--engine-only", action="store_true", help="skip the register phase")
    args = parser.parse_args()

    cleanup, files = (lambda: None), None
    if not args.engine_only:
        cleanup = scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    try:
        if not args.engine_only:
            files = scratch_storage()
        import django

        django.setup()
        logging.disable(logging.WARNING)  # WeasyPrint's per-render chatter

        from tests.certificates.pdf_helpers import realistic_design

        design = realistic_design()
        result = engine_phase(design, args.count, args.naive, args.memory)
        print(
            f"naive {result['naive_per_s']}/s, stamped {result['project_per_s']}/s "
            f"(× {result['ratio']}), {result['mean_pdf_bytes']} bytes per PDF, "
            f"RSS +{result['rss_growth_mb']} MB over {args.memory} renders"
        )
        if not args.engine_only:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            result.update(register_phase(args.count, design, result["naive_per_s"]))
            print(
                f"class of {args.count} on {result['db']}: {result['register_per_s']} "
                f"certificates with PDFs per CPU-second ({result['register_wall_per_s']}/s "
                f"wall, {result['register_queries']} queries), rows, PDFs and the class PDF; "
                f"the template's master was compiled before timing "
                f"({result['register_master_compile_s']} s)"
            )
    finally:
        cleanup()
        if files:
            shutil.rmtree(files, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
