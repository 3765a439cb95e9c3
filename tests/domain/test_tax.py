"""domain.tax.decide: one table per treatment and country group, bad input, determinism."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.tax import RateKind, Supply, TaxError, TaxFacts, Treatment, decide

DAY = date(2026, 1, 15)
VAT_IDS = {
    "DE": "DE136695976",
    "FR": "FR40303265045",
    "AT": "ATU13585627",
    "GR": "EL094259216",
    "NL": "NL004495445B01",
    "FI": "FI20774740",
    "DK": "DK13585628",
    "SK": "SK2022749619",
    "RO": "RO18547290",
    "EE": "EE100931558",
    "GB": "GB980780684",
    "NO": "NO995525828MVA",
    "CH": "CHE-107.787.577 MWST",
    "AU": "51 824 753 556",
    "NZ": "49-091-850",
    "SG": "201912345R",
    "IN": "27AAPFU0939F1ZV",
}


def _facts(seller, buyer, supply="services", business=True, **extra):
    seller_vat = extra.pop("seller_vat", VAT_IDS.get(seller))
    buyer_vat = extra.pop("buyer_vat", VAT_IDS.get(buyer) if business else None)
    return TaxFacts(
        seller_country=seller,
        seller_vat_id=seller_vat,
        buyer_country=buyer,
        buyer_is_business=business,
        buyer_vat_id=buyer_vat,
        supply=Supply(supply),
        supply_date=extra.pop("day", DAY),
        **extra,
    )


def _outcome(facts):
    decision = decide(facts)
    return decision.treatment, decision.rate_country, decision.rate


EU_B2B_SERVICES = [
    ("DE", "FR", Treatment.REVERSE_CHARGE, "FR", "0"),
    ("FR", "GR", Treatment.REVERSE_CHARGE, "GR", "0"),
    ("AT", "NL", Treatment.REVERSE_CHARGE, "NL", "0"),
    ("DE", "DE", Treatment.DOMESTIC, "DE", "19"),
    ("FI", "FI", Treatment.DOMESTIC, "FI", "25.5"),
]


@pytest.mark.parametrize(("seller", "buyer", "treatment", "country", "rate"), EU_B2B_SERVICES)
def test_eu_business_services(seller, buyer, treatment, country, rate):
    # given a business buyer with a VAT number and a registered EU seller
    facts = _facts(seller, buyer)
    # when the supply of services is decided
    outcome = _outcome(facts)
    # then cross-border is reverse-charged to the buyer, same-country is domestic
    assert outcome == (treatment, country, Decimal(rate))


def test_reverse_charge_carries_the_article_196_wording():
    # given DE to FR business services
    decision = decide(_facts("DE", "FR"))
    # then the invoice wording and the reason name the articles
    assert decision.legal_text == "Reverse charge \u2013 Article 196 Council Directive 2006/112/EC"
    assert "Art. 44" in decision.why and "Art. 196" in decision.why
    assert decision.buyer_vat_id_status == "format valid, not verified online"


EU_B2C_E_SERVICES = [
    # seller, buyer, over the EUR 10,000 threshold, treatment, rate country, rate
    ("DE", "FR", False, Treatment.DOMESTIC, "DE", "19"),
    ("DE", "FR", True, Treatment.OSS, "FR", "20"),
    ("FR", "FI", True, Treatment.OSS, "FI", "25.5"),
    ("AT", "GR", False, Treatment.DOMESTIC, "AT", "20"),
    ("AT", "GR", True, Treatment.OSS, "GR", "24"),
    ("NL", "NL", True, Treatment.DOMESTIC, "NL", "21"),
]


@pytest.mark.parametrize(
    ("seller", "buyer", "over", "treatment", "country", "rate"), EU_B2C_E_SERVICES
)
def test_eu_consumer_e_services_under_and_over_the_threshold(
    seller, buyer, over, treatment, country, rate
):
    # given a consumer buying e-services from an EU seller
    facts = _facts(seller, buyer, "e-services", business=False, over_eu_threshold=over)
    # when decided
    outcome = _outcome(facts)
    # then under EUR 10,000 the seller's VAT applies, over it the consumer's (OSS)
    assert outcome == (treatment, country, Decimal(rate))


def test_a_business_without_a_vat_number_in_another_member_state_is_a_consumer():
    # given an EU business buyer that gave no VAT number
    facts = _facts("DE", "FR", "e-services", business=True, buyer_vat=None, over_eu_threshold=True)
    # when decided
    decision = decide(facts)
    # then it is treated as a consumer and says so
    assert decision.treatment is Treatment.OSS
    assert "282/2011" in decision.why
    assert decision.buyer_vat_id_status == "not given"


def test_general_services_to_a_consumer_abroad_take_the_sellers_rate():
    # given general services from a German seller to a French consumer
    decision = decide(_facts("DE", "FR", business=False, over_eu_threshold=True))
    # then Art. 45: German VAT, no OSS for general services
    assert (decision.treatment, decision.rate_country, decision.rate) == (
        Treatment.DOMESTIC,
        "DE",
        Decimal("19"),
    )
    assert "Art. 45" in decision.why


INTRA_EU_GOODS = [
    # seller, buyer, business, over threshold, treatment, rate country, rate
    ("DE", "FR", True, False, Treatment.INTRA_COMMUNITY_EXEMPT, "FR", "0"),
    ("FR", "AT", True, True, Treatment.INTRA_COMMUNITY_EXEMPT, "AT", "0"),
    ("DE", "FR", False, False, Treatment.DOMESTIC, "DE", "19"),
    ("DE", "FR", False, True, Treatment.OSS, "FR", "20"),
    ("DE", "DE", True, False, Treatment.DOMESTIC, "DE", "19"),
]


@pytest.mark.parametrize(
    ("seller", "buyer", "business", "over", "treatment", "country", "rate"), INTRA_EU_GOODS
)
def test_intra_eu_goods(seller, buyer, business, over, treatment, country, rate):
    # given goods shipped from the seller's country to the buyer's
    facts = _facts(seller, buyer, "goods", business=business, over_eu_threshold=over)
    # when decided
    outcome = _outcome(facts)
    # then B2B with a VAT number is exempt (Art. 138), B2C is a distance sale
    assert outcome == (treatment, country, Decimal(rate))


def test_intra_community_supply_names_article_138():
    decision = decide(_facts("DE", "FR", "goods"))
    assert "Article 138" in decision.legal_text


def test_goods_from_a_foreign_warehouse_are_taxed_where_they_are_sold():
    # given a German seller shipping from a French warehouse to a French consumer
    facts = _facts("DE", "FR", "goods", business=False, ship_from="FR", ship_to="FR")
    # then French VAT applies and the seller is told it needs a French registration
    decision = decide(facts)
    assert (decision.treatment, decision.rate_country) == (Treatment.DOMESTIC, "FR")
    assert "registration in FR" in decision.why


EXPORTS = [
    # seller, buyer, legal wording fragment
    ("DE", "US", "Article 146"),
    ("FR", "GB", "Article 146"),
    ("GB", "FR", "section 30(6)"),
    ("NO", "SE", "section 6-21"),
    ("CH", "DE", "Article 23"),
    ("AU", "NZ", "38-185"),
    ("SG", "IN", "section 21(3)"),
]


@pytest.mark.parametrize(("seller", "buyer", "wording"), EXPORTS)
def test_goods_leaving_the_territory_are_zero_rated_exports(seller, buyer, wording):
    # given goods shipped out of the seller's tax territory
    decision = decide(_facts(seller, buyer, "goods", business=False))
    # then the export is relieved of tax at the origin
    assert (decision.treatment, decision.rate_country, decision.rate) == (
        Treatment.EXPORT,
        seller,
        Decimal("0"),
    )
    assert wording in decision.legal_text


def test_goods_from_outside_every_territory_pay_import_vat_at_the_border():
    decision = decide(_facts("US", "DE", "goods", business=False))
    assert decision.treatment is Treatment.OUTSIDE_SCOPE
    assert "import" in decision.legal_text.lower()


UK_NO_CH = [
    # seller, buyer, supply, business, treatment, rate country, rate, tax name
    ("GB", "GB", "services", True, Treatment.DOMESTIC, "GB", "20", "VAT"),
    ("NO", "NO", "services", True, Treatment.DOMESTIC, "NO", "25", "MVA"),
    ("CH", "CH", "services", True, Treatment.DOMESTIC, "CH", "8.1", "MWST"),
    ("DE", "GB", "services", True, Treatment.REVERSE_CHARGE, "GB", "0", "VAT"),
    ("DE", "NO", "services", True, Treatment.REVERSE_CHARGE, "NO", "0", "MVA"),
    ("FR", "CH", "services", True, Treatment.REVERSE_CHARGE, "CH", "0", "MWST"),
    ("GB", "DE", "services", True, Treatment.REVERSE_CHARGE, "DE", "0", "VAT"),
    ("DE", "GB", "e-services", False, Treatment.OSS, "GB", "20", "VAT"),
    ("GB", "FR", "e-services", False, Treatment.OSS, "FR", "20", "VAT"),
    ("DE", "NO", "e-services", False, Treatment.OSS, "NO", "25", "MVA"),
    ("GB", "US", "services", True, Treatment.OUTSIDE_SCOPE, None, "0", "VAT"),
    ("CH", "US", "services", False, Treatment.OUTSIDE_SCOPE, None, "0", "MWST"),
    ("NO", "US", "services", True, Treatment.EXPORT, "NO", "0", "MVA"),
    ("GB", "FR", "services", False, Treatment.DOMESTIC, "GB", "20", "VAT"),
]


@pytest.mark.parametrize(
    ("seller", "buyer", "supply", "business", "treatment", "country", "rate", "tax"), UK_NO_CH
)
def test_uk_norway_switzerland(seller, buyer, supply, business, treatment, country, rate, tax):
    # given a sale touching the UK, Norway or Switzerland
    decision = decide(_facts(seller, buyer, supply, business=business))
    # then each country's own rule and tax name apply
    assert (decision.treatment, decision.rate_country, decision.rate, decision.tax_name) == (
        treatment,
        country,
        Decimal(rate),
        tax,
    )


GST = [
    # seller, buyer, supply, business, treatment, rate country, rate
    ("AU", "AU", "services", True, Treatment.DOMESTIC, "AU", "10"),
    ("NZ", "NZ", "services", False, Treatment.DOMESTIC, "NZ", "15"),
    ("SG", "SG", "services", True, Treatment.DOMESTIC, "SG", "9"),
    ("IN", "IN", "services", True, Treatment.DOMESTIC, "IN", "18"),
    ("DE", "AU", "services", True, Treatment.REVERSE_CHARGE, "AU", "0"),
    ("US", "IN", "services", True, Treatment.REVERSE_CHARGE, "IN", "0"),
    ("GB", "SG", "services", True, Treatment.REVERSE_CHARGE, "SG", "0"),
    ("FR", "NZ", "services", True, Treatment.REVERSE_CHARGE, "NZ", "0"),
    ("DE", "AU", "e-services", False, Treatment.OSS, "AU", "10"),
    ("US", "SG", "e-services", False, Treatment.OSS, "SG", "9"),
    ("GB", "IN", "e-services", False, Treatment.OSS, "IN", "18"),
    ("US", "NZ", "e-services", False, Treatment.OSS, "NZ", "15"),
    ("IN", "US", "services", True, Treatment.EXPORT, "IN", "0"),
    ("AU", "US", "services", False, Treatment.EXPORT, "AU", "0"),
    ("SG", "DE", "services", True, Treatment.REVERSE_CHARGE, "DE", "0"),
]


@pytest.mark.parametrize(
    ("seller", "buyer", "supply", "business", "treatment", "country", "rate"), GST
)
def test_gst_australia_new_zealand_singapore_india(
    seller, buyer, supply, business, treatment, country, rate
):
    # given a sale touching a GST country
    decision = decide(_facts(seller, buyer, supply, business=business))
    # then the GST rules decide
    assert (decision.treatment, decision.rate_country, decision.rate) == (
        treatment,
        country,
        Decimal(rate),
    )


OUTSIDE_SCOPE = [
    # an EU seller's services to a business outside every covered country
    ("DE", "US", "services", True, "Article 44"),
    # e-services to a consumer outside the EU: place of supply is the consumer's country
    ("FR", "BR", "e-services", False, "Article 58"),
]


@pytest.mark.parametrize(("seller", "buyer", "supply", "business", "article"), OUTSIDE_SCOPE)
def test_outside_the_scope_of_eu_vat(seller, buyer, supply, business, article):
    decision = decide(_facts(seller, buyer, supply, business=business))
    assert (decision.treatment, decision.rate_country, decision.rate) == (
        Treatment.OUTSIDE_SCOPE,
        None,
        Decimal("0"),
    )
    assert "Outside the scope of EU VAT" in decision.legal_text and article in decision.legal_text


def test_an_unregistered_seller_charges_no_vat():
    # given a German seller without a VAT number selling to a German consumer
    decision = decide(_facts("DE", "DE", business=False, seller_vat=None))
    # then no VAT, with the reason
    assert (decision.treatment, decision.rate) == (Treatment.OUTSIDE_SCOPE, Decimal("0"))
    assert "not registered" in decision.legal_text


def test_an_unregistered_sellers_business_customer_still_reverse_charges():
    decision = decide(_facts("DE", "FR", seller_vat=None))
    assert decision.treatment is Treatment.REVERSE_CHARGE


def test_a_non_eu_seller_of_e_services_uses_the_non_union_oss_without_threshold():
    # given a US seller, not over any threshold, selling e-services to a French consumer
    decision = decide(_facts("US", "FR", "e-services", business=False, over_eu_threshold=False))
    # then French VAT through the non-Union scheme
    assert (decision.treatment, decision.rate_country, decision.rate) == (
        Treatment.OSS,
        "FR",
        Decimal("20"),
    )
    assert "non-Union" in decision.legal_text


def test_reduced_rates_are_chosen_by_kind():
    facts = _facts("DE", "DE", rate_kind=RateKind.REDUCED)
    assert decide(facts).rate == Decimal("7")
    assert decide(
        replace(
            facts,
            seller_country="FR",
            buyer_country="FR",
            seller_vat_id=VAT_IDS["FR"],
            buyer_vat_id=VAT_IDS["FR"],
            rate_kind=RateKind.SUPER_REDUCED,
        )
    ).rate == Decimal("2.1")


def test_uk_and_el_are_read_as_gb_and_gr():
    decision = decide(_facts("UK", "EL", "e-services", business=False))
    assert (decision.treatment, decision.rate_country) == (Treatment.OSS, "GR")


BAD_INPUT = [
    ({"seller": "XX", "buyer": "FR"}, "unknown_country"),
    ({"seller": "DE", "buyer": "France"}, "unknown_country"),
    ({"seller": "DE", "buyer": "FR", "day": date(2022, 12, 31)}, "date_before_data"),
    ({"seller": "DE", "buyer": "FR", "buyer_vat": "FR123"}, "invalid_vat_id"),
    ({"seller": "DE", "buyer": "FR", "buyer_vat": "DE136695976"}, "invalid_vat_id"),
    ({"seller": "DE", "buyer": "FR", "seller_vat": "DE136695977"}, "invalid_vat_id"),
    ({"seller": "GB", "buyer": "GB", "seller_vat": "GB123"}, "invalid_vat_id"),
    ({"seller": "AU", "buyer": "AU", "buyer_vat": "12 345 678 901"}, "invalid_vat_id"),
    ({"seller": "US", "buyer": "BR"}, "not_in_scope"),
    ({"seller": "DK", "buyer": "DK", "rate_kind": RateKind.REDUCED}, "no_such_rate"),
    ({"seller": "DE", "buyer": "DE", "rate_kind": "parking"}, "invalid_rate_kind"),
]


@pytest.mark.parametrize(("given", "code"), BAD_INPUT)
def test_bad_input_is_a_clear_error(given, code):
    # given facts with one thing wrong
    given = dict(given)
    facts = _facts(given.pop("seller"), given.pop("buyer"), **given)
    # when decided, then a TaxError with a machine-readable code
    with pytest.raises(TaxError) as raised:
        decide(facts)
    assert raised.value.code == code
    assert raised.value.message


def test_a_greek_vat_number_keeps_its_el_prefix():
    decision = decide(_facts("DE", "GR", buyer_vat="094259216"))
    assert decision.treatment is Treatment.REVERSE_CHARGE


COUNTRIES = [
    "DE",
    "FR",
    "FI",
    "GR",
    "SK",
    "RO",
    "EE",
    "GB",
    "NO",
    "CH",
    "AU",
    "NZ",
    "SG",
    "IN",
    "US",
    "BR",
    "JP",
]


@st.composite
def facts(draw):
    seller = draw(st.sampled_from(COUNTRIES))
    buyer = draw(st.sampled_from(COUNTRIES))
    business = draw(st.booleans())
    return TaxFacts(
        seller_country=seller,
        seller_vat_id=draw(st.sampled_from([None, VAT_IDS.get(seller)])),
        buyer_country=buyer,
        buyer_is_business=business,
        buyer_vat_id=draw(st.sampled_from([None, VAT_IDS.get(buyer)])),
        supply=draw(st.sampled_from(list(Supply))),
        supply_date=draw(st.dates(date(2023, 1, 1), date(2027, 12, 31))),
        ship_from=draw(st.sampled_from([None, *COUNTRIES])),
        ship_to=draw(st.sampled_from([None, *COUNTRIES])),
        over_eu_threshold=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(facts())
def test_decide_is_deterministic_and_either_decides_or_refuses(sale):
    # given any facts, when decided twice
    try:
        first = decide(sale)
    except TaxError as error:
        # then a refusal is always a TaxError with a code, and the same again
        with pytest.raises(TaxError) as again:
            decide(sale)
        assert again.value.code == error.code
        return
    # then the decision is identical and coherent
    assert decide(sale) == first
    assert first.why
    if first.treatment.charges_tax:
        assert first.rate > 0 and first.rate_country
    else:
        assert first.rate == 0
