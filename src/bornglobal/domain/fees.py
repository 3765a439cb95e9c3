"""Platform fees on payments.

A fee schedule has two parts, as card processors and marketplaces quote them:
a percentage in *basis points* (1 bp = 0.01 %, so 250 bp = 2.5 %) and an
optional fixed amount per payment. The percentage is taken of the payment and
rounded half-even to the minor unit by the one money rounding rule; 250 bp of
100.00 EUR is 2.50 EUR, 250 bp of 0.10 EUR is 0.0025 EUR, which rounds to 0.00.

The fixed part is in one currency and only applies to payments in that
currency. A schedule does not convert: a caller charging a fixed 0.25 EUR on
an INR payment converts it first and passes a schedule in INR.

A fee is never negative and never more than the payment it is charged on, so
it can always be taken out of the payment. Fees apply to payments, not
refunds: asking for the fee on a negative amount is an error.

A self-hosted installation charges nothing: `SELF_HOSTED_DEFAULT` is 0 bp with
no fixed part.
"""

from __future__ import annotations

from dataclasses import dataclass

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import InvalidAmount, Money, exponent

BASIS_POINTS_PER_WHOLE = 10_000


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """`basis_points` of each payment, plus `fixed_minor` on payments in `fixed_currency`."""

    basis_points: int = 0
    fixed_minor: int = 0
    fixed_currency: str | None = None

    def __post_init__(self) -> None:
        if not _whole_number(self.basis_points) or not (
            0 <= self.basis_points <= BASIS_POINTS_PER_WHOLE
        ):
            raise DomainError(
                f"A fee is 0 to 10000 basis points, not {self.basis_points!r}.",
                code="invalid_fee_schedule",
            )
        if not _whole_number(self.fixed_minor) or self.fixed_minor < 0:
            raise DomainError(
                f"A fixed fee is a non-negative number of minor units, not {self.fixed_minor!r}.",
                code="invalid_fee_schedule",
            )
        if self.fixed_currency is not None:
            exponent(self.fixed_currency)
        elif self.fixed_minor:
            raise DomainError(
                "A fixed fee needs the currency it is charged in.", code="invalid_fee_schedule"
            )

    def fee_on(self, amount: Money) -> Money:
        """The fee on a payment of `amount`: between zero and `amount` itself."""
        if amount.is_negative:
            raise InvalidAmount(
                f"Fees are charged on payments, not on {amount}.",
                details={"amount": str(amount)},
            )
        fee = amount.scaled(self.basis_points, BASIS_POINTS_PER_WHOLE)
        if self.fixed_currency == amount.currency:
            fee += Money(self.fixed_minor, amount.currency)
        return min(fee, amount)


SELF_HOSTED_DEFAULT = FeeSchedule()
