"""`bornglobal teams solve`: reads an instance, prints the result as JSON, fails in one line."""

import json
import subprocess
import sys

import pytest

from bornglobal.cli import main
from tests.domain.test_teams_checker import check_team
from tests.domain.test_teams_instance import BASE

INSTANCE = {  # the example (tests/domain) and a second, New York candidate
    **BASE,
    "candidates": [
        *BASE["candidates"],
        {
            "id": "f2",
            "skills": {"python": 5, "postgresql": 4},
            "rate_minor": 6000,
            "currency": "USD",
            "rating": 4.9,
            "zone": "America/New_York",
            "work_start": "09:00",
            "work_end": "17:00",
            "available_hours": 160,
        },
    ],
}
KEYS = [
    "status",
    "team",
    "cost_minor",
    "rating_sum",
    "covered_hours_utc",
    "lower_bound_minor",
    "seconds",
    "reasons",
]


@pytest.fixture
def instance_file(tmp_path):
    path = tmp_path / "team.json"
    path.write_text(json.dumps(INSTANCE))
    return path


@pytest.mark.parametrize("exact", [[], ["--exact"]])
def test_a_good_file_prints_the_team(instance_file, capsys, exact):
    # given the instance
    # when solved from the command line
    code = main(["teams", "solve", str(instance_file), "--time-limit", "5", *exact])
    # then it exits 0 and prints the output JSON with the fields
    output = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(output) == KEYS
    assert output["status"] == "optimal"
    # 4500 INR x 0.0109 x 160 h = 7848.00 EUR; f2 does not cover 4-6 UTC
    assert output["team"] == [{"role": "backend", "candidate": "f1", "cost_minor": 784800}]
    assert output["lower_bound_minor"] == 784800
    check_team(INSTANCE, output)


def test_an_infeasible_instance_exits_1_with_reasons(tmp_path, capsys):
    # given a budget below the cheapest team
    path = tmp_path / "poor.json"
    path.write_text(json.dumps({**INSTANCE, "budget_minor": 1000}))
    # when solved
    code = main(["teams", "solve", str(path)])
    # then exit 1, and the reason gives the cheapest cost
    output = json.loads(capsys.readouterr().out)
    assert code == 1 and output["status"] == "infeasible"
    assert "costs 784800 EUR minor units" in output["reasons"][0]


def test_a_bad_file_fails_in_one_line(tmp_path, capsys):
    # given an instance with an unknown zone
    broken = json.loads(json.dumps(INSTANCE))
    broken["candidates"][1]["zone"] = "America/Gotham"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken))
    # when solved, then one line on stderr with the code and exit 2
    code = main(["teams", "solve", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "candidates[1] (f2)" in err and "[invalid_time_zone]" in err


def test_bad_json_and_a_missing_file_fail_in_one_line(tmp_path, capsys):
    # given text that is not JSON, and a path that does not exist
    path = tmp_path / "nonsense.json"
    path.write_text("{not json")
    # then each fails with exit 2 and a one-line reason
    assert main(["teams", "solve", str(path)]) == 2
    assert "[invalid_json]" in capsys.readouterr().err
    assert main(["teams", "solve", str(tmp_path / "missing.json")]) == 2
    assert "[unreadable_file]" in capsys.readouterr().err


def test_standard_input_is_read_with_a_dash():
    # given the instance on standard input of a real process
    done = subprocess.run(
        [sys.executable, "-m", "bornglobal", "teams", "solve", "-", "--exact"],
        input=json.dumps(INSTANCE),
        capture_output=True,
        text=True,
        check=False,
    )
    # then the team is printed
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cost_minor"] == 784800


def test_a_bad_time_limit_is_refused(instance_file, capsys):
    # given a negative time limit, then argparse refuses it (exit 2)
    with pytest.raises(SystemExit) as stopped:
        main(["teams", "solve", str(instance_file), "--time-limit", "-1"])
    assert stopped.value.code == 2
    assert "positive number of seconds" in capsys.readouterr().err
