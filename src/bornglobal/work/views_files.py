"""Download of a file on a submission or on dispute evidence. Thin.

`work.attachments.for_download` decides who may have it; anyone else gets a 404. The
file is always sent as a download (`Content-Disposition: attachment`) with `nosniff`,
so a browser never renders an uploaded page or script from this site.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.views.decorators.http import require_GET

from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import attachments
from bornglobal.work.models_files import Attachment


def file_response(found: Attachment) -> FileResponse:
    """The stored file as a download under its sanitised name."""
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
@refusals_as_http
def download(request, attachment_id: int):
    return file_response(attachments.for_download(request.actor, attachment_id))
