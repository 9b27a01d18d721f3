import json

from django.db import connection
from django.http import HttpResponse

from .health import broker_status, database_status


def healthz(request):
    """Liveness for load balancers: database and broker, as JSON; 503 when one is down."""
    checks = {"database": database_status(connection), "broker": broker_status()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    return HttpResponse(
        json.dumps(body), status=200 if healthy else 503, content_type="application/json"
    )
