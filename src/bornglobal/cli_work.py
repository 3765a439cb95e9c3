"""`bornglobal work …`: the project economy from the operator's command line.

`work auto-release` runs the catch-up sweep once, as the worker does, and prints each
milestone it released. `work fund-week|approve-week|end-contract` run an hourly
contract's weeks (`bornglobal.cli_weeks`). `work projects --venture ID` and
`work contracts --venture ID` list a venture's projects and contracts (`--json` for a
machine).
"""

from __future__ import annotations

import argparse
import json

from bornglobal import cli_weeks
from bornglobal.domain.errors import NotFound


def _with_django(func):
    def run(args: argparse.Namespace) -> int:
        from bornglobal.cli import _setup_django

        _setup_django()
        return func(args)

    return run


def _venture(venture_id: int):
    from bornglobal.tenancy.models import Venture

    venture = Venture.objects.filter(id=venture_id).first()
    if venture is None:
        raise NotFound(f"no venture has id {venture_id}", code="venture_not_found")
    return venture


def _money(minor: int, currency: str) -> str:
    from bornglobal.domain.money import Money

    return str(Money(minor, currency))


@_with_django
def cmd_auto_release(args: argparse.Namespace) -> int:
    from django.db.models import Q

    from bornglobal import clock
    from bornglobal.domain.contracts import MilestoneState
    from bornglobal.work import milestones
    from bornglobal.work.models import ContractMilestone

    now = clock.now()
    due = ContractMilestone.objects.filter(
        Q(state=MilestoneState.SUBMITTED) & Q(auto_release_at__lte=now)
    ).order_by("auto_release_at", "id")
    released = 0
    for item in due.select_related("contract", "milestone")[: args.limit]:
        disclosure = milestones.auto_release(item.id, now, skip_locked=True)
        if disclosure is None:
            continue
        released += 1
        paid = _money(disclosure.paid_minor, disclosure.paid_currency)
        gross = _money(disclosure.gross_minor, disclosure.currency)
        print(
            f"{item.contract.ref} milestone {item.position} ({item.milestone.title}): "
            f"{gross} released, {paid} paid"
        )
    print(f"{released} milestone(s) released.")
    return 0


def _project_row(project) -> dict:
    return {
        "id": project.id,
        "title": project.title,
        "status": project.status,
        "budget": _money(project.budget_minor, project.budget_currency),
        "roles": project.roles.count(),
        "contracts": project.contracts.count(),
        "open_offers": project.offers.filter(state="sent").count(),
    }


@_with_django
def cmd_projects(args: argparse.Namespace) -> int:
    from bornglobal.work.models import Project

    venture = _venture(args.venture)
    rows = [_project_row(p) for p in Project.objects.filter(venture=venture).order_by("id")]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        print(
            f"{row['id']:>6}  {row['status']:<9} {row['budget']:>18}  {row['title']} "
            f"({row['roles']} roles, {row['contracts']} contracts, "
            f"{row['open_offers']} open offers)"
        )
    print(f"{len(rows)} project(s) of {venture.name}.")
    return 0


def _contract_row(contract) -> dict:
    items = list(contract.milestones.select_related("milestone").order_by("position"))
    total = sum(item.milestone.amount_minor for item in items)
    return {
        "id": contract.id,
        "ref": contract.ref,
        "title": contract.title,
        "state": contract.state,
        "type": contract.contract_type,
        "project": contract.project_id,
        "freelancer": contract.freelancer.email,
        "value": _money(total, contract.currency),
        "milestones": [
            {"position": i.position, "title": i.milestone.title, "state": i.state} for i in items
        ],
    }


@_with_django
def cmd_contracts(args: argparse.Namespace) -> int:
    from bornglobal.work.models import Contract

    venture = _venture(args.venture)
    found = Contract.objects.filter(venture=venture).select_related("freelancer").order_by("id")
    rows = [_contract_row(c) for c in found]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        states = ", ".join(m["state"] for m in row["milestones"])
        print(
            f"{row['ref']:<10} {row['state']:<9} {row['value']:>18}  {row['title']} "
            f"- {row['freelancer']} [{states}]"
        )
    print(f"{len(rows)} contract(s) of {venture.name}.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `work` command group to the main parser."""
    work = sub.add_parser(
        "work",
        help="projects, contracts and the auto-release sweep",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = work.add_subparsers(dest="work_command", required=True, metavar="ACTION")
    sweep = actions.add_parser(
        "auto-release",
        help="release every submitted milestone whose period passed",
        description="Run the auto-release catch-up sweep once and print what was released.",
    )
    sweep.add_argument("--limit", type=int, default=500, help="at most this many (500)")
    sweep.set_defaults(func=cmd_auto_release)
    cli_weeks.add_to(actions)
    for name, func, what in (
        ("projects", cmd_projects, "projects"),
        ("contracts", cmd_contracts, "contracts"),
    ):
        listing = actions.add_parser(
            name, help=f"list a venture's {what}", description=f"List a venture's {what}."
        )
        listing.add_argument("--venture", type=int, required=True, metavar="ID")
        listing.add_argument("--json", action="store_true", help="print JSON")
        listing.set_defaults(func=func)
