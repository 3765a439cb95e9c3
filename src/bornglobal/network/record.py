"""The portable work record: a freelancer's verified history, signed by this instance.

`export_record(user)` gathers what the platform's own rows prove -- completed
contracts (venture, title, amount released, dates, delivered on time), the reviews
clients left, the reputation score with its formula version -- and signs it with
`domain.record.sign_record`. Any instance (or anyone with the `cryptography`
package) checks it with `verify_document`; a single changed byte breaks it.

The instance's Ed25519 key lives in one PEM file: `BORNGLOBAL_RECORD_KEY_FILE`, or
`record-signing-key.pem` in `BORNGLOBAL_DATA_DIR`. It is created on first use with
permissions 0600, and never leaves the machine; its public half (`public_key_pem`)
is what other instances pass as `--trust`. The key id is ``ed25519:`` and the
first 16 hex digits of the public key's SHA-256, so it is the same wherever it is
computed; the id inside a document is only a hint, and verification reports the
fingerprint of the key that really signed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bornglobal import conf
from bornglobal.domain.errors import DomainError
from bornglobal.domain.record import (
    RecordInvalid,
    new_private_key_pem,
    public_key_of,
    sign_record,
    verify_record,
)

KEY_FILE_NAME = "record-signing-key.pem"
FORMAT = "bornglobal.work-record"
FORMAT_VERSION = 1
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class KeyUnavailable(DomainError):
    code = "signing_key_unavailable"


def key_path() -> Path:
    configured = conf.get("BORNGLOBAL_RECORD_KEY_FILE").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(conf.get("BORNGLOBAL_DATA_DIR")).expanduser() / KEY_FILE_NAME


def _read_key(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise KeyUnavailable(f"Cannot read the record signing key {path}: "
                             f"{error.strerror or error}.") from None


def signing_key_pem(*, create: bool = True) -> bytes | None:
    """This instance's private key; made (0600) on first use unless `create` is False."""
    path = key_path()
    if path.exists() or not create:
        return _read_key(path) if path.exists() else None
    pem = new_private_key_pem()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return _read_key(path)
    except OSError as error:
        raise KeyUnavailable(f"Cannot create the record signing key {path}: "
                             f"{error.strerror or error}.") from None
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(pem)
    return pem


def key_id(public_key: bytes) -> str:
    return "ed25519:" + hashlib.sha256(public_key).hexdigest()[:16]


def public_key_pem(public_key: bytes) -> str:
    key = Ed25519PublicKey.from_public_bytes(public_key)
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def instance_public_key(*, create: bool = True) -> bytes | None:
    pem = signing_key_pem(create=create)
    return public_key_of(pem) if pem is not None else None


def instance_url() -> str:
    return conf.get("BORNGLOBAL_INSTANCE_URL").strip().rstrip("/")


# Building and signing


def _day(instant) -> str:
    return instant.astimezone(UTC).date().isoformat()


def payload_for(user, instance: dict) -> dict:
    """The unsigned record of `user`: only what this instance's rows prove."""
    from bornglobal import clock
    from bornglobal.domain.money import Money
    from bornglobal.network import reviews
    from bornglobal.network.models import Direction, Review

    now = clock.now()
    standing = reviews.standing(user, now.astimezone(UTC).date())
    escrows = (reviews.completed_escrows().filter(payee=user).select_related("venture")
               .order_by("created_at", "id"))
    contracts = [
        {"venture": d.escrow.venture.name, "title": d.escrow.title,
         "reference": d.escrow.contract_ref, "currency": d.escrow.currency,
         "released": str(Money(d.released_minor, d.escrow.currency).to_decimal()),
         "released_minor": d.released_minor, "started_on": _day(d.escrow.created_at),
         "completed_on": d.completed_on.isoformat() if d.completed_on else None,
         "on_time": d.on_time}
        for d in reviews.deliveries(escrows) if d.completed
    ]
    received = [
        {"venture": review.venture.name, "contract": review.contract.title,
         "stars": review.stars, "text": review.text, "on": _day(review.created_at)}
        for review in Review.objects.filter(freelancer=user, direction=Direction.OF_FREELANCER)
        .select_related("venture", "contract").order_by("created_at", "id")
    ]
    score = standing.reputation
    return {
        "format": FORMAT, "version": FORMAT_VERSION,
        "issued_at": now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "instance": instance,
        "person": {"id": user.id, "name": user.full_name, "country": user.country},
        "contracts": contracts,
        "reviews": received,
        "reputation": {
            "score": str(score.value), "formula": reviews.FORMULA_VERSION,
            "as_of": now.astimezone(UTC).date().isoformat(), "reviews": standing.reviews,
            "completed_contracts": standing.completed, "on_time_contracts": standing.on_time,
            "explanation": [step.text for step in score.explanation],
        },
    }


def export_record(user) -> dict:
    """The signed work record of `user` (a `User`), ready to write as JSON."""
    pem = signing_key_pem()
    public_key = public_key_of(pem)
    instance = {"id": key_id(public_key), "url": instance_url()}
    return sign_record(payload_for(user, instance), pem, key_id(public_key))


# Reading and verifying


def parse_document(raw: bytes) -> dict:
    """The JSON object in `raw`, or RecordInvalid saying why it is not one."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise RecordInvalid(f"The file is {len(raw):,} bytes; a record is at most "
                            f"{MAX_DOCUMENT_BYTES:,}.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordInvalid("The file is not UTF-8 text, so it is not a work record.") from None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if hasattr(error, "lineno") else ""
        raise RecordInvalid(f"The file is not valid JSON{where}.") from None
    if not isinstance(document, dict):
        raise RecordInvalid('A signed record is a JSON object with "record" and "signature".')
    return document


def read_document(path: str | Path) -> dict:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise DomainError(f"Cannot read {path}: {error.strerror or error}.",
                          code="unreadable_file") from None
    return parse_document(raw)


@dataclass(frozen=True, slots=True)
class Verified:
    record: dict
    key_id: str  # the id the document names (a hint, not signed)
    fingerprint: str  # the id of the key that really signed
    public_key: bytes  # raw, 32 bytes
    trusted: bool | None  # signed by a trusted key; None when no key was given

    @property
    def key_id_matches(self) -> bool:
        return self.key_id == self.fingerprint


def verify_document(document: Any, trusted_public_keys: list[bytes] | None = None) -> Verified:
    """Check the signature (and, given keys, that one of them signed); else RecordInvalid."""
    payload = verify_record(document, trusted_public_keys)
    signature = document["signature"]
    public_key = base64.b64decode(signature["public_key"])
    return Verified(payload, signature["key_id"], key_id(public_key), public_key,
                    None if trusted_public_keys is None else True)


def read_trusted_key(path: str | Path) -> bytes:
    """A raw Ed25519 public key from a PEM public or private key, or base64 of 32 bytes."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise DomainError(f"Cannot read {path}: {error.strerror or error}.",
                          code="unreadable_file") from None
    return parse_public_key(raw)


def parse_public_key(raw: bytes) -> bytes:
    text = raw.strip()
    if b"PRIVATE KEY" in text:
        return public_key_of(text)
    if b"PUBLIC KEY" in text:
        try:
            key = serialization.load_pem_public_key(text)
        except (ValueError, TypeError):
            key = None
        if not isinstance(key, Ed25519PublicKey):
            raise DomainError("The trusted key is not an Ed25519 public key.",
                              code="invalid_trusted_key")
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    if len(decoded) != 32:
        raise DomainError("The trusted key is neither a PEM key nor base64 of a raw "
                          "32-byte Ed25519 public key.", code="invalid_trusted_key")
    return decoded


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(verified: Verified) -> str:
    """A few lines for people: whose record, from where, signed by which key."""
    record = verified.record
    person = record.get("person") or {}
    instance = record.get("instance") or {}
    reputation = record.get("reputation") or {}
    contracts, reviews = record.get("contracts") or [], record.get("reviews") or []
    lines = [
        f"Valid signature: work record of {person.get('name', '?')} "
        f"({person.get('country', '?')}), issued {record.get('issued_at', '?')}",
        f"Issued by: {instance.get('url') or 'an instance without a public address'} "
        f"(instance {instance.get('id', '?')})",
        f"Signing key: {verified.fingerprint}"
        + ("" if verified.key_id_matches else f" (the document calls it {verified.key_id!r})")
        + (" - trusted" if verified.trusted else " - not checked against a trusted key"),
        f"Contains: {_count(len(contracts), 'completed contract')}, "
        f"{_count(len(reviews), 'review')}, "
        f"reputation {reputation.get('score', '?')} ({reputation.get('formula', '?')})",
    ]
    return "\n".join(lines)
