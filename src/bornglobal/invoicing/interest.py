"""Statutory late-payment interest on an overdue invoice, through `domain.late_payment`.

The interest is on what is still owed (the gross, VAT-inclusive total less payments
and credit notes), from the day after the due date up to and including the day
asked for, at the ECB main refinancing rate of each half-year plus eight points,
actual/365, rounded once. The fixed compensation is EUR 40 whatever the invoice's
currency (Art. 6 of Directive 2011/7/EU fixes it in euros).
"""

from __future__ import annotations

from datetime import date

from bornglobal.domain import late_payment
from bornglobal.domain.money import Money
from bornglobal.invoicing.models import Invoice


def statutory(invoice: Invoice, owed: Money, on: date) -> tuple[Money, Money, str]:
    """(interest, compensation, how the interest was worked out)."""
    computed = late_payment.late_interest(owed, invoice.due_date, on)
    periods = "; ".join(
        f"{p.rate.normalize():f}% a year for {p.days} days from {p.first_day}"
        for p in computed.periods
    )
    note = f"{periods}: ECB main refinancing rate + {late_payment.MARGIN} points, actual/365"
    return computed.interest, late_payment.COMPENSATION, note
