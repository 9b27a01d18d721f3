"""Public verification of a certificate by its code: what the QR code on the paper opens.

Anyone may look up one exact code; nothing lists, searches or numbers certificates. Lookups
are counted per client IP in the cache, and unknown codes far more strictly, so that the
80-bit codes cannot be guessed by brute force. Answers are HTML for people and JSON for
programs that ask for it, never cached and never indexed.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from certificates.forms import CODE_LENGTH, VerifyForm
from certificates.selectors import certificate_by_code, certificate_public_facts
from certificates.services.faces import display_code, normalise_code
from certificates.services.verification import (
    verification_allowance,
    verification_miss_record,
)

from .views_common import STATUS_MARKS

TEMPLATE = "certificates/verify.html"


def _client_ip(request) -> str:
    """The same client address the login rate limits use (honours the proxy settings)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


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
    wait = verification_allowance(client=ip)
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
        verification_miss_record(client=ip)
        message = _(
            "Không tìm thấy giấy chứng nhận nào có mã này. Hãy kiểm tra lại từng ký tự của mã."
        )
        if as_json:
            response = JsonResponse({"error": "not_found", "message": message}, status=404)
        else:
            context = {"not_found": message, "code": display_code(canonical), "form": VerifyForm()}
            response = render(request, TEMPLATE, context, status=404)
        return _private(response)

    facts = certificate_public_facts(certificate)
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
