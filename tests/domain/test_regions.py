import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain import regions
from bornglobal.domain.regions import Level, UnknownRegion

COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)


def test_region_by_name_gives_its_countries():
    # given / when
    western_africa = regions.countries_in("Western Africa")
    # then
    assert {"NG", "GH", "SN", "CI"} <= western_africa
    assert "KE" not in western_africa


def test_region_names_ignore_case_and_spaces_and_codes_work_too():
    # given / when / then
    assert regions.countries_in("  south-eastern   ASIA ") == regions.countries_in("035")
    assert regions.region("150").name == "Europe"
    assert regions.region("35").name == "South-eastern Asia"


def test_levels_nest_sub_regions_inside_regions():
    # given
    europe = regions.region("Europe")
    # when
    subs = [r for r in regions.all_regions() if r.parent == europe.code]
    # then
    assert {r.name for r in subs} == {
        "Northern Europe", "Southern Europe", "Eastern Europe", "Western Europe"
    }
    assert frozenset().union(*(r.countries for r in subs)) == europe.countries
    assert regions.region("Latin America and the Caribbean").level == Level.SUB_REGION
    assert regions.region("Caribbean").level == Level.INTERMEDIATE


def test_unknown_region_is_refused_with_a_code():
    # when
    with pytest.raises(UnknownRegion) as refusal:
        regions.countries_in("Middle Earth")
    # then
    assert refusal.value.code == "unknown_region"
    assert refusal.value.details == {"region": "Middle Earth"}


def test_world_covers_every_country_but_antarctica():
    # when
    world = regions.countries_in("world")
    # then
    assert world == frozenset(COUNTRIES) - {"AQ"}


@given(st.sampled_from(COUNTRIES))
def test_each_country_is_in_one_region_and_one_sub_region(country):
    # when
    found = regions.regions_of(country)
    # then
    levels = [r.level for r in found]
    if country == "AQ":
        assert found == []
    else:
        assert levels[:2] == [Level.REGION, Level.SUB_REGION]
        assert len(levels) == len(set(levels))
        assert all(country in regions.countries_in(r.code) for r in found)
