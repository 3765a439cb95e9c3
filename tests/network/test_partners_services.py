"""Partner listings: validation, owner-only changes, and an audit record per write."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.network import partners
from bornglobal.network.models import Partner
from bornglobal.network.partners import Capability, Listing, PriceBreak, ShippingZone
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from tests.factories import UserFactory
from tests.network.factories import PartnerFactory


def listing(**changes) -> Listing:
    fields = {
        "name": "Porto Print Works",
        "kind": "micro_factory",
        "country": "pt",
        "city": "Porto",
        "time_zone": "Europe/Lisbon",
        "currency": "eur",
        "lead_time_days": 7,
        "min_order_quantity": 50,
        "min_order_unit": "bag",
        "capabilities": (Capability("process", "Screen  Printing"),
                         Capability("process", "screen printing"),
                         Capability("material", "Organic cotton")),
        "prices": (PriceBreak("printed tote bag", 50, "4.20", "bag"),
                   PriceBreak("printed tote bag", 250, "3.85", "bag")),
        "shipping_zones": (ShippingZone("es", 3), ShippingZone("FR", 4)),
    }
    return Listing(**{**fields, **changes})


def _refusal(actor, the_listing) -> DomainError:
    with pytest.raises(DomainError) as refused:
        partners.create_partner(actor, the_listing)
    return refused.value


def test_a_listing_is_normalised_and_prices_become_minor_units(db):
    # given a user
    owner = UserFactory()
    # when they list a partner with mixed-case codes, a duplicate capability and decimal prices
    partner = partners.create_partner(Actor(owner), listing())
    # then codes are upper case, capabilities lower case and once, prices exact cents
    partner.refresh_from_db()
    assert (partner.owner, partner.country, partner.currency) == (owner, "PT", "EUR")
    assert sorted(partner.capabilities.values_list("kind", "name")) == [
        ("material", "organic cotton"), ("process", "screen printing")]
    assert list(partner.prices.values_list("min_quantity", "price_minor")) == [
        (50, 420), (250, 385)]
    assert sorted(partner.ships_to.values_list("country", "transit_days")) == [("ES", 3), ("FR", 4)]


def test_prices_use_the_currency_exponent(db):
    # given a yen and a dinar price list
    owner = Actor(UserFactory())
    # when they are listed
    yen = partners.create_partner(owner, listing(
        currency="JPY", prices=(PriceBreak("mug", 10, "1200"),)))
    dinar = partners.create_partner(owner, listing(
        currency="KWD", prices=(PriceBreak("mug", 10, "1.250"),)))
    # then the minor units follow ISO 4217: 0 places for JPY, 3 for KWD
    assert yen.prices.get().price_minor == 1200
    assert dinar.prices.get().price_minor == 1250


@pytest.mark.parametrize(("changes", "code"), [
    ({"country": "XX"}, "invalid_country"),
    ({"time_zone": "Mars/Olympus"}, "invalid_time_zone"),
    ({"currency": "ABC"}, "invalid_currency"),
    ({"kind": "bakery"}, "invalid_kind"),
    ({"name": "   "}, "invalid_name"),
    ({"lead_time_days": 366}, "invalid_lead_time"),
    ({"lead_time_days": -1}, "invalid_lead_time"),
    ({"min_order_quantity": 0}, "invalid_min_order"),
    ({"prices": (PriceBreak("mug", 10, "4.205"),)}, "invalid_price"),
    ({"prices": (PriceBreak("mug", 10, "0"),)}, "invalid_price"),
    ({"prices": (PriceBreak("mug", 10, "four"),)}, "invalid_price"),
    ({"prices": (PriceBreak("mug", 10, 4.2),)}, "invalid_price"),
    ({"prices": (PriceBreak("mug", 10, "4"), PriceBreak("Mug", 10, "3"))},
     "duplicate_price_break"),
    ({"capabilities": (Capability("magic", "levitation"),)}, "invalid_capability"),
    ({"capabilities": (Capability("process", "  "),)}, "invalid_capability"),
    ({"shipping_zones": (ShippingZone("ZZ", 3),)}, "invalid_country"),
    ({"shipping_zones": (ShippingZone("ES", 400),)}, "invalid_transit_days"),
    ({"shipping_zones": (ShippingZone("ES", 3), ShippingZone("es", 4))},
     "duplicate_shipping_zone"),
])
def test_bad_input_is_refused_with_a_code_and_nothing_is_written(db, changes, code):
    # given a user
    owner = Actor(UserFactory())
    # when they list a partner with one bad field
    refusal = _refusal(owner, listing(**changes))
    # then it is refused with a machine-readable code, and no partner exists
    assert refusal.code == code
    assert not Partner.objects.exists()


def test_the_eu_shortcut_expands_to_27_member_states_and_a_named_country_overrides_it(db):
    # given a listing that ships to the EU in 5 days, and to Spain in 2
    owner = Actor(UserFactory())
    zones = (ShippingZone("EU", 5), ShippingZone("ES", 2), ShippingZone("CH", 6))
    # when it is listed
    partner = partners.create_partner(owner, listing(shipping_zones=zones))
    # then every member state is a zone, Spain at 2 days, and Switzerland as named
    shipped = dict(partner.ships_to.values_list("country", "transit_days"))
    assert len(shipped) == 28 and {"DE", "GR", "HR", "IE"} <= set(shipped)
    assert "XI" not in shipped and "GB" not in shipped
    assert (shipped["ES"], shipped["DE"], shipped["CH"]) == (2, 5, 6)


def test_only_the_owner_changes_a_listing_and_lists_are_replaced_as_a_whole(db):
    # given a partner listed by its owner
    owner, stranger = Actor(UserFactory()), Actor(UserFactory())
    partner = partners.create_partner(owner, listing())
    # when a stranger tries to change it, then the owner replaces the lists
    with pytest.raises(DomainError) as refused:
        partners.update_partner(stranger, partner.id, listing(name="Hijacked"))
    partners.update_partner(owner, partner.id, listing(
        lead_time_days=10, capabilities=(Capability("service", "Artwork prep"),),
        prices=(PriceBreak("poster", 20, "2.50"),), shipping_zones=(ShippingZone("DE", 4),)))
    # then the stranger got 403 not_owner, and the owner's lists are exactly the new ones
    assert (refused.value.code, refused.value.status) == ("not_owner", 403)
    partner.refresh_from_db()
    assert (partner.name, partner.lead_time_days) == ("Porto Print Works", 10)
    assert list(partner.capabilities.values_list("name", flat=True)) == ["artwork prep"]
    assert list(partner.prices.values_list("item", "price_minor")) == [("poster", 250)]
    assert list(partner.ships_to.values_list("country", flat=True)) == ["DE"]


def test_an_unlisted_partner_is_not_found_by_a_stranger(db):
    # given an unlisted partner
    partner = PartnerFactory(listed=False)
    # when someone else tries to change it
    with pytest.raises(DomainError) as refused:
        partners.update_partner(Actor(UserFactory()), partner.id, listing())
    # then it does not exist for them
    assert (refused.value.code, refused.value.status) == ("not_found", 404)


def test_a_venture_token_cannot_write_listings(db, founder, venture):
    # given the founder acting through a venture token
    actor = Actor(founder, venture_scope=venture.id)
    # when they try to list a partner
    refusal = _refusal(actor, listing())
    # then the token's scope refuses it
    assert (refusal.code, refusal.status) == ("token_scope", 403)


def test_each_write_leaves_an_audit_record(db):
    # given an owner
    owner = Actor(UserFactory())
    # when they list a partner and change its lead time
    partner = partners.create_partner(owner, listing())
    partners.update_partner(owner, partner.id, listing(lead_time_days=12))
    # then both writes are audited, the update with what changed
    events = list(AuditEvent.objects.filter(object_id=str(partner.id)).order_by("id"))
    assert [e.action for e in events] == ["partner.created", "partner.updated"]
    assert events[0].summary["after"]["prices"] == 2
    assert events[1].summary == {"before": {"lead_time_days": 7},
                                 "after": {"lead_time_days": 12}}
    assert events[1].actor == owner.user


@settings(max_examples=40, deadline=None)
@given(cents=st.integers(min_value=1, max_value=10**12))
def test_any_two_place_decimal_price_is_stored_exactly(cents):
    # given a price written as decimal text with two places
    text = f"{Decimal(cents) / 100:.2f}"
    # when the price list is cleaned
    rows = partners.clean_prices((PriceBreak("item", 1, text),), "EUR")
    # then the minor units are exactly the cents
    assert rows[0][3] == cents


@settings(max_examples=40, deadline=None)
@given(names=st.lists(st.text(alphabet="abcXYZ ", min_size=1, max_size=8), max_size=12))
def test_capabilities_are_lower_case_and_unique(names):
    # given capability names in any case and spacing
    given_names = tuple(Capability("process", name) for name in names if name.strip())
    # when they are cleaned
    cleaned = partners.clean_capabilities(given_names)
    # then each is lower case, single-spaced, and listed once
    assert all(name == " ".join(name.split()).lower() for _, name in cleaned)
    assert len(cleaned) == len(set(cleaned))
    assert {n for _, n in cleaned} == {" ".join(c.name.split()).lower() for c in given_names}
