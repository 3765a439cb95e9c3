"""Timesheet pages: the freelancer logs time, the venture approves the week."""

from datetime import timedelta

from bornglobal import clock
from bornglobal.money import checks
from bornglobal.work.models import TimeEntry, TimesheetWeek
from tests.work.factories import MONDAY, hired, hourly_hired


def test_the_freelancer_logs_time_and_the_venture_approves_the_week(client, kestrel, priya):
    # given an hourly contract, and the freelancer (Kolkata) on her timesheet
    contract = hourly_hired(kestrel, priya)
    client.force_login(priya)
    url = f"/me/work/contracts/{contract.id}/time/"
    # when she logs 90 minutes at 10:00 her time
    response = client.post(url, {"started": "2026-06-15T10:00", "minutes": "90",
                                 "memo": "Bootloader review"})
    # then the entry is there, shown in her week
    assert response.status_code == 302
    entry = TimeEntry.objects.get(contract=contract)
    assert entry.minutes == 90 and entry.time_zone == "Asia/Kolkata"
    page = client.get(url).content.decode()
    assert "Bootloader review" in page and "1 h 30 min" in page and "Mon 15 Jun 10:00" in page
    # when the week has ended and the founder approves it (twice: a double click)
    venture_id = kestrel["venture"].id
    with clock.travel_to(MONDAY + timedelta(days=7)):
        client.force_login(kestrel["founder"])
        sheet = f"/ventures/{venture_id}/work/contracts/{contract.id}/time/"
        assert "Approve and pay" in client.get(sheet).content.decode()
        for _ in range(2):
            client.post(f"{sheet}approve/", {"week": "2026-06-15", "key": "approve-1"})
        page = client.get(sheet).content.decode()
    # then the week is paid once, 60.00 EUR, and the ledger balances
    week = TimesheetWeek.objects.get(contract=contract)
    assert week.paid_minor == 6_000 and "Approved" in page
    assert checks.run(venture_id) == []


def test_time_over_the_cap_is_refused_on_the_page(client, kestrel, priya):
    contract = hourly_hired(kestrel, priya)
    client.force_login(priya)
    url = f"/me/work/contracts/{contract.id}/time/"
    for start in ("2026-06-15T00:30", "2026-06-15T10:00"):
        response = client.post(url, {"started": start, "minutes": "400", "memo": "Porting"})
    assert response.status_code == 400 and "weekly_cap_exceeded" in response.content.decode()
    bad = client.post(url, {"started": "soon", "minutes": "30", "memo": "x"})
    assert bad.status_code == 400 and TimeEntry.objects.count() == 1


def test_a_week_not_ended_is_not_approved(client, kestrel, priya):
    contract = hourly_hired(kestrel, priya)
    client.force_login(priya)
    client.post(f"/me/work/contracts/{contract.id}/time/",
                {"started": "2026-06-15T10:00", "minutes": "60", "memo": "Review"})
    client.force_login(kestrel["founder"])
    sheet = f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/time/"
    answer = client.post(f"{sheet}approve/", {"week": "2026-06-15", "key": "k"}, follow=True)
    assert answer.status_code == 200 and "week_not_ended" in answer.content.decode()
    assert not TimesheetWeek.objects.exists()


def test_nobody_else_sees_the_timesheet(client, kestrel, priya, other_founder, other_venture):
    contract = hourly_hired(kestrel, priya)
    client.force_login(other_founder)
    answers = [
        client.get(f"/me/work/contracts/{contract.id}/time/").status_code,
        client.get(f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/time/")
        .status_code,
        client.post(f"/ventures/{other_venture.id}/work/contracts/{contract.id}/time/approve/",
                    {"week": "2026-06-15"}).status_code,
    ]
    assert answers == [404, 404, 404]


def test_a_fixed_contract_has_no_timesheet_form(client, kestrel, priya):
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    client.force_login(priya)
    page = client.get(f"/me/work/contracts/{contract.id}/time/").content.decode()
    assert "paid by milestones" in page and "Log time" not in page


def test_the_venture_funds_next_week_and_ends_the_contract_on_the_page(client, kestrel, priya):
    # given an hourly contract whose first week is funded, and the founder on its timesheet
    contract = hourly_hired(kestrel, priya)
    venture_id = kestrel["venture"].id
    client.force_login(kestrel["founder"])
    sheet = f"/ventures/{venture_id}/work/contracts/{contract.id}/time/"
    page = client.get(sheet).content.decode()
    # when she funds next week (twice: a double click), with a bad week posted as well
    assert "Fund the week of 22 Jun" in page and "400.00" in page
    for _ in range(2):
        client.post(f"{sheet}fund/", {"week": "2026-06-22", "key": "fund-2"})
    bad = client.post(f"{sheet}fund/", {"week": "someday", "key": "fund-x"}, follow=True)
    funded = client.get(sheet).content.decode()
    # then week 2 has its own escrow, once, and the bad week is a message
    assert contract.milestones.filter(week_start="2026-06-22").count() == 1
    assert "This week and the next are funded." in funded
    assert "invalid_week" in bad.content.decode()
    # when she ends the contract with nothing logged
    client.post(f"{sheet}end/", {"key": "end-1"})
    # then it is completed, both weeks' escrow is back in the wallet, the ledger balances
    contract.refresh_from_db()
    assert contract.state == "completed"
    assert set(contract.milestones.values_list("state", flat=True)) == {"refunded"}
    assert checks.run(venture_id) == []
