"""An invoice's total is the sum of its lines plus the tax of each rate group, rounded
once per group (see `invoicing.taxes`)."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bornglobal.domain.money import Money
from bornglobal.domain.tax import tax_on
from bornglobal.invoicing.taxes import LinePlan, line_net
from tests.invoicing.conftest import issue

RATE_KINDS = ["standard", "reduced"]  # Germany: 19% and 7%

lines = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal(500), places=3),
        st.integers(min_value=0, max_value=5_000_000),
        st.sampled_from(RATE_KINDS),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=lines)
def test_total_is_lines_plus_tax_per_rate_group_rounded_once(seller, german_business, drawn):
    # given lines of any quantity, price and rate kind on a domestic German invoice
    plans = [
        LinePlan(f"Item {n}", quantity, Money(price, "EUR"), rate_kind=kind)
        for n, (quantity, price, kind) in enumerate(drawn)
    ]
    # when it is issued
    invoice = issue(seller, german_business, plans)
    # then each line's net is quantity x price rounded once
    stored = list(invoice.lines.all())
    assert [li.net_minor for li in stored] == [line_net(p.quantity, p.unit_price) for p in plans]
    # and the tax is the sum over rate groups of tax_on(group net), never per line
    groups: dict[Decimal, int] = {}
    for li in stored:
        groups[li.rate] = groups.get(li.rate, 0) + li.net_minor
    expected_tax = sum(tax_on(net, rate, "EUR") for rate, net in groups.items())
    assert invoice.net_minor == sum(li.net_minor for li in stored)
    assert invoice.tax_minor == expected_tax
    assert invoice.total_minor == invoice.net_minor + expected_tax
    assert sorted(g.net_minor for g in invoice.tax_groups.all()) == sorted(groups.values())
