"""Payout batches: everything owed to payees leaves the books as one batch.

A batch moves each payee's payable balance to bank clearing, one transaction per
line, inside one database transaction: a crash part-way leaves nothing, and a
rerun under the same key does the whole batch. The key is claimed first
(`money.idempotency`), so requests sent twice at once answer the same batch.
EUR payees with an IBAN are paid by a SEPA credit-transfer file (pain.001.001.03,
checked against the XSD that ships in sepaxml); everyone else is listed in a CSV
for other rails. A line the bank returns is marked failed, which posts a reversal
back to the payable.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import sepaxml
from django.conf import settings
from django.db import transaction
from lxml import etree
from stdnum import iban as iban_number

from bornglobal import clock
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import accounts, idempotency, journal
from bornglobal.money.journal import Leg
from bornglobal.money.locks import lock_accounts
from bornglobal.money.models import (
    Account,
    Kind,
    PayoutBatch,
    PayoutDetails,
    PayoutLine,
    Purpose,
)
from bornglobal.tenancy import audit, selectors
from bornglobal.tenancy.actors import Actor

SEPA_SCHEMA = "pain.001.001.03"
SEPA_XSD = Path(sepaxml.__file__).parent / "schemas" / f"{SEPA_SCHEMA}.xsd"


def create_batch(actor: Actor, venture_id: int, key: str) -> PayoutBatch:
    """Pay out every payable with money owed, as one batch under one idempotency key."""
    key = journal.clean_key(key)
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        claim = idempotency.claim(
            idempotency.venture_space(venture.id),
            key,
            "payout_batch",
            idempotency.fingerprint(op="payout_batch"),
        )
        if not claim.fresh:
            return PayoutBatch.objects.get(id=claim.result_id)
        earlier = PayoutBatch.objects.filter(venture=venture, idempotency_key=key).first()
        if earlier is not None:  # a batch made before its key was claimed
            claim.done(earlier.id)
            return earlier
        owed = list(
            Account.objects.filter(
                venture=venture, purpose=Purpose.PAYABLE, balance_minor__lt=0
            ).order_by("id")
        )
        if not owed:
            raise Conflict("Nobody is owed money right now.", code="nothing_to_pay")
        banks = {cur: accounts.bank_clearing(venture, cur) for cur in {a.currency for a in owed}}
        locked = lock_accounts([*owed, *banks.values()])
        batch = PayoutBatch.objects.create(
            venture=venture, idempotency_key=key, created_by=actor.user, created_at=clock.now()
        )
        details = {
            d.person_id: d
            for d in PayoutDetails.objects.filter(person_id__in=[a.person_id for a in owed])
        }
        for account in owed:
            _pay_line(
                actor,
                batch,
                locked[account.pk],
                banks[account.currency],
                details.get(account.person_id),
            )
        if not batch.lines.exists():
            raise Conflict("Nobody is owed money right now.", code="nothing_to_pay")
        audit.record(
            actor.user,
            "payout.batch_created",
            venture=venture,
            target=batch,
            after={"lines": batch.lines.count(), "key": key},
        )
        claim.done(batch.id)
    return batch


def _pay_line(
    actor: Actor, batch: PayoutBatch, payable: Account, bank: Account, details: PayoutDetails | None
) -> PayoutLine | None:
    owed = Money(-payable.balance_minor, payable.currency)
    if not owed.is_positive:
        return None
    sepa = payable.currency == "EUR" and details is not None and bool(details.iban)
    txn = journal.record(
        batch.venture,
        kind=Kind.PAYOUT,
        key=f"{batch.idempotency_key}:line:{payable.pk}",
        print_=journal.fingerprint(
            op="payout", batch=batch.idempotency_key, account=payable.pk, amount=str(owed)
        ),
        actor=actor.user,
        memo=f"Payout to {payable.person.full_name}",
        legs=[Leg(payable, owed), Leg(bank, -owed)],
    )
    return PayoutLine.objects.create(
        batch=batch,
        payee=payable.person,
        account=payable,
        amount_minor=owed.minor,
        currency=owed.currency,
        rail=PayoutLine.Rail.SEPA if sepa else PayoutLine.Rail.CSV,
        iban=details.iban if sepa else "",
        bic=details.bic if sepa else "",
        transaction=txn,
    )


def mark_line_failed(actor: Actor, venture_id: int, line_id: int, key: str) -> PayoutLine:
    """The bank returned a payment: reverse it back to the payee's payable."""
    key = journal.clean_key(key)
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        line = (
            PayoutLine.objects.select_related("transaction")
            .filter(id=line_id, batch__venture=venture)
            .first()
        )
        if line is None:
            raise NotFound("No such payout line.")
        legs = journal.reversal_legs(line.transaction)
        lock_accounts([leg.account for leg in legs])
        line.refresh_from_db()
        print_ = journal.fingerprint(op="payout_failed", line=line.id)
        earlier = journal.replay(venture, key, print_)  # another request's key: refused
        if earlier is not None:  # a retry: the line this key failed
            return line
        if line.state == PayoutLine.State.FAILED:  # failed under another key: not a retry
            raise Conflict(
                "This payout line is already marked failed.",
                code="line_already_failed",
                details={"reversal_id": line.reversal_id},
            )
        txn = journal.record(
            venture,
            kind=Kind.PAYOUT_REVERSAL,
            key=key,
            print_=print_,
            actor=actor.user,
            legs=legs,
            reverses=line.transaction,
            memo=f"Returned payout to {line.payee.full_name}",
            unchecked_key=True,
        )
        if txn is None:  # the key was taken meanwhile: by this request (first result) or not
            journal.replay(venture, key, print_)
            line.refresh_from_db()
            return line
        line.state, line.reversal = PayoutLine.State.FAILED, txn
        line.save(update_fields=["state", "reversal"])
        audit.record(
            actor.user,
            "payout.line_failed",
            venture=venture,
            target=line,
            after={"amount": str(Money(line.amount_minor, line.currency))},
        )
    return line


def save_payout_details(
    actor: Actor, account_holder: str, iban: str, bic: str = ""
) -> PayoutDetails:
    """A person's own bank details; the IBAN is checked with python-stdnum."""
    if not actor.may_manage_own_account:
        raise Forbidden("This token may not change payout details.", code="token_scope")
    holder = (account_holder or "").strip()[:70]
    if not holder:
        raise DomainError("The account holder's name is required.", code="invalid_holder")
    clean_iban = ""
    if iban.strip():
        try:
            clean_iban = iban_number.validate(iban)
        except Exception as error:
            raise DomainError(
                f"{iban!r} is not a valid IBAN: {error}.", code="invalid_iban"
            ) from None
    with transaction.atomic():
        details, _ = PayoutDetails.objects.update_or_create(
            person=actor.user,
            defaults={
                "account_holder": holder,
                "iban": clean_iban,
                "bic": bic.strip().upper()[:11],
                "updated_at": clock.now(),
            },
        )
        audit.record(
            actor.user,
            "payout.details_saved",
            target=details,
            after={"iban_last4": clean_iban[-4:]},
        )
    return details


def sepa_file(batch: PayoutBatch, execution_date: date | None = None) -> bytes:
    """The batch's SEPA credit transfers as pain.001.001.03, validated against the XSD."""
    debtor = settings.SEPA_DEBTOR
    if not debtor["iban"] or not debtor["name"]:
        raise DomainError(
            "SEPA payouts are not configured: set BORNGLOBAL_SEPA_DEBTOR_NAME "
            "and BORNGLOBAL_SEPA_DEBTOR_IBAN.",
            code="sepa_not_configured",
        )
    lines = [
        line
        for line in batch.lines.select_related("payee")
        if line.rail == PayoutLine.Rail.SEPA and line.state == PayoutLine.State.PAID
    ]
    if not lines:
        raise Conflict("This batch has no SEPA payments.", code="no_sepa_lines")
    config = {"name": debtor["name"][:70], "IBAN": debtor["iban"], "batch": True, "currency": "EUR"}
    if debtor["bic"]:
        config["BIC"] = debtor["bic"]
    transfer = sepaxml.SepaTransfer(config, schema=SEPA_SCHEMA, clean=True)
    when = execution_date or clock.today()
    for line in lines:
        payment = {
            "name": line.payee.full_name[:70],
            "IBAN": line.iban,
            "amount": line.amount_minor,
            "execution_date": when,
            "description": f"Born Global payout {batch.pk}-{line.pk}"[:140],
            "endtoend_id": f"BG{batch.pk}L{line.pk}",
        }
        if line.bic:
            payment["BIC"] = line.bic
        transfer.add_payment(payment)
    document = transfer.export(validate=False)
    validate_sepa(document)
    return document


def validate_sepa(document: bytes) -> None:
    schema = etree.XMLSchema(etree.parse(str(SEPA_XSD)))
    parsed = etree.fromstring(document)
    if not schema.validate(parsed):
        raise DomainError(
            "The SEPA file does not validate against the pain.001 schema.",
            code="sepa_invalid",
            details=[str(e) for e in schema.error_log][:5],
        )


def csv_file(batch: PayoutBatch) -> str:
    """Every non-SEPA line that was paid, for other rails (Wise, local transfer, …)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "payee", "email", "country", "currency", "amount", "reference"])
    for line in batch.lines.select_related("payee").filter(
        rail=PayoutLine.Rail.CSV, state=PayoutLine.State.PAID
    ):
        amount = Money(line.amount_minor, line.currency).to_decimal()
        writer.writerow(
            [
                line.pk,
                line.payee.full_name,
                line.payee.email,
                line.payee.country,
                line.currency,
                f"{amount}",
                f"BG{batch.pk}L{line.pk}",
            ]
        )
    return out.getvalue()
