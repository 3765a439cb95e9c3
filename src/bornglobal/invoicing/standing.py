"""Where an invoice stands on a day: what is owed, whether it is overdue, and, for an
overdue business-to-business invoice under EU rules, the statutory late-payment
interest and the fixed EUR 40 compensation (Directive 2011/7/EU, Art. 3, 4 and 6).

EU rules apply when the seller is in a member state and the buyer is a business.
Interest runs from the day after the due date on the amount still owed, at the
reference rate plus eight percentage points (`domain.late_payment`). The
compensation is offered, not charged: the invoice never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.payments import outstanding_minor
from bornglobal.invoicing.presenting import money_text


@dataclass(frozen=True, slots=True)
class Standing:
    on: date
    outstanding: Money
    overdue: bool
    days_overdue: int
    interest: Money | None = None
    compensation: Money | None = None
    interest_note: str = ""

    @property
    def state(self) -> str:
        if self.outstanding.is_zero:
            return "paid"
        return "overdue" if self.overdue else "open"

    def summary(self, locale: str = "en") -> str:
        if self.state == "paid":
            return "Paid in full."
        owed = money_text(self.outstanding, locale)
        if not self.overdue:
            return f"{owed} is due."
        text = f"{owed} is {self.days_overdue} days overdue."
        if self.interest is not None:
            text += (
                f" Statutory late-payment interest: {money_text(self.interest, locale)}"
                f" ({self.interest_note})."
            )
        if self.compensation is not None:
            text += (
                f" Fixed compensation for recovery costs: {money_text(self.compensation, locale)}."
            )
        return text


def statutory_rules_apply(invoice: Invoice) -> bool:
    """Late Payment Directive: a seller in the EU, a business buyer."""
    from bornglobal.domain import tax_ids

    return invoice.buyer_is_business and tax_ids.in_eu(invoice.seller_country)


def of(invoice: Invoice, on: date | None = None) -> Standing:
    on = on or clock.today()
    owed = Money(outstanding_minor(invoice), invoice.currency)
    late = (on - invoice.due_date).days if owed.is_positive else 0
    if late <= 0:
        return Standing(on, owed, False, 0)
    if not statutory_rules_apply(invoice):
        return Standing(on, owed, True, late)
    interest, compensation, note = _late_payment(invoice, owed, on)
    return Standing(on, owed, True, late, interest, compensation, note)


def _late_payment(invoice: Invoice, owed: Money, on: date):
    from bornglobal.invoicing import interest

    return interest.statutory(invoice, owed, on)
