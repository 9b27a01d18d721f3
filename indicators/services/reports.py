"""The mid-term (2025) and final (2030) reports: asked for on a page, computed once in
Celery at the cut-off date into `Report.data`, then printed from that data alone.

A report is frozen: it never reads the live snapshot, and once done it is never computed
again, so later certificates, posts or declarations cannot change what it says.
"""

import datetime
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.models import Kind as CertificateKind
from certificates.services.faces import place_of
from organizations.models import Level, Organisation, OrgUnit
from organizations.permissions import Action, require
from organizations.text import fold

from .. import rules
from ..computation import FIELDS, compute
from ..models import Indicator, Report, Segment, Target
from ..reports.pdf import report_pdf
from ..reports.xlsx import report_xlsx
from .declarations import targets_effective

logger = logging.getLogger(__name__)

MILESTONE_OF = {Report.Kind.MIDTERM: 2025, Report.Kind.FINAL: 2030}
_ORGANISATIONS = (Segment.DOAN, Segment.HOI_LHTN, Segment.HOI_SV)
_AREAS = (Segment.ETHNIC, Segment.MOUNTAIN, Segment.BORDER, Segment.ISLAND)


def status_labels() -> dict[str, str]:
    return {
        rules.Status.ON_TRACK: _("Đúng tiến độ"),
        rules.Status.AT_RISK: _("Có nguy cơ chậm"),
        rules.Status.OFF_TRACK: _("Chậm tiến độ"),
        rules.Status.NO_DATA: _("Chưa có số liệu"),
    }


def _cutoff_errors(cutoff) -> list[str]:
    if not isinstance(cutoff, datetime.date) or isinstance(cutoff, datetime.datetime):
        return [_("Ngày chốt số liệu không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")]
    today = timezone.localdate()
    if cutoff > today:
        return [
            _("Ngày chốt số liệu (%(day)s) không được sau hôm nay (%(today)s).")
            % {"day": f"{cutoff:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        ]
    if cutoff < rules.PROGRAMME_START:
        return [
            _(
                "Ngày chốt số liệu (%(day)s) không được trước ngày Quyết định 1481/QĐ-TTg "
                "được ký (%(start)s)."
            )
            % {"day": f"{cutoff:%d/%m/%Y}", "start": f"{rules.PROGRAMME_START:%d/%m/%Y}"}
        ]
    return []


def _queue(report_id: int) -> None:
    def run():
        from ..tasks import report_generate

        report_generate.delay(report_id)

    transaction.on_commit(run)


def report_request(*, actor, unit: OrgUnit, kind: str, cutoff: datetime.date) -> Report:
    """Ask for a unit's report at a cut-off date. The same unit, kind and cut-off always
    give the same report (a doubled or concurrent request included); a failed one is
    queued again."""
    require(actor, Action.VIEW_INDICATORS, unit)
    errors: dict[str, list[str]] = {}
    if kind not in Report.Kind.values:
        errors["kind"] = [
            _("Loại báo cáo “%(value)s” không tồn tại; chọn sơ kết 2025 hoặc tổng kết 2030.")
            % {"value": kind}
        ]
    if messages := _cutoff_errors(cutoff):
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
    if report.status == Report.Status.FAILED:
        retried = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
            status=Report.Status.QUEUED, progress=0, step="", error="", finished_at=None
        )
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
        report.save(update_fields=["status", "progress", "step", "error"])
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
    except Exception as exc:
        logger.exception("indicator report %s failed", report_id)
        Report.objects.filter(pk=report_id).exclude(status=Report.Status.DONE).update(
            status=Report.Status.FAILED,
            error=(str(exc) or exc.__class__.__name__)[:2000],
            finished_at=timezone.now(),
        )
        return Report.objects.filter(pk=report_id).first()


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
        out[ind] = {
            "num": figure.num,
            "den": figure.den,
            "percent": figure.percent,
            "target": float(targets[ind][milestone]),
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


def rules_statement(cutoff: datetime.date) -> list[str]:
    """How each figure was counted, in words, with the settings in force at generation."""
    levels = dict(Level.choices)
    kinds = dict(CertificateKind.choices)
    signals = {
        "classes": _("tổ chức lớp tập huấn trên nền tảng"),
        "cadres": _("tạo hoặc cập nhật hồ sơ cán bộ trên nền tảng"),
        "declared": _("kê khai có ứng dụng phần mềm khác"),
    }
    day = f"{cutoff:%d/%m/%Y}"
    return [
        _(
            "(a) Mẫu số: các cấp bộ đang hoạt động thuộc cấp %(levels)s; tử số: cấp bộ đã "
            "%(signals)s trong %(days)d ngày tính đến ngày %(day)s."
        )
        % {
            "levels": ", ".join(str(levels.get(x, x)) for x in rules.it_levels()),
            "signals": _(" hoặc ").join(str(signals.get(s, s)) for s in sorted(rules.it_signals())),
            "days": rules.it_window_days(),
            "day": day,
        },
        _(
            "(b) Tổng số hoạt động được cập nhật trên cổng thông tin trên tổng số hoạt động "
            "tình nguyện đã tổ chức, theo kê khai mới nhất năm %(year)d của các đơn vị tính "
            "đến ngày %(day)s."
        )
        % {"year": cutoff.year, "day": day},
        _(
            "(c) Tổng số chiến dịch, hoạt động áp dụng mô hình đã tập huấn trên tổng số "
            "chiến dịch, hoạt động, theo kê khai mới nhất năm %(year)d tính đến ngày %(day)s."
        )
        % {"year": cutoff.year, "day": day},
        _(
            "(d) Mẫu số: cán bộ chuyên trách phụ trách công tác tình nguyện đang giữ chức vụ "
            "ngày %(day)s, mỗi người tính một lần; tử số: những người có giấy chứng nhận "
            "(%(kinds)s) cấp trước hoặc trong ngày đó, còn hiệu lực và không bị thu hồi."
        )
        % {
            "day": day,
            "kinds": ", ".join(str(kinds.get(k, k)) for k in rules.qualifying_kinds()),
        },
        _(
            "Đánh giá: mức cần đạt tăng đều từ 0%% (29/11/2022) đến chỉ tiêu năm 2025 "
            "(31/12/2025) rồi đến chỉ tiêu năm 2030 (31/12/2030). Đúng tiến độ: đạt mức cần "
            "đạt; có nguy cơ chậm: thấp hơn không quá %(margin)s điểm phần trăm hoặc tốc độ "
            "12 tháng qua đủ để đạt chỉ tiêu; còn lại là chậm tiến độ."
        )
        % {"margin": settings.INDICATOR_AT_RISK_MARGIN},
    ]


def report_data(report: Report, *, progress=lambda *a: None) -> dict:
    """Everything the report says, as JSON-ready values: the only input of the printers."""
    unit, cutoff = report.unit, report.cutoff
    milestone = MILESTONE_OF[report.kind]
    targets = targets_effective(unit)
    depths = {unit.depth, unit.depth + 1}
    progress(report.pk, 5, _("Đang tính số liệu của đơn vị và các đơn vị trực thuộc"))
    now = compute(as_of=cutoff, root=unit, depths=depths)
    progress(report.pk, 35, _("Đang tính số liệu cùng kỳ năm trước"))
    ago_date = cutoff - datetime.timedelta(days=365)
    ago = (
        compute(as_of=ago_date, root=unit, depths=depths, segments=False)
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
            else compute(as_of=day, root=unit, depths={unit.depth}, segments=False).get(
                (unit.pk, Segment.ALL.value)
            )
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
        if ago is not None and segment == Segment.ALL.value:
            year_ago = ago.get((unit_id, segment)) or [0] * len(FIELDS)
        return _figures(
            now.get((unit_id, segment)), targets=tgt, as_of=cutoff, milestone=milestone,
            year_ago=year_ago,
        )  # fmt: skip

    def declared(unit_id, segment=Segment.ALL.value):
        return _named(now.get((unit_id, segment)))["declared_units"]

    children = _children(unit, now)
    child_targets = _child_targets(children, targets)
    parent = unit.get_parent()
    return {
        "version": 1,
        "unit": {
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "level_label": str(Level(unit.level).label),
            "organisation": unit.organisation,
            "organisation_label": str(Organisation(unit.organisation).label),
            "parent_name": parent.name if parent else "",
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
