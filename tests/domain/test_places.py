from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain import places
from bornglobal.domain.errors import DomainError


@pytest.mark.parametrize(
    "zone,at,minutes",
    [
        ("Asia/Kolkata", datetime(2026, 1, 15, tzinfo=UTC), 330),
        ("Asia/Kathmandu", datetime(2026, 1, 15, tzinfo=UTC), 345),
        ("America/St_Johns", datetime(2026, 1, 15, tzinfo=UTC), -210),
        ("America/St_Johns", datetime(2026, 7, 15, tzinfo=UTC), -150),
        ("Australia/Adelaide", datetime(2026, 1, 15, tzinfo=UTC), 630),
    ],
)
def test_offsets_follow_the_date_in_question(zone, at, minutes):
    # when the offset is read on a given day, then DST is applied for that day
    assert places.utc_offset_minutes(zone, at) == minutes


@given(st.text(max_size=6))
def test_country_codes_are_checked_against_iso_3166(raw):
    # given any text, when it is read as a country, then it is a real code or refused
    try:
        code = places.country_code(raw)
    except DomainError as error:
        assert error.code == "invalid_country"
    else:
        assert len(code) == 2 and code.isupper()


def test_vat_numbers_keep_their_eu_prefix_and_refuse_a_foreign_one():
    # given a German VAT number typed without and with the prefix
    assert places.vat_id("136 695 976", "DE") == "DE136695976"
    assert places.vat_id("DE136695976", "DE") == "DE136695976"
    # when a French prefix is used for a German venture, then it is refused
    with pytest.raises(DomainError):
        places.vat_id("FR136695976", "DE")
