"""No binary floating point anywhere in money, tax or invoicing: the real schema of
every table of those apps, read from the running database after its migrations, has
no REAL, FLOAT, DOUBLE column, and on SQLite no DECIMAL/NUMERIC one either (SQLite's
NUMERIC affinity keeps a long decimal as a float). Exact numbers are text or
integers there, and numeric on PostgreSQL."""

from datetime import date

import pytest
from django.db import connection

from bornglobal.domain.money import Money
from bornglobal.money import services
from bornglobal.money.models import Disclosure
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory

APPS = ("money_", "invoicing_")  # tax lives in invoicing (treatments, rates, reports)
FLOATING = ("REAL", "FLOA", "DOUB")  # SQLite's rule for REAL affinity; PostgreSQL's names


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(name for name in names if name.startswith(APPS))


def _column_types(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'PRAGMA table_info("{table}")')
            return {row[1]: row[2].upper() for row in cursor.fetchall()}
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            [table],
        )
        return {name: kind.upper() for name, kind in cursor.fetchall()}


def _inexact(kind: str) -> bool:
    if any(word in kind for word in FLOATING):
        return True
    # On SQLite, DECIMAL/NUMERIC columns have NUMERIC affinity: 16+ digits become a float.
    return connection.vendor == "sqlite" and kind.startswith(("DECIMAL", "NUMERIC"))


@pytest.mark.django_db
def test_no_table_of_money_tax_or_invoicing_has_a_floating_point_column():
    # given every table of the money and invoicing apps in the migrated database
    tables = _tables()
    assert "money_ledgertransaction" in tables and "invoicing_invoiceline" in tables
    # when each column's declared type is read from the database itself
    inexact = {
        f"{table}.{column}": kind
        for table in tables
        for column, kind in _column_types(table).items()
        if _inexact(kind)
    }
    # then none is floating point
    assert inexact == {}


@pytest.mark.django_db
def test_a_long_rate_is_stored_as_exact_text_not_a_float():
    # given a US venture paying an Indonesian payee (a rate of 17 significant digits)
    founder = UserFactory()
    venture = VentureFactory(base_currency="USD")
    MembershipFactory(user=founder, venture=venture, role="owner")
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money.of("100.00", "USD"), key="dep")
    payee = UserFactory(currency="IDR")
    plans = [services.MilestonePlan("Only", Money.of("10.00", "USD"))]
    milestone = services.open_escrow(actor, venture.id, payee.email, "K", "x", plans)
    milestone = milestone.milestones.get()
    services.fund_milestone(actor, venture.id, milestone.id, key="fund")
    services.release(actor, venture.id, milestone.id, key="rel", on=date(2026, 6, 15))
    # when the stored value is read with its storage type
    table = Disclosure._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'SELECT typeof(applied_rate), applied_rate FROM "{table}"')  # noqa: S608
        else:
            sql = f'SELECT pg_typeof(applied_rate)::text, applied_rate FROM "{table}"'  # noqa: S608
            cursor.execute(sql)
        kind, value = cursor.fetchone()
    # then it is text (SQLite) or numeric (PostgreSQL), with all its digits
    assert kind in ("text", "numeric")
    assert str(value).startswith("17719.548548289825")
