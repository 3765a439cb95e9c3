"""`bornglobal tax …`: VAT/GST decisions, rate history and late-payment interest.

`quote` prints which treatment applies to a sale, at which rate, with the wording for
the invoice and the rule behind it. `rates` lists a country's rates with the dates
they took effect and their sources. `late-interest` computes the statutory interest
on an overdue business invoice (Directive 2011/7/EU). None of them needs a database.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date

from bornglobal.domain.errors import DomainError


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{text!r} is not a date (YYYY-MM-DD).", code="invalid_date") from None


def cmd_quote(args: argparse.Namespace) -> int:
    from bornglobal.domain.tax import RateKind, Supply, TaxFacts, decide

    facts = TaxFacts(
        seller_country=args.seller_country,
        seller_vat_id=args.seller_vat_id,
        buyer_country=args.buyer_country,
        buyer_is_business=args.business,
        buyer_vat_id=args.buyer_vat_id,
        supply=Supply(args.supply),
        supply_date=_day(args.date),
        ship_from=args.ship_from,
        ship_to=args.ship_to,
        over_eu_threshold=args.over_threshold,
        rate_kind=RateKind(args.rate_kind),
    )
    decision = decide(facts)
    if args.json:
        fields = {k: str(v) if v is not None else None for k, v in asdict(decision).items()}
        print(json.dumps(fields, indent=2, ensure_ascii=False))
        return 0
    where = f"{decision.rate_country} " if decision.rate_country else ""
    print(f"Treatment:   {decision.treatment.value}")
    print(f"Rate:        {where}{decision.tax_name} {decision.rate}%")
    print(f"Invoice:     {decision.legal_text or '(no special wording)'}")
    print(f"Why:         {decision.why}")
    print(f"Buyer VAT:   {decision.buyer_vat_id_status}")
    print(f"Rate source: {decision.rate_source}")
    return 0


def cmd_rates(args: argparse.Namespace) -> int:
    from bornglobal.domain import tax_ids, tax_rates

    country = tax_ids.country(args.country)
    rows = [rate for rate in tax_rates.all_rates() if rate.country == country]
    if not rows:
        raise DomainError(f"There are no rates for {country}.", code="not_in_scope")
    for rate in rows:
        until = rate.valid_to.isoformat() if rate.valid_to else "in force"
        print(f"{rate.kind.value:<14} {rate.rate:>5}%  {rate.valid_from} .. {until}")
        print(f"{'':<14} {rate.source}" + (f"; {rate.note}" if rate.note else ""))
    return 0


def cmd_late_interest(args: argparse.Namespace) -> int:
    from bornglobal.domain.late_payment import late_interest
    from bornglobal.domain.money import parse_money

    result = late_interest(parse_money(args.amount), _day(args.due), _day(args.on))
    print(result.describe())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    tax = sub.add_parser("tax", help="VAT/GST decisions and rates", description=__doc__)
    actions = tax.add_subparsers(dest="tax_command", required=True, metavar="ACTION")
    _register_quote(actions)

    rates = actions.add_parser(
        "rates",
        help="a country's VAT/GST rates over time",
        description="List every rate the data file holds for a country, with the day it "
        "took effect, the day it ended and its source.",
    )
    rates.add_argument("country", help="ISO country code, e.g. FI")
    rates.set_defaults(func=cmd_rates)

    interest = actions.add_parser(
        "late-interest",
        help="statutory interest on an overdue B2B invoice",
        description="ECB main refinancing rate on 1 January/1 July plus 8 points, simple "
        "interest per day (actual/365) on the gross amount, plus EUR 40 compensation.",
    )
    interest.add_argument("amount", help='gross amount with currency, e.g. "1190.00 EUR"')
    interest.add_argument("--due", required=True, help="due date, YYYY-MM-DD")
    interest.add_argument("--on", required=True, help="payment (or today's) date, YYYY-MM-DD")
    interest.set_defaults(func=cmd_late_interest)


def _register_quote(actions: argparse._SubParsersAction) -> None:
    quote = actions.add_parser(
        "quote",
        help="which VAT/GST applies to a sale, and why",
        description="Decide the treatment (domestic, reverse charge, OSS, intra-community "
        "exempt, export, outside scope), the rate in force on the date, the invoice wording "
        "and the rule behind it. VAT numbers are checked for format only.",
    )
    quote.add_argument("--seller-country", required=True, help="ISO code, e.g. DE")
    quote.add_argument("--seller-vat-id", help="the seller's VAT/GST number (omit if unregistered)")
    quote.add_argument("--buyer-country", required=True, help="ISO code, e.g. FR")
    quote.add_argument("--buyer-vat-id", help="the buyer's VAT/GST number")
    quote.add_argument("--business", action="store_true", help="the buyer is a business")
    quote.add_argument(
        "--supply", required=True, choices=["services", "e-services", "goods"], help="what is sold"
    )
    quote.add_argument("--ship-from", help="goods: country the goods leave (default: seller's)")
    quote.add_argument("--ship-to", help="goods: country the goods go to (default: buyer's)")
    quote.add_argument(
        "--over-threshold",
        action="store_true",
        help="the seller's EU-wide cross-border B2C sales pass EUR 10,000 a year",
    )
    quote.add_argument(
        "--rate-kind",
        default="standard",
        choices=["standard", "reduced", "reduced_low", "super_reduced"],
        help="which of the country's rates the goods or services take (default standard)",
    )
    quote.add_argument("--date", required=True, help="date of supply, YYYY-MM-DD")
    quote.add_argument("--json", action="store_true", help="machine-readable output")
    quote.set_defaults(func=cmd_quote)
