"""docs/api.md's error table lists every code the code base can answer with, with its
status (tests/api/error_codes.py reads the codes from the syntax tree)."""

import re
from pathlib import Path

from tests.api.error_codes import raised_codes

API_DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+) \| (.+) \|$")
# Pages catch refusals and show their message; the status that reaches a client is the
# API's, so a page module's raise does not count for the table's status column.
PAGE_MODULES = re.compile(r"(^|/)(views\w*|forms)\.py:")


def documented() -> dict[str, str]:
    section = API_DOC.read_text().split("### Error codes", 1)[1]
    rows = (ROW.match(line) for line in section.splitlines())
    return {row.group(1): row.group(2).strip() for row in rows if row}


def _as_pattern(code: str) -> str:
    return re.sub(r"<[^>]*>", "<...>", code)


def test_the_table_is_there_and_every_row_has_a_status_and_a_meaning():
    # given the error table
    table = documented()
    # then it is substantial and each status is an HTTP 4xx or a job's error
    assert len(table) > 100
    for code, status in table.items():
        assert re.fullmatch(r"4\d\d(, 4\d\d)*|— \(a job's error\)", status), (code, status)


def test_every_code_the_code_base_raises_is_in_the_table():
    # given the codes found in the sources and the documented ones
    found, table = raised_codes(), documented()
    # then none is unreadable, and each code and code pattern has its row
    assert found.unresolved == []
    missing = sorted(set(found.codes) - set(table))
    assert missing == [], {code: sorted(found.codes[code]) for code in missing}
    patterns = {_as_pattern(code) for code in table if "<" in code}
    assert sorted(set(found.patterns) - patterns) == []


def test_each_code_has_the_status_it_is_raised_with():
    # given the statuses codes are raised with outside the pages
    found, table = raised_codes(), documented()
    # then the table's status column names each of them
    wrong = {}
    for code, raised in found.statuses.items():
        listed = {int(s) for s in re.findall(r"\d{3}", table.get(code, ""))}
        statuses = {status for status, where in raised if not PAGE_MODULES.search(where)}
        if statuses - listed:
            wrong[code] = (sorted(statuses), table.get(code))
    assert wrong == {}


def test_the_table_lists_no_code_that_nothing_raises():
    # given the documented codes
    found, table = raised_codes(), documented()
    # then each is raised somewhere (a row outliving its code misleads clients)
    patterns = {_as_pattern(code) for code in table if "<" in code}
    stale = sorted(code for code in table
                   if code not in found.codes and _as_pattern(code) not in found.patterns)
    assert stale == [], stale
    assert patterns
