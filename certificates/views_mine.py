"""A cadre's own certificates: the list, and the PDF of each (for its holder only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from certificates.models import Status
from certificates.selectors import certificate_of_owner, certificates_of_user
from certificates.services import certificate_pdf_ensure
from organizations import selectors as org_selectors

from .views_common import pdf_filename, private_file_response, rows


@login_required
def mine(request):
    context = {
        "cadre": org_selectors.cadre_for_user_account(request.user),
        "rows": rows(certificates_of_user(request.user)),
    }
    return render(request, "certificates/mine.html", context)


@login_required
def mine_pdf(request, code: str):
    """Someone else's code, or a revoked certificate, is a 404 like a code that does not
    exist: the page never tells whether a code belongs to another person."""
    certificate = certificate_of_owner(request.user, code)
    if certificate is None or certificate.status == Status.REVOKED:
        raise Http404(_("Không tìm thấy giấy chứng nhận của bạn."))
    certificate = certificate_pdf_ensure(certificate=certificate)
    return private_file_response(certificate.pdf, pdf_filename(certificate))
