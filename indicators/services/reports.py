"""The mid-term (2025) and final (2030) reports: asked for on a page, computed once in
Celery at the cut-off date into `Report.data`, then printed from that data alone.

A report is frozen: it never reads the live snapshot, and once done it is never computed
again, so later certificates, posts or declarations cannot change what it says.

The mid-term report is drawn in the unit tree as it stood at its cut-off (the units, names
and parents of that day: what the units reported on then), the final report in today's
tree; `data["structure"]` says which. A unit that did not exist at a mid-term cut-off (it
was formed later) is reported in today's tree, its predecessors' figures added into it.
"""

import datetime
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.services import place_of
from organizations.models import Level, Organisation, OrgUnit
from organizations.permissions import Action, require
from organizations.selectors import unit_tree_as_of
from organizations.text import fold

from .. import rules
from ..computation import FIELDS, PERIOD, TODAY, compute, structure_for
from ..models import Indicator, Report, Segment, Target
from ..reports.cutoffs import cutoff_errors, milestone_of
from ..reports.pdf import report_pdf
from ..reports.wording import rules_statement, status_labels
from ..reports.xlsx import report_xlsx
from .declarations import targets_effective

logger = logging.getLogger(__name__)

_ORGANISATIONS = (Segment.DOAN, Segment.HOI_LHTN, Segment.HOI_SV)
_AREAS = (Segment.ETHNIC, Segment.MOUNTAIN, Segment.BORDER, Segment.ISLAND)
# A report still "running" this long after its worker claimed it has lost that worker.
STALE_RUNNING_AFTER = datetime.timedelta(minutes=30)


def _queue(report_id: int) -> None:
    def run():
        from ..tasks import report_generate

        report_generate.delay(report_id)

    transaction.on_commit(run)


def report_request(*, actor, unit: OrgUnit, kind: str, cutoff: datetime.date) -> Report:
    """Ask for a unit's report at a cut-off date. The same unit, kind and cut-off always
    give the same report (a doubled or concurrent request included); a failed one, or one
    whose worker has been silent for STALE_RUNNING_AFTER, is queued again."""
    require(actor, Action.VIEW_INDICATORS, unit)
    errors: dict[str, list[str]] = {}
    if kind not in Report.Kind.values:
        errors["kind"] = [
            _("Loại báo cáo “%(value)s” không tồn tại; chọn sơ kết 2025 hoặc tổng kết 2030.")
            % {"value": kind}
        ]
    elif messages := cutoff_errors(kind, cutoff, timezone.localdate()):
        errors["cutoff"] = messages
    if errors:
        raise ValidationError(errors)
    lookup = {"unit": unit, "kind": kind, "cutoff": cutoff}
    try:
        with transaction.atomic():
            report, created = Report.objects.get_or_create(
                **lookup, defaults={"requested_by": actor}
            )
    except IntegrityError:
        report, created = Report.objects.get(**lookup), False
    if created:
        _queue(report.pk)
        return report
    stale = timezone.now() - STALE_RUNNING_AFTER
    abandoned = Q(status=Report.Status.FAILED) | Q(
        Q(started_at__lt=stale) | Q(started_at__isnull=True, requested_at__lt=stale),
        status=Report.Status.RUNNING,
    )
    retried = Report.objects.filter(abandoned, pk=report.pk).update(
        status=Report.Status.QUEUED, progress=0, step="", error="", started_at=None,
        finished_at=None,
    )  # fmt: skip
    if retried:
        _queue(report.pk)
        report.refresh_from_db()
    return report


def _progress(report_id: int, progress: int, step: str) -> None:
    """A short update of its own, so the status page sees it while the task works."""
    Report.objects.filter(pk=report_id).update(progress=progress, step=step)


def _claim(report_id: int) -> Report | None:
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .filter(pk=report_id, status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
            .first()
        )
        if report is None:
            return None
        report.status = Report.Status.RUNNING
        report.progress, report.step, report.error = 1, _("Bắt đầu tạo báo cáo"), ""
        report.started_at = timezone.now()
        report.save(update_fields=["status", "progress", "step", "error", "started_at"])
    return Report.objects.select_related("unit").get(pk=report_id)


def report_generate(*, report_id: int) -> Report | None:
    """Compute, freeze and print one report. A report that is done (or failed, until it is
    asked for again) is left alone; a task delivered twice stores its result once."""
    report = _claim(report_id)
    if report is None:
        return Report.objects.filter(pk=report_id).first()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            data = json.loads(json.dumps(report_data(report, progress=_progress)))
            _progress(report.pk, 80, _("Đang tạo tệp PDF"))
            pdf = report_pdf(data)
            _progress(report.pk, 92, _("Đang tạo bảng tính Excel"))
            xlsx = report_xlsx(data)
        with transaction.atomic():
            current = Report.objects.select_for_update().get(pk=report.pk)
            if current.status == Report.Status.DONE:
                return current
            name = f"{report.unit.code}-{report.kind}-{report.cutoff:%Y%m%d}"
            current.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
            current.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
            current.data = data
            current.status = Report.Status.DONE
            current.progress, current.step, current.error = 100, _("Hoàn thành"), ""
            current.finished_at = timezone.now()
            current.save(
                update_fields=[
                    "pdf", "xlsx", "data", "status", "progress", "step", "error", "finished_at"
                ]
            )  # fmt: skip
        return current
    except Exception:
        logger.exception("indicator report %s failed", report_id)
        with translation.override(settings.LANGUAGE_CODE):
            message = failure_message()
        Report.objects.filter(pk=report_id).exclude(status=Report.Status.DONE).update(
            status=Report.Status.FAILED, error=message, finished_at=timezone.now()
        )
        return Report.objects.filter(pk=report_id).first()


def failure_message() -> str:
    """What users read when a report failed; the cause itself goes to the log only."""
    return _("Không tạo được báo cáo. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.")


def _named(values: list[int] | None) -> dict[str, int]:
    return dict(zip(FIELDS, values or [0] * len(FIELDS), strict=True))


def _figures(values, *, targets, as_of, milestone, year_ago=None) -> dict[str, dict]:
    from ..selectors import figures_from  # the selectors import this package

    labels = status_labels()
    out = {}
    judged = figures_from(
        _named(values),
        targets=targets,
        as_of=as_of,
        year_ago=_named(year_ago) if year_ago is not None else None,
    )
    for ind, figure in judged.items():
        if figure.judgement.milestone != milestone:
            raise ValueError(f"cut-off {as_of} is judged for {figure.judgement.milestone}")
        out[ind] = {
            "num": figure.num,
            "den": figure.den,
            "percent": figure.percent,
            "target": float(figure.judgement.target),
            "expected": figure.judgement.expected,
            "projected": figure.judgement.projected,
            "status": figure.status,
            "status_label": labels[figure.status],
        }
    return out


def _trend_dates(cutoff: datetime.date) -> list[datetime.date]:
    ends = [datetime.date(y, 12, 31) for y in range(2022, cutoff.year + 1)]
    return [d for d in ends if rules.PROGRAMME_START <= d < cutoff] + [cutoff]


def _children(unit: OrgUnit, figures: dict) -> list[OrgUnit]:
    units = OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
    kept = [c for c in units if c.is_active or (c.pk, Segment.ALL.value) in figures]
    return sorted(kept, key=lambda c: (fold(c.name), c.code))


def _child_targets(children: list[OrgUnit], base: dict) -> dict[int, dict]:
    """A child's targets: the unit's, raised by what the child set for itself."""
    out: dict[int, dict] = {}
    for t in Target.objects.filter(unit__in=children, year__in=rules.MILESTONES):
        slot = out.setdefault(t.unit_id, {i: dict(base[i]) for i in rules.INDICATORS})
        slot[t.indicator][t.year] = max(slot[t.indicator][t.year], t.percent)
    return out


def report_structure(report: Report) -> tuple[str, dict | None]:
    """The structure a report is drawn in, and the tree of its cut-off when that differs
    from today's (None: today's tree serves)."""
    if report.kind != Report.Kind.MIDTERM or structure_for(PERIOD, report.cutoff) == TODAY:
        return (PERIOD if report.kind == Report.Kind.MIDTERM else TODAY), None
    tree = unit_tree_as_of(as_of=report.cutoff)
    if report.unit_id not in tree:
        return TODAY, None
    return PERIOD, tree


def _children_then(unit: OrgUnit, tree: dict) -> list[OrgUnit]:
    """The unit's children at the cut-off, named as they were then (names not saved)."""
    kept = list(OrgUnit.objects.filter(pk__in=[k for k, v in tree.items() if v[0] == unit.pk]))
    for child in kept:
        child.name = tree[child.pk][1]
    return sorted(kept, key=lambda c: (fold(c.name), c.code))


def report_data(report: Report, *, progress=lambda *a: None) -> dict:
    """Everything the report says, as JSON-ready values: the only input of the printers."""
    unit, cutoff = report.unit, report.cutoff
    milestone = milestone_of(report.kind)
    targets = targets_effective(unit)
    structure, tree = report_structure(report)
    # In the tree of a past date a unit may sit at another depth: keep the whole subtree.
    depths = {unit.depth, unit.depth + 1} if structure == TODAY else None
    progress(report.pk, 5, _("Đang tính số liệu của đơn vị và các đơn vị trực thuộc"))
    now = compute(as_of=cutoff, root=unit, depths=depths, structure=structure, tree=tree)
    progress(report.pk, 35, _("Đang tính số liệu cùng kỳ năm trước"))
    ago_date = cutoff - datetime.timedelta(days=365)
    ago = (
        compute(as_of=ago_date, root=unit, depths=depths, structure=structure)
        if ago_date >= rules.PROGRAMME_START
        else None
    )
    trend = []
    dates = _trend_dates(cutoff)
    for n, day in enumerate(dates):
        progress(report.pk, 45 + 25 * n // len(dates), _("Đang tính diễn biến theo năm"))
        values = _named(
            now.get((unit.pk, Segment.ALL.value))
            if day == cutoff
            else compute(
                as_of=day,
                root=unit,
                depths={unit.depth} if structure == TODAY else None,
                segments=False,
                structure=structure,
            ).get((unit.pk, Segment.ALL.value))
        )
        trend.append(
            {
                "date": day.isoformat(),
                "figures": {
                    i: {
                        "num": values[f"{i}_num"],
                        "den": values[f"{i}_den"],
                        "percent": rules.percent(values[f"{i}_num"], values[f"{i}_den"]),
                    }
                    for i in rules.INDICATORS
                },
            }
        )
    progress(report.pk, 72, _("Đang lập bảng số liệu"))

    def judged(unit_id, segment=Segment.ALL.value, tgt=targets):
        year_ago = None
        if ago is not None:
            year_ago = ago.get((unit_id, segment)) or [0] * len(FIELDS)
        return _figures(
            now.get((unit_id, segment)), targets=tgt, as_of=cutoff, milestone=milestone,
            year_ago=year_ago,
        )  # fmt: skip

    def declared(unit_id, segment=Segment.ALL.value):
        return _named(now.get((unit_id, segment)))["declared_units"]

    children = _children(unit, now) if tree is None else _children_then(unit, tree)
    child_targets = _child_targets(children, targets)
    parent = unit.get_parent()
    name, level, parent_name = unit.name, unit.level, parent.name if parent else ""
    if tree is not None:
        parent_id, name, level = tree[unit.pk]
        parent_name = tree[parent_id][1] if parent_id in tree else ""
    return {
        "version": 1,
        "structure": structure,
        "unit": {
            "code": unit.code,
            "name": name,
            "level": level,
            "level_label": str(Level(level).label) if level in Level.values else level,
            "organisation": unit.organisation,
            "organisation_label": str(Organisation(unit.organisation).label),
            "parent_name": parent_name,
            "place": place_of(unit),
        },
        "kind": report.kind,
        "kind_label": str(Report.Kind(report.kind).label),
        "milestone": milestone,
        "cutoff": cutoff.isoformat(),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "indicators": [{"code": c, "label": str(label)} for c, label in Indicator.choices],
        "targets": {i: {str(y): float(v) for y, v in targets[i].items()} for i in targets},
        "figures": judged(unit.pk),
        "declared_units": declared(unit.pk),
        "children": [
            {
                "code": c.code,
                "name": c.name,
                "figures": judged(c.pk, tgt=child_targets.get(c.pk, targets)),
                "declared_units": declared(c.pk),
            }
            for c in children
        ],
        "organisations": [
            {
                "segment": s.value,
                "label": str(s.label),
                "figures": judged(unit.pk, s.value),
                "declared_units": declared(unit.pk, s.value),
            }
            for s in _ORGANISATIONS
            if (unit.pk, s.value) in now
        ],
        "areas": [
            {
                "segment": s.value,
                "label": str(s.label),
                "figures": judged(unit.pk, s.value),
                "declared_units": declared(unit.pk, s.value),
            }
            for s in _AREAS
        ],
        "trend": trend,
        "statuses": status_labels(),
        "rules": rules_statement(cutoff),
    }
