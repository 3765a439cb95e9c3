"""The world the API fuzzing (`test_fuzz_full*.py`) aims at, and the aiming.

One world per test module, made once inside a transaction that is rolled back at the end:
a founder's venture with books (deposit, escrow released in part, payout batch), work (a
contract, its milestones, a task, a file), invoicing (billing, customer, invoice,
self-billing), a partner; the freelancer hired on the contract with a profile, portfolio,
tax residency, billing and bank details, a partner and a self-billing proposal. `_aim`
swaps generated ids (path, and the ids and addresses a body names) for the world's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core import signals
from django.db import close_old_connections, transaction
from schemathesis.core.parameters import ParameterLocation

from bornglobal.domain.money import Money
from bornglobal.invoicing import services as invoicing
from bornglobal.invoicing.models import Invoice
from bornglobal.money import payouts
from bornglobal.money import services as money_services
from bornglobal.network.models import PortfolioItem, TaxResidency
from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import ApiToken
from bornglobal.work.models import Contract
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.cross_tenant import invoicing_of_b
from tests.network.factories import PartnerFactory, ProfileFactory
from tests.work.cross_tenant import work_of_b


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test transaction's connection at
    the end of each request (Django's close_old_connections); keep it for the test."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@dataclass
class World:
    """Ids the caller may reach, per path parameter name, and the caller's token."""

    ids: dict[str, list] = field(default_factory=dict)
    user: object = None
    venture_id: int | None = None
    token: str = ""

    def add(self, **named) -> None:
        for name, value in named.items():
            self.ids.setdefault(name, []).append(value)

    def headers(self) -> dict[str, str]:
        if self.user is None:
            return {}
        if not ApiToken.objects.filter(
            digest=services.token_digest(self.token), revoked_at__isnull=True
        ).exists():  # the fuzzer revoked it (DELETE /tokens/{id}): a fresh one
            self.token = services.issue_token(Actor(self.user), "fuzz", self.venture_id).secret
        return {"Authorization": f"Bearer {self.token}"}


def _books(actor: Actor, venture_id: int, world: World) -> None:
    """A deposit, an escrow released in part, a second one funded, a payout batch."""
    deposit = money_services.deposit(actor, venture_id, Money.of("900.00", "EUR"), "w-dep")
    payee = UserFactory(currency="EUR")
    escrow = money_services.open_escrow(
        actor,
        venture_id,
        payee.email,
        "W-1",
        "Fuzzed contract",
        [
            money_services.MilestonePlan("Done part", Money.of("300.00", "EUR")),
            money_services.MilestonePlan("Open part", Money.of("200.00", "EUR")),
        ],
    )
    first, second = escrow.milestones.order_by("id")
    money_services.fund_milestone(actor, venture_id, first.id, "w-fund-1")
    money_services.fund_milestone(actor, venture_id, second.id, "w-fund-2")
    money_services.release(actor, venture_id, first.id, "w-rel", Money.of("100.00", "EUR"))
    batch = payouts.create_batch(actor, venture_id, "w-batch")
    world.add(
        escrow_id=escrow.id,
        milestone_id=first.id,
        account_id=deposit.postings.first().account_id,
        transaction_id=deposit.id,
        batch_id=batch.id,
        line_id=batch.lines.get().id,
    )
    world.add(milestone_id=second.id)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> dict[str, World]:
    """One world for the whole module, made once inside a transaction that is rolled back
    at the end; each test runs in a savepoint inside it (pytest-django's `db`), so what
    one test's requests change is gone before the next. Per caller: the founder of a
    venture with everything in it, the freelancer hired on its contract, or nobody."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # what Django's TestCase marks its own wrapper with
        with outer:
            worlds = _make_worlds()
            yield worlds
            transaction.set_rollback(True)


def _freelancers_own(freelancer, founder: Actor, venture_id: int, ids: World) -> None:
    """What the freelancer keeps for themself: billing and bank details, a partner listing,
    and a self-billing proposal from the venture."""
    me = Actor(freelancer)
    invoicing.set_my_billing(me, legal_name="Wanjiru Kamau", address="Moi Avenue 1\nNairobi")
    payouts.save_payout_details(me, "Wanjiru Kamau", "DE89 3704 0044 0532 0130 00")
    agreement = invoicing.propose_self_billing(founder, venture_id, freelancer.email)
    ids.add(partner_id=PartnerFactory(owner=freelancer).id, agreement_id=agreement.id)


def _make_worlds() -> dict[str, World]:
    founder = UserFactory(full_name="Amara Okafor", country="PT", currency="EUR")
    venture = VentureFactory(name="Fuzz Looms", legal_country="PT", base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    member = MembershipFactory(venture=venture, user=UserFactory(), role="member")
    actor = Actor(founder)
    other_token = services.issue_token(actor, "another", venture.id).token
    ids = World()
    ids.add(venture_id=venture.id, membership_id=member.id, token_id=other_token.id)
    _books(actor, venture.id, ids)
    work = work_of_b(founder, venture)
    ids.add(**work, **invoicing_of_b(founder, venture))
    ids.add(partner_id=PartnerFactory(owner=founder, listed=False).id, user_id=founder.id)
    contract = Contract.objects.get(id=work["contract_id"])
    freelancer = contract.freelancer
    profile = ProfileFactory(user=freelancer)
    item = PortfolioItem.objects.create(profile=profile, title="Earlier work")
    residency = TaxResidency.objects.create(profile=profile, country="IN", since=date(2024, 1, 1))
    own_token = services.issue_token(Actor(freelancer), "mine").token
    ids.add(profile_id=profile.id, item_id=item.id, residency_id=residency.id,
            user_id=freelancer.id, escrow_id=contract.escrow_id, token_id=own_token.id)
    _freelancers_own(freelancer, Actor(founder), venture.id, ids)
    # ids and addresses a request body names (aimed like the path ids)
    invoice = Invoice.objects.get(id=ids.ids["invoice_id"][0])
    ids.add(email=freelancer.email, role_id=contract.offer.role_id,
            customer_id=invoice.customer_id, holder_id=freelancer.id, to_user_id=freelancer.id)
    ids.add(email=member.user.email, holder_id=founder.id, to_user_id=founder.id)
    worlds = {}
    for caller, user, venture_id in [
        ("founder", founder, venture.id),
        ("freelancer", freelancer, None),
        ("anonymous", None, None),
    ]:
        token = services.issue_token(Actor(user), "fuzz", venture_id).secret if user else ""
        worlds[caller] = World(ids=ids.ids, user=user, venture_id=venture_id, token=token)
    return worlds


def pick(values: list, generated) -> object | None:
    """A world id for most generated values (chosen by the value, so the run repeats);
    about one in eight keeps the generated id, which mostly reaches nothing."""
    digest = hashlib.sha256(repr(generated).encode()).digest()
    if digest[0] % 8 == 0:
        return None
    return values[digest[1] % len(values)]


def aim(case, world: World) -> None:
    """Swap valid generated ids for ids of the world: in the path, and the ids and addresses
    a body names (`role_id`, `customer_id`, `email`, …); never in a part generated invalid."""
    negative = case.meta.is_negative_at if case.meta is not None else lambda _: False
    if not negative(ParameterLocation.PATH):
        for name, generated in list((case.path_parameters or {}).items()):
            chosen = pick(world.ids.get(name, []), generated) if world.ids.get(name) else None
            if chosen is not None:
                case.path_parameters[name] = chosen
    if not negative(ParameterLocation.BODY) and isinstance(case.body, dict | list):
        _aim_body(case.body, world)


BODY_NAMES = {"email": "email", "payee_email": "email", "freelancer_email": "email",
              "role_id": "role_id", "customer_id": "customer_id", "holder_id": "holder_id",
              "to_user_id": "to_user_id"}


def _aim_body(value, world: World) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        if isinstance(item, dict | list):
            _aim_body(item, world)
        elif key in BODY_NAMES and item is not None and not isinstance(item, bool):
            chosen = pick(world.ids[BODY_NAMES[key]], item)
            if chosen is not None:
                value[key] = chosen
