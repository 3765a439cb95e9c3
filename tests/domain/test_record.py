import base64
import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.record import (
    RecordInvalid,
    SigningKeyInvalid,
    canonical_json,
    new_private_key_pem,
    public_key_of,
    sign_record,
    verify_record,
)

KEY = new_private_key_pem()
OTHER_KEY = new_private_key_pem()
WORK_HISTORY = {
    "format": "bornglobal.work-record/1",
    "issuer": "bornglobal.example",
    "freelancer": {"name": "Ngozi Adebayo", "country": "NG", "handle": "ngozi"},
    "contracts": [
        {"title": "Shopify storefront in Portuguese", "amount": "1200.00",
         "currency": "EUR", "completed_on": "2025-03-14", "on_time": True, "stars": 5},
        {"title": "Café menu — traduction", "amount": "98000", "currency": "JPY",
         "completed_on": "2025-05-02", "on_time": False, "stars": 4},
    ],
    "completed_contracts": 2,
}


def _text_leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _text_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path


TEXT_PATHS = list(_text_leaves(WORK_HISTORY))


def _set(document, path, value):
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


def _get(document, path):
    for step in path:
        document = document[step]
    return document


def test_a_signed_record_verifies():
    # given a work history signed by the instance
    document = sign_record(WORK_HISTORY, KEY, "bornglobal.example/2025")
    # when it is verified, trusting the instance key
    payload = verify_record(document, [public_key_of(KEY)])
    # then the payload comes back unchanged, with the public key alongside
    assert payload == WORK_HISTORY
    assert document["signature"]["alg"] == "Ed25519"
    assert base64.b64decode(document["signature"]["public_key"]) == public_key_of(KEY)


@given(data=st.data())
def test_changing_one_character_anywhere_in_the_record_breaks_it(data):
    # given a signed record
    document = sign_record(WORK_HISTORY, KEY, "k1")
    # when one character of one text field is replaced by another
    path = data.draw(st.sampled_from(TEXT_PATHS), label="field")
    text = _get(document["record"], path)
    index = data.draw(st.integers(min_value=0, max_value=len(text) - 1), label="index")
    new = data.draw(st.characters(codec="utf-8").filter(lambda c: c != text[index]))
    _set(document["record"], path, text[:index] + new + text[index + 1 :])
    # then verification fails
    with pytest.raises(RecordInvalid, match="does not match"):
        verify_record(document)


@pytest.mark.parametrize(
    "path,value",
    [(("completed_contracts",), 3), (("contracts", 0, "on_time"), False),
     (("contracts", 1, "stars"), 5)],
)
def test_changing_a_number_or_flag_breaks_it(path, value):
    # given a signed record
    document = sign_record(WORK_HISTORY, KEY, "k1")
    # when a number or a flag is changed
    _set(document["record"], path, value)
    # then verification fails
    with pytest.raises(RecordInvalid):
        verify_record(document)


@given(st.integers(min_value=0, max_value=63), st.integers(min_value=1, max_value=255))
def test_changing_the_signature_breaks_it(position, flip):
    # given a signed record
    document = sign_record(WORK_HISTORY, KEY, "k1")
    # when one byte of the signature is changed
    raw = bytearray(base64.b64decode(document["signature"]["value"]))
    raw[position] ^= flip
    document["signature"]["value"] = base64.b64encode(bytes(raw)).decode()
    # then verification fails
    with pytest.raises(RecordInvalid, match="does not match"):
        verify_record(document)


def test_a_record_signed_by_another_key_is_refused_by_a_trust_list():
    # given a record signed by a key the instance does not know
    document = sign_record(WORK_HISTORY, OTHER_KEY, "elsewhere")
    # when it is verified against the instance's trust list
    with pytest.raises(RecordInvalid, match="does not trust") as raised:
        verify_record(document, [public_key_of(KEY)])
    # then it is refused with the stable code
    assert raised.value.code == "record_invalid"
    # and without a trust list it only proves integrity
    assert verify_record(document) == WORK_HISTORY


def test_swapping_in_another_public_key_is_refused():
    # given a record signed by the instance whose public key is replaced by another
    document = sign_record(WORK_HISTORY, KEY, "k1")
    document["signature"]["public_key"] = base64.b64encode(public_key_of(OTHER_KEY)).decode()
    # when verified, then the signature no longer matches
    with pytest.raises(RecordInvalid, match="does not match"):
        verify_record(document)


@pytest.mark.parametrize("amount", [1200.0, float("nan"), [1, 2.5]])
def test_floats_are_refused(amount):
    # given a payload with a float amount
    payload = {**WORK_HISTORY, "total": amount}
    # when it is signed, then it is refused
    with pytest.raises(RecordInvalid, match="float"):
        sign_record(payload, KEY, "k1")


def test_a_verified_document_with_a_float_slipped_in_is_refused():
    # given a signed document whose count was turned into a float
    document = sign_record(WORK_HISTORY, KEY, "k1")
    document["record"]["completed_contracts"] = 2.0
    # when verified, then it is refused
    with pytest.raises(RecordInvalid, match="float"):
        verify_record(document)


def test_round_trip_through_json_text_still_verifies():
    # given a signed document written out with indentation and read back
    document = sign_record(WORK_HISTORY, KEY, "k1")
    text = json.dumps(document, indent=2, ensure_ascii=True)
    # when it is loaded and verified
    payload = verify_record(json.loads(text), [public_key_of(KEY)])
    # then it holds
    assert payload == WORK_HISTORY


def test_canonical_json_is_sorted_compact_utf8():
    # when a payload is canonicalised
    found = canonical_json({"b": "é", "a": [1, True, None]})
    # then keys are sorted, there is no whitespace and text is raw UTF-8
    assert found == '{"a":[1,true,null],"b":"é"}'.encode()


@pytest.mark.parametrize(
    "document",
    [
        None,
        {"record": WORK_HISTORY},
        {"record": [], "signature": {}},
        {"record": WORK_HISTORY, "signature": {"alg": "Ed25519"}},
    ],
)
def test_badly_shaped_documents_are_refused(document):
    # when a malformed document is verified, then it is refused
    with pytest.raises(RecordInvalid):
        verify_record(document)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("alg", "RS256", "only Ed25519"),
        ("value", "not base64!", "base64"),
        ("public_key", base64.b64encode(b"short").decode(), "not 32"),
    ],
)
def test_bad_signature_fields_are_refused(field, value, message):
    # given a signed record with one signature field spoiled
    document = copy.deepcopy(sign_record(WORK_HISTORY, KEY, "k1"))
    document["signature"][field] = value
    # when verified, then the refusal says what is wrong
    with pytest.raises(RecordInvalid, match=message):
        verify_record(document)


def test_signing_with_a_non_key_is_refused():
    # when the signing key is not a PEM key, then it is refused
    with pytest.raises(SigningKeyInvalid) as raised:
        sign_record(WORK_HISTORY, b"not a key", "k1")
    assert isinstance(raised.value, DomainError)


def test_new_keys_are_pkcs8_pem_with_32_byte_public_keys():
    # when a key is made, then it is PKCS#8 PEM and its public half is 32 raw bytes
    assert KEY.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert len(public_key_of(KEY)) == 32
    assert public_key_of(KEY) != public_key_of(OTHER_KEY)
