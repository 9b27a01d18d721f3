"""Thin views of the handbooks app (reached through the pages' routes)."""

from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors


def handbook_search(request, *, index):
    query = request.GET.get("q", "")[:200]
    hits = selectors.handbook_search(query) if query.strip() else []
    return render(
        request,
        "handbooks/search.html",
        {"page": index, "query": query, "hits": hits},
    )


def handbook_pdf_download(request, *, handbook):
    """Serve the stored PDF; it is rendered by a worker after publishing, never here."""
    record = selectors.handbook_pdf(handbook=handbook)
    if record is None or not record.file:
        return render(
            request,
            "handbooks/pdf_pending.html",
            {
                "page": handbook,
                "message": _("Bản PDF của cẩm nang đang được tạo; vui lòng thử lại sau ít phút."),
            },
            status=404,
        )
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=f"{handbook.slug}.pdf",
        content_type="application/pdf",
    )
    response["Content-Length"] = str(record.size)
    return response
