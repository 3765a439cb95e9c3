"""`bornglobal clock …`: plans, estimates and rotas from a team file; clear one-line errors."""

import json
import os
import subprocess
import sys

import pytest

from bornglobal.cli import main

# Tokyo 00-08 UTC and Berlin 08-16 UTC in January; Priya in Kolkata 02:30-10:30 UTC.
KENJI = {"name": "Kenji Sato", "zone": "Asia/Tokyo", "max_weekly_hours": 40}
ANNA = {"name": "Anna Schmidt", "zone": "Europe/Berlin", "work_start": "09:00",
        "work_end": "17:00", "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
        "holiday_country": "DE", "holiday_subdivision": "BE", "max_weekly_hours": 40}  # fmt: skip
PRIYA = {"name": "Priya Nair", "zone": "Asia/Kolkata", "work_start": "08:00", "work_end": "16:00"}


@pytest.fixture
def team_file(tmp_path):
    def write(*people, raw=None):
        path = tmp_path / "team.json"
        path.write_text(raw if raw is not None else json.dumps({"people": list(people)}))
        return str(path)

    return write


def run(capsys, *argv):
    code = main(["clock", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_prints_each_day_with_its_chain(capsys, team_file):
    # given Kenji in Tokyo and Anna in Berlin
    path = team_file(KENJI, ANNA)
    # when Christmas Eve and Christmas Day 2026 are planned
    code, out, _ = run(capsys, "plan", path, "--from", "2026-12-24", "--to", "2026-12-25")
    # then the 24th shows the end-to-start handoff and the 25th names Anna's holiday
    assert code == 0
    assert "2026-12-24 Thu  coverage 16.00 h" in out
    assert "08:00 Kenji Sato -> Anna Schmidt (end to start)" in out
    assert "Anna Schmidt (Christmas Day)" in out


def test_plan_json_is_machine_readable(capsys, team_file):
    # given the same team
    path = team_file(KENJI, ANNA)
    # when a January Wednesday is planned as JSON
    code, out, _ = run(capsys, "plan", path, "--from", "2026-01-14", "--to", "2026-01-14", "--json")
    # then the shifts, handoffs and gaps are there, instants in UTC
    (day,) = json.loads(out)["days"]
    assert code == 0 and day["coverage_hours"] == "16.00"
    assert day["shifts"][0] == {
        "member": "Kenji Sato", "start": "2026-01-14T00:00:00Z", "end": "2026-01-14T08:00:00Z",
    }  # fmt: skip
    assert day["handoffs"][0]["kind"] == "touching"
    assert day["gaps"] == [{"start": "2026-01-14T16:00:00Z", "end": "2026-01-15T00:00:00Z"}]


def test_estimate_json_matches_the_hand_computed_two_site_case(capsys, team_file):
    # given Tokyo and Berlin, 16 hours from Monday 00:00 UTC, 30 minutes a handoff
    path = team_file(KENJI, ANNA)
    code, out, _ = run(capsys, "estimate", path, "--effort", "16",
                       "--start", "2026-01-12T00:00:00Z", "--json")  # fmt: skip
    # then the chain finishes Tuesday 01:00, Kenji alone Tuesday 08:00: 25 of 32 hours
    result = json.loads(out)
    assert code == 0
    assert result["chain"]["finish"] == "2026-01-13T01:00:00Z"
    assert result["chain"]["handoff_count"] == 2
    assert result["best_solo"] == {
        "member": "Kenji Sato", "finish": "2026-01-13T08:00:00Z", "elapsed_seconds": 32 * 3600,
    }  # fmt: skip
    assert result["ratio"] == "0.7812"


def test_estimate_prints_a_table(capsys, team_file):
    path = team_file(KENJI, ANNA)
    code, out, _ = run(capsys, "estimate", path, "--effort", "16", "--overhead", "0",
                       "--start", "2026-01-12T09:00:00+09:00")  # fmt: skip
    # then the start is read in UTC and the ratio is one half
    assert code == 0 and "2026-01-12 00:00 UTC" in out
    assert "ratio chain / alone" in out and "0.5000" in out


def test_rota_names_the_hours_it_cannot_cover(capsys, team_file):
    # given Priya (02:30-10:30 UTC) and Anna (08:00-16:00 UTC)
    path = team_file(PRIYA, ANNA)
    # when two people are wanted at 03:00 and 08:00 UTC each day
    code, out, _ = run(capsys, "rota", path, "--week-of", "2026-01-12", "--min-people", "2",
                       "--hours", "3,8")  # fmt: skip
    # then the table shows loads and the reasons read as sentences
    assert code == 0 and "optimal" in out
    assert "Tue 03:00 UTC: only 1 of 2 people work then (Priya Nair)" in out
    assert "Sat 08:00 UTC: nobody works then (need 2)" in out


def test_rota_json_lists_loads_and_uncovered_hours(capsys, team_file):
    path = team_file(KENJI, ANNA)
    code, out, _ = run(capsys, "rota", path, "--week-of", "2026-01-12", "--min-people", "1",
                       "--hours", "0-15", "--json")  # fmt: skip
    result = json.loads(out)
    # then Kenji and Anna cover 00-16 UTC on weekdays, and the weekend is uncovered
    assert code == 0 and result["status"] == "optimal"
    assert {load["member"]: load["hours"] for load in result["loads"]} == {
        "Kenji Sato": 40, "Anna Schmidt": 40,
    }  # fmt: skip
    assert len(result["uncovered"]) == 32
    assert result["uncovered"][0]["reason"] == "nobody_works"


@pytest.mark.parametrize(
    "argv,code",
    [
        (["plan", "{team}", "--from", "2026-01-02", "--to", "2026-01-01"], "end_before_start"),
        (["plan", "{team}", "--from", "2026-01-01", "--to", "2027-06-01"], "range_too_long"),
        (["plan", "{team}", "--from", "2026-13-01", "--to", "2026-12-01"], "invalid_date"),
        (["plan", "/nonexistent/team.json", "--from", "2026-01-01", "--to", "2026-01-01"],
         "unreadable_file"),
        (["estimate", "{team}", "--effort", "-3", "--start", "2026-01-12T00:00Z"],
         "invalid_effort"),
        (["estimate", "{team}", "--effort", "three", "--start", "2026-01-12T00:00Z"],
         "invalid_effort"),
        (["estimate", "{team}", "--effort", "3", "--start", "2026-01-12T00:00"], "naive_instant"),
        (["estimate", "{team}", "--effort", "3", "--start", "Monday"], "invalid_instant"),
        (["estimate", "{team}", "--effort", "3", "--start", "2026-01-12T00:00Z",
          "--overhead", "-5"], "invalid_overhead"),
        (["rota", "{team}", "--week-of", "2026-01-12", "--min-people", "0"],
         "invalid_min_people"),
        (["rota", "{team}", "--week-of", "2026-01-12", "--min-people", "1", "--hours", "8-25"],
         "invalid_hours"),
        (["rota", "{team}", "--week-of", "2026-01-12", "--min-people", "1", "--hours", "x"],
         "invalid_hours"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_with_a_code(capsys, team_file, argv, code):
    # given a good team file and bad arguments
    path = team_file(KENJI, ANNA)
    # when the command runs
    exit_code, out, err = run(capsys, *[path if a == "{team}" else a for a in argv])
    # then it exits 2 with one line naming the code, and prints nothing else
    assert exit_code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and err.endswith(f"[{code}]\n")


@pytest.mark.parametrize(
    "raw,code",
    [
        ("{not json", "invalid_json"),
        ('{"people": [{"name": "Anna", "zone": "Mars/Olympus"}]}', "invalid_time_zone"),
        ('[{"name": "Anna", "zone": "UTC", "work_start": "9am"}]', "invalid_time"),
        ('[{"name": "Anna", "zone": "UTC", "holiday_country": "XX"}]', "invalid_country"),
        ("[]", "empty_team"),
    ],
)
def test_a_bad_team_file_is_one_line_with_a_code(capsys, team_file, raw, code):
    path = team_file(raw=raw)
    exit_code, _, err = run(capsys, "plan", path, "--from", "2026-01-01", "--to", "2026-01-01")
    assert exit_code == 2 and err.endswith(f"[{code}]\n") and err.count("\n") == 1


def test_the_real_command_reads_the_team_from_standard_input():
    # given a team on standard input and the installed entry point
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-m", "bornglobal", "clock", "plan", "-", "--from", "2026-01-14",
         "--to", "2026-01-14", "--json"],
        input=json.dumps([KENJI]), capture_output=True, text=True, timeout=120,
        env=environment, check=False,
    )  # fmt: skip
    # then it plans without a database
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["days"][0]["coverage_hours"] == "8.00"


def test_clock_help_lists_its_actions(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["clock", "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert all(action in out for action in ("plan", "estimate", "rota"))
