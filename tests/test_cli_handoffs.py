"""`bornglobal handoffs …`: tasks along the chain from the command line."""
# ruff: noqa: F811  (the work fixtures are imported below and used by name)

import json
from datetime import UTC, datetime

import pytest

from bornglobal.cli import main
from bornglobal.work.models_handoffs import Handoff, Task
from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
from tests.work.factories import FreelancerFactory, team_on


@pytest.fixture
def team(kestrel, priya):
    sam = FreelancerFactory(email="sam@example.org", time_zone="America/New_York")
    team_on(kestrel["founder"], kestrel["project"], priya, sam)
    return {**kestrel, "priya": priya, "sam": sam}


def test_add_pass_and_list_tasks(team, capsys):
    # given the founder adding a task at 09:00 UTC, while Priya (Kolkata) is on
    project = str(team["project"].id)
    founder = team["founder"].email
    assert main(["handoffs", "add", "--project", project, "--title", "IMU", "--as", founder]) == 0
    task = Task.objects.get()
    # when Priya passes it on with a note
    code = main(
        ["handoffs", "pass", str(task.id), "--done", "Driver builds.", "--next", "Calibrate.",
         "--blockers", "No board.", "--as", "priya@example.org"]
    )
    out = capsys.readouterr().out
    # then Sam receives it at 09:00 on his clock (13:00 UTC)
    assert code == 0
    assert "handed to sam@example.org; theirs from Mon 2026-06-15 09:00 America/New_York" in out
    assert Handoff.objects.get().opens_at == datetime(2026, 6, 15, 13, tzinfo=UTC)
    # and the project's list and Sam's own list show it, with the last note
    assert main(["handoffs", "tasks", "--project", project, "--as", founder, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["holder"], row["opened"], row["last_note"]["next"]) == (
        "sam@example.org",
        False,
        "Calibrate.",
    )
    assert main(["handoffs", "mine", "--as", "sam@example.org"]) == 0
    assert "coming at Mon 2026-06-15 09:00 America/New_York" in capsys.readouterr().out


def test_chain_and_done(team, capsys):
    # given a task held by Priya
    project = str(team["project"].id)
    main(["handoffs", "add", "--project", project, "--title", "x", "--as", "priya@example.org"])
    task = Task.objects.get()
    capsys.readouterr()
    # when the chain is printed and Priya marks the task done
    assert main(["handoffs", "chain", "--project", project, "--as", "priya@example.org"]) == 0
    chain = capsys.readouterr().out
    assert main(["handoffs", "done", str(task.id), "--as", "priya@example.org"]) == 0
    # then the chain goes Kolkata, then New York, and the task is done
    assert "03:30-11:30 UTC" in chain and "(09:00-17:00 America/New_York)" in chain
    task.refresh_from_db()
    assert task.state == "done"


def test_bad_input_is_a_message_and_a_non_zero_exit(team, capsys):
    # given a task held by Priya
    project = str(team["project"].id)
    main(["handoffs", "add", "--project", project, "--title", "x", "--as", "priya@example.org"])
    task = str(Task.objects.get().id)
    capsys.readouterr()
    # when she passes it with an empty note, to a stranger, or as nobody
    empty = main(["handoffs", "pass", task, "--as", "priya@example.org"])
    empty_err = capsys.readouterr().err
    stranger = main(["handoffs", "pass", task, "--next", "x", "--to", "no@example.org",
                     "--as", "priya@example.org"])
    stranger_err = capsys.readouterr().err
    nobody = main(["handoffs", "mine", "--as", "ghost@example.org"])
    nobody_err = capsys.readouterr().err
    # then each exits non-zero with a one-line reason and its code
    assert (empty, stranger, nobody) == (2, 2, 2)
    assert "[empty_note]" in empty_err
    assert "[not_on_team]" in stranger_err
    assert "[user_not_found]" in nobody_err
    # and a task id that is not a number is refused by the parser
    with pytest.raises(SystemExit) as bad:
        main(["handoffs", "done", "seven", "--as", "priya@example.org"])
    assert bad.value.code == 2


def test_a_freelancer_of_another_project_finds_nothing(team, capsys):
    # given a freelancer on no team here
    FreelancerFactory(email="stranger@example.org")
    # when they list the project's tasks
    code = main(["handoffs", "tasks", "--project", str(team["project"].id),
                 "--as", "stranger@example.org"])
    # then the project does not exist for them
    assert code == 2 and "[not_found]" in capsys.readouterr().err
