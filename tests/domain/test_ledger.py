import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.ledger import (
    LedgerError,
    ProposedPosting,
    UnbalancedTransaction,
    balances,
    require_valid,
    validate,
)
from bornglobal.domain.money import CurrencyMismatch, Money


def posting(account, amount, account_currency=None):
    money = Money.of(*amount.split())
    return ProposedPosting(account, account_currency or money.currency, money)


def codes(errors):
    return [error.code for error in errors]


def test_a_balanced_transaction_has_no_errors():
    # given a cross-currency payment through the FX clearing accounts
    postings = [
        posting("bank:eur", "-100.00 EUR"),
        posting("fx-clearing:eur", "100.00 EUR"),
        posting("fx-clearing:inr", "-10608.40 INR"),
        posting("payee:inr", "10608.40 INR"),
    ]
    # when it is validated, then nothing is wrong
    assert validate(postings) == []
    require_valid(postings)


def test_one_posting_is_too_few():
    # given a single posting of zero
    errors = validate([posting("bank:eur", "0 EUR")])
    # then it is too few, and zero
    assert codes(errors) == ["too_few_postings", "zero_posting"]


def test_no_postings_are_too_few():
    assert codes(validate([])) == ["too_few_postings"]


def test_a_zero_posting_is_refused():
    # given a balanced transaction with an idle zero line
    postings = [
        posting("bank:eur", "-1.00 EUR"),
        posting("payee:eur", "1.00 EUR"),
        posting("fees:eur", "0.00 EUR"),
    ]
    # then the zero line is named
    assert validate(postings) == [
        LedgerError("zero_posting", "The posting to fees:eur is zero.", "fees:eur", "EUR")
    ]


def test_a_posting_in_another_currency_than_its_account_is_refused():
    # given euros posted to an INR account
    postings = [posting("bank:eur", "-1.00 EUR"), posting("payee:inr", "1.00 EUR", "INR")]
    # then the mismatch is named, with the account
    errors = validate(postings)
    assert codes(errors) == ["currency_mismatch"]
    assert errors[0].account == "payee:inr"
    assert "1.00 EUR" in errors[0].message and "INR" in errors[0].message


def test_an_unbalanced_transaction_names_the_currency_and_the_imbalance():
    # given euros that vanish by a cent, and rupees that balance
    postings = [
        posting("bank:eur", "-100.00 EUR"),
        posting("fx-clearing:eur", "99.99 EUR"),
        posting("fx-clearing:inr", "-10608.40 INR"),
        posting("payee:inr", "10608.40 INR"),
    ]
    # when it is validated
    errors = validate(postings)
    # then only the euros are unbalanced, by -0.01 EUR
    assert errors == [
        LedgerError("unbalanced", "The EUR postings sum to -0.01 EUR, not zero.", currency="EUR")
    ]
    with pytest.raises(UnbalancedTransaction) as refusal:
        require_valid(postings)
    assert refusal.value.code == "unbalanced_transaction"
    assert refusal.value.details == [
        {
            "code": "unbalanced",
            "message": "The EUR postings sum to -0.01 EUR, not zero.",
            "account": None,
            "currency": "EUR",
        }
    ]


def test_balances_sum_by_account():
    # given two transactions' postings
    postings = [
        posting("bank:eur", "-10.00 EUR"),
        posting("escrow:42", "10.00 EUR"),
        posting("escrow:42", "-4.00 EUR"),
        posting("payee:eur", "4.00 EUR"),
    ]
    # then each account's balance is the sum of its postings
    assert balances(postings) == {
        "bank:eur": Money(-1000, "EUR"),
        "escrow:42": Money(600, "EUR"),
        "payee:eur": Money(400, "EUR"),
    }
    with pytest.raises(CurrencyMismatch):
        balances([posting("bank", "1.00 EUR"), posting("bank", "1 JPY")])


CURRENCIES = ["EUR", "JPY", "KWD", "INR", "NGN"]


@st.composite
def balanced_transactions(draw):
    """Per currency: a total allocated across 1-5 accounts, and one counter-posting."""
    postings = []
    chosen = draw(st.lists(st.sampled_from(CURRENCIES), min_size=1, max_size=3, unique=True))
    for currency in chosen:
        total = Money(draw(st.integers(-(10**12), 10**12).filter(bool)), currency)
        weights = draw(st.lists(st.integers(1, 1000), min_size=1, max_size=5))
        parts = [part for part in total.allocate(weights) if not part.is_zero]
        postings += [
            ProposedPosting(f"{currency}:{index}", currency, part)
            for index, part in enumerate(parts)
        ]
        postings.append(ProposedPosting(f"{currency}:counter", currency, -total))
    return draw(st.permutations(postings))


@given(balanced_transactions())
def test_allocated_transactions_balance(postings):
    # given postings that allocate totals and counter them, per currency
    # when they are validated, then they are clean
    assert validate(postings) == []


@given(balanced_transactions(), st.data())
def test_a_one_unit_slip_is_exactly_one_imbalance(postings, data):
    # given a balanced transaction with one posting off by one minor unit
    index = data.draw(st.integers(0, len(postings) - 1))
    slipped = postings[index]
    step = data.draw(st.sampled_from([1, -1]))
    if slipped.amount.minor + step == 0:
        step = -step
    amount = Money(slipped.amount.minor + step, slipped.amount.currency)
    replaced = ProposedPosting(slipped.account, slipped.account_currency, amount)
    postings = [*postings[:index], replaced, *postings[index + 1 :]]
    # when it is validated
    errors = validate(postings)
    # then there is exactly one error: that currency is unbalanced
    assert codes(errors) == ["unbalanced"]
    assert errors[0].currency == amount.currency
