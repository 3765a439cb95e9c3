"""SEPA payout files validate against the pain.001.001.03 XSD that ships in sepaxml."""

import pytest
from lxml import etree

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import payouts, services
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory

DEBTOR = {"name": "Kestrel Robotics GmbH", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"}


@pytest.fixture
def sepa_batch(books, settings):
    settings.SEPA_DEBTOR = DEBTOR
    actor, venture = books["actor"], books["venture"]
    payee = UserFactory(full_name="Joana Sousa Müller", country="PT", currency="EUR")
    payouts.save_payout_details(Actor(payee), "Joana Sousa Müller", "PT50000201231234567890154")
    escrow = services.open_escrow(
        actor,
        venture.id,
        payee.email,
        "K-PT",
        "Design",
        [services.MilestonePlan("All", Money.of("750.25", "EUR"))],
    )
    milestone = escrow.milestones.get()
    services.fund_milestone(actor, venture.id, milestone.id, key="f")
    services.release(actor, venture.id, milestone.id, key="r")
    return payouts.create_batch(actor, venture.id, key="b")


def test_sepa_file_for_a_eur_payee_validates_against_the_xsd(sepa_batch):
    # when the batch's SEPA file is made
    document = payouts.sepa_file(sepa_batch)
    # then it validates against the official schema and carries the amount and IBAN
    schema = etree.XMLSchema(etree.parse(str(payouts.SEPA_XSD)))
    assert schema.validate(etree.fromstring(document))
    assert b"PT50000201231234567890154" in document and b"750.25" in document


def test_a_broken_file_is_refused_by_the_validator(sepa_batch):
    # given a valid file with its amount removed
    document = payouts.sepa_file(sepa_batch).replace(b"750.25", b"")
    # when it is validated, then it is refused
    with pytest.raises(DomainError) as refused:
        payouts.validate_sepa(document)
    assert refused.value.code == "sepa_invalid"


def test_sepa_without_a_debtor_account_says_not_configured(sepa_batch, settings):
    # given no debtor IBAN configured
    settings.SEPA_DEBTOR = {"name": "", "iban": "", "bic": ""}
    # when a SEPA file is asked for, then the error says what to configure
    with pytest.raises(DomainError) as refused:
        payouts.sepa_file(sepa_batch)
    assert refused.value.code == "sepa_not_configured"


def test_an_invalid_iban_is_refused(db):
    # when a person saves a mistyped IBAN, then it is refused by python-stdnum
    with pytest.raises(DomainError) as refused:
        payouts.save_payout_details(Actor(UserFactory()), "Ana Lima", "PT50000201231234567890155")
    assert refused.value.code == "invalid_iban"
