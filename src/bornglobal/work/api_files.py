"""File endpoints: a deliverable submitted with files, dispute evidence with files, the
files of a contract, and the download of one. Thin.

The two uploads are `multipart/form-data` (a `note` field and any number of `files`
parts, up to the instance's limits). Who may upload is decided by the services before
any file is read (a stranger gets 404); who may download by
`work.attachments.for_download`.
"""

from datetime import datetime
from typing import Annotated

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from bornglobal.apitypes import NonBlank
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import attachments, disputes, milestones, selectors
from bornglobal.work.models import Contract
from bornglobal.work.models_files import Attachment
from bornglobal.work.views_files import file_response

router = Router(tags=["work"])

DOWNLOAD = {
    "responses": {
        200: {
            "description": (
                "The file, as a download (`Content-Disposition: attachment`), with the media "
                "type its name gives (the attachment's `content_type`: `text/plain`, "
                "`application/pdf`, ...; `application/octet-stream` when none)."
            ),
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class AttachmentOut(Schema):
    id: int
    milestone_id: int
    event_id: int
    name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime
    url: str


class FilesPostedOut(Schema):
    milestone_id: int
    state: str
    event_id: int
    attachments: list[AttachmentOut]


def _multipart_only(request) -> None:
    """These endpoints read a form: a JSON body would lose its note without a word."""
    if request.content_type != "multipart/form-data":
        raise DomainError(
            "Send multipart/form-data: a note field and files parts.",
            code="multipart_required",
        )


def _out(row: Attachment) -> dict:
    return {
        "id": row.id,
        "milestone_id": row.milestone_id,
        "event_id": row.event_id,
        "name": row.name,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "created_at": row.created_at,
        "url": f"/api/v1/work/attachments/{row.id}",
    }


def _posted(milestone_id: int, state: str, event_id: int) -> dict:
    rows = Attachment.objects.filter(event_id=event_id).order_by("id")
    return {
        "milestone_id": milestone_id,
        "state": state,
        "event_id": event_id,
        "attachments": [_out(row) for row in rows],
    }


@router.post(
    "/me/work/milestones/{milestone_id}/submit-files",
    response={200: FilesPostedOut, **ERRORS},
)
def submit_with_files(
    request,
    milestone_id: ObjectId,
    note: str = Form("", max_length=10_000),
    files: File[list[UploadedFile]] = None,
):
    """Hand in the deliverable with a note and files (multipart); the auto-release
    clock starts. Refused whole with `too_many_files`, `file_too_large` or `empty_file`."""
    actor = actor_of(request)
    milestones.check_freelancer(actor, milestone_id)  # a stranger learns nothing more
    _multipart_only(request)
    item = milestones.submit(actor, milestone_id, note, files or ())
    event = item.events.filter(name="deliverable_submitted").order_by("-at", "-id").first()
    return _posted(item.id, item.state, event.id)


@router.post(
    "/work/milestones/{milestone_id}/dispute/evidence-files",
    response={201: FilesPostedOut, **ERRORS},
)
def evidence_with_files(
    request,
    milestone_id: ObjectId,
    note: Annotated[NonBlank, Form("", max_length=4_000)] = "",
    files: File[list[UploadedFile]] = None,
):
    """Evidence from either side with files (multipart), within the dispute window."""
    actor = actor_of(request)
    disputes.side_of(actor, milestone_id)  # a stranger learns nothing more
    _multipart_only(request)
    line = disputes.add_evidence(actor, milestone_id, note, files or ())
    return Status(201, _posted(milestone_id, line.milestone.state, line.id))


@router.get(
    "/work/contracts/{contract_id}/attachments", response={200: list[AttachmentOut], **ERRORS}
)
def contract_attachments(request, contract_id: ObjectId):
    """Every file on the contract's submissions and evidence, oldest first, for its
    freelancer and the venture's members who see its money."""
    actor = actor_of(request)
    contract = selectors.my_contracts(actor).filter(id=contract_id).first()
    if contract is None:
        venture_id = (
            Contract.objects.filter(id=contract_id).values_list("venture_id", flat=True).first()
        )
        if venture_id is None:
            raise NotFound("No such contract.")
        contract = selectors.contract_for(actor, venture_id, contract_id)
    rows = Attachment.objects.filter(contract=contract).order_by("id")
    return [_out(row) for row in rows]


@router.get(
    "/work/attachments/{attachment_id}", response={200: None, **ERRORS}, openapi_extra=DOWNLOAD
)
def download_attachment(request, attachment_id: ObjectId):
    """The file itself, as a download with `X-Content-Type-Options: nosniff`."""
    return file_response(attachments.for_download(actor_of(request), attachment_id))
