"""A participant's pages of a class: their own page of it (with the class's pre-test and
post-test) and the QR check-in. Only the participant's own place is shown: a cadre not on
the list gets a 404, as does an organizer outside the class's units.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import assessments as assessment_selectors
from .selectors import classes as selectors
from .services import classes as services


def own_tests(user, pk: int):
    """The user's place on class `pk` (or None) and that class's tests for them."""
    participant = selectors.participation_for_user(user, pk)
    if participant is None:
        return None, []
    tests = assessment_selectors.class_tests(
        training_class=participant.training_class, participant=participant
    )
    return participant, tests


def class_learner_page(request, pk: int):
    participant, tests = own_tests(request.user, pk)
    if participant is None:
        raise Http404(_("Không tìm thấy lớp trong phạm vi của bạn."))
    context = {
        "training_class": participant.training_class,
        "participant": participant,
        "tests": tests,
        "sessions": selectors.class_sessions(participant.training_class),
    }
    return render(request, "courses/classes/class_learner.html", context)


@login_required
def checkin(request, token: str):
    session = selectors.session_for_checkin(token)
    if session is None:
        raise Http404(_("Mã điểm danh không hợp lệ hoặc đã bị xoá."))
    context = {"session": session, "training_class": session.training_class, "now": timezone.now()}
    status = 200
    if request.method == "POST":
        try:
            services.attendance_checkin(user=request.user, token=token)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            status = 400
        else:
            context["done"] = True
    return render(request, "courses/classes/checkin.html", context, status=status)
