"""`bornglobal work …`: the auto-release sweep and a venture's projects and contracts."""
# ruff: noqa: F811  (the work fixtures are imported below and used by name)

import json
from datetime import timedelta

from bornglobal import clock
from bornglobal.cli import main
from bornglobal.domain.contracts import MilestoneState
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones
from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
from tests.work.factories import hired


def _submitted(kestrel, priya):
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.get(position=1)
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Done.")
    return contract, item


def test_auto_release_prints_each_released_milestone(kestrel, priya, capsys):
    # given a milestone submitted 15 days ago on a 14-day contract
    contract, item = _submitted(kestrel, priya)
    # when the sweep runs from the command line after the period
    with clock.travel_to(clock.now() + timedelta(days=15)):
        code = main(["work", "auto-release"])
    # then it released that milestone and said so
    out = capsys.readouterr().out
    item.refresh_from_db()
    assert code == 0 and item.state == MilestoneState.AUTO_RELEASED
    assert f"{contract.ref} milestone 1 (Part 1):" in out and "released" in out
    assert "1 milestone(s) released." in out


def test_auto_release_with_nothing_due_releases_nothing(kestrel, priya, capsys):
    # given a milestone submitted just now
    _contract, item = _submitted(kestrel, priya)
    # when the sweep runs
    code = main(["work", "auto-release"])
    # then nothing moved
    item.refresh_from_db()
    assert code == 0 and item.state == MilestoneState.SUBMITTED
    assert "0 milestone(s) released." in capsys.readouterr().out


def test_projects_and_contracts_of_a_venture_as_json(kestrel, priya, capsys):
    # given a running contract on the venture's project
    contract, _item = _submitted(kestrel, priya)
    venture = str(kestrel["venture"].id)
    # when the projects and contracts are listed as JSON
    assert main(["work", "projects", "--venture", venture, "--json"]) == 0
    projects = json.loads(capsys.readouterr().out)
    assert main(["work", "contracts", "--venture", venture, "--json"]) == 0
    contracts = json.loads(capsys.readouterr().out)
    # then they describe the project and the contract with its milestones
    assert [(p["title"], p["status"], p["contracts"]) for p in projects] == [
        ("Drone firmware", "running", 1)
    ]
    assert [c["ref"] for c in contracts] == [contract.ref]
    assert contracts[0]["freelancer"] == priya.email
    assert [m["state"] for m in contracts[0]["milestones"]] == ["submitted", "pending"]


def test_projects_and_contracts_as_text(kestrel, priya, capsys):
    # given a running contract
    contract, _item = _submitted(kestrel, priya)
    venture = str(kestrel["venture"].id)
    # when they are listed as text
    main(["work", "projects", "--venture", venture])
    main(["work", "contracts", "--venture", venture])
    # then each has a line and a count
    out = capsys.readouterr().out
    assert "Drone firmware" in out and "1 project(s) of Kestrel Robotics." in out
    assert contract.ref in out and "1 contract(s) of Kestrel Robotics." in out


def test_an_unknown_venture_is_one_line_and_a_non_zero_exit(db, capsys):
    # given no venture 999999
    # when its projects are listed
    code = main(["work", "projects", "--venture", "999999"])
    # then one error line, exit code 2
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == ["error: no venture has id 999999 [venture_not_found]"]
