"""Building the dataset step by step, timing each step."""

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from organizations.models import Cadre

from ..models import Snapshot
from ..services.snapshots import snapshot_live, snapshot_refresh, snapshots_ensure_periods
from .declarations import declarations_load
from .load import bulk_session, tables_analyse
from .people import MARK, people_load
from .register import register_load
from .tree import tree_build

PREFIX = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")


class ScaleRefused(Exception):
    """The database holds data this command must not mix with."""


@dataclass
class ScaleResult:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0  # wall clock, the load's commit included


def _check(prefix: str) -> None:
    if not PREFIX.match(prefix):
        raise ScaleRefused(
            f"Tiền tố “{prefix}” không hợp lệ: 1–8 chữ cái in hoa hoặc chữ số, bắt đầu bằng chữ."
        )
    foreign = Cadre.objects.exclude(code__startswith=MARK).count()
    if foreign:
        raise ScaleRefused(
            f"Cơ sở dữ liệu đã có {foreign} cán bộ không do seed_scale tạo. Lệnh này chỉ chạy "
            "trên cơ sở dữ liệu chưa có cán bộ (hoặc chỉ có dữ liệu seed_scale trước đó)."
        )
    if Cadre.objects.filter(code__startswith=f"{MARK}{prefix}-").exists():
        raise ScaleRefused(
            f"Đã có dữ liệu seed_scale với tiền tố {prefix}. Chọn tiền tố khác (--prefix)."
        )


def scale_seed(
    *,
    cadres: int,
    prefix: str = "A",
    seed: int = 2026,
    report: Callable[[str, float, str], None] | None = None,
) -> ScaleResult:
    """About `cadres` / 10 units, `cadres` cadres, 2 × `cadres` certificates, classes and
    declarations, then every snapshot computed. Refuses (ScaleRefused) on a database with
    cadres of its own, or with a previous run under the same `prefix`."""
    _check(prefix)
    began = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - made-up data, reproducible by design
    result = ScaleResult()

    def step(name: str, fn):
        start = time.perf_counter()
        value = fn()
        result.seconds[name] = round(time.perf_counter() - start, 2)
        if report:
            report(name, result.seconds[name], _describe(value))
        return value

    tree = step("units", lambda: tree_build(wanted=max(40, cadres // 10), prefix=prefix))
    result.counts["units"] = len(tree.units)
    with bulk_session():
        people = step(
            "cadres", lambda: people_load(tree=tree, count=cadres, prefix=prefix, rng=rng)
        )
        register = step(
            "register", lambda: register_load(tree=tree, people=people, prefix=prefix, rng=rng)
        )
        declared = step(
            "declarations", lambda: declarations_load(tree=tree, prefix=prefix, rng=rng)
        )
        committing = time.perf_counter()
    result.seconds["commit"] = round(time.perf_counter() - committing, 2)
    if report:
        report("commit", result.seconds["commit"], "")
    result.counts |= {
        "cadres": people.cadres,
        "posts": people.posts,
        "classes": register.classes,
        "certificates": register.certificates,
        "participants": register.participants,
        "declarations": declared,
    }
    step("analyse", lambda: tables_analyse(vacuum=True))
    step("periods", lambda: snapshots_ensure_periods())
    live = snapshot_live()
    step("live", lambda: snapshot_refresh(snapshot_id=live.pk, force=True))
    periods = Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD).order_by("-as_of")
    step(
        "quarters",
        lambda: sum(snapshot_refresh(snapshot_id=pk, force=True) for pk in periods.values_list(
            "pk", flat=True)),
    )  # fmt: skip
    result.counts["snapshots"] = Snapshot.objects.count()
    result.total_seconds = round(time.perf_counter() - began, 1)
    return result


def _describe(value) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    return ", ".join(
        f"{k}={v}"
        for k, v in vars(value).items()
        if isinstance(v, int) and k not in ("first", "central")
    )
