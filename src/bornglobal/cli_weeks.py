"""`bornglobal work fund-week|approve-week|end-contract`: an hourly contract's weeks
from the operator's command line, acting `--as` a money manager of the venture.

A week is named by any day in it (its Monday is used). A retry with the same `--key`
answers the first result instead of moving money twice.
"""

from __future__ import annotations

import argparse
from datetime import date

from bornglobal.cli_money import _actor, _with_django
from bornglobal.domain.errors import DomainError


def _week(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{text!r} is not a date (YYYY-MM-DD).", code="invalid_week") from None
    return date.fromordinal(day.toordinal() - day.weekday())


def _money(minor: int, currency: str) -> str:
    from bornglobal.domain.money import Money

    return str(Money(minor, currency))


@_with_django
def cmd_fund_week(args: argparse.Namespace) -> int:
    from bornglobal.work import timesheet_weeks

    week = _week(args.week)
    item = timesheet_weeks.fund_week(_actor(args), args.venture, args.contract, week, args.key)
    held = _money(item.milestone.funded_minor, item.contract.currency)
    print(f"{item.milestone.title}: {held} in escrow ({item.state}).")
    return 0


@_with_django
def cmd_approve_week(args: argparse.Namespace) -> int:
    from bornglobal.work import timesheets

    actor, week = _actor(args), _week(args.week)
    approved = timesheets.approve_week(actor, args.venture, args.contract, week, args.key)
    summary = timesheets.week_of(actor, args.venture, args.contract, week)
    paid = _money(approved.paid_minor, summary.pay.currency)
    hours, minutes = divmod(approved.minutes, 60)
    print(f"Week of {week.isoformat()}: {hours} h {minutes:02d} min approved, {paid} paid.")
    return 0


@_with_django
def cmd_end_contract(args: argparse.Namespace) -> int:
    from bornglobal.work import timesheet_weeks

    contract = timesheet_weeks.end_hourly(_actor(args), args.venture, args.contract, args.key)
    print(f"{contract.ref} {contract.title}: {contract.state}.")
    return 0


def _parser(actions, name: str, help_: str, func, *, week: bool) -> None:
    parser = actions.add_parser(name, help=help_, description=f"{help_[0].upper()}{help_[1:]}.")
    parser.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                        help="act as this user, with their permissions")
    parser.add_argument("--venture", type=int, required=True, metavar="ID")
    parser.add_argument("--contract", type=int, required=True, metavar="ID")
    if week:
        parser.add_argument("--week", required=True, metavar="YYYY-MM-DD",
                            help="any day of the week (its Monday is used)")
    parser.add_argument("--key", required=True, help="idempotency key: a retry pays once")
    parser.set_defaults(func=func)


def add_to(actions: argparse._SubParsersAction) -> None:
    """Add the hourly-week actions to the `work` command group."""
    _parser(actions, "fund-week", "fund a week of an hourly contract", cmd_fund_week, week=True)
    _parser(actions, "approve-week", "approve and pay an ended week", cmd_approve_week,
            week=True)
    _parser(actions, "end-contract", "end an hourly contract, refunding unused weeks",
            cmd_end_contract, week=False)
