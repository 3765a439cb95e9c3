"""`bornglobal money …`: every money movement and report from the command line.

The operator runs these on the server on behalf of a named user: each command takes
`--as EMAIL` and acts with that user's permissions, exactly as the web app and the
API do (a member who may not move money is refused). Amounts are decimal strings in
the escrow's or the given currency ("1200.00"); a retry with the same `--key` returns
the first result instead of moving money twice.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bornglobal.domain.errors import DomainError, NotFound

LOCALE = "en"


def _with_django(func):
    """Run a command after Django is set up (the commands import models)."""

    def run(args: argparse.Namespace) -> int:
        from bornglobal.cli import _setup_django

        _setup_django()
        return func(args)

    return run


def _actor(args: argparse.Namespace):
    """The user named by `--as`, with the permissions of a web session."""
    from bornglobal.tenancy.actors import Actor
    from bornglobal.tenancy.models import User

    email = (args.as_email or "").strip().lower()
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        raise NotFound(f"no active account has this email ({email})", code="user_not_found")
    return Actor(user=user)


def _m(amount: str | int, currency: str):
    """Money from a decimal string ("12.34", checked) or from minor units (an int)."""
    from bornglobal.domain.money import Money

    if isinstance(amount, int):
        return Money(amount, currency)
    return Money.of(amount, currency.strip().upper())


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{text!r} is not a date (YYYY-MM-DD).", code="invalid_date") from None


def _fmt(money) -> str:
    return money.format(LOCALE)


def _jsonable(value):
    if hasattr(value, "minor") and hasattr(value, "currency"):  # Money, as the API writes it
        return {"minor": value.minor, "currency": value.currency,
                "amount": str(value.to_decimal())}
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _dump(value) -> int:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=_jsonable))
    return 0


def _amount_of(actor, args, text: str | None):
    """`text` as Money in the currency of the milestone's escrow (None stays None)."""
    from bornglobal.money import selectors

    if text is None:
        return None
    return _m(text, selectors.milestone_for(actor, args.venture, args.milestone).escrow.currency)


def _disclosure(d) -> dict:
    """What the payee was told about one payment (the release output and `earnings`)."""
    milestone = d.transaction.milestone
    return {
        "date": d.created_at.date(), "transaction_id": d.transaction_id,
        "venture": d.transaction.venture.name,
        "contract_ref": milestone.escrow.contract_ref if milestone else None,
        "milestone": milestone.title if milestone else None,
        "gross": _m(d.gross_minor, d.currency), "fee": _m(d.fee_minor, d.currency),
        "net": _m(d.net_minor, d.currency), "paid": _m(d.paid_minor, d.paid_currency),
        "rate": f"{d.applied_rate.normalize():f}", "rate_source": d.rate_source,
        "rate_date": d.rate_date, "rate_age_days": d.rate_age_days, "rate_note": d.rate_note,
    }


def _print_disclosure(d, heading: str) -> None:
    r = _disclosure(d)
    print(f"{heading} (transaction {d.transaction_id}):")
    for label in ("gross", "fee", "net", "paid"):
        print(f"  {label:<6}{_fmt(r[label])}")
    print(f"  {'rate':<6}{r['rate']} {d.paid_currency} per {d.currency} "
          f"({r['rate_source']}, {r['rate_date']}, {r['rate_age_days']} days old)")
    print(f"  {'note':<6}{r['rate_note']}")


def cmd_positions(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors

    positions = selectors.positions(_actor(args), args.venture)
    names = ("wallet", "escrow", "payable", "fees")
    if args.json:
        return _dump([{"currency": p.currency, **{n: getattr(p, n) for n in names}}
                      for p in positions])
    if not positions:
        print("No money has moved in this venture yet.")
    print(f"{'currency':<9}{'wallet':>18}{'escrow':>18}{'owed':>18}{'fees':>18}")
    for p in positions:
        print(f"{p.currency:<9}" + "".join(f"{_fmt(getattr(p, n)):>18}" for n in names))
    return 0


def cmd_accounts(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors

    rows = [
        {"id": a.id, "purpose": a.purpose, "currency": a.currency, "label": str(a),
         "escrow_id": a.escrow_id, "person": a.person.email if a.person else None,
         "balance": _m(a.normal_balance_minor, a.currency)}
        for a in selectors.accounts_of(_actor(args), args.venture)
    ]
    if args.json:
        return _dump(rows)
    for r in rows:
        whose = r["person"] or (f"escrow {r['escrow_id']}" if r["escrow_id"] else "")
        print(f"{r['id']:>6}  {r['purpose']:<14}{r['currency']:<5}"
              f"{_fmt(r['balance']):>18}  {whose}")
    return 0


def cmd_deposit(args: argparse.Namespace) -> int:
    from bornglobal.money import services

    actor = _actor(args)
    amount = _m(args.amount, args.currency)
    txn = services.deposit(actor, args.venture, amount, args.key, memo=args.memo)
    print(f"Deposited {_fmt(amount)} into the wallet (transaction {txn.id}).")
    return 0


def _plan(text: str, currency: str):
    from bornglobal.money.services import MilestonePlan

    title, sep, amount = text.rpartition("=")
    if not sep or not title.strip():
        raise DomainError(f"{text!r} is not a milestone (write it like \"Design=1200.00\").",
                          code="invalid_milestone")
    return MilestonePlan(title=title.strip(), amount=_m(amount, currency))


def cmd_escrow_open(args: argparse.Namespace) -> int:
    from bornglobal.domain.roles import Action
    from bornglobal.money import services
    from bornglobal.tenancy import selectors

    actor = _actor(args)
    venture = selectors.venture_for(actor, args.venture, Action.MANAGE_MONEY)
    plans = [_plan(text, venture.base_currency) for text in args.milestone]
    escrow = services.open_escrow(actor, venture.id, args.payee, args.contract,
                                  args.title or args.contract, plans, args.payee_currency)
    print(f"Escrow {escrow.id} opened for {escrow.contract_ref} "
          f"({escrow.currency}, payee paid in {escrow.payee_currency}).")
    for milestone in escrow.milestones.order_by("id"):
        print(f"  milestone {milestone.id}: {milestone.title} "
              f"{_fmt(_m(milestone.amount_minor, escrow.currency))}")
    return 0


def cmd_escrow_list(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors

    fields = ("amount", "funded", "released", "refunded", "held")
    out = [
        {"id": e.id, "contract_ref": e.contract_ref, "title": e.title, "state": e.state,
         "payee": e.payee.email, "currency": e.currency, "payee_currency": e.payee_currency,
         "milestones": [{"id": m.id, "title": m.title, "state": m.state,
                         **{f: _m(getattr(m, f"{f}_minor"), e.currency) for f in fields}}
                        for m in e.milestones.all()]}
        for e in selectors.escrows_of(_actor(args), args.venture).order_by("id")
    ]
    if args.json:
        return _dump(out)
    if not out:
        print("This venture has no escrows.")
    for e in out:
        print(f"Escrow {e['id']}  {e['contract_ref']}  {e['title']}  [{e['state']}]  "
              f"payee {e['payee']} ({e['currency']} -> {e['payee_currency']})")
        for m in e["milestones"]:
            amounts = "  ".join(f"{f} {_fmt(m[f])}" for f in fields)
            print(f"  milestone {m['id']}  {m['title']}  [{m['state']}]  {amounts}")
    return 0


def cmd_fund(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors, services

    actor = _actor(args)
    milestone = selectors.milestone_for(actor, args.venture, args.milestone)
    full = _m(milestone.amount_minor, milestone.escrow.currency)
    if args.amount is not None and _m(args.amount, full.currency) != full:
        raise DomainError(f"A milestone is funded in full ({_fmt(full)}); "
                          "partial funding is not supported.", code="amount_mismatch")
    txn = services.fund_milestone(actor, args.venture, args.milestone, args.key)
    print(f"Funded milestone {args.milestone} with {_fmt(full)} (transaction {txn.id}).")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from bornglobal.money import services

    actor, on = _actor(args), _day(args.on)
    amount = _amount_of(actor, args, args.amount)
    disclosure = services.release(actor, args.venture, args.milestone, args.key, amount, on)
    _print_disclosure(disclosure, f"Released milestone {args.milestone}")
    return 0


def cmd_refund(args: argparse.Namespace) -> int:
    from bornglobal.money import services

    actor = _actor(args)
    amount = _amount_of(actor, args, args.amount)
    txn = services.refund(actor, args.venture, args.milestone, args.key, amount)
    back = next(p for p in txn.postings.all() if p.amount_minor > 0)  # out of escrow
    print(f"Refunded {_fmt(_m(back.amount_minor, back.currency))} of milestone "
          f"{args.milestone} to the wallet (transaction {txn.id}).")
    return 0


def cmd_dispute(args: argparse.Namespace) -> int:
    from bornglobal.money import services

    milestone = services.open_dispute(_actor(args), args.venture, args.milestone, args.reason)
    print(f"Milestone {milestone.id} is disputed: its escrow is frozen until it is resolved.")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from bornglobal.money import services

    actor, on = _actor(args), _day(args.on)
    share = _amount_of(actor, args, args.payee_share)
    result = services.resolve_dispute(actor, args.venture, args.milestone, args.key, share, on)
    print(f"Dispute on milestone {args.milestone} resolved.")
    if result.paid is not None:
        _print_disclosure(result.paid, "Paid to the payee")
    if result.refunded is not None:
        print(f"Refunded the rest to the wallet (transaction {result.refunded.id}).")
    return 0


def cmd_payout(args: argparse.Namespace) -> int:
    from bornglobal.money import payouts

    batch = payouts.create_batch(_actor(args), args.venture, args.key)
    lines = list(batch.lines.select_related("payee").order_by("id"))
    print(f"Payout batch {batch.id} ({len(lines)} line(s)):")
    for line in lines:
        print(f"  line {line.id}  {line.payee.email}  "
              f"{_fmt(_m(line.amount_minor, line.currency))}  {line.rail}  [{line.state}]")
    return 0


def cmd_payout_file(args: argparse.Namespace) -> int:
    from bornglobal.money import payouts, selectors

    actor, on = _actor(args), _day(args.on)
    batch = selectors.batch_for(actor, args.venture, args.batch)
    if args.format == "sepa":
        content = payouts.sepa_file(batch, on)
    else:
        content = payouts.csv_file(batch).encode("utf-8")
    if args.out:
        Path(args.out).write_bytes(content)
        print(f"Wrote the {args.format} file of batch {batch.id} to {args.out}.")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    return 0


def cmd_payout_failed(args: argparse.Namespace) -> int:
    from bornglobal.money import payouts

    line = payouts.mark_line_failed(_actor(args), args.venture, args.line, args.key)
    print(f"Payout line {line.id} ({_fmt(_m(line.amount_minor, line.currency))} to "
          f"{line.payee.email}) is {line.state}; it is owed to them again.")
    return 0


def cmd_statement(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors

    account, lines = selectors.statement(_actor(args), args.venture, args.account)
    balance = _m(account.normal_balance_minor, account.currency)
    rows = [
        {"transaction_id": t.id, "occurred_at": t.occurred_at, "kind": t.kind, "memo": t.memo,
         "amount": s.amount, "balance": s.balance}
        for s in lines
        for t in [s.posting.transaction]
    ]
    if args.json:
        return _dump({"account": {"id": account.id, "label": str(account),
                                  "purpose": account.purpose, "currency": account.currency,
                                  "balance": balance}, "lines": rows})
    print(f"Statement of {account} (balance {_fmt(balance)})")
    for r in rows:
        print(f"{r['occurred_at']:%Y-%m-%d}  txn {r['transaction_id']:<6}{r['kind']:<16}"
              f"{_fmt(r['amount']):>16}{_fmt(r['balance']):>18}  {r['memo']}")
    return 0


def cmd_earnings(args: argparse.Namespace) -> int:
    from bornglobal.money import selectors

    rows = [_disclosure(d) for d in selectors.my_disclosures(_actor(args))]
    if args.json:
        return _dump(rows)
    if not rows:
        print("No payments yet.")
    for r in rows:
        print(f"{r['date']}  {r['venture']}  {r['contract_ref'] or '-'}  gross {_fmt(r['gross'])}"
              f"  fee {_fmt(r['fee'])}  rate {r['rate']}  paid {_fmt(r['paid'])}")
    return 0


# -- parser --------------------------------------------------------------------------

COMMON = {  # reusable options, named in each command's row below
    "key": (("--key",), {"required": True, "metavar": "K",
                         "help": "idempotency key: a retry with the same key repeats nothing"}),
    "milestone": (("--milestone",), {"type": int, "required": True, "metavar": "MID",
                                     "help": "the milestone's id (see `money escrow list`)"}),
    "amount": (("--amount",), {"default": None, "help": "part of it (default: all it holds)"}),
    "on": (("--on",), {"default": None, "metavar": "YYYY-MM-DD",
                       "help": "the date whose exchange rate applies (default: today)"}),
}


def _command(sub, name, func, help_, description, *options, venture=True, json_flag=False):
    parser = sub.add_parser(name, help=help_, description=description)
    parser.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                        help="act as this user, with their permissions")
    if venture:
        parser.add_argument("--venture", type=int, required=True, metavar="ID",
                            help="the venture's id")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="machine-readable output")
    for option in options:
        flags, kwargs = COMMON[option] if isinstance(option, str) else option
        parser.add_argument(*flags, **kwargs)
    parser.set_defaults(func=_with_django(func))
    return parser


def _opt(*flags: str, **kwargs) -> tuple:
    return flags, kwargs


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `money` command group to the main parser."""
    money = sub.add_parser("money", help="move and inspect money", description=__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = money.add_subparsers(dest="money_command", required=True, metavar="ACTION")
    _command(actions, "positions", cmd_positions, "balances per currency",
             "Per currency: the wallet, money held in escrow, owed to payees, and fees.",
             json_flag=True)
    _command(actions, "accounts", cmd_accounts, "the venture's ledger accounts",
             "List the venture's accounts with their ids and balances (for `statement`).",
             json_flag=True)
    _command(actions, "deposit", cmd_deposit, "record money that arrived from the bank",
             "Record a bank deposit into the venture's wallet in the given currency.",
             _opt("--amount", required=True, help="decimal amount, e.g. 5000.00"),
             _opt("--currency", required=True, help="ISO 4217 code, e.g. EUR"),
             _opt("--memo", default="", help="a note for the statement"), "key")
    escrow = actions.add_parser("escrow", help="open and list escrows",
                                description="Escrows hold a contract's money until release.")
    escrows = escrow.add_subparsers(dest="escrow_command", required=True, metavar="ACTION")
    _command(escrows, "open", cmd_escrow_open, "open an escrow with milestones",
             "Open an escrow for one contract, in the venture's currency, and print the "
             "escrow and milestone ids.",
             _opt("--payee", required=True, metavar="EMAIL", help="who is paid (an account)"),
             _opt("--contract", required=True, metavar="REF", help="contract reference"),
             _opt("--title", default="", help="escrow title (default: the reference)"),
             _opt("--milestone", action="append", required=True, metavar="TITLE=AMOUNT",
                  help='a milestone, e.g. "Design=1200.00"; repeat for each'),
             _opt("--payee-currency", default=None,
                  help="currency the payee is paid in (default: the payee's own)"))
    _command(escrows, "list", cmd_escrow_list, "escrows and their milestones",
             "List escrows with each milestone's id, title, state and amount, funded, "
             "released, refunded and held.", json_flag=True)
    _command(actions, "fund", cmd_fund, "move a milestone's amount into escrow",
             "Move a milestone's full amount from the wallet into escrow.", "milestone", "key",
             _opt("--amount", default=None,
                  help="optional check: refused unless it is the milestone's full amount"))
    _command(actions, "release", cmd_release, "pay a funded milestone to the payee",
             "Pay (part of) a funded milestone to the payee in their currency, and print the "
             "disclosure: gross, fee, net, the amount paid, and the rate used.",
             "milestone", "key", "amount", "on")
    _command(actions, "refund", cmd_refund, "return escrow to the wallet",
             "Return (part of) a funded milestone's escrow to the venture's wallet.",
             "milestone", "key", "amount")
    _command(actions, "dispute", cmd_dispute, "freeze a milestone's escrow",
             "Open a dispute: nothing moves until it is resolved. The payee may do this too.",
             "milestone", _opt("--reason", required=True, help="why, in a sentence"))
    _command(actions, "resolve", cmd_resolve, "split a disputed milestone",
             "Resolve a dispute: pay the payee's share, refund the rest to the wallet.",
             "milestone", "key", "on",
             _opt("--payee-share", required=True, metavar="X", help="amount for the payee"))
    _command(actions, "payout", cmd_payout, "pay everyone owed, as one batch",
             "Create a payout batch for every payee who is owed money and print its lines.",
             "key")
    _command(actions, "payout-file", cmd_payout_file, "a batch's SEPA XML or CSV",
             "Write a batch's SEPA credit-transfer file (pain.001.001.03) or the CSV of "
             "other payments to FILE or standard output.",
             _opt("--batch", type=int, required=True, metavar="BID", help="the batch's id"),
             _opt("--format", choices=["sepa", "csv"], required=True, help="file format"),
             _opt("--out", default=None, metavar="FILE", help="write here (default: stdout)"),
             _opt("--on", default=None, metavar="YYYY-MM-DD",
                  help="SEPA execution date (default: today)"))
    _command(actions, "payout-failed", cmd_payout_failed, "mark a returned payment failed",
             "The bank returned a payment: reverse it, so it is owed to the payee again.",
             _opt("--line", type=int, required=True, metavar="LID", help="payout line id"), "key")
    _command(actions, "statement", cmd_statement, "an account's postings",
             "An account's postings, oldest first, with the running balance.",
             _opt("--account", type=int, required=True, metavar="AID",
                  help="the account's id (see `money accounts`)"), json_flag=True)
    _command(actions, "earnings", cmd_earnings, "what you were paid, with fees and rates",
             "The user's payments: date, venture, contract, gross, fee, rate and amount paid.",
             venture=False, json_flag=True)
