"""An issued document as it is printed: every field Article 226 of Directive
2006/112/EC asks for, amounts formatted in the reader's locale, the legal
wording of each treatment, and the Art. 230 national-currency VAT.

The HTML page and the PDF render the same `Printed` value, so what the PDF says
is what the page says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from babel import UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_currency_symbol

from bornglobal.domain import places
from bornglobal.domain.money import Money
from bornglobal.invoicing.models import Invoice, Treatment

TITLES = {
    ("invoice", "issued"): "Invoice",
    ("invoice", "self_billed"): "Invoice (self-billing)",
    ("credit_note", "issued"): "Credit note",
    ("credit_note", "self_billed"): "Credit note (self-billing)",
}


@dataclass(frozen=True, slots=True)
class PrintedParty:
    role: str
    name: str
    address_lines: list[str]
    country: str
    vat_id: str


@dataclass(frozen=True, slots=True)
class PrintedLine:
    position: int
    description: str
    quantity: str
    unit_price: str
    net: str
    rate: str
    treatment: str


@dataclass(frozen=True, slots=True)
class PrintedGroup:
    label: str
    taxable: str
    rate: str
    tax: str
    national_tax: str


@dataclass(frozen=True)
class Printed:
    invoice: Invoice
    title: str
    reference: str
    seller: PrintedParty
    buyer: PrintedParty
    lines: list[PrintedLine]
    groups: list[PrintedGroup]
    net: str
    tax: str
    total: str
    legal_texts: list[str]
    national: str = ""
    national_rate: str = ""
    notes: list[str] = field(default_factory=list)


@cache
def home_symbol(currency: str) -> str:
    """The sign a currency has at home (NGN -> ₦, UAH -> ₴), where English shows a code."""
    territories = get_global("territory_currencies")
    languages = get_global("territory_languages")
    for territory, held in sorted(territories.items()):
        if not any(code == currency and end is None for code, _, end, *_ in held):
            continue
        for language in ("en", *languages.get(territory, {})):
            try:
                symbol = get_currency_symbol(currency, f"{language}_{territory}")
            except (UnknownLocaleError, ValueError):
                continue
            if symbol != currency:
                return symbol
    return ""


def money_text(amount: Money, locale: str) -> str:
    """`Money.format` in the reader's locale, with the currency's own sign if the locale
    would print its ISO code: "₦150,000.00" rather than "NGN150,000.00"."""
    text = amount.format(locale)
    if amount.currency in text and home_symbol(amount.currency):
        text = text.replace(amount.currency, home_symbol(amount.currency))
    return text


def percent(rate: Decimal) -> str:
    """19.000 -> "19%", 25.500 -> "25.5%"."""
    text = f"{rate.normalize():f}"
    return f"{text}%"


def quantity_text(quantity: Decimal) -> str:
    text = f"{quantity.normalize():f}"
    return text


def _party(role: str, name: str, address: str, country: str, vat_id: str) -> PrintedParty:
    lines = [row.strip() for row in (address or "").splitlines() if row.strip()]
    return PrintedParty(role, name, lines, places.country_name(country), vat_id)


def _group_label(treatment: str, rate_country: str, tax_name: str) -> str:
    named = Treatment(treatment).label if treatment in Treatment.values else treatment
    return f"{tax_name} {rate_country} · {named}"


def printed(invoice: Invoice, locale: str = "en") -> Printed:
    def money(minor: int, currency: str | None = None) -> str:
        return money_text(Money(minor, currency or invoice.currency), locale)

    lines = [
        PrintedLine(
            li.position,
            li.description,
            quantity_text(li.quantity),
            money(li.unit_price_minor),
            money(li.net_minor),
            percent(li.rate),
            Treatment(li.treatment).label if li.treatment in Treatment.values else li.treatment,
        )
        for li in invoice.lines.all()
    ]
    groups = [
        PrintedGroup(
            _group_label(g.treatment, g.rate_country, g.tax_name),
            money(g.net_minor),
            percent(g.rate),
            money(g.tax_minor),
            money(g.national_tax_minor, invoice.national_currency)
            if g.national_tax_minor is not None
            else "",
        )
        for g in invoice.tax_groups.all()
    ]
    legal = sorted({g.legal_text for g in invoice.tax_groups.all() if g.legal_text})
    return Printed(
        invoice=invoice,
        title=TITLES[(invoice.kind, invoice.origin)],
        reference=invoice.reference,
        seller=_party(
            "Supplier",
            invoice.seller_name,
            invoice.seller_address,
            invoice.seller_country,
            invoice.seller_vat_id,
        ),
        buyer=_party(
            "Customer",
            invoice.buyer_name,
            invoice.buyer_address,
            invoice.buyer_country,
            invoice.buyer_vat_id,
        ),
        lines=lines,
        groups=groups,
        net=money(invoice.net_minor),
        tax=money(invoice.tax_minor),
        total=money(invoice.total_minor),
        legal_texts=legal,
        national=money(invoice.national_tax_minor, invoice.national_currency)
        if invoice.national_tax_minor is not None
        else "",
        national_rate=invoice.fx_note,
        notes=_notes(invoice),
    )


def _notes(invoice: Invoice) -> list[str]:
    notes = []
    if invoice.is_self_billed:
        notes.append(
            "Self-billing: this invoice was drawn up by the customer on behalf of "
            "the supplier under a self-billing agreement (Art. 224 and 226(10a) of "
            "Directive 2006/112/EC)."
        )
    if invoice.credits_id:
        notes.append(
            f"Credit note for invoice {invoice.credits.reference} of "
            f"{invoice.credits.issue_date.isoformat()}."
        )
    if invoice.note and invoice.note != "Self-billing":
        notes.append(invoice.note)
    return notes
