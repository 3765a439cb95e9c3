"""`bornglobal work fund-week|approve-week|end-contract`: an hourly contract's weeks."""
# ruff: noqa: F811  (the work fixtures are imported below and used by name)

from datetime import UTC, datetime

from bornglobal import clock
from bornglobal.cli import main
from bornglobal.domain.contracts import ContractState
from bornglobal.money import checks
from bornglobal.tenancy.actors import Actor
from bornglobal.work import timesheets
from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
from tests.work.factories import hourly_hired


def _run(kestrel, contract, command, *extra):
    return main(
        ["work", command, "--as", kestrel["founder"].email, "--venture",
         str(kestrel["venture"].id), "--contract", str(contract.id), *extra]
    )


def test_an_operator_funds_approves_and_ends_an_hourly_contract(kestrel, priya, capsys):
    # given an hourly contract with 2 hours logged in its first week
    contract = hourly_hired(kestrel, priya)
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 120, "Port")  # noqa: DTZ001
    # when the operator funds next week, approves the first after it ends, and ends it
    funded = _run(kestrel, contract, "fund-week", "--week", "2026-06-24", "--key", "f2")
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        approved = _run(kestrel, contract, "approve-week", "--week", "2026-06-15", "--key", "a1")
        ended = _run(kestrel, contract, "end-contract", "--key", "end")
    # then each step said what it did and the ledger is whole
    out = capsys.readouterr().out
    contract.refresh_from_db()
    assert (funded, approved, ended) == (0, 0, 0)
    assert "Week of 22 Jun 2026: 400.00 EUR in escrow (funded)." in out
    assert "Week of 2026-06-15: 2 h 00 min approved, 80.00 EUR paid." in out
    assert contract.state == ContractState.COMPLETED and checks.run() == []


def test_a_week_that_is_not_a_date_or_not_ended_is_one_line_and_a_non_zero_exit(
    kestrel, priya, capsys
):
    # given an hourly contract
    contract = hourly_hired(kestrel, priya)
    # when the operator names a week that is not a date, then approves one not yet ended
    bad = _run(kestrel, contract, "fund-week", "--week", "next monday", "--key", "k")
    early = _run(kestrel, contract, "approve-week", "--week", "2026-06-15", "--key", "k")
    # then both exit non-zero with a message and no traceback
    err = capsys.readouterr().err
    assert bad != 0 and early != 0
    assert "not a date" in err and "not ended" in err and "Traceback" not in err
