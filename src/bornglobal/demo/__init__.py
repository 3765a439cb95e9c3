"""Deterministic demo data. `load(seed, size)` fills an empty database.

Each app adds its own module here; `load` runs them in order, in one database
transaction, and reports progress through a callback `(done, total, stage)`: the
platform part fills the first steps, then the money part `MONEY_STEPS` and the
network part `NETWORK_WEIGHT` times the platform's steps (profiles cost more than
people), so the total never changes and is reached only at the very end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEMO_PASSWORD = "globe-demo-2026"  # noqa: S105  (published demo login)

Progress = Callable[[int, int, str], None]
MONEY_STEPS = 1_000  # progress units given to the money part (its own steps, rescaled)
PARTNERS = {"small": 200, "medium": 500, "large": 2_000}  # suppliers, factories, logistics
NETWORK_WEIGHT = 2  # the network part counts twice the platform's steps (a profile costs more)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    description: str


def demo_logins() -> list[DemoLogin]:
    from bornglobal.demo.platform import DEMO_LOGINS

    return list(DEMO_LOGINS)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What was loaded; reads like the platform summary (people, offsets, …) too."""

    platform: Any  # platform.PlatformSummary
    money: Any  # money.MoneySummary
    network: Any  # network.NetworkSummary
    reviews: Any  # reviews.ReviewsSummary
    partners: Any  # partners.PartnersSummary

    def __getattr__(self, name: str) -> Any:
        if name in ("platform", "money", "network", "reviews", "partners"):  # not set yet
            raise AttributeError(name)
        return getattr(self.platform, name)

    def describe(self) -> str:
        parts = (self.platform, self.money, self.network, self.reviews, self.partners)
        return "\n".join(part.describe() for part in parts)


@dataclass(frozen=True, slots=True)
class PartnersSummary:
    partners: int
    owners: int  # the partners' own accounts
    countries: int

    @classmethod
    def of(cls, partners: list) -> PartnersSummary:
        return cls(len(partners), len({p.owner_id for p in partners}),
                   len({p.country for p in partners}))

    def describe(self) -> str:
        return (f"Partners: {self.partners:,} suppliers, micro-factories, logistics and "
                f"service providers in {self.countries} countries.")


def load(seed: int = 42, size: str = "small", progress: Progress | None = None) -> DemoSummary:
    from bornglobal.demo.invoicing import load_invoicing
    from bornglobal.demo.money import load_money
    from bornglobal.demo.network import load_profiles
    from bornglobal.demo.partners import load_partners
    from bornglobal.demo.platform import load_platform
    from bornglobal.demo.reviews import load_reviews
    from bornglobal.demo.work import load_work
    from bornglobal.money.lock_order import one_writer
    from bornglobal.notifications.services import email_paused

    report = progress or (lambda done, total, stage: None)
    first = [0]  # the platform part's total, once it has said it

    def grand_total() -> int:
        return first[0] * (1 + NETWORK_WEIGHT) + MONEY_STEPS

    def platform_part(done: int, total: int, stage: str) -> None:
        first[0] = total
        report(done, grand_total(), stage)

    def part(offset: int, steps: int | None) -> Progress:
        def scaled(done: int, total: int, stage: str) -> None:
            size = first[0] * NETWORK_WEIGHT if steps is None else steps
            report(first[0] + offset + done * size // max(total, 1), grand_total(), stage)

        return scaled

    # One transaction for the whole demo, and nothing else writes meanwhile: the lock
    # order is checked per service call (money.lock_order.one_writer).
    with email_paused(), one_writer():  # the demo's inboxes, without mail
        platform = load_platform(seed=seed, size=size, progress=platform_part)
        money = load_money(seed=seed, progress=part(0, MONEY_STEPS))
        network = load_profiles(seed=seed, progress=part(MONEY_STEPS, None))
        reviews = load_reviews(seed=seed)  # after the profiles: reviews re-score them
        partners = PartnersSummary.of(load_partners(seed=seed, count=PARTNERS[size]))
        load_work(seed=seed)  # projects at every stage, through the work services
        load_invoicing(seed=seed)  # after money and work: also invoices their escrow payments
    return DemoSummary(platform, money, network, reviews, partners)
