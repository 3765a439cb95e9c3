"""Money endpoints: books, escrow, payouts, the payee's side and exchange rates. Thin.

Every write goes through `money.services` or `money.payouts` and every read
through `money.selectors`, which check the actor's role in the venture.
"""

from datetime import date

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from bornglobal import clock
from bornglobal.apitypes import Amount, Currency, Pages
from bornglobal.domain.errors import NotFound
from bornglobal.domain.fx import convert
from bornglobal.money import payouts, rates, selectors, services
from bornglobal.money.schemas import (
    AccountOut,
    Day,
    DepositIn,
    DisclosureOut,
    DisputeIn,
    EarningOut,
    EscrowIn,
    EscrowOut,
    FxQuoteOut,
    ImportedOut,
    KeyIn,
    MilestoneOut,
    OperatorRatesIn,
    PayableOut,
    PayoutBatchOut,
    PayoutDetailsIn,
    PayoutDetailsOut,
    PayoutLineOut,
    PositionOut,
    RefundIn,
    ReleaseIn,
    ResolutionOut,
    ResolveIn,
    StatementOut,
    TransactionOut,
    decimal_text,
    parse_amount,
)
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["money"])


def _file(media_type: str, description: str) -> dict:
    """OpenAPI for a download: the body is a file, not JSON."""
    schema = {"type": "string", "format": "binary"}
    return {
        "responses": {
            200: {"description": description, "content": {media_type: {"schema": schema}}}
        }
    }


def _download(content: bytes | str, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The venture's books


@router.get("/ventures/{venture_id}/money/positions", response={200: list[PositionOut], **ERRORS})
@paginate(Pages)
def list_positions(request, venture_id: ObjectId):
    """Per currency: the wallet, money held in escrow, owed to payees, and fees earned."""
    return selectors.positions(actor_of(request), venture_id)


@router.get("/ventures/{venture_id}/money/accounts", response={200: list[AccountOut], **ERRORS})
@paginate(Pages)
def list_accounts(request, venture_id: ObjectId):
    return selectors.accounts_of(actor_of(request), venture_id)


@router.get(
    "/ventures/{venture_id}/money/accounts/{account_id}/statement",
    response={200: StatementOut, **ERRORS},
)
def account_statement(request, venture_id: ObjectId, account_id: ObjectId):
    """The account's postings, oldest first, with the running balance."""
    account, lines = selectors.statement(actor_of(request), venture_id, account_id)
    return {"account": account, "lines": lines}


@router.get(
    "/ventures/{venture_id}/money/transactions", response={200: list[TransactionOut], **ERRORS}
)
@paginate(Pages)
def list_transactions(request, venture_id: ObjectId):
    """Newest first, each with its postings and, for a conversion, the rate used."""
    return selectors.transactions_of(actor_of(request), venture_id)


@router.get(
    "/ventures/{venture_id}/money/transactions/{transaction_id}",
    response={200: TransactionOut, **ERRORS},
)
def get_transaction(request, venture_id: ObjectId, transaction_id: ObjectId):
    return selectors.transaction_for(actor_of(request), venture_id, transaction_id)


@router.post("/ventures/{venture_id}/money/deposits", response={201: TransactionOut, **ERRORS})
def deposit(request, venture_id: ObjectId, payload: DepositIn):
    """Record money that arrived from the venture's bank into its wallet."""
    txn = services.deposit(
        actor_of(request),
        venture_id,
        payload.amount.to_money(),
        payload.idempotency_key,
        payload.memo,
    )
    return Status(201, txn)


# Escrow


@router.get("/ventures/{venture_id}/escrows", response={200: list[EscrowOut], **ERRORS})
@paginate(Pages)
def list_escrows(request, venture_id: ObjectId):
    return selectors.escrows_of(actor_of(request), venture_id)


@router.post("/ventures/{venture_id}/escrows", response={201: EscrowOut, **ERRORS})
def open_escrow(request, venture_id: ObjectId, payload: EscrowIn):
    """An escrow for one contract, in the venture's currency, with its milestones."""
    plans = [
        services.MilestonePlan(m.title, m.amount.to_money(), m.due_on) for m in payload.milestones
    ]
    actor = actor_of(request)
    escrow = services.open_escrow(
        actor,
        venture_id,
        payload.payee_email,
        payload.contract_ref,
        payload.title,
        plans,
        payload.payee_currency,
        key=payload.idempotency_key,
    )
    return Status(201, selectors.escrow_for(actor, venture_id, escrow.id))


@router.get("/ventures/{venture_id}/escrows/{escrow_id}", response={200: EscrowOut, **ERRORS})
def get_escrow(request, venture_id: ObjectId, escrow_id: ObjectId):
    return selectors.escrow_for(actor_of(request), venture_id, escrow_id)


@router.post(
    "/ventures/{venture_id}/milestones/{milestone_id}/fund",
    response={201: TransactionOut, **ERRORS},
)
def fund_milestone(request, venture_id: ObjectId, milestone_id: ObjectId, payload: KeyIn):
    """Move the milestone's full amount from the wallet into escrow."""
    txn = services.fund_milestone(
        actor_of(request), venture_id, milestone_id, payload.idempotency_key
    )
    return Status(201, txn)


@router.post(
    "/ventures/{venture_id}/milestones/{milestone_id}/release",
    response={201: DisclosureOut, **ERRORS},
)
def release_milestone(request, venture_id: ObjectId, milestone_id: ObjectId, payload: ReleaseIn):
    """Pay (part of) the escrow to the payee in their currency; answers the disclosure."""
    amount = payload.amount.to_money() if payload.amount else None
    disclosure = services.release(
        actor_of(request),
        venture_id,
        milestone_id,
        payload.idempotency_key,
        amount=amount,
        on=payload.on,
    )
    return Status(201, disclosure)


@router.post(
    "/ventures/{venture_id}/milestones/{milestone_id}/refund",
    response={201: TransactionOut, **ERRORS},
)
def refund_milestone(request, venture_id: ObjectId, milestone_id: ObjectId, payload: RefundIn):
    amount = payload.amount.to_money() if payload.amount else None
    txn = services.refund(
        actor_of(request), venture_id, milestone_id, payload.idempotency_key, amount=amount
    )
    return Status(201, txn)


@router.post(
    "/ventures/{venture_id}/milestones/{milestone_id}/dispute",
    response={200: MilestoneOut, **ERRORS},
)
def open_dispute(request, venture_id: ObjectId, milestone_id: ObjectId, payload: DisputeIn):
    """Freeze the milestone's escrow. The venture or the payee may open a dispute."""
    return services.open_dispute(
        actor_of(request), venture_id, milestone_id, payload.reason, payload.idempotency_key
    )


@router.post(
    "/ventures/{venture_id}/milestones/{milestone_id}/resolve",
    response={200: ResolutionOut, **ERRORS},
)
def resolve_dispute(request, venture_id: ObjectId, milestone_id: ObjectId, payload: ResolveIn):
    """Split a disputed escrow: `payee_share` to the payee, the rest back to the wallet."""
    resolution = services.resolve_dispute(
        actor_of(request),
        venture_id,
        milestone_id,
        payload.idempotency_key,
        payload.payee_share.to_money(),
        on=payload.on,
    )
    return {"paid": resolution.paid, "refunded": resolution.refunded}


# Payouts


@router.post("/ventures/{venture_id}/payouts", response={201: PayoutBatchOut, **ERRORS})
def create_payout_batch(request, venture_id: ObjectId, payload: KeyIn):
    """Pay out everything owed to payees, as one batch."""
    actor = actor_of(request)
    batch = payouts.create_batch(actor, venture_id, payload.idempotency_key)
    return Status(201, selectors.batch_for(actor, venture_id, batch.id))


@router.get("/ventures/{venture_id}/payouts", response={200: list[PayoutBatchOut], **ERRORS})
@paginate(Pages)
def list_payout_batches(request, venture_id: ObjectId):
    return selectors.batches_of(actor_of(request), venture_id)


@router.get("/ventures/{venture_id}/payouts/{batch_id}", response={200: PayoutBatchOut, **ERRORS})
def get_payout_batch(request, venture_id: ObjectId, batch_id: ObjectId):
    return selectors.batch_for(actor_of(request), venture_id, batch_id)


@router.get(
    "/ventures/{venture_id}/payouts/{batch_id}/sepa.xml",
    response={200: None, **ERRORS},
    openapi_extra=_file("application/xml", "SEPA credit transfers (pain.001.001.03)."),
)
def payout_sepa_file(request, venture_id: ObjectId, batch_id: ObjectId):
    """The batch's EUR payments to IBANs as a SEPA file for the venture's bank."""
    batch = selectors.batch_for(actor_of(request), venture_id, batch_id)
    return _download(payouts.sepa_file(batch), "application/xml", f"payout-{batch.id}.xml")


@router.get(
    "/ventures/{venture_id}/payouts/{batch_id}/lines.csv",
    response={200: None, **ERRORS},
    openapi_extra=_file("text/csv", "Payments for other rails, one line each."),
)
def payout_csv_file(request, venture_id: ObjectId, batch_id: ObjectId):
    batch = selectors.batch_for(actor_of(request), venture_id, batch_id)
    return _download(payouts.csv_file(batch), "text/csv; charset=utf-8", f"payout-{batch.id}.csv")


@router.post(
    "/ventures/{venture_id}/payouts/{batch_id}/lines/{line_id}/fail",
    response={200: PayoutLineOut, **ERRORS},
)
def fail_payout_line(
    request, venture_id: ObjectId, batch_id: ObjectId, line_id: ObjectId, payload: KeyIn
):
    """The bank returned this payment: the amount goes back to the payee's payable."""
    actor = actor_of(request)
    batch = selectors.batch_for(actor, venture_id, batch_id)
    if not batch.lines.filter(id=line_id).exists():
        raise NotFound("No such payout line.")
    return payouts.mark_line_failed(actor, venture_id, line_id, payload.idempotency_key)


# The payee's side


@router.get("/me/earnings", response={200: list[EarningOut], **ERRORS})
@paginate(Pages)
def my_earnings(request):
    """Every payment made to you, with the fees and the exchange rate disclosed."""
    return selectors.my_disclosures(actor_of(request))


@router.get("/me/payables", response={200: list[PayableOut], **ERRORS})
@paginate(Pages)
def my_payables(request):
    """What each venture owes you and has not paid out yet."""
    return selectors.my_payables(actor_of(request))


@router.get("/me/payout-details", response={200: PayoutDetailsOut, **ERRORS})
def my_payout_details(request):
    details = selectors.my_payout_details(actor_of(request))
    if details is None:
        raise NotFound("You have not given payout details yet.")
    return details


@router.put("/me/payout-details", response={200: PayoutDetailsOut, **ERRORS})
def save_payout_details(request, payload: PayoutDetailsIn):
    """Where you want to be paid. The IBAN is checked; EUR payouts to it go by SEPA."""
    return payouts.save_payout_details(
        actor_of(request), payload.account_holder, payload.iban, payload.bic
    )


# Exchange rates


class QuoteQuery(Schema):
    base: Currency = Field(..., description="e.g. EUR")
    quote: Currency = Field(..., description="e.g. INR")
    on: Day | None = Field(None, description="The rate date; defaults to today.")
    amount: Amount | None = Field(None, description="An amount of `base` to convert.")


@router.get("/fx/quote", response={200: FxQuoteOut, **ERRORS})
def fx_quote(request, query: Query[QuoteQuery]):
    """The rate the platform would use on a day (falling back to the last publication)."""
    base, quote = query.base, query.quote
    on: date = query.on or clock.today()
    money = parse_amount(query.amount, base) if query.amount else None
    if money is not None:
        conversion = convert(money, quote, on, rates.current())
        rate, converted = conversion.rate, conversion.target
    else:
        rate, converted = rates.current().rate(base, quote, on), None
    return {
        "base": rate.base,
        "quote": rate.quote,
        "rate": decimal_text(rate.value),
        "requested": rate.requested,
        "used": rate.used,
        "source": rate.source,
        "fell_back": rate.fell_back,
        "age_days": rate.age_days,
        "stale": rate.stale,
        "describe": rate.describe(),
        "amount": money,
        "converted": converted,
    }


@router.post("/fx/operator-rates", response={200: ImportedOut, **ERRORS})
def import_operator_rates(request, payload: OperatorRatesIn):
    """Instance staff only: load rates for currencies the ECB does not publish."""
    return {"imported": rates.import_csv(actor_of(request), payload.csv, payload.note)}
