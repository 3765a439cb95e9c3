"""Files on a submitted deliverable and on dispute evidence: check, store, hand out.

A submission (`work.milestones.submit`) or a piece of evidence
(`work.disputes.add_evidence`) may carry files. `check` reads every file once before
anything is written: at most `BORNGLOBAL_MAX_ATTACHMENTS` files, none empty, none
larger than `BORNGLOBAL_MAX_ATTACHMENT_MB`; it measures the size and the SHA-256 on
the bytes received (streamed in chunks, never the browser's word) and sanitises the
name. `attach` then stores each file through Django's default storage and writes its
row, inside the caller's transaction.

Storage and transactions do not roll back together, so a service that attaches files
runs its transaction inside `cleanup_on_failure()`: if anything raises before the
transaction commits, the files stored so far are deleted again, and no orphan stays
behind. (A caller that wraps the service in a transaction of its own and rolls that
back later is not covered; no view, endpoint or command does so.)

Who may download a file (`for_download`): the contract's freelancer, the venture's
members who see its money, and for dispute evidence the instance operator who
mediates. Everyone else is told the file does not exist. Files are not scanned for
malware: they are served as downloads only (`Content-Disposition: attachment`,
`nosniff`), never shown inline.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename

from bornglobal import conf
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.domain.roles import Action
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work.models import ContractEvent
from bornglobal.work.models_files import MAX_NAME, Attachment

MB = 1024 * 1024
FALLBACK_NAME = "file"


def max_files() -> int:
    """`BORNGLOBAL_MAX_ATTACHMENTS`; a Django setting MAX_ATTACHMENTS overrides it."""
    return getattr(settings, "MAX_ATTACHMENTS", None) or conf.get("BORNGLOBAL_MAX_ATTACHMENTS")


def max_bytes() -> int:
    """`BORNGLOBAL_MAX_ATTACHMENT_MB` in bytes; MAX_ATTACHMENT_MB in settings overrides it."""
    megabytes = getattr(settings, "MAX_ATTACHMENT_MB", None) or conf.get(
        "BORNGLOBAL_MAX_ATTACHMENT_MB"
    )
    return megabytes * MB


def safe_name(raw: str) -> str:
    """The file's own name without any folder, in letters, digits, `-`, `_` and `.`,
    at most 200 characters with its extension kept."""
    base = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    try:
        name = get_valid_filename(base).lstrip(".")
    except SuspiciousFileOperation:  # Django refuses "", "." and ".."; use the fallback
        name = ""
    if not name:
        return FALLBACK_NAME
    if len(name) > MAX_NAME:
        stem, ext = os.path.splitext(name)
        ext = ext[:20]
        name = stem[: MAX_NAME - len(ext)] + ext
    return name


@dataclass(frozen=True, slots=True)
class Checked:
    """An upload that passed the checks, with what was measured on its bytes."""

    upload: File
    name: str
    content_type: str
    size: int
    sha256: str


def _measure(upload: File, largest: int) -> tuple[int, str]:
    """Size and SHA-256 of the bytes received, read in chunks; stops counting once the
    file is past `largest` (it will be refused anyway)."""
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
        if size > largest:
            break
    upload.seek(0)
    return size, digest.hexdigest()


def check(files: Iterable[File]) -> list[Checked]:
    """Every file checked and measured, or a DomainError naming the first problem."""
    files = [f for f in files if f is not None]
    limit, largest = max_files(), max_bytes()
    if len(files) > limit:
        raise DomainError(
            f"At most {limit} files at a time; {len(files)} were sent.",
            code="too_many_files",
            details={"limit": limit, "sent": len(files)},
        )
    checked = []
    for upload in files:
        name = safe_name(getattr(upload, "name", "") or "")
        size, sha256 = _measure(upload, largest)
        if size == 0:
            raise DomainError(f"{name} is empty.", code="empty_file", details={"name": name})
        if size > largest:
            raise DomainError(
                f"{name} is larger than {largest // MB} MB.",
                code="file_too_large",
                details={"name": name, "limit_bytes": largest, "size": size},
            )
        guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
        checked.append(Checked(upload, name, guessed[:100], size, sha256))
    return checked


def summary(files: Iterable[Checked]) -> list[dict]:
    """What the timeline's audit record keeps of each file: name, size and SHA-256."""
    return [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in files]


_stored: ContextVar[list[str] | None] = ContextVar("attachments_stored", default=None)


@contextlib.contextmanager
def cleanup_on_failure() -> Iterator[None]:
    """Delete the files stored inside this block if the block raises (its transaction
    rolled back, so their rows are gone too). Per thread and task (a context variable)."""
    names: list[str] = []
    token = _stored.set(names)
    try:
        yield
    except BaseException:
        for name in names:
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        raise
    finally:
        _stored.reset(token)


def attach(event: ContractEvent, files: Iterable[Checked], actor) -> list[Attachment]:
    """Store each checked file and record it on `event` (a submission or evidence line).
    Call inside the service's transaction, itself inside `cleanup_on_failure()`."""
    made = []
    for item in files:
        row = Attachment(
            contract_id=event.contract_id,
            milestone_id=event.milestone_id,
            event=event,
            uploaded_by=actor,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
        )
        item.upload.seek(0)
        row.file.save(item.name, File(item.upload, name=item.name), save=False)
        names = _stored.get()
        if names is not None:
            names.append(row.file.name)
        row.save()
        made.append(row)
    return made


def _may_see_money(actor: Actor, venture_id: int) -> bool:
    try:
        tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)
    except DomainError:
        return False
    return True


def for_download(actor: Actor, attachment_id: int) -> Attachment:
    """The attachment if the actor may download it, else NotFound (never Forbidden)."""
    from bornglobal.work import disputes

    found = (
        Attachment.objects.select_related("contract", "event", "milestone")
        .filter(id=attachment_id)
        .first()
    )
    if found is None:
        raise NotFound("No such file.")
    contract = found.contract
    if actor.user.id == contract.freelancer_id and actor.venture_scope is None:
        return found
    if _may_see_money(actor, contract.venture_id):
        return found
    if found.event.name == disputes.EVIDENCE and disputes.is_mediating_operator(actor):
        return found
    raise NotFound("No such file.")


def of_events(event_ids: Iterable[int]) -> dict[int, list[Attachment]]:
    """The attachments of these timeline lines, by line id (for events the caller
    already may see)."""
    by_event: dict[int, list[Attachment]] = {}
    ids = list(event_ids)
    if not ids:
        return by_event
    for row in Attachment.objects.filter(event_id__in=ids).order_by("id"):
        by_event.setdefault(row.event_id, []).append(row)
    return by_event
