"""Tax reports for a period, from the venture's own issued documents (by issue date):

- the domestic VAT summary: taxable amounts and tax per treatment, country and
  rate (what goes on the VAT return, exempt and reverse-charge supplies included);
- the OSS return: e-services and distance sales charged at another member
  state's rate, per member state and rate, with the EUR figures the return wants
  (Art. 369h: the ECB rate of the last day of the period);
- the EC sales list: supplies to business customers in other member states that
  the customer accounts for (reverse-charge services, intra-community goods),
  per customer VAT ID.

Credit notes count with their negative amounts, so they net out in the period they
are issued. Every report is rows of plain values, shown as a page and as CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass, fields
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from bornglobal.domain import tax_ids
from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import NoRate, convert
from bornglobal.domain.money import Money
from bornglobal.invoicing import selectors
from bornglobal.invoicing.models import InvoiceLine, TaxGroup, Treatment
from bornglobal.money import rates
from bornglobal.tenancy.actors import Actor

KINDS = ("vat-summary", "oss", "ec-sales-list")
MAX_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class VatRow:
    treatment: str
    rate_country: str
    rate: str
    currency: str
    taxable: str
    tax: str
    national_currency: str
    national_tax: str
    documents: int


@dataclass(frozen=True, slots=True)
class OssRow:
    member_state: str
    rate: str
    currency: str
    taxable: str
    tax: str
    taxable_eur: str
    tax_eur: str
    documents: int


@dataclass(frozen=True, slots=True)
class SalesListRow:
    customer_vat_id: str
    country: str
    supply: str
    currency: str
    value: str
    documents: int


def previous_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter before the one `today` is in: the default period."""
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first - timedelta(days=1)
    return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def period(start: date, end: date) -> tuple[date, date]:
    if end < start:
        raise DomainError("The period ends before it starts.", code="invalid_period")
    if (end - start).days > MAX_DAYS:
        raise DomainError("A report covers at most three years.", code="invalid_period")
    return start, end


def _groups(actor: Actor, venture_id: int, start: date, end: date):
    venture = selectors.books(actor, venture_id)
    start, end = period(start, end)
    return TaxGroup.objects.filter(
        invoice__series__issuer_venture=venture, invoice__issue_date__range=(start, end)
    )


def _decimal(minor: int, currency: str) -> str:
    return str(Money(minor, currency).to_decimal())


def vat_summary(actor: Actor, venture_id: int, start: date, end: date) -> list[VatRow]:
    found = (
        _groups(actor, venture_id, start, end)
        .exclude(treatment=Treatment.OSS)
        .values(
            "treatment", "rate_country", "rate", "invoice__currency", "invoice__national_currency"
        )
        .annotate(
            net=Sum("net_minor"),
            tax=Sum("tax_minor"),
            national=Sum("national_tax_minor"),
            documents=Count("invoice", distinct=True),
        )
        .order_by("treatment", "rate_country", "rate", "invoice__currency")
    )
    return [
        VatRow(
            row["treatment"],
            row["rate_country"],
            _rate(row["rate"]),
            row["invoice__currency"],
            _decimal(row["net"], row["invoice__currency"]),
            _decimal(row["tax"], row["invoice__currency"]),
            row["invoice__national_currency"],
            _national(row),
            row["documents"],
        )
        for row in found
    ]


def _national(row: dict) -> str:
    """The tax in the national currency: as converted (Art. 230), or the tax itself."""
    if row["invoice__currency"] == row["invoice__national_currency"]:
        return _decimal(row["tax"], row["invoice__currency"])
    if row["national"] is None:
        return _decimal(0, row["invoice__national_currency"]) if row["tax"] == 0 else ""
    return _decimal(row["national"], row["invoice__national_currency"])


def _rate(rate) -> str:
    return f"{rate.normalize():f}"


def oss_return(actor: Actor, venture_id: int, start: date, end: date) -> list[OssRow]:
    found = (
        _groups(actor, venture_id, start, end)
        .filter(treatment=Treatment.OSS)
        .values("rate_country", "rate", "invoice__currency")
        .annotate(
            net=Sum("net_minor"), tax=Sum("tax_minor"), documents=Count("invoice", distinct=True)
        )
        .order_by("rate_country", "rate", "invoice__currency")
    )
    return [
        OssRow(
            row["rate_country"],
            _rate(row["rate"]),
            row["invoice__currency"],
            _decimal(row["net"], row["invoice__currency"]),
            _decimal(row["tax"], row["invoice__currency"]),
            _in_eur(row["net"], row["invoice__currency"], end),
            _in_eur(row["tax"], row["invoice__currency"], end),
            row["documents"],
        )
        for row in found
    ]


def _in_eur(minor: int, currency: str, on: date) -> str:
    if currency == "EUR":
        return _decimal(minor, currency)
    try:
        return str(convert(Money(minor, currency), "EUR", on, rates.current()).target.to_decimal())
    except NoRate:
        return ""


def ec_sales_list(actor: Actor, venture_id: int, start: date, end: date) -> list[SalesListRow]:
    venture = selectors.books(actor, venture_id)
    start, end = period(start, end)
    cross_border = Q(treatment=Treatment.REVERSE_CHARGE) | Q(
        treatment=Treatment.INTRA_COMMUNITY_EXEMPT
    )
    found = (
        InvoiceLine.objects.filter(
            cross_border,
            invoice__series__issuer_venture=venture,
            invoice__issue_date__range=(start, end),
        )
        .exclude(invoice__buyer_vat_id="")
        .values(
            "invoice__buyer_vat_id", "invoice__buyer_country", "supply_kind", "invoice__currency"
        )
        .annotate(net=Sum("net_minor"), documents=Count("invoice", distinct=True))
        .order_by("invoice__buyer_vat_id", "supply_kind", "invoice__currency")
    )
    return [
        SalesListRow(
            row["invoice__buyer_vat_id"],
            row["invoice__buyer_country"],
            "goods" if row["supply_kind"] == "goods" else "services",
            row["invoice__currency"],
            _decimal(row["net"], row["invoice__currency"]),
            row["documents"],
        )
        for row in found
        if tax_ids.in_eu(row["invoice__buyer_country"]) and tax_ids.in_eu(venture.legal_country)
    ]


REPORTS = {
    "vat-summary": (vat_summary, VatRow),
    "oss": (oss_return, OssRow),
    "ec-sales-list": (ec_sales_list, SalesListRow),
}


def rows(kind: str, actor: Actor, venture_id: int, start: date, end: date) -> list:
    if kind not in REPORTS:
        raise DomainError(
            f"No such report; choose one of {', '.join(KINDS)}.", code="unknown_report"
        )
    return REPORTS[kind][0](actor, venture_id, start, end)


def header(kind: str) -> list[str]:
    return [f.name for f in fields(REPORTS[kind][1])]


def as_csv(kind: str, found: list) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(kind))
    writer.writerows(astuple(row) for row in found)
    return out.getvalue()
