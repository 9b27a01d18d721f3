"""Offline reading: the service worker script, served from the site root.

A service worker controls only the URLs under the path it is served from, so the script
that lives in `static/js/sw.js` is answered at `/sw.js` to cover the whole site. It is
never cached by the browser (`no-cache`), but an ETag lets a phone on a weak connection
revalidate it with a 304 instead of downloading it again.
"""

import hashlib

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse
from django.views.decorators.http import etag, require_safe

SCRIPT = "js/sw.js"


def _script() -> bytes:
    # The source file first, so the script always matches the deployed code; the collected
    # copy for servers that ship only STATIC_ROOT.
    path = finders.find(SCRIPT)
    if path:
        with open(path, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(SCRIPT):
        with staticfiles_storage.open(SCRIPT) as handle:
            return handle.read()
    raise Http404


def _script_etag(request) -> str:
    return hashlib.sha256(_script()).hexdigest()[:32]


@require_safe
@etag(_script_etag)
def service_worker(request):
    response = HttpResponse(_script(), content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
