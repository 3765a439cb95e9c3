"""The project board and "my contracts" pages, driven by form posts like a browser."""

from bornglobal.money import checks
from bornglobal.work.models import ContractMilestone
from tests.work.factories import FreelancerFactory, hired, team_on


def test_the_milestone_cycle_runs_through_the_pages(client, kestrel, priya):
    # given a contract, and the founder on the project board
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("800.00",))
    item = contract.milestones.first()
    venture_id, project_id = kestrel["venture"].id, kestrel["project"].id
    board_url = f"/ventures/{venture_id}/work/projects/{project_id}/"
    client.force_login(kestrel["founder"])
    page = client.get(board_url)
    assert page.status_code == 200
    assert (
        "Fund the milestone" in page.content.decode() and "Priya Raghavan" in page.content.decode()
    )
    # when she funds the milestone (twice: a double click)
    for _ in range(2):
        client.post(
            f"/ventures/{venture_id}/work/milestones/{item.id}/fund/",
            {"key": "click-1", "next": board_url},
        )
    # and the freelancer starts and submits from "my contracts"
    client.force_login(priya)
    mine = client.get("/me/work/").content.decode()
    assert "Start work" in mine and "INR" in mine
    client.post(f"/me/work/milestones/{item.id}/start/")
    client.post(f"/me/work/milestones/{item.id}/submit/", {"note": "Labels attached"})
    # and the founder accepts it
    client.force_login(kestrel["founder"])
    client.post(
        f"/ventures/{venture_id}/work/milestones/{item.id}/accept/",
        {"key": "click-2", "next": board_url},
    )
    # then the milestone was paid once and the board says so
    item = ContractMilestone.objects.select_related("milestone").get(id=item.id)
    assert item.state == "accepted" and item.milestone.state == "settled"
    assert "Completed" in client.get(board_url).content.decode()
    assert checks.run(venture_id) == []


def test_a_refused_step_is_shown_as_a_message_not_an_error_page(client, kestrel, priya):
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.first()
    client.force_login(priya)
    response = client.post(f"/me/work/milestones/{item.id}/submit/", {"note": "early"}, follow=True)
    assert response.status_code == 200
    assert "illegal_transition" in response.content.decode()


def test_another_venture_cannot_open_the_board_or_act_on_it(client, kestrel, priya, other_founder):
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.first()
    client.force_login(other_founder)
    venture_id = kestrel["venture"].id
    board = client.get(f"/ventures/{venture_id}/work/projects/{kestrel['project'].id}/")
    fund = client.post(f"/ventures/{venture_id}/work/milestones/{item.id}/fund/", {"key": "x"})
    assert (board.status_code, fund.status_code) == (404, 404)


def test_work_is_in_the_navigation_for_founders_and_freelancers(client, kestrel, priya):
    client.force_login(kestrel["founder"])
    home = client.get(f"/ventures/{kestrel['venture'].id}/work/").content.decode()
    assert "Drone firmware" in home and f"/ventures/{kestrel['venture'].id}/work/" in home
    client.force_login(priya)
    assert "/me/work/" in client.get("/me/work/").content.decode()


def test_the_board_shows_todays_handoff_chain(client, kestrel, priya):
    # given Priya (Kolkata) and Sam (New York) on the project's team, Monday 15 June
    sam = FreelancerFactory(full_name="Sam Okafor", time_zone="America/New_York")
    team_on(kestrel["founder"], kestrel["project"], priya, sam)
    client.force_login(kestrel["founder"])
    # when the founder opens the project board
    url = f"/ventures/{kestrel['venture'].id}/work/projects/{kestrel['project'].id}/"
    page = client.get(url).content.decode()
    # then today's chain lists Priya's window before Sam's, in local and UTC times
    chain = page[page.index("Today's chain"):]
    assert chain.index("Priya Raghavan") < chain.index("Sam Okafor")
    assert "Asia/Kolkata" in chain and "UTC" in chain
