"""The place-of-supply rules: from a checked sale to a treatment and its reason.

Services and goods follow different rules. For **services** the question is
where the customer is and whether it is a business: business customers
abroad account for the tax themselves (reverse charge); consumers pay the
seller's VAT for general services (Art. 45 Directive 2006/112/EC) but the
consumer's own VAT for e-services (Art. 58), subject to the EUR 10,000
threshold inside the EU (Art. 59c). For **goods** the question is where they
travel: within one country they are domestic, between member states they are
an exempt intra-community supply to a business with a VAT number (Art. 138)
or a distance sale to a consumer (Art. 33, with the same threshold), and
leaving a territory they are an export (Art. 146).

Simplifications, on purpose: the special place-of-supply rules (Art. 47 land,
Art. 53-54 events, Art. 59 consultancy to consumers outside the EU), domestic
reverse charges, low-value import schemes (IOSS, the UK's GBP 135 rule,
Australia's and New Zealand's low-value goods rules, Norway's VOEC for goods)
and Northern Ireland are not modelled. Foreign-seller thresholds outside the
EU (AUD 75,000, NZD 60,000, NOK 50,000, CHF 100,000, SGD 100,000) are assumed
passed, so the destination's tax is shown as due.
"""

from __future__ import annotations

from bornglobal.domain.tax_ids import in_eu
from bornglobal.domain.tax_rates import TaxError
from bornglobal.domain.tax_regimes import EU_VAT, Regime, regime_of
from bornglobal.domain.tax_terms import Ruling, Sale, Supply, Treatment

UNION_OSS = (
    "VAT of {country} charged under the One-Stop Shop (Union scheme, Articles 369a\u2013369k "
    "Council Directive 2006/112/EC)"
)


def rule(sale: Sale) -> Ruling:
    """The treatment of `sale`, without its rate."""
    return goods(sale) if sale.supply is Supply.GOODS else services(sale)


def not_in_scope(first: str, second: str) -> TaxError:
    return TaxError(
        f"Neither {first} nor {second} is a country whose VAT/GST rules are known "
        "(EU-27, GB, NO, CH, AU, NZ, SG, IN).",
        code="not_in_scope",
        details={"countries": [first, second]},
    )


def _domestic(country: str, why: str) -> Ruling:
    regime = regime_of(country)
    if regime is None:
        raise not_in_scope(country, country)
    return Ruling(Treatment.DOMESTIC, country, "", why, regime.tax_name)


def _treats_as_business(sale: Sale) -> bool:
    """Business status, with the EU rule that a cross-border buyer needs a VAT number."""
    if not sale.business:
        return False
    return not in_eu(sale.buyer) or sale.buyer_vat.number is not None


def _consumer_note(sale: Sale) -> str:
    if sale.business and not _treats_as_business(sale):
        return (
            " The buyer is a business but gave no VAT number, so it is treated as a "
            "consumer (Art. 18 Implementing Regulation 282/2011)."
        )
    return ""


def services(sale: Sale) -> Ruling:
    seller_regime, buyer_regime = regime_of(sale.seller), regime_of(sale.buyer)
    if seller_regime is None and buyer_regime is None:
        raise not_in_scope(sale.seller, sale.buyer)
    if sale.seller == sale.buyer:
        return _domestic(
            sale.seller,
            f"Seller and buyer are both in {sale.seller}, so the supply is taxed there at "
            f"{sale.seller}'s rate.",
        )
    if _treats_as_business(sale):
        return _business_services(sale, seller_regime, buyer_regime)
    return _consumer_services(sale, seller_regime, buyer_regime)


def _business_services(sale: Sale, seller: Regime | None, buyer: Regime | None) -> Ruling:
    if buyer is not None:
        legal = buyer.buyer_accounts
        if seller is not None and seller is not buyer:
            legal = f"{legal}. {seller.services_abroad}"
        why = (
            f"A business in {sale.buyer} buys services from a seller in {sale.seller}: "
            f"{buyer.buyer_accounts_rule}."
        )
        return Ruling(Treatment.REVERSE_CHARGE, sale.buyer, legal, why, buyer.tax_name)
    assert seller is not None  # at least one side is covered (checked by the caller)
    return _services_abroad(sale, seller, seller.services_abroad, seller.services_abroad_rule)


def _services_abroad(
    sale: Sale, seller: Regime, legal: str, rule_text: str, note: str = ""
) -> Ruling:
    why = f"The buyer is in {sale.buyer}, outside the {seller.name} territory: {rule_text}.{note}"
    if seller.services_abroad_zero_rated:
        return Ruling(Treatment.EXPORT, sale.seller, legal, why, seller.tax_name)
    return Ruling(Treatment.OUTSIDE_SCOPE, None, legal, why, seller.tax_name)


def _consumer_services(sale: Sale, seller: Regime | None, buyer: Regime | None) -> Ruling:
    note = _consumer_note(sale)
    e_services = sale.supply is Supply.E_SERVICES
    if seller is EU_VAT and buyer is EU_VAT:
        if e_services:
            return _eu_distance(sale, sale.seller, sale.buyer, "e-services", note)
        return _at_seller(sale, seller, note)
    if e_services and buyer is not None:
        why = f"A consumer in {sale.buyer} buys e-services from a seller in {sale.seller}: "
        return Ruling(
            Treatment.OSS,
            sale.buyer,
            buyer.foreign_b2c.format(country=sale.buyer),
            why + buyer.foreign_b2c_rule + "." + note,
            buyer.tax_name,
        )
    if seller is None:
        assert buyer is not None
        return Ruling(
            Treatment.OUTSIDE_SCOPE,
            None,
            f"Not subject to {buyer.name}: supplier established outside its territory",
            f"General services to a consumer are taxed where the supplier is established, "
            f"here {sale.seller}, outside the {buyer.name} territory; no {buyer.tax_name} is "
            f"charged.{note}",
            buyer.tax_name,
        )
    if not e_services and seller.b2c_services_at_seller:
        return _at_seller(sale, seller, note)
    if e_services and seller.consumer_services_abroad:
        rule_text = (
            "electronically supplied services to a consumer are supplied where the consumer "
            "lives (Art. 58 Directive 2006/112/EC; Schedule 4A VAT Act 1994 in the UK)"
        )
        legal = seller.consumer_services_abroad
        return _services_abroad(sale, seller, legal, rule_text, note)
    legal, rule_text = seller.services_abroad, seller.services_abroad_rule
    return _services_abroad(sale, seller, legal, rule_text, note)


def _at_seller(sale: Sale, seller: Regime, note: str) -> Ruling:
    article = "Art. 45 Directive 2006/112/EC" if seller is EU_VAT else "section 7(10) VAT Act 1994"
    return _domestic(
        sale.seller,
        f"General services to a consumer are taxed where the supplier is established "
        f"({article}), so {sale.seller}'s rate applies although the buyer is in "
        f"{sale.buyer}.{note}",
    )


def _eu_distance(sale: Sale, origin: str, destination: str, what: str, note: str) -> Ruling:
    """E-services or goods to a consumer in another member state: Art. 58/33 and 59c."""
    article = "Art. 58" if what == "e-services" else "Art. 33"
    threshold_applies = sale.seller == origin and in_eu(sale.seller)
    if threshold_applies and not sale.over_threshold:
        return _domestic(
            origin,
            f"{what.capitalize()} to a consumer in another member state are taxed where the "
            f"consumer is ({article} Directive 2006/112/EC), but the seller's EU-wide "
            f"cross-border e-services and distance sales stay under EUR 10,000 a year "
            f"(Art. 59c), so {origin}'s VAT applies.{note}",
        )
    reason = (
        "the seller's EU-wide cross-border sales are over EUR 10,000 a year (Art. 59c)"
        if threshold_applies
        else "the EUR 10,000 threshold of Art. 59c is only for sellers established in, and "
        "dispatching from, a single member state"
    )
    return Ruling(
        Treatment.OSS,
        destination,
        UNION_OSS.format(country=destination),
        f"{what.capitalize()} to a consumer in {destination} are taxed there ({article} "
        f"Directive 2006/112/EC) and {reason}: {destination}'s rate applies, declared through "
        f"the One-Stop Shop.{note}",
    )


def goods(sale: Sale) -> Ruling:
    origin, destination = sale.ship_from, sale.ship_to
    leaving, entering = regime_of(origin), regime_of(destination)
    if leaving is None and entering is None:
        raise not_in_scope(origin, destination)
    if origin == destination:
        elsewhere = (
            f" The seller, established in {sale.seller}, needs a registration in {origin}."
            if sale.seller != origin
            else ""
        )
        return _domestic(
            origin,
            f"The goods are shipped within {origin}, so the sale is taxed there.{elsewhere}",
        )
    if leaving is EU_VAT and entering is EU_VAT:
        return _intra_eu_goods(sale, origin, destination)
    if leaving is not None:
        arriving = (
            f" {entering.tax_name} on import is due when they enter {destination}, normally "
            "from the importer."
            if entering is not None
            else ""
        )
        return Ruling(
            Treatment.EXPORT,
            origin,
            leaving.goods_export,
            f"The goods leave {origin} for {destination}, outside the {leaving.name} "
            f"territory, and an export is relieved of tax.{arriving}",
            leaving.tax_name,
        )
    assert entering is not None
    return Ruling(
        Treatment.OUTSIDE_SCOPE,
        None,
        f"No {entering.tax_name} charged by the supplier: import {entering.tax_name} is due on "
        f"entry into {destination}",
        f"The goods travel from {origin}, outside every covered territory, into {destination}; "
        f"the importer pays {entering.name} at the border.",
        entering.tax_name,
    )


def _intra_eu_goods(sale: Sale, origin: str, destination: str) -> Ruling:
    if sale.business and sale.buyer_vat.number:
        if sale.buyer == origin:
            return _domestic(
                origin,
                f"The buyer's VAT number is from {origin}, the member state the goods leave, so "
                f"the exemption of Art. 138(1)(b) does not apply and {origin}'s VAT is due.",
            )
        return Ruling(
            Treatment.INTRA_COMMUNITY_EXEMPT,
            destination,
            "Exempt intra-Community supply \u2013 Article 138 Council Directive 2006/112/EC",
            f"Goods dispatched from {origin} to {destination} to a business with a "
            f"{sale.buyer} VAT number are exempt in {origin} (Art. 138); the buyer accounts "
            f"for the intra-Community acquisition in {destination} (Art. 20 and 40).",
        )
    return _eu_distance(sale, origin, destination, "goods", _consumer_note(sale))
