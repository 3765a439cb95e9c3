"""Double-entry rules for a proposed ledger transaction.

A transaction is a set of postings, each moving an amount into (positive) or
out of (negative) one account. Double entry means the postings of a
transaction cancel out: for every currency, they sum to exactly zero. Money
is never created or destroyed, only moved; a balance is simply the sum of an
account's postings and can always be rebuilt from them.

Every account holds one currency, so a posting must be in the currency of its
account. Money that changes currency does not break the rule: it passes
through FX clearing accounts, one per currency. Paying 100.00 EUR of a
founder's euros to an INR account at 106.084 INR per EUR is four postings --
EUR bank -100.00 EUR, EUR clearing +100.00 EUR, INR clearing -10,608.40 INR,
INR payee +10,608.40 INR -- and each currency balances on its own. The rounding left by a conversion
goes to an FX gain/loss account, so no cent appears or vanishes.

As in beancount's ``ops/validation.py``, `validate` does not stop at the first
problem: it returns every `LedgerError` it finds, each with a stable code, so a
caller can show them all at once. `require_valid` is the strict form for
services, which raises `UnbalancedTransaction` carrying those errors.

The checks are:

* ``too_few_postings`` -- fewer than two postings cannot move money anywhere;
* ``zero_posting`` -- a posting of zero says nothing and hides mistakes;
* ``currency_mismatch`` -- a posting in another currency than its account;
* ``unbalanced`` -- the postings of one currency do not sum to zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money


@dataclass(frozen=True, slots=True)
class ProposedPosting:
    """`amount` into the account named `account` (negative: out of it)."""

    account: str
    account_currency: str
    amount: Money


@dataclass(frozen=True, slots=True)
class LedgerError:
    code: str
    message: str
    account: str | None = None
    currency: str | None = None


class UnbalancedTransaction(DomainError):
    code = "unbalanced_transaction"


def _posting_errors(posting: ProposedPosting) -> list[LedgerError]:
    errors = []
    if posting.amount.is_zero:
        errors.append(
            LedgerError(
                "zero_posting",
                f"The posting to {posting.account} is zero.",
                account=posting.account,
                currency=posting.amount.currency,
            )
        )
    if posting.amount.currency != posting.account_currency:
        errors.append(
            LedgerError(
                "currency_mismatch",
                f"{posting.amount} cannot be posted to {posting.account}, "
                f"which holds {posting.account_currency}.",
                account=posting.account,
                currency=posting.amount.currency,
            )
        )
    return errors


def _sums_by_currency(postings: Iterable[ProposedPosting]) -> dict[str, Money]:
    sums: dict[str, Money] = {}
    for posting in postings:
        currency = posting.amount.currency
        sums[currency] = sums.get(currency, Money.zero(currency)) + posting.amount
    return sums


def validate(postings: Sequence[ProposedPosting]) -> list[LedgerError]:
    """Every double-entry rule `postings` break, in a stable order; [] if none."""
    errors = []
    if len(postings) < 2:
        errors.append(
            LedgerError(
                "too_few_postings",
                f"A transaction needs at least two postings, not {len(postings)}.",
            )
        )
    for posting in postings:
        errors.extend(_posting_errors(posting))
    for currency, total in _sums_by_currency(postings).items():
        if not total.is_zero:
            errors.append(
                LedgerError(
                    "unbalanced",
                    f"The {currency} postings sum to {total}, not zero.",
                    currency=currency,
                )
            )
    return errors


def require_valid(postings: Sequence[ProposedPosting]) -> None:
    """Raise `UnbalancedTransaction` listing every error if `postings` break a rule."""
    errors = validate(postings)
    if errors:
        raise UnbalancedTransaction(
            " ".join(error.message for error in errors),
            details=[asdict(error) for error in errors],
        )


def balances(postings: Iterable[ProposedPosting]) -> dict[str, Money]:
    """The sum of the postings of each account (CurrencyMismatch if an account mixes)."""
    totals: dict[str, Money] = {}
    for posting in postings:
        previous = totals.get(posting.account)
        totals[posting.account] = posting.amount if previous is None else previous + posting.amount
    return totals
