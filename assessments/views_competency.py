"""Competency pages: a cadre's own profile with self-assessment, an assessor's view of a
cadre, and the gaps of a unit's subtree.

Thin views: cadres and units come through scoped selectors (outside the user's units is a
404), each POST calls `rubric_rate`, whose Vietnamese messages are shown beside the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.forms_competency import RatingForm
from assessments.models import Proficiency, RubricRating
from assessments.selectors import competencies as selectors
from assessments.services.competencies import rubric_rate
from organizations import selectors as org_selectors
from organizations.permissions import Action, can

PAGE_SIZE = 25


def _unit_or_404(user, unit_id: int):
    unit = org_selectors.units_in_scope(user, Action.VIEW_COMPETENCIES).filter(pk=unit_id).first()
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


def _rate(request, *, cadre, kind: str, posted: dict) -> bool:
    """Record the posted rating; on bad input fill `posted` with the messages to show."""
    form = RatingForm(request.POST)
    if not form.is_valid():
        posted["errors"] = [m for errors in form.errors.values() for m in errors]
        return False
    data = form.cleaned_data
    posted.update(competency=data["competency"], level=data["level"], note=data["note"])
    competency = selectors.competency_get(data["competency"])
    if competency is None:
        raise Http404(_("Không tìm thấy năng lực này."))
    try:
        rubric_rate(
            actor=request.user,
            cadre=cadre,
            competency=competency,
            kind=kind,
            level=data["level"],
            note=data["note"],
        )
    except ValidationError as exc:
        posted["errors"] = exc.messages
        return False
    messages.success(
        request, _("Đã ghi nhận đánh giá năng lực “%(name)s”.") % {"name": competency.name}
    )
    return True


def _profile_context(cadre, kind: str, posted: dict) -> dict:
    """The profile, each row paired with what its rating form shows: the posted values
    and messages after bad input, otherwise the latest rating of `kind`."""
    profile = selectors.cadre_profile(cadre=cadre)
    rows = []
    for row in profile.rows:
        if posted.get("competency") == row.competency.pk:
            state = {
                "level": str(posted.get("level") or ""),
                "note": posted.get("note", ""),
                "errors": posted.get("errors", []),
            }
        else:
            current = row.self_rating if kind == RubricRating.Kind.SELF else row.assessor_rating
            state = {"level": str(current.level) if current else "", "note": "", "errors": []}
        rows.append((row, state))
    return {
        "cadre": cadre,
        "profile": profile,
        "rows": rows,
        "levels": [(str(value), label) for value, label in Proficiency.choices],
        "form_errors": [] if posted.get("competency") else posted.get("errors", []),
    }


def _after_rating(url: str, competency_id) -> str:
    return f"{url}#nang-luc-{competency_id}"


@login_required
def my_profile(request):
    cadre = org_selectors.cadre_for_user_account(request.user)
    if cadre is None:
        return render(request, "assessments/competency/no_cadre.html")
    posted: dict = {}
    if request.method == "POST":
        if _rate(request, cadre=cadre, kind=RubricRating.Kind.SELF, posted=posted):
            return redirect(_after_rating(reverse("assessments:my_profile"), posted["competency"]))
        messages.error(request, _("Chưa lưu được bản tự đánh giá, hãy xem lỗi bên dưới."))
    context = _profile_context(cadre, RubricRating.Kind.SELF, posted) | {
        "quizzes": selectors.open_quizzes_for(cadre=cadre),
        "attempts": selectors.recent_attempts_for(cadre=cadre),
    }
    return render(request, "assessments/competency/my_profile.html", context)


@login_required
def cadre_profile(request, cadre_id: int):
    cadre = org_selectors.cadre_get_for_user(request.user, cadre_id, Action.VIEW_COMPETENCIES)
    if cadre is None:
        raise Http404(_("Không tìm thấy cán bộ trong phạm vi của bạn."))
    can_assess = cadre.user_id != request.user.pk and can(
        request.user, Action.ASSESS_CADRES, cadre.unit
    )
    posted: dict = {}
    if request.method == "POST":
        if not can_assess:
            raise PermissionDenied(_("Bạn không có quyền đánh giá năng lực cán bộ này."))
        if _rate(request, cadre=cadre, kind=RubricRating.Kind.ASSESSOR, posted=posted):
            url = reverse("assessments:cadre_profile", args=[cadre.pk])
            return redirect(_after_rating(url, posted["competency"]))
        messages.error(request, _("Chưa lưu được đánh giá, hãy xem lỗi bên dưới."))
    context = _profile_context(cadre, RubricRating.Kind.ASSESSOR, posted) | {
        "can_assess": can_assess,
        "unit_link": can(request.user, Action.VIEW_COMPETENCIES, cadre.unit),
    }
    return render(request, "assessments/competency/cadre_profile.html", context)


@login_required
def unit_gaps_home(request):
    roots = org_selectors.unit_roots_for_user(request.user, Action.VIEW_COMPETENCIES)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi năng lực cán bộ."))
    if len(roots) == 1:
        return redirect("assessments:unit_gaps", unit_id=roots[0].pk)
    return render(request, "assessments/competency/unit_index.html", {"roots": roots})


def _breadcrumbs(user, unit) -> list:
    return [a for a in org_selectors.unit_ancestors(unit) if can(user, Action.VIEW_COMPETENCIES, a)]


@login_required
def unit_gaps(request, unit_id: int):
    unit = _unit_or_404(request.user, unit_id)
    context = {
        "unit": unit,
        "gaps": selectors.subtree_gaps(user=request.user, unit=unit),
        "breadcrumbs": _breadcrumbs(request.user, unit),
    }
    return render(request, "assessments/competency/unit_gaps.html", context)


@login_required
def unit_gap_cadres(request, unit_id: int):
    unit = _unit_or_404(request.user, unit_id)
    competency = None
    if request.GET.get("nang_luc"):
        competency = selectors.competency_get(request.GET["nang_luc"])
        if competency is None or not competency.is_active:
            raise Http404(_("Không tìm thấy năng lực này."))
    cadres = selectors.cadres_with_gaps(user=request.user, unit=unit, competency=competency)
    context = {
        "unit": unit,
        "competency": competency,
        "cadres_page": Paginator(cadres, PAGE_SIZE).get_page(request.GET.get("page")),
        "breadcrumbs": _breadcrumbs(request.user, unit) + [unit],
    }
    return render(request, "assessments/competency/unit_gap_cadres.html", context)
