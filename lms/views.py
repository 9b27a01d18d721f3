import json

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from courses.selectors import cascade as cascade_selectors
from courses.selectors import classes as class_selectors
from courses.selectors import learning as course_selectors
from handbooks import selectors as handbook_selectors
from organizations import selectors as org_selectors

from .health import broker_status, database_status


def healthz(request):
    """Liveness for load balancers: database and broker, as JSON; 503 when one is down."""
    checks = {"database": database_status(connection), "broker": broker_status()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    return HttpResponse(
        json.dumps(body), status=200 if healthy else 503, content_type="application/json"
    )


@login_required
def my_learning(request):
    """A learner's page: their courses with progress, and what they are reading."""
    cadre = org_selectors.cadre_for_user_account(request.user)
    context = {
        "cadre": cadre,
        "is_trainer": cadre is not None and cascade_selectors.is_trainer(cadre.pk),
        "courses": course_selectors.enrollments_for_user(request.user),
        "classes": class_selectors.participations_for_user(request.user),
        "reading": handbook_selectors.reading_progress_for_user(request.user),
    }
    return render(request, "lms/my_learning.html", context)
