"""The words of the tax rules: kinds of supply, treatments, and a checked sale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bornglobal.domain.tax_ids import VatId


class Supply(StrEnum):
    SERVICES = "services"
    E_SERVICES = "e-services"
    GOODS = "goods"


class Treatment(StrEnum):
    DOMESTIC = "domestic"
    REVERSE_CHARGE = "reverse_charge"
    OSS = "oss_destination"
    INTRA_COMMUNITY_EXEMPT = "intra_community_exempt"
    EXPORT = "export_zero_rated"
    OUTSIDE_SCOPE = "outside_scope"

    @property
    def charges_tax(self) -> bool:
        return self in (Treatment.DOMESTIC, Treatment.OSS)


@dataclass(frozen=True, slots=True)
class Ruling:
    """A treatment before its rate is looked up."""

    treatment: Treatment
    rate_country: str | None
    legal_text: str
    why: str
    tax_name: str = "VAT"


@dataclass(frozen=True, slots=True)
class Sale:
    """The facts, normalised and checked."""

    seller: str
    buyer: str
    registered: bool
    business: bool
    buyer_vat: VatId
    supply: Supply
    day: date
    ship_from: str
    ship_to: str
    over_threshold: bool
