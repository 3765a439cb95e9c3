"""The portable work record: built from the platform's rows, signed with the instance key,
verified by the CLI and the API, and refused after a one-byte change."""

import json
import os
import stat
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bornglobal.cli import main
from bornglobal.domain.errors import DomainError
from bornglobal.domain.record import RecordInvalid
from bornglobal.network import record, reviews
from bornglobal.tenancy.actors import Actor
from tests.network.factories import ProfileFactory, contract


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "record.pem"
    monkeypatch.setenv("BORNGLOBAL_RECORD_KEY_FILE", str(path))
    monkeypatch.setenv("BORNGLOBAL_INSTANCE_URL", "https://bornglobal.example.org/")
    return path


@pytest.fixture
def freelancer(db):
    return ProfileFactory(user__full_name="Priya Raghavan", user__country="IN",
                          user__email="priya@example.in").user


@pytest.fixture
def history(other_founder, other_venture, freelancer):
    """Two completed contracts (one late), one five-star review, one still running."""
    first = contract(other_founder, other_venture, freelancer, "BB-1", ("400.00", "600.00"),
                     due_on=date(2026, 6, 20), title="Firmware port")
    contract(other_founder, other_venture, freelancer, "BB-2", ("250.50",),
             due_on=date(2026, 6, 1), title="Test rig")
    contract(other_founder, other_venture, freelancer, "BB-3", release=False)
    reviews.leave_review(Actor(other_founder), first.id, 5, "Careful work, früh geliefert.")
    return first


def _export(tmp_path, who="priya@example.in", capsys=None):
    out = tmp_path / "record.json"
    assert main(["network", "export-record", who, "--out", str(out)]) == 0
    return out


def test_the_record_holds_the_verified_history(history, freelancer):
    # when Priya's record is exported
    document = record.export_record(freelancer)
    # then it verifies and says who, where from, what was done and how it was rated
    payload = record.verify_document(document).record
    assert payload["person"] == {"id": freelancer.id, "name": "Priya Raghavan", "country": "IN"}
    assert payload["instance"]["url"] == "https://bornglobal.example.org"
    assert payload["instance"]["id"] == document["signature"]["key_id"]
    assert [(c["title"], c["currency"], c["released"], c["on_time"])
            for c in payload["contracts"]] == [
        ("Firmware port", "EUR", "1000.00", True), ("Test rig", "EUR", "250.50", False)]
    assert payload["contracts"][0]["completed_on"] == "2026-06-15"
    assert [(r["stars"], r["venture"]) for r in payload["reviews"]] == [(5, "Berlin Bits")]
    score = payload["reputation"]
    assert score["formula"] == reviews.FORMULA_VERSION
    assert score["score"] == str(reviews.standing(freelancer).reputation.value)
    assert (score["completed_contracts"], score["on_time_contracts"]) == (2, 1)


def test_the_key_is_made_once_and_readable_only_by_its_owner(key_file, freelancer):
    # when two records are signed
    first = record.export_record(freelancer)["signature"]
    second = record.export_record(freelancer)["signature"]
    # then one key file was made, mode 0600, and both carry its public key
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert first["public_key"] == second["public_key"]
    assert first["key_id"] == record.key_id(record.instance_public_key())


def test_cli_exports_and_verifies(tmp_path, history, capsys):
    # given a record exported by email, and one by id
    out = _export(tmp_path)
    capsys.readouterr()
    # when it is verified
    assert main(["network", "verify-record", str(out)]) == 0
    # then a summary names the person, the instance and the key
    shown = capsys.readouterr().out
    assert "Valid signature" in shown and "Priya Raghavan (IN)" in shown
    assert "https://bornglobal.example.org" in shown and "2 completed contracts" in shown


def test_cli_export_by_id_to_standard_output(freelancer, capsys):
    # when the record is exported by user id without --out
    assert main(["network", "export-record", str(freelancer.id)]) == 0
    # then standard output is the signed JSON
    assert json.loads(capsys.readouterr().out)["record"]["person"]["id"] == freelancer.id


def test_cli_refuses_a_record_changed_by_one_byte(tmp_path, history, capsys):
    # given an exported record with one digit of a star rating changed
    out = _export(tmp_path)
    raw = out.read_bytes()
    at = raw.index(b'"stars": 5') + len(b'"stars": ')
    out.write_bytes(raw[:at] + b"4" + raw[at + 1:])
    capsys.readouterr()
    # when it is verified
    code = main(["network", "verify-record", str(out)])
    # then it fails with a message and a non-zero exit
    error = capsys.readouterr().err
    assert code != 0 and "does not match the record" in error and "[record_invalid]" in error


@pytest.mark.parametrize("content, message", [
    (None, "Cannot read"),
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[1, 2]", "JSON object"),
    (b'{"record": {}, "signature": {"alg": "RSA"}}', "exactly the fields"),
])
def test_cli_explains_an_unreadable_or_malformed_file(tmp_path, capsys, content, message):
    # given a missing, garbled or wrongly shaped file
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    # when it is verified, then one line says why and the exit is non-zero
    assert main(["network", "verify-record", str(path)]) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_cli_trusts_only_the_keys_it_is_given(tmp_path, history, capsys):
    # given the instance's public key, and another instance's key
    out = _export(tmp_path)
    assert main(["network", "record-key"]) == 0
    ours = tmp_path / "ours.pem"
    ours.write_text(capsys.readouterr().out)
    theirs = tmp_path / "theirs.pem"
    from bornglobal.domain.record import new_private_key_pem
    theirs.write_bytes(new_private_key_pem())
    # then the record passes with our key and fails with theirs
    assert main(["network", "verify-record", str(out), "--trust", str(ours)]) == 0
    assert "- trusted" in capsys.readouterr().out
    assert main(["network", "verify-record", str(out), "--trust", str(theirs)]) == 2
    assert "does not trust" in capsys.readouterr().err


def test_an_unknown_user_cannot_be_exported(db, capsys):
    # when the user does not exist, then the CLI says so and exits non-zero
    assert main(["network", "export-record", "nobody@example.org"]) == 2
    assert "no user" in capsys.readouterr().err


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(data=st.data())
def test_any_one_byte_change_inside_the_record_fails(signed_compact, data):
    # given the compact bytes of a signed record and one byte inside its payload
    raw, start, end = signed_compact
    at = data.draw(st.integers(start, end - 1))
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]))
    changed = raw[:at] + bytes([byte]) + raw[at + 1:]
    # when it is read and verified, then it is refused
    with pytest.raises(RecordInvalid):
        record.verify_document(record.parse_document(changed))


@pytest.fixture
def signed_compact(history, freelancer):
    document = record.export_record(freelancer)
    raw = json.dumps(document, sort_keys=True, separators=(",", ":"),
                     ensure_ascii=False).encode("utf-8")
    assert record.verify_document(record.parse_document(raw))
    return raw, len(b'{"record":'), raw.index(b',"signature":')


def test_api_downloads_my_record_and_verifies_it(client, history, freelancer):
    # given Priya logged in
    client.force_login(freelancer)
    # when she downloads her record and posts it back to be verified
    download = client.get("/api/v1/me/record")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    answer = client.post("/api/v1/records/verify", download.content,
                         content_type="application/json")
    # then it is valid and signed by this instance
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["valid"] and body["signed_by_this_instance"]
    assert body["record"]["person"]["name"] == "Priya Raghavan"


def test_api_refuses_a_changed_record(client, history, freelancer):
    # given a downloaded record whose reputation score was edited
    client.force_login(freelancer)
    document = json.loads(client.get("/api/v1/me/record").content)
    document["record"]["reputation"]["score"] = "99.9"
    # when it is verified, then the answer is 400 record_invalid
    answer = client.post("/api/v1/records/verify", document, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "record_invalid"


def test_api_refuses_a_record_with_a_float(client, freelancer):
    # given a signed record whose score was turned into a float
    client.force_login(freelancer)
    document = record.export_record(freelancer)
    document["record"]["reputation"]["score"] = 71.5
    # when it is verified, then it is refused with the reason
    answer = client.post("/api/v1/records/verify", document, content_type="application/json")
    assert answer.status_code == 400 and "float" in answer.json()["message"]


def test_the_page_offers_the_download(client, history, freelancer):
    # when Priya downloads her record from the Reviews page's link
    client.force_login(freelancer)
    response = client.get("/network/me/record.json")
    # then it is a signed record that verifies
    assert response.status_code == 200
    assert record.verify_document(json.loads(response.content)).record["reviews"]


def test_a_key_file_that_cannot_be_read_is_a_clear_error(key_file, freelancer):
    # given a key path that is a directory
    key_file.mkdir(parents=True)
    # when a record is exported, then the error names the key file
    with pytest.raises(DomainError) as refusal:
        record.export_record(freelancer)
    assert refusal.value.code == "signing_key_unavailable"
    assert str(key_file) in refusal.value.message
