"""The trainer cascade pages: a trainer's and a unit's cascade with the collapsible tree,
the classes of one generation, and the same tables as XLSX.

Counts cross unit boundaries, names do not: a person outside the viewer's scope appears
as their unit (`cascade.name_visibility`), in the page and in the spreadsheet alike.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.xlsx import workbook_bytes, xlsx_response
from organizations import selectors as org_selectors
from organizations.permissions import Action, can, has_any

from .selectors import cascade

PAGE_SIZE = 50
TOP_PROVINCES = 5
TRAINER_TREE_DEPTH = 3
UNIT_TREE_DEPTH = 2
UNIT_TREES = 10
TEMPLATES = "courses/cascade/"


def _priority_labels() -> dict[str, str]:
    return {
        "is_ethnic_minority_area": _("Vùng đồng bào dân tộc thiểu số"),
        "is_mountain": _("Miền núi"),
        "is_border": _("Biên giới"),
        "is_island": _("Hải đảo"),
    }


# --- Finding what is asked for ----------------------------------------------------------


def _trainer_or_404(user, code: str):
    """The viewer's own cadre record, or a cadre in their VIEW_TRAINERS scope."""
    own = org_selectors.cadre_for_user_account(user)
    if own is not None and own.code == code:
        cadre = own
    else:
        cadre = (
            org_selectors.cadres_for_user(user, action=Action.VIEW_TRAINERS)
            .filter(code=code)
            .first()
        )
    if cadre is None or not cascade.cascade_page_allowed(user, cadre):
        raise Http404(_("Không tìm thấy tập huấn viên trong phạm vi của bạn."))
    return cadre


def _unit_or_404(user, code: str):
    unit = org_selectors.unit_get_for_user(user, code, Action.VIEW_TRAINERS)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _generation_or_404(generations, number: int):
    for generation in generations:
        if generation.number == number:
            return generation
    raise Http404(_("Lan toả này không có thế hệ %(n)d.") % {"n": number})


# --- What the pages show ----------------------------------------------------------------


@dataclass
class TrainerLabel:
    """A trainer as the viewer may see them: the name (and their cascade page) or the unit."""

    text: str
    url: str = ""


@dataclass
class ClassRow:
    training_class: object
    trainers: list[TrainerLabel]
    url: str = ""


def _hidden_trainer(unit) -> str:
    return _("Tập huấn viên — %(unit)s") % {"unit": unit.name}


def _labeller(user, root_ids: Sequence[int]) -> Callable:
    """The trainer label for this viewer: the cascade's own roots are always named (the
    viewer may open their page), others only inside the viewer's scope."""
    may_name = cascade.name_visibility(user)
    roots = set(root_ids)

    def label(cadre) -> TrainerLabel:
        if cadre.pk in roots or may_name(cadre.unit.path):
            return TrainerLabel(cadre.full_name, reverse("cascade_trainer", args=[cadre.code]))
        return TrainerLabel(_hidden_trainer(cadre.unit))

    return label


def _class_row(training_class, label: Callable, user) -> ClassRow:
    """A class with its trainers as the viewer may see them, and a link to the class's page
    for those who manage it."""
    trainers = sorted((label(t.cadre) for t in training_class.trainers.all()), key=_text)
    url = ""
    if can(user, Action.MANAGE_CLASSES, training_class.host_unit):
        url = reverse("class_detail", args=[training_class.pk])
    return ClassRow(training_class, trainers, url)


def _text(trainer: TrainerLabel) -> str:
    return trainer.text


def _figures(root_ids: Sequence[int]) -> dict:
    """Reach, units and priority areas, generations: the same for a trainer and a unit."""
    areas = cascade.cascade_areas(root_ids)
    labels = _priority_labels()
    reach = cascade.cascade_reach(root_ids)
    return {
        "reach": reach,
        "areas": areas,
        "priority": [
            (labels[name], *areas.priority.get(name, (0, 0))) for name in cascade.PRIORITY_FLAGS
        ],
        "provinces": areas.provinces[:TOP_PROVINCES],
        "generations": cascade.cascade_generations(root_ids, reach=reach),
        "threshold": settings.CASCADE_FIDELITY_DROP,
    }


# --- Pages ------------------------------------------------------------------------------


@login_required
def cascade_home(request):
    """Organizers and programme viewers start at their unit; a trainer at their own page."""
    user = request.user
    if has_any(user, Action.VIEW_TRAINERS):
        roots = org_selectors.unit_roots_for_user(user, Action.VIEW_TRAINERS)
        if roots:
            return redirect("cascade_unit", code=roots[0].code)
    own = org_selectors.cadre_for_user_account(user)
    if own is not None and cascade.is_trainer(own.pk):
        return redirect("cascade_trainer", code=own.code)
    raise PermissionDenied(_("Bạn chưa được phân công theo dõi tập huấn viên."))


@login_required
def cascade_trainer(request, code: str):
    cadre = _trainer_or_404(request.user, code)
    context = {
        "cadre": cadre,
        "state": cascade.cascade_state(cadre.pk),
        "teaches": cascade.is_trainer(cadre.pk),
        "unit_allowed": can(request.user, Action.VIEW_TRAINERS, cadre.unit),
        "tree": cascade.cascade_tree(cadre, viewer=request.user, depth=TRAINER_TREE_DEPTH),
        **_figures([cadre.pk]),
    }
    return render(request, TEMPLATES + "trainer.html", context)


def _generation_page(request, *, root_ids, number: int, context: dict):
    figures = cascade.cascade_generations(root_ids)
    generation = _generation_or_404(figures, number)
    classes = cascade.generation_classes(root_ids, number)
    page = Paginator(classes, PAGE_SIZE).get_page(request.GET.get("page"))
    label = _labeller(request.user, root_ids)
    context |= {
        "generation": generation,
        "page_obj": page,
        "rows": [_class_row(k, label, request.user) for k in page.object_list],
        "threshold": settings.CASCADE_FIDELITY_DROP,
    }
    return render(request, TEMPLATES + "generation.html", context)


@login_required
def cascade_generation(request, code: str, number: int):
    cadre = _trainer_or_404(request.user, code)
    context = {
        "cadre": cadre,
        "back_url": reverse("cascade_trainer", args=[cadre.code]),
        "subject": cadre.full_name,
    }
    return _generation_page(request, root_ids=[cadre.pk], number=number, context=context)


@login_required
def cascade_unit_generation(request, code: str, number: int):
    unit = _unit_or_404(request.user, code)
    leads = [lead.pk for lead in cascade.unit_lead_trainers(unit)]
    context = {
        "unit": unit,
        "back_url": reverse("cascade_unit", args=[unit.code]),
        "subject": unit.name,
    }
    return _generation_page(request, root_ids=leads, number=number, context=context)


@login_required
def cascade_unit(request, code: str):
    unit = _unit_or_404(request.user, code)
    leads = list(cascade.unit_lead_trainers(unit))
    lead_ids = [lead.pk for lead in leads]
    counts = cascade.reach_counts(lead_ids)
    ranked = sorted(leads, key=lambda lead: (-counts.get(lead.pk, 0), lead.full_name))
    context = {
        "unit": unit,
        "ancestors": [
            a
            for a in org_selectors.unit_ancestors(unit)
            if can(request.user, Action.VIEW_TRAINERS, a)
        ],
        "leads": [(lead, counts.get(lead.pk, 0)) for lead in ranked],
        "trees": [
            cascade.cascade_tree(lead, viewer=request.user, depth=UNIT_TREE_DEPTH)
            for lead in ranked[:UNIT_TREES]
        ],
        "more_trees": max(0, len(ranked) - UNIT_TREES),
        **_figures(lead_ids),
    }
    return render(request, TEMPLATES + "unit.html", context)


# --- XLSX -------------------------------------------------------------------------------


def _number(value):
    return float(value) if value is not None else None


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _workbook(user, root_ids: Sequence[int]) -> bytes:
    """The generations (with the fidelity flags), every class of the cascade, the units and
    priority areas reached, and the provinces."""
    figures = _figures(root_ids)
    reached = figures["areas"]
    return workbook_bytes(
        [
            (_("Thế hệ"), _generation_headers(), _generation_rows(figures["generations"])),
            (_("Lớp"), _class_headers(), _class_rows(user, root_ids, figures["generations"])),
            (
                _("Vùng ưu tiên"),
                [_("Vùng"), _("Số đơn vị"), _("Số cán bộ")],
                [
                    [_("Tất cả đơn vị được tập huấn đến"), reached.units, reached.cadres],
                    *([name, units, cadres] for name, units, cadres in figures["priority"]),
                ],
            ),
            (
                _("Tỉnh, thành"),
                [_("Tỉnh, thành"), _("Số cán bộ")],
                ([province.name, cadres] for province, cadres in reached.provinces),
            ),
        ]
    )


def _generation_headers() -> list[str]:
    return [
        _("Thế hệ"),
        _("Số lớp"),
        _("Số tập huấn viên"),
        _("Cán bộ được tập huấn"),
        _("Cán bộ chuyên trách"),
        _("Lượt học viên"),
        _("Lượt có điểm cuối khoá"),
        _("Điểm cuối khoá trung bình"),
        _("Tỉ lệ đạt (%)"),
        _("Độ trễ (ngày)"),
        _("Điểm trung bình giảm so với thế hệ trên"),
        _("Tỉ lệ đạt giảm so với thế hệ trên"),
        _("Giảm sút"),
    ]


def _generation_rows(generations):
    for g in generations:
        yield [
            g.number,
            g.classes,
            g.trainers,
            g.cadres,
            g.dedicated,
            g.participations,
            g.scored,
            _number(g.mean_score),
            _number(g.pass_rate),
            g.lag_days,
            _number(g.score_drop),
            _number(g.pass_drop),
            _("Có") if g.flagged else "",
        ]


def _class_headers() -> list[str]:
    return [
        _("Thế hệ"),
        _("Mã lớp"),
        _("Tên lớp"),
        _("Khoá học"),
        _("Đơn vị tổ chức"),
        _("Ngày bắt đầu"),
        _("Ngày kết thúc"),
        _("Tập huấn viên"),
        _("Số học viên"),
        _("Điểm cuối khoá trung bình"),
    ]


def _class_rows(user, root_ids: Sequence[int], generations):
    label = _labeller(user, root_ids)
    for g in generations:
        for k in cascade.generation_classes(root_ids, g.number).iterator(chunk_size=2000):
            trainers = sorted(label(t.cadre).text for t in k.trainers.all())
            yield [
                g.number,
                k.code,
                k.title,
                k.course.title,
                k.host_unit.name,
                _date(k.start_date),
                _date(k.end_date),
                "; ".join(trainers),
                k.participant_count,
                round(float(k.mean_score), 1) if k.mean_score is not None else None,
            ]


@login_required
def cascade_trainer_xlsx(request, code: str):
    cadre = _trainer_or_404(request.user, code)
    return xlsx_response(_workbook(request.user, [cadre.pk]), f"lan-toa-{cadre.code}")


@login_required
def cascade_unit_xlsx(request, code: str):
    unit = _unit_or_404(request.user, code)
    leads = [lead.pk for lead in cascade.unit_lead_trainers(unit)]
    return xlsx_response(_workbook(request.user, leads), f"lan-toa-{unit.code}")
