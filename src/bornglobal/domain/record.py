"""Portable work records: a freelancer's verified history, signed by the instance.

A record is a JSON object -- contracts, amounts, dates, ratings -- that a
freelancer can take to another instance. The issuing instance signs it with its
Ed25519 key, and any instance can check that not one byte changed since::

    {"record": {...the payload...},
     "signature": {"alg": "Ed25519", "key_id": "bornglobal.example/2025",
                   "public_key": "<base64 of the raw 32-byte public key>",
                   "value": "<base64 of the 64-byte signature>"}}

The signature covers the *canonical JSON* of the payload (`canonical_json`):
keys sorted by code point, no whitespace, UTF-8 without ``\\u`` escapes. The
same payload therefore always gives the same bytes, whichever program wrote
the document and however it was indented on the way. Floats are refused,
because two programs may print the same float differently; amounts travel as
strings ("1200.00") or integers of minor units, as everywhere else.

`key_id` and `public_key` are hints for the reader, not covered by the
signature. A valid signature alone only proves that *someone* holding the
embedded key signed the record; proving that *a given instance* did means
passing its published public keys as `trusted_public_keys` to `verify_record`,
which then refuses any other key. Every refusal is a `RecordInvalid` whose
message says what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from bornglobal.domain.errors import DomainError

ALGORITHM = "Ed25519"
_PUBLIC_KEY_BYTES = 32
_SIGNATURE_BYTES = 64
_SIGNATURE_FIELDS = ("alg", "key_id", "public_key", "value")


class RecordInvalid(DomainError):
    code = "record_invalid"


class SigningKeyInvalid(DomainError):
    code = "signing_key_invalid"


def canonical_json(payload: dict) -> bytes:
    """The one byte string that `payload` is signed as; refuses floats and odd types."""
    if not isinstance(payload, dict):
        raise RecordInvalid("A record is a JSON object.")
    _check_json_value(payload, "record")
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise RecordInvalid("The record holds text that is not valid Unicode.") from error


def _check_json_value(value: Any, where: str) -> None:
    if isinstance(value, float):
        raise RecordInvalid(
            f"{where} is a float; write amounts as strings or integers.", details={"at": where}
        )
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise RecordInvalid(f"{where} has a key that is not text: {key!r}.")
            _check_json_value(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_json_value(item, f"{where}[{index}]")
    elif value is not None and not isinstance(value, str | int):
        raise RecordInvalid(
            f"{where} is a {type(value).__name__}, which JSON cannot carry.",
            details={"at": where},
        )


def new_private_key_pem() -> bytes:
    """A fresh Ed25519 private key as unencrypted PKCS#8 PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def _private_key(private_key_pem: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(private_key_pem, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyInvalid("The signing key is not an unencrypted PEM key.") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyInvalid("The signing key is not an Ed25519 key.")
    return key


def public_key_of(private_key_pem: bytes) -> bytes:
    """The raw 32-byte public key that matches `private_key_pem`."""
    return _private_key(private_key_pem).public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def sign_record(payload: dict, private_key_pem: bytes, key_id: str) -> dict:
    """The signed document for `payload`; its record is a copy of exactly what was signed."""
    message = canonical_json(payload)
    key = _private_key(private_key_pem)
    public_key = key.public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return {
        "record": json.loads(message),
        "signature": {
            "alg": ALGORITHM,
            "key_id": key_id,
            "public_key": base64.b64encode(public_key).decode("ascii"),
            "value": base64.b64encode(key.sign(message)).decode("ascii"),
        },
    }


def verify_record(document: dict, trusted_public_keys: Iterable[bytes] | None = None) -> dict:
    """The payload of `document` if its signature holds; otherwise `RecordInvalid`.

    With `trusted_public_keys` (raw 32-byte keys), a record signed by any other
    key is refused even when its signature is correct.
    """
    payload, signature = _parts(document)
    if signature["alg"] != ALGORITHM:
        raise RecordInvalid(
            f"The record is signed with {signature['alg']!r}; only {ALGORITHM} is accepted."
        )
    public_key = _base64_field(signature, "public_key", _PUBLIC_KEY_BYTES)
    value = _base64_field(signature, "value", _SIGNATURE_BYTES)
    if trusted_public_keys is not None and public_key not in set(trusted_public_keys):
        raise RecordInvalid(
            f"The record is signed by key {signature['key_id']!r}, which this instance "
            "does not trust.",
            details={"key_id": signature["key_id"]},
        )
    message = canonical_json(payload)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(value, message)
    except (InvalidSignature, ValueError) as error:
        raise RecordInvalid(
            "The signature does not match the record: it was changed after signing "
            "or signed with another key."
        ) from error
    return payload


def _parts(document: Any) -> tuple[dict, dict]:
    if not isinstance(document, dict) or set(document) != {"record", "signature"}:
        raise RecordInvalid('A signed record is an object with "record" and "signature".')
    payload, signature = document["record"], document["signature"]
    if not isinstance(payload, dict):
        raise RecordInvalid('"record" is not a JSON object.')
    if not isinstance(signature, dict) or set(signature) != set(_SIGNATURE_FIELDS):
        raise RecordInvalid(
            '"signature" must have exactly the fields ' + ", ".join(_SIGNATURE_FIELDS) + "."
        )
    if not all(isinstance(signature[name], str) for name in _SIGNATURE_FIELDS):
        raise RecordInvalid('Every field of "signature" is text.')
    return payload, signature


def _base64_field(signature: dict, name: str, size: int) -> bytes:
    try:
        raw = base64.b64decode(signature[name], validate=True)
    except (binascii.Error, ValueError) as error:
        raise RecordInvalid(f"signature.{name} is not valid base64.") from error
    if base64.b64encode(raw).decode("ascii") != signature[name]:
        raise RecordInvalid(f"signature.{name} is not in canonical base64.")
    if len(raw) != size:
        raise RecordInvalid(f"signature.{name} is {len(raw)} bytes, not {size}.")
    return raw
