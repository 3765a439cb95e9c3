"""Amounts of money: an integer count of minor units in one ISO 4217 currency.

A `Money` value is the pair (minor, currency): ``Money(1234, "EUR")`` is twelve
euros and thirty-four cents, ``Money(1234, "JPY")`` is 1,234 yen and
``Money(1234, "KWD")`` is one dinar and 234 fils. How many decimal places a
currency has -- its *exponent* -- comes from ISO 4217 through Babel's CLDR
data: 0 for JPY, CLP and KRW, 2 for EUR and USD, 3 for KWD, BHD and TND. The
same convention is used by Stripe, Open Collective and TigerBeetle, and it
means an amount is exact by construction: there is no such thing as a third
of a cent, and binary floating point never touches money.

Values are immutable, like beancount's ``Amount``. There is one way in from
text or decimals (`Money.of`), which refuses anything the currency cannot
hold: "1.234" euros is an error, not a rounding. When arithmetic really does
produce a fraction of a minor unit -- a percentage fee, a converted amount --
the result goes through the one rounding function, `quantize`, which rounds
half to even (banker's rounding), so that rounding errors do not drift in one
direction over many transactions.

Addition, subtraction and ordering are defined only within one currency:
adding euros to yen raises `CurrencyMismatch` rather than producing nonsense.
Multiplication is by integers only.

Splitting an amount (a milestone plan, a revenue share) uses `Money.allocate`
and the largest-remainder method: every part first gets the floor of its
exact share, then the minor units left over go one each to the parts with the
largest remainders, ties going to the earlier part. The parts therefore
always add up to the whole, and each differs from its exact share by less
than one minor unit. Splitting 1.00 EUR three ways gives 0.34 + 0.33 + 0.33.

Display goes through Babel in the viewer's locale (`Money.format`), so
1234.50 EUR reads "€1,234.50" in English and "1.234,50 €" in German.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache

import pycountry
from babel.numbers import format_currency, get_currency_precision

from bornglobal.domain.errors import DomainError

_CODE = re.compile(r"[A-Z]{3}")
_PLAIN_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # ASCII digits only


class UnknownCurrency(DomainError):
    code = "invalid_currency"


class CurrencyMismatch(DomainError):
    code = "currency_mismatch"


class InvalidAmount(DomainError):
    code = "invalid_amount"


def exponent(currency: str) -> int:
    """The number of decimal places of `currency` (ISO 4217 minor unit)."""
    if not isinstance(currency, str) or not _CODE.fullmatch(currency):
        raise UnknownCurrency(
            f"{currency!r} is not an ISO 4217 currency code (e.g. EUR, INR, BRL).",
            details={"currency": str(currency)},
        )
    return _known_exponent(currency)


@cache
def _known_exponent(currency: str) -> int:
    if pycountry.currencies.get(alpha_3=currency) is None:
        raise UnknownCurrency(
            f"{currency!r} is not an ISO 4217 currency code (e.g. EUR, INR, BRL).",
            details={"currency": currency},
        )
    return get_currency_precision(currency)


def round_half_even(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to an integer, ties to even. Exact."""
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2):
        quotient += 1
    return quotient


def _finite_decimal(amount: Decimal) -> Decimal:
    if not amount.is_finite():
        raise InvalidAmount(f"{amount} is not an amount of money.", details={"amount": str(amount)})
    return amount


def quantize(amount: Decimal, currency: str) -> Money:
    """Round `amount` half-even to the minor unit of `currency`.

    This is the one place where money is rounded. 0.125 EUR becomes 0.12 and
    0.135 EUR becomes 0.14; 2.5 JPY becomes 2.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"quantize takes a Decimal, not {type(amount).__name__}")
    numerator, denominator = _finite_decimal(amount).as_integer_ratio()
    minor = round_half_even(numerator * 10 ** exponent(currency), denominator)
    return Money(minor, currency)


def _to_decimal(text_or_number: str | Decimal | int) -> Decimal:
    value = text_or_number
    if isinstance(value, bool) or not isinstance(value, str | Decimal | int):
        raise TypeError(
            f"an amount is a str, Decimal or int, never {type(value).__name__}: "
            "binary floating point cannot hold money exactly"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise InvalidAmount(
                f"{value!r} is not an amount (write it like 12.34).", details={"amount": value}
            )
        return Decimal(text)
    return _finite_decimal(value)


def _exact_minor(amount: Decimal, currency: str, original: object) -> int:
    places = exponent(currency)
    numerator, denominator = amount.as_integer_ratio()
    scaled, leftover = divmod(numerator * 10**places, denominator)
    if leftover:
        raise InvalidAmount(
            f"{original} has more decimals than {currency} allows ({places}).",
            details={"amount": str(original), "currency": currency, "exponent": places},
        )
    return scaled


def _weight_fraction(weight: int | Decimal) -> Fraction:
    if isinstance(weight, bool) or not isinstance(weight, int | Decimal):
        raise TypeError(f"a weight is an int or Decimal, not {type(weight).__name__}")
    if isinstance(weight, Decimal):
        _finite_decimal(weight)
    if weight < 0:
        raise InvalidAmount(f"Weight {weight} is negative.", details={"weight": str(weight)})
    return Fraction(weight)


def _largest_remainder(units: int, weights: Sequence[int | Decimal]) -> list[int]:
    """Split a non-negative number of units by weights; parts sum to `units`."""
    fractions = [_weight_fraction(weight) for weight in weights]
    total = sum(fractions, Fraction(0))
    if not fractions or total <= 0:
        raise InvalidAmount(
            "Allocation needs at least one weight and a positive total weight.",
            details={"weights": [str(weight) for weight in weights]},
        )
    shares = [units * weight / total for weight in fractions]
    parts = [share.numerator // share.denominator for share in shares]
    leftover = units - sum(parts)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(shares[i] - parts[i]), i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    return parts


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: `minor` units of the smallest denomination of `currency`."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise InvalidAmount(
                f"Money counts whole minor units; got {self.minor!r}.",
                details={"minor": repr(self.minor)},
            )
        exponent(self.currency)

    @classmethod
    def of(cls, amount: str | Decimal | int, currency: str) -> Money:
        """Read "12.34", Decimal("12.34") or 12 as an amount of `currency`.

        Refuses more decimals than the currency has ("1.234" EUR, "1.5" JPY),
        text that is not a plain decimal number, NaN and infinities, and
        (with TypeError) binary floating point numbers.
        """
        value = _to_decimal(amount)
        return cls(_exact_minor(value, currency, amount), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    def to_decimal(self) -> Decimal:
        """The amount in major units, exactly: Money(1234, "EUR") -> Decimal("12.34")."""
        digits = tuple(int(digit) for digit in str(abs(self.minor)))
        return Decimal((int(self.minor < 0), digits, -exponent(self.currency)))

    def scaled(self, numerator: int, denominator: int) -> Money:
        """self * numerator / denominator, rounded half-even to the minor unit.

        The same result as ``quantize(self.to_decimal() * numerator / denominator)``
        computed without any decimal context: useful for basis points and shares.
        """
        for factor in (numerator, denominator):
            if isinstance(factor, bool) or not isinstance(factor, int):
                raise TypeError("Money is scaled by integers only")
        if denominator == 0:
            raise InvalidAmount("Cannot scale money by a ratio with a zero denominator.")
        if denominator < 0:
            numerator, denominator = -numerator, -denominator
        return Money(round_half_even(self.minor * numerator, denominator), self.currency)

    def allocate(self, weights: Sequence[int | Decimal]) -> list[Money]:
        """Split into parts proportional to `weights` (largest-remainder method).

        The parts always add up to `self`. Leftover minor units go to the parts
        with the largest remainders, ties to the lower index; a negative amount
        is split as its absolute value and each part negated.
        """
        parts = _largest_remainder(abs(self.minor), weights)
        sign = -1 if self.minor < 0 else 1
        return [Money(sign * part, self.currency) for part in parts]

    def format(self, locale: str = "en") -> str:
        """The amount as a reader in `locale` expects it, e.g. "1.234,50 €" in de_DE."""
        return format_currency(self.to_decimal(), self.currency, locale=locale)

    @property
    def is_zero(self) -> bool:
        return self.minor == 0

    @property
    def is_positive(self) -> bool:
        return self.minor > 0

    @property
    def is_negative(self) -> bool:
        return self.minor < 0

    def _same_currency(self, other: Money, operation: str) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(
                f"Cannot {operation} {self} and {other}: convert one of them first.",
                details={"currencies": [self.currency, other.currency]},
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "add")
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "subtract")
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.minor), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money(self.minor * factor, self.currency)

    __rmul__ = __mul__

    def _compare(self, other: object, operation: str) -> int | None:
        if not isinstance(other, Money):
            return None
        self._same_currency(other, operation)
        return self.minor - other.minor

    def __lt__(self, other: object) -> bool:
        difference = self._compare(other, "compare")
        return NotImplemented if difference is None else difference < 0

    def __le__(self, other: object) -> bool:
        difference = self._compare(other, "compare")
        return NotImplemented if difference is None else difference <= 0

    def __gt__(self, other: object) -> bool:
        difference = self._compare(other, "compare")
        return NotImplemented if difference is None else difference > 0

    def __ge__(self, other: object) -> bool:
        difference = self._compare(other, "compare")
        return NotImplemented if difference is None else difference >= 0

    def __str__(self) -> str:
        return f"{self.to_decimal()} {self.currency}"


def parse_money(text: str) -> Money:
    """Read "12.34 EUR" (or "EUR 12.34"; the code in any case) as Money."""
    words = (text or "").split()
    if len(words) == 2 and words[0].isalpha():
        words.reverse()
    if len(words) != 2 or not words[1].isalpha():
        raise InvalidAmount(
            f"{text!r} is not an amount with a currency (write it like 12.34 EUR).",
            details={"text": text},
        )
    amount, currency = words
    return Money.of(amount, currency.upper())
