"""Fuzz every operation of our OpenAPI document (schemathesis) as a founder, a freelancer
and an anonymous caller.

Schemathesis draws requests from the schema, valid ones (positive mode) and ones that break
it (negative mode), in its examples, coverage (boundaries, every missing or wrong-typed
field) and fuzzing phases, with a fixed seed and a bounded number of examples. The coverage
sweep runs once per operation, as the member it is for; the other member and the anonymous
caller get examples and fuzzing. Generated ids are mostly swapped for ids of a world the
caller owns (`fuzz_world.py`: a venture with books, escrow, payouts, invoices, work and
tasks; the freelancer's contract, profile, billing and partner), so that requests get past
the 404 to the handlers.

A test fails on any 5xx, any answer outside the schema (status, content type, body) and any
invalid request accepted. A valid request refused fails too, unless the refusal is a rule
the schema cannot state, listed in `SCHEMA_CANNOT_SAY` (operation, code, the rule); those
are printed at the end of the run.

It runs on PostgreSQL (CI's second stage: the production database, where NUL bytes and
integer overflows surface), on SQLite only with BORNGLOBAL_FUZZ=1: about five minutes of one
core either way.

    BORNGLOBAL_FUZZ_EXAMPLES=N   fuzzing-phase examples per operation (default 8)
    BORNGLOBAL_FUZZ_REPORT=path  record every failure as JSON lines there and fail nothing
                                 (for a list of findings)
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation.meta import CoverageScenario, TestPhase
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from bornglobal.wsgi import application
from tests.api.fuzz_world import World, aim, keep_the_test_connection, world

FIXTURES = (keep_the_test_connection, world)  # pytest finds them in this module by name

if os.environ.get("BORNGLOBAL_FUZZ") != "1":
    # Not in CI yet: it still reports issue 13's open findings (valid requests refused by
    # rules the schema does not state yet, 400s that should be 409s). CI runs
    # tests/api/test_schemathesis.py (no 5xx, no schema break).
    pytest.skip("full API fuzzing: set BORNGLOBAL_FUZZ=1", allow_module_level=True)

SEED = 20_260_613
EXAMPLES = int(os.environ.get("BORNGLOBAL_FUZZ_EXAMPLES", "8"))
REPORT = os.environ.get("BORNGLOBAL_FUZZ_REPORT", "")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]
CALLERS = ["founder", "freelancer", "anonymous"]

# "Valid request refused" where the schema cannot state the rule: (operation, the refusal's
# code) -> the rule. "*" stands for every operation. A code "x/decimals" is the refusal x for
# too many decimals for the currency (its details name the currency's `exponent`).
V, ME = "/api/v1/ventures/{venture_id}", "/api/v1/me"
VAT = "a VAT number's check digits, per country (python-stdnum)"
SCHEMA_CANNOT_SAY: dict[tuple[str, str], str] = {
    ("*", "invalid_amount/decimals"): "an amount's decimals depend on its currency (JPY 0, KWD 3)",
    (f"PATCH {V}", "invalid_vat_id"): VAT,
    (f"POST {V}/customers", "invalid_vat_id"): VAT,
    (f"PUT {V}/billing", "invalid_vat_id"): VAT,
    (f"PUT {ME}/billing", "invalid_vat_id"): VAT,
    (f"POST {ME}/profile/tax-residencies", "invalid_tax_id"): "a tax id's check digits",
    ("GET /api/v1/profiles/search", "unknown_skill"): "a skill id must exist",
    ("POST /api/v1/records/verify", "record_invalid"): "the record's signature must verify",
    (f"GET {V}/tax-reports/{{kind}}", "invalid_period"): "a report spans at most three years",
    (f"GET {V}/tax-reports/{{kind}}.csv", "invalid_period"): "a report spans at most three years",
    (f"POST {V}/invoices", "invalid_due_date"): "the due date is on or after the issue date",
    (f"POST {V}/invoices", "date_before_data"): "VAT rules are known from a date per country",
    ("GET /api/v1/tax/quote", "date_before_data"): "VAT rules are known from a date per country",
    (f"POST {V}/invoices/{{invoice_id}}/payments", "currency_mismatch"):
        "a payment is in the invoice's currency",
    (f"POST {V}/work/projects", "currency_mismatch"): "a budget is in the venture's currency",
    (f"POST {V}/work/projects/{{project_id}}/roles", "currency_mismatch"):
        "a rate ceiling is in the project's currency",
    (f"POST {V}/work/projects/{{project_id}}/roles", "invalid_skills"):
        "each skill once per role (uniqueItems cannot key on skill_id)",
    ("POST /api/v1/partners", "duplicate_shipping_zone"): "each country once per partner",
    ("PUT /api/v1/partners/{partner_id}", "duplicate_shipping_zone"): "each country once",
    ("POST /api/v1/work/tasks/{task_id}/handoff", "empty_note"): "`done` or `next` has text",
    (f"POST {V}/escrows", "currency_mismatch"): "milestones are in the venture's currency",
    (f"POST {V}/work/projects", "invalid_dates"): "a project ends on or after its start",
    (f"PUT {ME}/profile", "duplicate_skill"): "each skill once (uniqueItems cannot key on id)",
    (f"PUT {ME}/profile", "unknown_skill"): "an ESCO skill id must exist",
    (f"POST {ME}/profile/tax-residencies", "invalid_since"): "at most a year from today",
    (f"POST {ME}/profile/portfolio", "invalid_year"): "a year up to next year (moves with today)",
}


def _schema(phases: list[str], examples: int):
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    loaded.config.seed = SEED
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=examples,
        no_shrink=True,
        database="none",
    )
    loaded.config.phases.update(phases=phases)
    return loaded


# The full sweep (examples, coverage: boundaries, every missing or wrong-typed field;
# fuzzing) runs once per operation, as the caller it is for: the freelancer for their own
# side (`/me…`; `/work/…`: disputes, tasks, files; partners and reviews, which a venture
# token may not write), the founder for everything else. The other member gets examples
# and fuzzing; a caller without credentials, a few of those.
FREELANCER_SIDE = r"^/api/v1/(me|work|partners|contracts)(/|$)"
sweep = _schema(["examples", "coverage", "fuzzing"], EXAMPLES)
light = _schema(["examples", "fuzzing"], EXAMPLES)
anonymous_schema = _schema(["examples", "fuzzing"], max(2, EXAMPLES // 2))

REJECTED_VALID: list[str] = []
ENUM_SAMPLE = 6
ENUM_VALUES_SENT: dict[tuple, int] = {}
STATUSES: dict[str, dict[int, int]] = {caller: {} for caller in CALLERS}
OPERATION_STATUSES: dict[str, dict[int, int]] = {}


def _refusal(response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    code, details = str(body.get("code", "")), body.get("details")
    if isinstance(details, dict) and "exponent" in details:
        return f"{code}/decimals"
    return code


def _cannot_say(failure: Failure, case, response) -> str | None:
    """The rule, when `failure` is a valid request refused by a rule the schema cannot state."""
    if "positive_data_acceptance" not in type(failure).checks:
        return None
    code = _refusal(response)
    return SCHEMA_CANNOT_SAY.get((case.operation.label, code)) or SCHEMA_CANNOT_SAY.get(
        ("*", code)
    )


def _record(case, caller: str, failures: list[Failure], response, headers) -> None:
    with open(REPORT, "a", encoding="utf-8") as out:
        for failure in failures:
            out.write(
                json.dumps(
                    {
                        "operation": case.operation.label,
                        "caller": caller,
                        "failure": type(failure).__name__,
                        "title": failure.title,
                        "message": failure.message,
                        "status": response.status_code,
                        "allowed": _cannot_say(failure, case, response),
                        "mode": case.meta.generation.mode.value if case.meta else "",
                        "phase": case.meta.phase.name.value if case.meta else "",
                        "scenario": repr(getattr(case.meta.phase.data, "scenario", "")),
                        "description": case.meta.phase.data.description if case.meta else "",
                        "curl": case.as_curl_command(headers={k: "…" for k in headers}),
                        "body": case.body if not callable(case.body) else None,
                        "answer": response.text[:2000],
                    },
                    default=repr,
                )
                + "\n"
            )


@pytest.fixture(scope="module", autouse=True)
def print_the_run(request):
    """At the end: the answers per caller, and the valid requests refused by a rule
    the schema cannot state."""
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        for caller, seen in STATUSES.items():
            answers = ", ".join(f"{status}: {count}" for status, count in sorted(seen.items()))
            print(f"\nfuzz {caller}: {sum(seen.values())} requests ({answers})")
        if REPORT:
            with open(f"{REPORT}.statuses.json", "w", encoding="utf-8") as out:
                json.dump(OPERATION_STATUSES, out, indent=1, sort_keys=True)
        if REJECTED_VALID:
            print("Valid requests refused where the schema cannot say why:")
            for line in sorted(set(REJECTED_VALID)):
                print(f"  {line}")


FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), print_blob=False)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["founder"])  # (names the test id too)
@sweep.exclude(path_regex=FREELANCER_SIDE).parametrize()
@FUZZ
def test_api_swept_as_founder(case, caller, world):
    _exercise(case, caller, world[caller])


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["freelancer"])  # (names the test id too)
@sweep.include(path_regex=FREELANCER_SIDE).parametrize()
@FUZZ
def test_api_swept_as_freelancer(case, caller, world):
    _exercise(case, caller, world[caller])


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["founder"])  # (names the test id too)
@light.include(path_regex=FREELANCER_SIDE).parametrize()
@FUZZ
def test_api_fuzzed_as_founder(case, caller, world):
    _exercise(case, caller, world[caller])


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["freelancer"])  # (names the test id too)
@light.exclude(path_regex=FREELANCER_SIDE).parametrize()
@FUZZ
def test_api_fuzzed_as_freelancer(case, caller, world):
    _exercise(case, caller, world[caller])


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous"])  # (names the test id too)
@anonymous_schema.parametrize()
@FUZZ
def test_api_anonymously(case, caller, world):
    _exercise(case, caller, world[caller])


def _thinned(case, caller: str) -> bool:
    """The coverage phase sends one request per value of every enum (currencies, countries,
    time zones: hundreds each); of each enum, send the first values and every 16th after."""
    meta = case.meta
    if meta is None or meta.phase.name != TestPhase.COVERAGE:
        return False
    data = meta.phase.data
    enum_values = (CoverageScenario.ENUM_VALUE, CoverageScenario.ENUM_VALUE_ITEMS_ARRAY)
    if data.scenario not in enum_values and not data.description.endswith("Enum value"):
        return False  # (a value deep in the body is a VALID_OBJECT "…: Enum value")
    key = (caller, case.operation.label, data.parameter_location, data.parameter,
           data.location, data.description)
    seen = ENUM_VALUES_SENT.get(key, 0)
    ENUM_VALUES_SENT[key] = seen + 1
    return seen >= ENUM_SAMPLE and seen % 16 != 0


def _exercise(case, caller: str, world: World) -> None:
    if _thinned(case, caller):
        return
    # given a request drawn from the schema, aimed at the caller's world
    aim(case, world)
    headers = world.headers()
    # when it is sent
    response = case.call(headers=headers)
    seen = STATUSES[caller]
    seen[response.status_code] = seen.get(response.status_code, 0) + 1
    per_operation = OPERATION_STATUSES.setdefault(f"{caller} {case.operation.label}", {})
    per_operation[response.status_code] = per_operation.get(response.status_code, 0) + 1
    # then the answer is no 5xx, within the schema, and refuses exactly the invalid requests
    _check(case, caller, response, headers)


def _check(case, caller: str, response, headers: dict) -> None:
    """Run the checks; record the failures (BORNGLOBAL_FUZZ_REPORT) or raise those that are
    not a valid request refused by a rule the schema cannot state."""
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except FailureGroup as group:
        failures = list(group.exceptions)
    except Failure as failure:
        failures = [failure]
    else:
        return
    if REPORT:
        _record(case, caller, failures, response, headers)
        return
    unexplained = []
    for failure in failures:
        rule = _cannot_say(failure, case, response)
        if rule is None:
            unexplained.append(failure)
        else:
            REJECTED_VALID.append(f"{case.operation.label} [{caller}] {_refusal(response)}: {rule}")
    if unexplained:
        shown = {k: "…" for k in headers}
        for failure in unexplained:
            failure.add_note(f"Answer: {response.status_code} {response.text[:600]}")
            failure.add_note(f"Request: {case.as_curl_command(headers=shown)}")
        raise FailureGroup(unexplained) if len(unexplained) > 1 else unexplained[0]
