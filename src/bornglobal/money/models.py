"""The ledger's tables: accounts, immutable transactions and postings, escrow,
disclosures, payout batches and the operator's exchange-rate table.

Amounts are signed integers in minor units (positive = debit, negative =
credit); a transaction's postings sum to zero per currency. A posting is never
updated or deleted: the model refuses it and database triggers refuse it too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bornglobal.money.fields import ExactDecimalField
from bornglobal.tenancy.models import Venture

ISO_CURRENCY = r"^[A-Z]{3}$"


class AccountType(models.TextChoices):
    ASSET = "asset"
    LIABILITY = "liability"
    INCOME = "income"
    EXPENSE = "expense"
    EQUITY = "equity"


class Purpose(models.TextChoices):
    WALLET = "wallet", "venture wallet"
    ESCROW = "escrow", "escrow for a contract"
    PAYABLE = "payable", "owed to a payee"
    PLATFORM_FEES = "platform_fees", "platform fees"
    FX_CLEARING = "fx_clearing", "FX clearing"
    FX_GAIN_LOSS = "fx_gain_loss", "FX gain/loss"
    BANK_CLEARING = "bank_clearing", "bank clearing"


PURPOSE_TYPES = {
    Purpose.WALLET: AccountType.LIABILITY,
    Purpose.ESCROW: AccountType.LIABILITY,
    Purpose.PAYABLE: AccountType.LIABILITY,
    Purpose.PLATFORM_FEES: AccountType.INCOME,
    Purpose.FX_CLEARING: AccountType.EQUITY,
    Purpose.FX_GAIN_LOSS: AccountType.INCOME,
    Purpose.BANK_CLEARING: AccountType.ASSET,
}
CREDIT_NORMAL = {AccountType.LIABILITY, AccountType.INCOME, AccountType.EQUITY}


class Escrow(models.Model):
    """Money held for one contract between a venture and a payee."""

    class State(models.TextChoices):
        OPEN = "open"
        CLOSED = "closed"

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="escrows")
    payee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="escrows_as_payee"
    )
    contract_ref = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    currency = models.CharField(max_length=3, help_text="funding currency (the venture's)")
    payee_currency = models.CharField(max_length=3, help_text="currency the payee is paid in")
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venture", "contract_ref"], name="escrow_contract_ref_unique_per_venture"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY), name="escrow_currency_iso4217"
            ),
            models.CheckConstraint(
                condition=Q(payee_currency__regex=ISO_CURRENCY),
                name="escrow_payee_currency_iso4217",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_ref}: {self.title}"


class Milestone(models.Model):
    """A part of a contract's escrow, funded and paid out on its own."""

    class State(models.TextChoices):
        PENDING = "pending"
        FUNDED = "funded"
        DISPUTED = "disputed"
        SETTLED = "settled"

    escrow = models.ForeignKey(Escrow, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(max_length=200)
    amount_minor = models.BigIntegerField()
    funded_minor = models.BigIntegerField(default=0)
    released_minor = models.BigIntegerField(default=0)
    refunded_minor = models.BigIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["escrow_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="milestone_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(funded_minor__gte=0)
                & Q(released_minor__gte=0)
                & Q(refunded_minor__gte=0),
                name="milestone_movements_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(funded_minor__lte=F("amount_minor")),
                name="milestone_funded_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(released_minor__lte=F("funded_minor") - F("refunded_minor")),
                name="milestone_paid_out_within_funded",
            ),
        ]

    @property
    def held_minor(self) -> int:
        return self.funded_minor - self.released_minor - self.refunded_minor

    def __str__(self) -> str:
        return self.title


class Account(models.Model):
    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="accounts")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    type = models.CharField(max_length=10, choices=AccountType.choices)
    currency = models.CharField(max_length=3)
    escrow = models.ForeignKey(
        Escrow, null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    balance_minor = models.BigIntegerField(default=0, help_text="cached sum of postings")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["venture_id", "purpose", "currency", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY), name="account_currency_iso4217"
            ),
            models.UniqueConstraint(
                fields=["venture", "purpose", "currency"],
                condition=Q(escrow__isnull=True, person__isnull=True),
                name="account_one_per_venture_purpose_currency",
            ),
            models.UniqueConstraint(
                fields=["escrow"], condition=Q(escrow__isnull=False), name="account_one_per_escrow"
            ),
            models.UniqueConstraint(
                fields=["venture", "person", "currency"],
                condition=Q(person__isnull=False),
                name="account_one_payable_per_person_currency",
            ),
            models.CheckConstraint(
                condition=Q(purpose=Purpose.ESCROW, escrow__isnull=False)
                | (~Q(purpose=Purpose.ESCROW) & Q(escrow__isnull=True)),
                name="account_escrow_purpose_has_escrow",
            ),
            models.CheckConstraint(
                condition=Q(purpose=Purpose.PAYABLE, person__isnull=False)
                | (~Q(purpose=Purpose.PAYABLE) & Q(person__isnull=True)),
                name="account_payable_purpose_has_person",
            ),
        ]

    @property
    def normal_balance_minor(self) -> int:
        """The balance as the account's owner reads it (credits positive on liabilities)."""
        return -self.balance_minor if self.type in CREDIT_NORMAL else self.balance_minor

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.currency} #{self.pk}"


class Kind(models.TextChoices):
    DEPOSIT = "deposit"
    FUND = "fund"
    RELEASE = "release"
    REFUND = "refund"
    DISPUTE = "dispute"
    RESOLVE = "resolve"
    PAYOUT = "payout"
    PAYOUT_REVERSAL = "payout_reversal"
    REVERSAL = "reversal"


class LedgerTransaction(models.Model):
    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="transactions")
    idempotency_key = models.CharField(max_length=128)
    fingerprint = models.CharField(max_length=64, help_text="digest of the request")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    memo = models.CharField(max_length=300, blank=True, default="")
    occurred_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    fx_base = models.CharField(max_length=3, blank=True, default="")
    fx_quote = models.CharField(max_length=3, blank=True, default="")
    fx_rate = ExactDecimalField(max_digits=30, decimal_places=12, null=True, blank=True)
    fx_source = models.CharField(max_length=64, blank=True, default="")
    fx_date = models.DateField(null=True, blank=True)
    fx_age_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="days between the rate's publication and value_date"
    )
    value_date = models.DateField(
        null=True, blank=True, help_text="the day a payment was for (today when not given)"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venture", "idempotency_key"],
                name="transaction_idempotency_key_unique_per_venture",
            ),
            models.CheckConstraint(
                condition=~Q(idempotency_key=""), name="transaction_idempotency_key_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.idempotency_key}"


class ImmutablePosting(Exception):
    pass


class Posting(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="postings"
    )
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)

    class Meta:
        ordering = ["transaction_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_minor=0), name="posting_amount_not_zero"),
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY), name="posting_currency_iso4217"
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutablePosting("Postings are never changed; post a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutablePosting("Postings are never deleted; post a reversal instead.")


class Disclosure(models.Model):
    """What a payee was told about one payment: rates, fees and both amounts."""

    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="disclosure"
    )
    payee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="disclosures"
    )
    gross_minor = models.BigIntegerField()
    fee_minor = models.BigIntegerField()
    net_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    paid_minor = models.BigIntegerField()
    paid_currency = models.CharField(max_length=3)
    mid_market_rate = ExactDecimalField(max_digits=30, decimal_places=12)
    applied_rate = ExactDecimalField(max_digits=30, decimal_places=12)
    rate_source = models.CharField(max_length=64)
    rate_date = models.DateField()
    rate_age_days = models.PositiveIntegerField(
        default=0, help_text="days the rate was older than the day it was used for"
    )
    rate_note = models.CharField(max_length=300, blank=True, default="")
    fees = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class PayoutBatch(models.Model):
    class State(models.TextChoices):
        OPEN = "open"
        SENT = "sent"

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="payout_batches")
    idempotency_key = models.CharField(max_length=128)
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venture", "idempotency_key"], name="payout_batch_key_unique_per_venture"
            ),
        ]


class PayoutLine(models.Model):
    class Rail(models.TextChoices):
        SEPA = "sepa", "SEPA credit transfer"
        CSV = "csv", "other rail (CSV)"

    class State(models.TextChoices):
        PAID = "paid"
        FAILED = "failed"

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="lines")
    payee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payout_lines"
    )
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="payout_lines")
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    rail = models.CharField(max_length=4, choices=Rail.choices)
    iban = models.CharField(max_length=34, blank=True, default="")
    bic = models.CharField(max_length=11, blank=True, default="")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PAID)
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="payout_line"
    )
    reversal = models.OneToOneField(
        LedgerTransaction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_payout_line",
    )

    class Meta:
        ordering = ["batch_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="payout_line_amount_positive"
            ),
        ]


class PayoutDetails(models.Model):
    """Where a person wants to be paid. Visible to the person and paying ventures only."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payout_details"
    )
    account_holder = models.CharField(max_length=70)
    iban = models.CharField(max_length=34, blank=True, default="")
    bic = models.CharField(max_length=11, blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)


class OperatorRate(models.Model):
    """An exchange rate the operator enters for a currency the ECB does not publish."""

    currency = models.CharField(max_length=3)
    on = models.DateField()
    per_eur = ExactDecimalField(
        max_digits=24, decimal_places=10, help_text="units of the currency per 1 EUR"
    )
    note = models.CharField(max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency", "-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "on"], name="operator_rate_one_per_currency_and_day"
            ),
            models.CheckConstraint(condition=Q(per_eur__gt=0), name="operator_rate_positive"),
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY), name="operator_rate_currency_iso4217"
            ),
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.per_eur} {self.currency} on {self.on}"


# The idempotency keys of writes that create something, in a module of their own.
from bornglobal.money.models_keys import IdempotentRequest  # noqa: E402, F401
