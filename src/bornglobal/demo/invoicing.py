"""The invoicing part of the demo: invoices across many countries covering every VAT
treatment, credit notes, an overdue invoice with statutory interest, and the invoices
for the money history's escrow payments.

`load_invoicing(seed)` runs after the money part, in the same transaction. Each
document is issued through the services inside `clock.travel_to` its own day, so
numbers follow the issue dates. Kestrel Robotics (Germany, above the EUR 10,000
OSS threshold) sells to customers in 12 countries; Monsoon Tea Co. (India, GST
registered) sells at home and abroad; Lagos Looms (Nigeria) sells where the
platform holds no tax rules and says so on the invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.invoicing import credit_notes, escrow, issuing, payments, reminders, services
from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.money.models import Disclosure
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Venture

OVERDUE_CHECK = date(2026, 10, 30)  # the reminders run on the last day of the history

BILLING = {
    "Kestrel Robotics": (
        "Kestrel Robotics GmbH",
        "Torstraße 140\n10119 Berlin",
        "DE136695976",
        True,
    ),
    "Monsoon Tea Co.": (
        "Monsoon Tea Company Pvt. Ltd.",
        "14 Park Street\nKolkata 700016",
        "27AAPFU0939F1ZV",
        False,
    ),
    "Lagos Looms": ("Lagos Looms Ltd", "12 Broad Street\nLagos Island, Lagos", "", False),
}
# name, country, VAT ID, business?, address
CUSTOMERS = {
    "Kestrel Robotics": (
        ("Rhein Data AG", "DE", "", True, "Domplatz 3\n50667 Köln"),
        ("Atelier Lumière SARL", "FR", "FR40303265045", True, "12 rue de Rivoli\n75001 Paris"),
        ("Delft Automation B.V.", "NL", "NL004495445B01", True, "Markt 1\n2611 GP Delft"),
        ("Officina Milano S.r.l.", "IT", "IT00743110157", True, "Via Dante 7\n20121 Milano"),
        ("Talleres Ibéricos S.A.", "ES", "ESA28015865", True, "Gran Vía 1\n28013 Madrid"),
        ("Nordic Motion AB", "SE", "SE556188840401", True, "Drottninggatan 1\n111 51 Stockholm"),
        (
            "Wiśniewski Robotyka sp. z o.o.",
            "PL",
            "PL5260250274",
            True,
            "ul. Marszałkowska 10\n00-026 Warszawa",
        ),
        ("Anna Huber", "AT", "", False, "Mariahilfer Straße 5\n1060 Wien"),
        ("Seán Murphy", "IE", "", False, "5 Grafton Street\nDublin 2"),
        ("Boston Makers Inc.", "US", "", True, "1 Main Street\nCambridge, MA 02142"),
        ("Zürich Präzision AG", "CH", "", True, "Bahnhofstrasse 1\n8001 Zürich"),
        ("Bristol Bots Ltd", "GB", "GB980780684", True, "1 Queen Square\nBristol BS1 4JQ"),
    ),
    "Monsoon Tea Co.": (
        ("Mumbai Chai House", "IN", "", True, "Colaba Causeway\nMumbai 400005"),
        ("Teehaus Hamburg GmbH", "DE", "DE136695976", True, "Jungfernstieg 1\n20354 Hamburg"),
        ("Kiwi Leaf Ltd", "NZ", "", True, "1 Queen Street\nAuckland 1010"),
    ),
    "Lagos Looms": (
        ("Abuja Textiles", "NG", "", True, "Plot 5, Central Area\nAbuja"),
        ("Accra Fashion House", "GH", "", True, "Oxford Street\nAccra"),
    ),
}


@dataclass(frozen=True, slots=True)
class Sale:
    venture: str
    customer: int
    day: date
    lines: tuple[tuple[str, str, str, str, str], ...]  # description, qty, price, supply, rate
    currency: str = ""
    paid: str = "all"  # "all", "none" or "half"


SALES = (
    Sale(
        "Kestrel Robotics",
        0,
        date(2026, 5, 4),
        (
            ("Firmware maintenance, April", "12", "95.00", "services", "standard"),
            ("Robotics handbook (print)", "20", "34.50", "goods", "reduced"),
        ),
    ),
    Sale(
        "Kestrel Robotics",
        1,
        date(2026, 5, 11),
        (("Gripper control software integration", "18", "110.00", "services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        2,
        date(2026, 5, 20),
        (("Servo controller boards", "40", "86.00", "goods", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        3,
        date(2026, 6, 2),
        (("Vision system commissioning", "3", "1400.00", "services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        4,
        date(2026, 6, 9),
        (("Robot wrist assemblies", "6", "740.00", "goods", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        5,
        date(2026, 6, 16),
        (("Safety audit", "1", "2200.00", "services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        6,
        date(2026, 6, 23),
        (("Motion planning workshop", "2", "900.00", "services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        7,
        date(2026, 7, 1),
        (("Kestrel Sim licence, 12 months", "1", "240.00", "e-services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        8,
        date(2026, 7, 8),
        (("Kestrel Sim licence, 12 months", "1", "240.00", "e-services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        9,
        date(2026, 7, 15),
        (("Remote fleet monitoring, Q3", "1", "3600.00", "services", "standard"),),
        currency="USD",
    ),
    Sale(
        "Kestrel Robotics",
        10,
        date(2026, 7, 22),
        (("Calibration rigs", "2", "5100.00", "goods", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        11,
        date(2026, 8, 3),
        (("Firmware review", "10", "120.00", "services", "standard"),),
    ),
    Sale(
        "Kestrel Robotics",
        0,
        date(2026, 8, 12),
        (("Support retainer, August", "1", "1800.00", "services", "standard"),),
        currency="USD",
        paid="none",
    ),
    Sale(
        "Kestrel Robotics",
        0,
        date(2026, 9, 1),
        (("Support retainer, September", "1", "1800.00", "services", "standard"),),
        paid="none",
    ),
    Sale(
        "Monsoon Tea Co.",
        0,
        date(2026, 6, 5),
        (("Tea tasting sessions", "4", "6500.00", "services", "standard"),),
    ),
    Sale(
        "Monsoon Tea Co.",
        1,
        date(2026, 6, 18),
        (("Blend consulting", "5", "12000.00", "services", "standard"),),
    ),
    Sale(
        "Monsoon Tea Co.",
        2,
        date(2026, 7, 9),
        (("Packaging design", "1", "48000.00", "services", "standard"),),
        paid="half",
    ),
    Sale(
        "Lagos Looms",
        0,
        date(2026, 6, 10),
        (("Aso-oke fabric, 30 yards", "30", "18500.00", "goods", "standard"),),
    ),
    Sale(
        "Lagos Looms",
        1,
        date(2026, 7, 14),
        (("Adire pattern design", "1", "450000.00", "services", "standard"),),
    ),
)


@dataclass(frozen=True, slots=True)
class InvoicingSummary:
    invoices: int
    credit_notes: int
    escrow_invoices: int
    countries: int
    treatments: tuple[str, ...]
    overdue: int

    def describe(self) -> str:
        return (
            f"Invoicing: {self.invoices} invoices and {self.credit_notes} credit notes "
            f"to {self.countries} countries ({', '.join(self.treatments)}), "
            f"{self.escrow_invoices} of them for escrow payments; {self.overdue} overdue."
        )


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _founder(venture: Venture) -> Actor:
    return Actor(venture.memberships.filter(role="owner").order_by("id").first().user)


def load_invoicing(seed: int = 42) -> InvoicingSummary:
    """Billing details, customers, sales, credit notes, payments, reminders; see above."""
    ventures = {v.name: v for v in Venture.objects.filter(name__in=BILLING)}
    customers = {}
    with clock.travel_to(_at(date(2026, 4, 20))):
        for name, venture in ventures.items():
            legal, address, vat_id, over = BILLING[name]
            services.set_venture_billing(
                _founder(venture),
                venture.id,
                legal_name=legal,
                address=address,
                vat_id=vat_id,
                over_eu_threshold=over,
            )
            customers[name] = [
                services.add_customer(
                    _founder(venture),
                    venture.id,
                    name=c[0],
                    country=c[1],
                    vat_id=c[2],
                    is_business=c[3],
                    address=c[4],
                )
                for c in CUSTOMERS[name]
            ]
    issued = [_sell(ventures[s.venture], customers[s.venture][s.customer], s) for s in SALES]
    _credit(ventures["Kestrel Robotics"], issued)
    with clock.travel_to(_at(OVERDUE_CHECK)):
        reminders.send_due(OVERDUE_CHECK)
    escrow_invoices = _invoice_escrow_payments()
    return _summary(escrow_invoices)


def _sell(venture: Venture, customer, sale: Sale) -> Invoice:
    actor = _founder(venture)
    currency = sale.currency or venture.base_currency
    lines = [
        LinePlan(d, Decimal(q), Money.of(p, currency), supply, rate)
        for d, q, p, supply, rate in sale.lines
    ]
    with clock.travel_to(_at(sale.day)):
        invoice = issuing.issue_invoice(
            actor,
            venture.id,
            customer.id,
            lines,
            currency=currency,
            key=f"demo-{sale.venture}-{sale.day}",
        )
    if sale.paid != "none":
        share = invoice.total_minor if sale.paid == "all" else invoice.total_minor // 2
        paid_on = min(invoice.due_date, date(2026, 10, 20))
        with clock.travel_to(_at(paid_on)):
            payments.record_payment(
                actor, invoice.id, Money(share, currency), paid_on, "bank transfer"
            )
    return invoice


def _credit(venture: Venture, issued: list[Invoice]) -> None:
    """A full credit note (a cancelled licence) and a partial one (four hours refunded)."""
    actor = _founder(venture)
    licence = next(i for i in issued if i.buyer_country == "IE")
    with clock.travel_to(_at(date(2026, 7, 20))):
        credit_notes.issue_credit_note(
            actor,
            licence.id,
            reason="Licence cancelled in the 14-day withdrawal period",
            key="demo-credit-ie",
        )
    maintenance = next(i for i in issued if i.buyer_country == "DE")
    hours = maintenance.lines.order_by("position").first()
    with clock.travel_to(_at(date(2026, 5, 15))):
        credit_notes.issue_credit_note(
            actor,
            maintenance.id,
            [credit_notes.CreditLine(hours.id, Decimal(4))],
            reason="Four hours billed twice",
            key="demo-credit-de",
        )


def _invoice_escrow_payments() -> int:
    """The money history's escrow payments, invoiced as the worker would have done."""
    count = 0
    for disclosure in (
        Disclosure.objects.filter(invoice__isnull=True).select_related("transaction").order_by("id")
    ):
        with clock.travel_to(disclosure.transaction.occurred_at):
            escrow.invoice_escrow_payment(disclosure.id)
        count += 1
    return count


def _summary(escrow_invoices: int) -> InvoicingSummary:
    from bornglobal.invoicing import standing

    documents = Invoice.objects.all()
    sales = documents.filter(series__issuer_venture__isnull=False)
    overdue = sum(1 for i in sales.filter(kind="invoice") if standing.of(i, OVERDUE_CHECK).overdue)
    return InvoicingSummary(
        invoices=documents.filter(kind="invoice").count(),
        credit_notes=documents.filter(kind="credit_note").count(),
        escrow_invoices=escrow_invoices,
        countries=len(set(sales.values_list("buyer_country", flat=True))),
        treatments=tuple(sorted(set(sales.values_list("tax_groups__treatment", flat=True)))),
        overdue=overdue,
    )
