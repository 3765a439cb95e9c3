"""Demo partners: deterministic from the seed, complete, and believable."""

from collections import Counter

import pytest
from django.db.models import F

from bornglobal.demo.partners import PER_EUR_GUIDE, TRADES, load_partners, plan_partners
from bornglobal.domain import places, world
from bornglobal.domain.errors import Conflict
from bornglobal.network.models import Partner, PartnerCapability, PartnerPrice, PartnerShippingZone
from bornglobal.tenancy.models import User
from tests.factories import UserFactory


def _snapshot() -> list[tuple]:
    """Every demo partner as plain values, without database ids."""
    partners = Partner.objects.select_related("owner").prefetch_related(
        "capabilities", "prices", "ships_to").order_by("owner__email", "name")
    return [
        (p.owner.email, p.owner.full_name, p.name, p.kind, p.country, p.city, p.time_zone,
         p.currency, p.min_order_quantity, p.min_order_unit, p.lead_time_days, p.created_at,
         sorted((c.kind, c.name) for c in p.capabilities.all()),
         sorted((r.item, r.unit, r.min_quantity, r.price_minor) for r in p.prices.all()),
         sorted((z.country, z.transit_days) for z in p.ships_to.all()))
        for p in partners
    ]


def _forget_demo_partners() -> None:
    owners = list(Partner.objects.values_list("owner_id", flat=True))
    Partner.objects.all().delete()
    User.objects.filter(id__in=owners).delete()


def test_the_same_seed_writes_the_same_partners_and_another_seed_others(db):
    # given the partners of seed 7, loaded into an empty database
    load_partners(seed=7, count=40)
    first = _snapshot()
    # when they are removed and seed 7 is loaded again, then seed 8
    _forget_demo_partners()
    load_partners(seed=7, count=40)
    again = _snapshot()
    _forget_demo_partners()
    load_partners(seed=8, count=40)
    other = _snapshot()
    # then seed 7 wrote the very same data twice, and seed 8 something else
    assert len(first) == 40 and first == again
    assert other != first


def test_200_partners_each_with_capabilities_prices_and_shipping_zones(db):
    # given an empty database
    # when the demo's 200 partners are loaded
    partners = load_partners(seed=42)
    # then there are 200, each with its own owner, and none lacks a list
    assert Partner.objects.count() == 200 == len(partners)
    for model in (PartnerCapability, PartnerPrice, PartnerShippingZone):
        assert set(model.objects.values_list("partner_id", flat=True)) == {p.id for p in partners}
    owners = User.objects.filter(email__endswith="@partners.example")
    assert owners.count() == 200 and not owners.filter(is_freelancer=True).exists()
    assert User.objects.filter(email="partner-1@partners.example").exists()


def test_demo_partners_are_spread_over_countries_kinds_and_trades(db):
    # given the demo's 200 partners
    load_partners(seed=42)
    # then they are in many countries, every kind, with local currencies and valid zones
    countries = Counter(Partner.objects.values_list("country", flat=True))
    assert len(countries) >= 35 and max(countries.values()) <= 25
    assert set(Partner.objects.values_list("kind", flat=True)) == {
        "supplier", "micro_factory", "logistics", "service"}
    for partner in Partner.objects.all():
        assert partner.currency == world.countries()[partner.country].currency
        assert places.time_zone(partner.time_zone) == partner.time_zone
    # and every partner ships to its own country
    home = set(PartnerShippingZone.objects.filter(country=F("partner__country"))
               .values_list("partner_id", flat=True))
    assert home == set(Partner.objects.values_list("id", flat=True))


def test_given_owners_are_shared_round_robin(db):
    # given two existing users
    owners = [UserFactory(), UserFactory()]
    # when ten partners are loaded for them
    load_partners(seed=3, count=10, owners=owners)
    # then each owns five, and no owner account was made
    counts = Counter(Partner.objects.values_list("owner_id", flat=True))
    assert counts == {owners[0].id: 5, owners[1].id: 5}
    assert not User.objects.filter(email__endswith="@partners.example").exists()


def test_loading_twice_is_refused(db):
    # given the demo partners, loaded
    load_partners(seed=1, count=5)
    # when they are loaded again
    # then the second load is refused, and nothing was added
    with pytest.raises(Conflict):
        load_partners(seed=1, count=5)
    assert Partner.objects.count() == 5


def test_prices_fall_with_quantity_and_every_currency_has_a_price_guide():
    # given the plan of 200 partners
    plans = plan_partners(42, 200)
    # then every currency used has a guide, and each item's unit price falls as quantity grows
    assert {plan.currency for plan in plans} <= set(PER_EUR_GUIDE)
    for plan in plans:
        by_item: dict[str, list[tuple[int, int]]] = {}
        for item, _unit, quantity, minor in plan.prices:
            by_item.setdefault(item, []).append((quantity, minor))
        for breaks in by_item.values():
            ordered = [minor for _, minor in sorted(breaks)]
            assert len(ordered) >= 2 and ordered == sorted(ordered, reverse=True), plan.name
    # and every trade is there: mills, print shops, micro-factories, ... and legal services
    named = {name for plan in plans for _kind, name in plan.capabilities}
    assert {"weaving", "screen printing", "cnc milling", "die cutting", "tea blending",
            "glazing", "hand stitching", "parcel delivery", "tariff classification",
            "pick and pack", "translation", "product photography",
            "trademark registration"} <= named
    assert len(TRADES) == 13
