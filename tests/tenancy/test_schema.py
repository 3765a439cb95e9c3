"""The schema is built by migrations, is up to date, and its named constraints hold."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from bornglobal.tenancy.models import ApiToken, Membership, Venture
from tests.factories import UserFactory, VentureFactory

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    # when Django compares the models with the migrations
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    # then nothing is missing
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize(
    "make,constraint",
    [
        (
            lambda: Venture.objects.create(name="X", legal_country="de", base_currency="EUR"),
            "venture_legal_country_iso3166",
        ),
        (
            lambda: Venture.objects.create(name="X", legal_country="DE", base_currency="eu1"),
            "venture_base_currency_iso4217",
        ),
        (
            lambda: Venture.objects.create(name="", legal_country="DE", base_currency="EUR"),
            "venture_name_not_empty",
        ),
        (
            lambda: ApiToken.objects.create(
                user=UserFactory(), scope="venture", name="t", prefix="p", digest="d"
            ),
            "apitoken_scope_matches_venture",
        ),
        (
            lambda: Membership.objects.create(
                user=UserFactory(), venture=VentureFactory(), role="emperor"
            ),
            "membership_role_known",
        ),
    ],
)
def test_named_constraints_refuse_bad_rows(make, constraint):
    # when a row breaks a rule the database enforces
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        make()
    # then the database refuses it, naming the constraint (PostgreSQL) or the check
    message = str(raised.value).lower()
    assert constraint in message or "check constraint" in message


def test_one_membership_per_person_and_venture():
    # given a membership
    user, venture = UserFactory(), VentureFactory()
    Membership.objects.create(user=user, venture=venture, role="member")
    # when a second one is added for the same pair, then it is refused
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, venture=venture, role="owner")


def test_production_password_hasher_is_argon2():
    # given the production settings module
    from bornglobal import settings as production

    # then argon2 hashes new passwords
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
