"""`GET /api/v1/tax/quote`: which VAT/GST applies to a sale, at what rate, and why.

The same decision as `bornglobal tax quote`, from `domain.tax.decide`. It reads no
venture data, so any logged-in user or token may ask. A country that is not an ISO
3166-1 alpha-2 code or a date that is not YYYY-MM-DD is a 422 (docs/api.md); other
bad facts (a country without tax data, a date before the rate data, a malformed VAT
number) answer 400 with the domain's code, e.g. `unknown_country`,
`date_before_data`, `invalid_vat_id`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from bornglobal.apitypes import Country, Day, Text
from bornglobal.domain.tax import RateKind, Supply, TaxFacts, decide
from bornglobal.tenancy.api import ERRORS

router = Router(tags=["tax"])


class QuoteIn(Schema):
    seller_country: Country
    seller_vat_id: Text | None = Field(None, max_length=32)
    buyer_country: Country
    buyer_vat_id: Text | None = Field(None, max_length=32)
    business: bool = False
    supply: Literal["services", "e-services", "goods"]
    ship_from: Country | None = None
    ship_to: Country | None = None
    over_threshold: bool = False
    date: Day
    rate_kind: Literal["standard", "reduced", "reduced_low", "super_reduced"] = "standard"


class QuoteOut(Schema):
    treatment: str
    rate_country: str | None
    rate: str
    tax_name: str
    legal_text: str
    why: str
    buyer_vat_id_status: str
    rate_source: str


def facts_of(params: QuoteIn) -> TaxFacts:
    return TaxFacts(
        seller_country=params.seller_country,
        seller_vat_id=params.seller_vat_id or None,
        buyer_country=params.buyer_country,
        buyer_is_business=params.business,
        buyer_vat_id=params.buyer_vat_id or None,
        supply=Supply(params.supply),
        supply_date=params.date,
        ship_from=params.ship_from or None,
        ship_to=params.ship_to or None,
        over_eu_threshold=params.over_threshold,
        rate_kind=RateKind(params.rate_kind),
    )


def quote_out(facts: TaxFacts) -> dict:
    decision = asdict(decide(facts))
    decision["treatment"] = decision["treatment"].value
    decision["rate"] = str(decision["rate"])
    return decision


@router.get("/tax/quote", response={200: QuoteOut, **ERRORS}, summary="Decide VAT/GST for a sale")
def tax_quote(request, params: Query[QuoteIn]):
    """The treatment (domestic, reverse_charge, oss_destination,
    intra_community_exempt, export_zero_rated, outside_scope), the country whose rate
    applies, the rate in force on `date`, the wording for the invoice and the rule
    behind it. VAT numbers are checked for format only."""
    return quote_out(facts_of(params))
