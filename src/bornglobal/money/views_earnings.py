"""The payee's side of the money: every payment with its fee and FX disclosure, what
each venture owes them, their payout lines, earnings per month, and where to pay them.

Only the person's own data is read (`selectors.my_*`). An IBAN is never shown back in
full: after saving, the page shows its last four characters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money, parse_money
from bornglobal.money import payouts, selectors
from bornglobal.money.forms import PayoutDetailsForm, show_money_error
from bornglobal.money.models import Disclosure
from bornglobal.money.views_shared import major_units, rate_text, viewer_locale
from bornglobal.tenancy.views import refusals_as_http

CHART_MONTHS = 12
PAGE_LANGUAGE = "en"  # the pages' words (and month names) are English; amounts follow the locale


@dataclass(frozen=True, slots=True)
class Payment:
    disclosure: Disclosure
    venture: str
    contract: str
    milestone: str
    gross: str
    fees: tuple[str, ...]
    net: str
    received: str
    mid_market_rate: str
    applied_rate: str
    converted: bool


def fee_lines(disclosure: Disclosure, locale: str) -> tuple[str, ...]:
    """Each fee as "platform fee (2.5%): €15.00"."""
    lines = []
    for fee in disclosure.fees or []:
        percent = rate_text(Decimal(fee.get("basis_points", 0)) / 100)
        amount = parse_money(fee["amount"]).format(locale)
        lines.append(f"{fee.get('name', 'fee')} ({percent}%): {amount}")
    return tuple(lines)


def payment(disclosure: Disclosure, locale: str) -> Payment:
    milestone = disclosure.transaction.milestone
    escrow = milestone.escrow if milestone is not None else None
    currency = disclosure.currency
    return Payment(
        disclosure=disclosure,
        venture=disclosure.transaction.venture.name,
        contract=f"{escrow.contract_ref} · {escrow.title}" if escrow else "",
        milestone=milestone.title if milestone is not None else "",
        gross=Money(disclosure.gross_minor, currency).format(locale),
        fees=fee_lines(disclosure, locale),
        net=Money(disclosure.net_minor, currency).format(locale),
        received=Money(disclosure.paid_minor, disclosure.paid_currency).format(locale),
        mid_market_rate=rate_text(disclosure.mid_market_rate),
        applied_rate=rate_text(disclosure.applied_rate),
        converted=disclosure.paid_currency != currency,
    )


def _month_keys(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    keys, (year, month) = [], first
    while (year, month) <= last:
        keys.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys[-CHART_MONTHS:]


def earnings_chart(disclosures: list[Disclosure], person, locale: str) -> dict | None:
    """Received per month (in the person's zone), in their currency, as exact major units."""
    currencies = [d.paid_currency for d in disclosures]
    if not currencies:
        return None
    currency = person.currency if person.currency in currencies else currencies[0]
    zone = ZoneInfo(person.time_zone)
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for disclosure in disclosures:
        if disclosure.paid_currency == currency:
            local = disclosure.created_at.astimezone(zone)
            totals[(local.year, local.month)] += disclosure.paid_minor
    months = _month_keys(min(totals), max(totals))
    amounts = [Money(totals.get(key, 0), currency) for key in months]
    return {
        "currency": currency,
        "labels": [format_date(date(year, month, 1), "MMM y", locale=PAGE_LANGUAGE)
                   for year, month in months],
        "amounts": [major_units(amount) for amount in amounts],
        "texts": [amount.format(locale) for amount in amounts],
    }


def masked_iban(iban: str) -> str:
    return f"•••• {iban[-4:]}" if iban else ""


def earnings_context(actor, locale: str, details, form) -> dict:
    disclosures = list(selectors.my_disclosures(actor).select_related("payee"))
    payables = [
        {"venture": account.venture.name,
         "owed": Money(account.normal_balance_minor, account.currency).format(locale),
         "is_owed": account.normal_balance_minor > 0}
        for account in selectors.my_payables(actor)
    ]
    context = {
        "person": actor.user,
        "payments": [payment(disclosure, locale) for disclosure in disclosures],
        "chart": earnings_chart(disclosures, actor.user, locale),
        "payables": payables,
        "owed_now": any(payable["is_owed"] for payable in payables),
        "lines": [
            {"line": line, "venture": line.batch.venture.name,
             "amount": Money(line.amount_minor, line.currency).format(locale)}
            for line in selectors.my_payout_lines(actor).order_by("-batch__created_at", "-id")
        ],
        "details": details,
        "masked_iban": masked_iban(details.iban) if details is not None else "",
        "form": form,
    }
    return context


@never_cache
@login_required
@refusals_as_http
def earnings(request):
    actor, person = request.actor, request.user
    locale = viewer_locale(person)
    details = selectors.my_payout_details(actor)
    has_iban = details is not None and bool(details.iban)
    initial = {"account_holder": details.account_holder if details else person.full_name,
               "bic": details.bic if details else ""}
    form = PayoutDetailsForm(request.POST or None, initial=initial, has_iban=has_iban)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        iban = data["iban"] or (details.iban if has_iban else "")
        try:
            saved = payouts.save_payout_details(actor, data["account_holder"], iban, data["bic"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_money_error(form, error)
        else:
            ending = f" The IBAN ends in {saved.iban[-4:]}." if saved.iban else ""
            messages.success(request, f"Your payout details are saved.{ending}")
            return redirect("money_earnings")
    context = earnings_context(actor, locale, details, form)
    return render(request, "money/earnings.html", context)
