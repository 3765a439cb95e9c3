"""The pieces every notification about work is written from: who is on each side,
names, links and amounts in the reader's currency and locale."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from bornglobal import clock
from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action, may
from bornglobal.money import rates
from bornglobal.money.models import Disclosure
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy.models import Membership, User
from bornglobal.work.models import Contract, ContractMilestone


def name(person: User | None) -> str:
    if person is None:
        return "The platform"
    return person.full_name or person.email


def managers(venture_id: int) -> list[User]:
    """The venture's active people who may move its money (they answer submissions)."""
    members = Membership.objects.filter(venture_id=venture_id, user__is_active=True)
    return [
        m.user
        for m in members.select_related("user").order_by("user_id")
        if may(m.role, Action.MANAGE_MONEY)
    ]


def _first_page(*candidates: tuple[str, list]) -> str:
    """The first of these pages this instance has (contract pages may be absent)."""
    for url_name, args in candidates:
        try:
            return reverse(url_name, args=args)
        except NoReverseMatch:
            continue
    return "/"


def freelancer_link(contract: Contract | None = None) -> str:
    if contract is None:
        return reverse("work_my_contracts")
    return _first_page(("work_my_contract", [contract.id]), ("work_my_contracts", []))


def venture_link(contract) -> str:
    """The contract's page for the venture (an offer has only its project's board)."""
    board = ("work_board", [contract.venture_id, contract.project_id])
    if not isinstance(contract, Contract):
        return _first_page(board)
    return _first_page(("work_contract", [contract.venture_id, contract.id]), board)


def dispute_link(item: ContractMilestone) -> str | None:
    """The dispute's own page, where this instance has one."""
    try:
        return reverse("work_dispute", args=[item.id])
    except NoReverseMatch:
        return None


def amount(value: Money, reader: User) -> str:
    return value.format(viewer_locale(reader))


def estimate(value: Money, currency: str, reader: User) -> str:
    """About how much `value` is in `currency` today, in the reader's locale."""
    if value.currency == currency:
        return amount(value, reader)
    try:
        converted = convert(value, currency, clock.today(), rates.current()).target
    except DomainError:
        return f"paid in {currency} at the rate of the payment day"
    return f"about {amount(converted, reader)}"


def last_payment(item: ContractMilestone) -> Money | None:
    """What the latest payment from this milestone paid, in the freelancer's currency."""
    disclosure = (
        Disclosure.objects.filter(transaction__milestone_id=item.milestone_id)
        .order_by("-id")
        .first()
    )
    if disclosure is None:
        return None
    return Money(disclosure.paid_minor, disclosure.paid_currency)


def milestone_title(item: ContractMilestone) -> str:
    return f"“{item.milestone.title}”"
