"""Public verification of a certificate by its code: what the QR code on the paper opens.

Anyone may look up one exact code; nothing lists, searches or numbers certificates. Lookups
are counted per client IP in the cache, and unknown codes far more strictly, so that the
80-bit codes cannot be guessed by brute force. Answers are HTML for people and JSON for
programs that ask for it, never cached and never indexed.
"""

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from certificates.forms import CODE_LENGTH, VerifyForm
from certificates.models import Certificate, Kind, Status
from certificates.selectors import certificate_by_code, effective_status
from certificates.services.faces import display_code, normalise_code

from .views_common import STATUS_MARKS, replacement

TEMPLATE = "certificates/verify.html"


def _client_ip(request) -> str:
    """The same client address the login rate limits use (honours the proxy settings)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _hits(kind: str, ip: str, period: int, *, add: bool) -> tuple[int, int]:
    """(count, seconds until it resets) of a window that opens at the client's first hit."""
    key = f"certificates:verify:{kind}:{ip}"
    now = time.time()
    if add:
        cache.add(f"{key}:start", now, period)
        cache.add(key, 0, period)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, period)
            count = 1
    else:
        count = cache.get(key, 0)
    start = cache.get(f"{key}:start", now)
    return count, max(1, int(start + period - now) + 1)


def _limited_for(ip: str) -> int | None:
    """Seconds to wait when this lookup is over a limit, else None (and the lookup counts)."""
    miss_limit, miss_period = settings.CERTIFICATE_VERIFY_MISSES
    misses, wait = _hits("miss", ip, miss_period, add=False)
    if misses >= miss_limit:
        return wait
    limit, period = settings.CERTIFICATE_VERIFY_LOOKUPS
    lookups, wait = _hits("lookup", ip, period, add=True)
    return wait if lookups > limit else None


def _count_miss(ip: str) -> None:
    _hits("miss", ip, settings.CERTIFICATE_VERIFY_MISSES[1], add=True)


def _wants_json(request) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _private(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_vary_headers(response, ["Accept"])
    return response


def public_facts(certificate: Certificate) -> dict:
    """What anyone holding the code may read. Never the revocation reason, the holder's
    date of birth or the replacement's code."""
    status = effective_status(certificate)
    data = certificate.data
    facts = {
        "holder_name": data["holder_name"],
        "achievement": data["achievement"],
        "kind": certificate.kind,
        "kind_label": str(Kind(certificate.kind).label),
        "issuing_unit": data["issuing_unit"],
        "serial": certificate.serial,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
        "status": str(status),
        "status_label": str(Status(status).label),
    }
    if status == Status.REVOKED and certificate.revoked_at:
        facts["revoked_on"] = timezone.localdate(certificate.revoked_at).isoformat()
    newer = replacement(certificate)
    if newer is not None:
        facts["replaced_by_serial"] = newer.serial
    return facts


def verify_form(request):
    """The page to type a code from paper; a valid code goes on to its verification page."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return _private(render(request, "certificates/verify_form.html", {"form": form}))


def verify(request, code: str):
    canonical = normalise_code(code)
    if canonical != code and len(canonical) == CODE_LENGTH:
        return redirect("certificates:verify", code=canonical)
    as_json = _wants_json(request)
    ip = _client_ip(request)
    wait = _limited_for(ip)
    if wait is not None:
        message = _(
            "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(n)d phút."
        ) % {"n": max(1, round(wait / 60))}
        if as_json:
            response = JsonResponse(
                {"error": "rate_limited", "message": message, "retry_after": wait}, status=429
            )
        else:
            response = render(
                request, TEMPLATE, {"limited": message, "form": VerifyForm()}, status=429
            )
        response["Retry-After"] = str(wait)
        return _private(response)

    certificate = certificate_by_code(canonical)
    if certificate is None:
        _count_miss(ip)
        message = _(
            "Không tìm thấy giấy chứng nhận nào có mã này. Hãy kiểm tra lại từng ký tự của mã."
        )
        if as_json:
            response = JsonResponse({"error": "not_found", "message": message}, status=404)
        else:
            context = {"not_found": message, "code": display_code(canonical), "form": VerifyForm()}
            response = render(request, TEMPLATE, context, status=404)
        return _private(response)

    facts = public_facts(certificate)
    if as_json:
        return _private(JsonResponse(facts, json_dumps_params={"ensure_ascii": False}))
    context = {
        "certificate": certificate,
        "facts": facts,
        "mark": STATUS_MARKS[facts["status"]],
        "code": display_code(certificate.code),
        "form": VerifyForm(),
    }
    return _private(render(request, TEMPLATE, context))
