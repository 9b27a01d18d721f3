"""A class's roster as a spreadsheet: import (with pre/post-test scores) and export.

The class comes through the scoped selector (another province's class is a 404); the
pages and jobs are the shared ones of `organizations.imports`.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.imports import export_response, import_page, template_response

from .imports import ROSTER
from .selectors import classes as selectors


def _class_or_404(user, pk: int):
    training_class = selectors.class_get_for_user(user, pk)
    if training_class is None or not ROSTER.allowed(user, training_class.host_unit, pk):
        raise Http404(_("Không tìm thấy lớp trong phạm vi của bạn."))
    return training_class


@login_required
def roster_import(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    return import_page(
        request,
        kind=ROSTER,
        scope_unit=training_class.host_unit,
        target_id=training_class.pk,
        heading=f"{ROSTER.label} — {training_class.title}",
        back_url=reverse("class_detail", args=[pk]),
        template_url=reverse("class_roster_template", args=[pk]),
        export_url=reverse("class_roster_export", args=[pk]),
    )


@login_required
def roster_template(request, pk: int):
    _class_or_404(request.user, pk)
    return template_response(ROSTER)


@login_required
def roster_export(request, pk: int):
    training_class = _class_or_404(request.user, pk)
    return export_response(
        ROSTER,
        actor=request.user,
        scope_unit=training_class.host_unit,
        target_id=training_class.pk,
        name=f"hoc-vien-{training_class.code}",
    )
