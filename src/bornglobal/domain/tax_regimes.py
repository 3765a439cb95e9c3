"""The tax systems the rules know, and the wording each uses on an invoice.

A *regime* is one VAT or GST system: the EU's common system under Council
Directive 2006/112/EC (one regime, 27 member states, each with its own rates),
and the national systems of the United Kingdom, Norway, Switzerland,
Australia, New Zealand, Singapore and India. Each regime answers the same few
questions in its own words and with its own article numbers:

- how a business customer accounts for services bought from abroad
  (the EU's reverse charge, Switzerland's acquisition tax, India's RCM);
- how a foreign seller of e-services to consumers charges the local tax
  (the EU's One-Stop Shop, Norway's VOEC, Singapore's OVR, India's OIDAR);
- what happens to services supplied to customers abroad: outside the scope
  (EU, UK, Switzerland: the place of supply is abroad) or zero-rated as an
  export (Norway, Australia, New Zealand, Singapore, India);
- the wording for goods leaving the territory.
"""

from __future__ import annotations

from dataclasses import dataclass

from bornglobal.domain.tax_ids import EU


@dataclass(frozen=True, slots=True)
class Regime:
    code: str
    name: str
    tax_name: str
    buyer_accounts: str
    buyer_accounts_rule: str
    foreign_b2c: str
    foreign_b2c_rule: str
    services_abroad_zero_rated: bool
    services_abroad: str
    services_abroad_rule: str
    goods_export: str
    b2c_services_at_seller: bool = False
    consumer_services_abroad: str = ""


EU_VAT = Regime(
    code="EU",
    name="EU VAT",
    tax_name="VAT",
    buyer_accounts="Reverse charge \u2013 Article 196 Council Directive 2006/112/EC",
    buyer_accounts_rule="the place of supply of services to a taxable person is where the "
    "customer is established (Art. 44 Directive 2006/112/EC) and the customer accounts for "
    "the VAT (Art. 196)",
    foreign_b2c="VAT of {country} charged under the One-Stop Shop "
    "(non-Union scheme, Articles 358a\u2013369 Directive 2006/112/EC)",
    foreign_b2c_rule="electronically supplied services to a consumer are taxed where the "
    "consumer lives (Art. 58 Directive 2006/112/EC); a seller established outside the EU "
    "charges that member state's VAT and declares it through the non-Union OSS scheme, "
    "with no threshold",
    services_abroad_zero_rated=False,
    services_abroad="Outside the scope of EU VAT: place of supply outside the EU "
    "(Article 44 Council Directive 2006/112/EC)",
    services_abroad_rule="services to a business customer are supplied where the customer "
    "is established (Art. 44 Directive 2006/112/EC), which is outside the EU",
    goods_export="Exempt export \u2013 Article 146 Council Directive 2006/112/EC",
    b2c_services_at_seller=True,
    consumer_services_abroad="Outside the scope of EU VAT: place of supply outside the EU "
    "(Article 58 Council Directive 2006/112/EC)",
)

NATIONAL = {
    "GB": Regime(
        code="GB",
        name="UK VAT",
        tax_name="VAT",
        buyer_accounts="Reverse charge: the customer accounts for UK VAT "
        "(section 8 Value Added Tax Act 1994)",
        buyer_accounts_rule="services to a UK business customer are supplied in the UK "
        "(section 7A VAT Act 1994) and the customer accounts for the VAT under the reverse "
        "charge (section 8)",
        foreign_b2c="UK VAT charged by a non-established taxable person (no threshold)",
        foreign_b2c_rule="digital services to UK consumers are supplied where the consumer "
        "belongs (Schedule 4A VAT Act 1994); a non-UK seller registers for UK VAT from the "
        "first sale and charges it",
        services_abroad_zero_rated=False,
        services_abroad="Outside the scope of UK VAT: place of supply outside the UK "
        "(section 7A Value Added Tax Act 1994)",
        services_abroad_rule="services to a business customer abroad are supplied where the "
        "customer belongs (section 7A VAT Act 1994)",
        goods_export="Zero-rated export of goods (section 30(6) Value Added Tax Act 1994)",
        b2c_services_at_seller=True,
        consumer_services_abroad="Outside the scope of UK VAT: place of supply outside the "
        "UK (Schedule 4A Value Added Tax Act 1994)",
    ),
    "NO": Regime(
        code="NO",
        name="Norwegian VAT (MVA)",
        tax_name="MVA",
        buyer_accounts="Reverse charge: the recipient accounts for Norwegian VAT "
        "(section 11-1 VAT Act)",
        buyer_accounts_rule="a Norwegian business buying remote services from abroad "
        "calculates and pays the VAT itself (section 11-1 VAT Act, 'snudd avregning')",
        foreign_b2c="Norwegian VAT charged under the VOEC scheme",
        foreign_b2c_rule="electronic services to Norwegian consumers are taxed in Norway; a "
        "foreign seller registers under the simplified VOEC scheme (threshold NOK 50,000 a "
        "year, assumed passed)",
        services_abroad_zero_rated=True,
        services_abroad="Zero-rated export of services (section 6-22 VAT Act)",
        services_abroad_rule="services supplied to a recipient abroad are zero-rated "
        "exports (section 6-22 VAT Act)",
        goods_export="Zero-rated export of goods (section 6-21 VAT Act)",
    ),
    "CH": Regime(
        code="CH",
        name="Swiss VAT (MWST)",
        tax_name="MWST",
        buyer_accounts="Acquisition tax: the recipient accounts for Swiss VAT (Article 45 MWSTG)",
        buyer_accounts_rule="services are supplied where the recipient is established "
        "(Art. 8(1) MWSTG) and a Swiss business recipient pays the acquisition tax "
        "(Bezugsteuer, Art. 45 MWSTG)",
        foreign_b2c="Swiss VAT charged by a foreign supplier registered with the FTA",
        foreign_b2c_rule="electronic services to Swiss consumers are supplied in Switzerland "
        "(Art. 8(1) MWSTG); a foreign supplier registers once its worldwide turnover reaches "
        "CHF 100,000 (assumed passed)",
        services_abroad_zero_rated=False,
        services_abroad="Not subject to Swiss VAT: place of supply abroad (Article 8(1) MWSTG)",
        services_abroad_rule="services are supplied where the recipient is established "
        "(Art. 8(1) MWSTG), which is abroad",
        goods_export="Exempt export of goods (Article 23(2)(1) MWSTG)",
    ),
    "AU": Regime(
        code="AU",
        name="Australian GST",
        tax_name="GST",
        buyer_accounts="GST reverse charge: the recipient accounts for GST if not entitled "
        "to full input tax credits (Division 84 GST Act 1999)",
        buyer_accounts_rule="offshore services to an Australian business are reverse-charged "
        "to the recipient (Division 84 A New Tax System (GST) Act 1999); a recipient entitled "
        "to full input tax credits has nothing to pay",
        foreign_b2c="Australian GST charged on imported services and digital products",
        foreign_b2c_rule="digital products and services sold to Australian consumers from "
        "offshore are connected with Australia (Division 84-B GST Act 1999); the seller "
        "registers under simplified GST registration (threshold AUD 75,000, assumed passed)",
        services_abroad_zero_rated=True,
        services_abroad="GST-free export of services (section 38-190 GST Act 1999)",
        services_abroad_rule="services to a non-resident who is not in Australia are GST-free "
        "(section 38-190 GST Act 1999)",
        goods_export="GST-free export of goods (section 38-185 GST Act 1999)",
    ),
    "NZ": Regime(
        code="NZ",
        name="New Zealand GST",
        tax_name="GST",
        buyer_accounts="Reverse charge: the recipient accounts for GST if less than 95% of "
        "its supplies are taxable (section 8(4B) GST Act 1985)",
        buyer_accounts_rule="imported services are reverse-charged to a New Zealand business "
        "that makes mostly exempt supplies (section 8(4B) GST Act 1985); others have nothing "
        "to pay",
        foreign_b2c="New Zealand GST charged on remote services",
        foreign_b2c_rule="remote services to New Zealand consumers are supplied in New "
        "Zealand (section 8(3)(c) GST Act 1985); the offshore seller registers (threshold "
        "NZD 60,000, assumed passed)",
        services_abroad_zero_rated=True,
        services_abroad="Zero-rated services to a non-resident (section 11A GST Act 1985)",
        services_abroad_rule="services to a non-resident outside New Zealand are zero-rated "
        "(section 11A GST Act 1985)",
        goods_export="Zero-rated export of goods (section 11 GST Act 1985)",
    ),
    "SG": Regime(
        code="SG",
        name="Singapore GST",
        tax_name="GST",
        buyer_accounts="Reverse charge: the GST-registered recipient accounts for GST on "
        "imported services (reverse charge, from 1 January 2020)",
        buyer_accounts_rule="imported services are reverse-charged to a GST-registered "
        "recipient that cannot claim all its input tax (GST Act 1993); others have nothing "
        "to pay",
        foreign_b2c="Singapore GST charged under the Overseas Vendor Registration regime",
        foreign_b2c_rule="digital services to Singapore consumers are taxed under the "
        "Overseas Vendor Registration regime (global turnover over SGD 1 million and "
        "Singapore B2C sales over SGD 100,000, assumed passed)",
        services_abroad_zero_rated=True,
        services_abroad="Zero-rated international service (section 21(3) GST Act 1993)",
        services_abroad_rule="services to a customer belonging outside Singapore are "
        "zero-rated international services (section 21(3) GST Act 1993)",
        goods_export="Zero-rated export of goods (section 21(3) GST Act 1993)",
    ),
    "IN": Regime(
        code="IN",
        name="Indian GST",
        tax_name="GST",
        buyer_accounts="Reverse charge: the recipient pays IGST on the import of services "
        "(section 5(3) IGST Act 2017)",
        buyer_accounts_rule="a business importing services pays the integrated GST itself "
        "under the reverse charge (section 5(3) IGST Act 2017)",
        foreign_b2c="Indian IGST charged on online information and database access or "
        "retrieval (OIDAR) services",
        foreign_b2c_rule="OIDAR services to Indian consumers are taxed in India; the "
        "non-resident supplier registers under the simplified scheme (section 14 IGST Act "
        "2017), with no threshold",
        services_abroad_zero_rated=True,
        services_abroad="Zero-rated supply: export of services (section 16 IGST Act 2017)",
        services_abroad_rule="services to a recipient outside India, paid in convertible "
        "foreign exchange, are an export and zero-rated (sections 2(6) and 16 IGST Act 2017)",
        goods_export="Zero-rated supply: export of goods (section 16 IGST Act 2017)",
    ),
}


def regime_of(country: str) -> Regime | None:
    """The tax system `country` belongs to, or None when the rules do not cover it."""
    if country in EU:
        return EU_VAT
    return NATIONAL.get(country)


def covered_countries() -> frozenset[str]:
    return EU | frozenset(NATIONAL)
