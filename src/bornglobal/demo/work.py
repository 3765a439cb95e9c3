"""Demo projects at every stage, made through the work app's own services.

`load_work(seed)` runs after the money history, the profiles and the reviews. Each
demo venture deposits a work budget and, acting as its founder (or Kestrel's
manager), runs projects with the named freelancers of `demo.network_anchors` and the
demo freelancer Ana Lima, across Africa, Europe, the Americas and Asia:

* closed: Lagos Looms' catalogue shoot, every milestone accepted and both sides'
  reviews left through `network.reviews`;
* running: Kestrel's charge controller firmware, one milestone paid, the next funded
  and submitted, waiting for the founder's answer; a second contract started; a team
  in Nairobi, Kraków and São Paulo passing tasks along the follow-the-sun chain with
  handoff notes (`work.handoffs`), some already open for the receiver, one coming;
  and an hourly installer-support contract paid week by week (`demo.work_hourly`);
* in dispute: Kestrel's manual translation, a submitted milestone disputed by the
  founder, with evidence from both sides inside the window;
* being staffed: Monsoon Tea's export launch, roles with open offers.

The fixed-price payments are booked by October 2026 (inside the bundled rates); the
hourly weeks run up to the load, paid at the demo's operator rates; what waits for an
answer happens in the days before the load, so its auto-release and evidence windows
are still open. `bornglobal ledger
check` passes afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bornglobal import clock
from bornglobal.demo import Progress
from bornglobal.demo.network_anchors import EMAIL_DOMAIN
from bornglobal.demo.platform import FREELANCER, KESTREL_FOUNDER, LAGOS_FOUNDER, MONSOON_FOUNDER
from bornglobal.demo.work_hourly import field_support, range_report
from bornglobal.domain.handoffs import turn_of
from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.network import reviews
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User, Venture
from bornglobal.work import disputes, handoffs, milestones, services
from bornglobal.work.models import Contract, Project, Task

KEY = "demo-work"


def _at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _talent(key: str) -> str:
    return f"{key}@{EMAIL_DOMAIN}"


@dataclass(frozen=True, slots=True)
class WorkSummary:
    projects: dict[str, int]  # by status
    contracts: int
    disputes: int
    open_offers: int

    def describe(self) -> str:
        stages = ", ".join(f"{count} {status}" for status, count in sorted(self.projects.items()))
        return (
            f"Work: projects {stages}; {self.contracts} contracts, {self.disputes} in "
            f"dispute, {self.open_offers} open offers."
        )


class _Venture:
    def __init__(self, founder_email: str) -> None:
        self.founder = User.objects.get(email=founder_email)
        self.actor = Actor(self.founder)
        self.venture = Venture.objects.get(
            memberships__user=self.founder, memberships__role="owner"
        )
        self.currency = self.venture.base_currency

    def money(self, amount: str) -> Money:
        return Money.of(amount, self.currency)

    def deposit(self, amount: str, at: datetime) -> None:
        with clock.travel_to(at):
            money.deposit(
                self.actor,
                self.venture.id,
                self.money(amount),
                f"{KEY}-deposit",
                memo="Work budget for Q4 projects",
            )

    def project(self, title: str, brief: str, budget: str, at: datetime) -> Project:
        with clock.travel_to(at):
            return services.create_project(
                self.actor,
                self.venture.id,
                services.ProjectDraft(
                    title, self.money(budget), brief, at.date(), at.date() + timedelta(days=90)
                ),
            )

    def role(self, project: Project, title: str, hours: int, ceiling: str, at: datetime):
        with clock.travel_to(at):
            return services.add_role(
                self.actor,
                self.venture.id,
                project.id,
                services.RoleDraft(title, hours, self.money(ceiling)),
            )

    def offer(
        self,
        role,
        email: str,
        title: str,
        parts: tuple[tuple[str, str], ...],
        at: datetime,
        pay: str,
        **terms,
    ):
        plans = tuple(money.MilestonePlan(name, self.money(amount)) for name, amount in parts)
        with clock.travel_to(at):
            return services.send_offer(
                self.actor,
                self.venture.id,
                services.OfferDraft(
                    role.id,
                    email,
                    title,
                    milestones=plans,
                    pay_currency=pay,
                    message="Looking forward to working with you.",
                    **terms,
                ),
            )

    def hire(
        self, role, email: str, title: str, parts, at: datetime, pay: str, **terms
    ) -> Contract:
        offer = self.offer(role, email, title, parts, at, pay, **terms)
        with clock.travel_to(at + timedelta(hours=20)):
            return services.accept_offer(Actor(offer.freelancer), offer.id)

    def fund(self, contract: Contract, position: int, at: datetime) -> None:
        item = contract.milestones.get(position=position)
        with clock.travel_to(at):
            milestones.fund(
                self.actor, self.venture.id, item.id, f"{KEY}-fund-{contract.id}-{position}"
            )

    def deliver(self, contract: Contract, position: int, at: datetime, note: str) -> None:
        item, person = contract.milestones.get(position=position), Actor(contract.freelancer)
        with clock.travel_to(at):
            milestones.start(person, item.id)
        with clock.travel_to(at + timedelta(days=3)):
            milestones.submit(person, item.id, note)

    def accept(self, contract: Contract, position: int, at: datetime) -> None:
        item = contract.milestones.get(position=position)
        with clock.travel_to(at):
            milestones.accept(
                self.actor, self.venture.id, item.id, f"{KEY}-accept-{contract.id}-{position}"
            )


def _closed(lagos: _Venture) -> None:
    """Lagos Looms' spring catalogue: done, paid and reviewed both ways."""
    project = lagos.project(
        "Spring catalogue shoot",
        "Product photos of the new aso-oke scarves for the export shop.",
        "900000",
        _at(9, 1),
    )
    role = lagos.role(project, "Product photographer", 40, "30000", _at(9, 1))
    contract = lagos.hire(
        role,
        FREELANCER.email,
        "Spring catalogue: 60 product photos",
        (("Test shoot and style guide", "250000"), ("Final 60 photos, retouched", "450000")),
        _at(9, 2),
        "BRL",
    )
    lagos.fund(contract, 1, _at(9, 4))
    lagos.deliver(contract, 1, _at(9, 5), "Style guide and 8 test photos in the shared folder.")
    lagos.accept(contract, 1, _at(9, 10))
    lagos.fund(contract, 2, _at(9, 11))
    lagos.deliver(contract, 2, _at(9, 14), "All 60 photos, retouched, web and print sizes.")
    lagos.accept(contract, 2, _at(9, 22))
    with clock.travel_to(_at(9, 24)):
        reviews.leave_review(
            lagos.actor,
            contract.escrow_id,
            5,
            "Beautiful light on the fabrics and every photo on time.",
        )
    with clock.travel_to(_at(9, 26)):
        reviews.leave_review(
            Actor(contract.freelancer),
            contract.escrow_id,
            5,
            "A clear brief, quick answers and payment right on the release date.",
        )
    reviews.recompute_reputation(contract.freelancer)  # as of today, as the profile shows


def _running(kestrel: _Venture, now: datetime) -> None:
    """Kestrel's firmware project: a milestone paid, one submitted and waiting."""
    project = kestrel.project(
        "Solar charge controller firmware v2",
        "MPPT tracking, LoRa telemetry and a safe bootloader for the KR-40 controller.",
        "24000.00",
        _at(10, 1),
    )
    firmware = kestrel.role(project, "Embedded firmware engineer", 120, "75.00", _at(10, 1))
    testing = kestrel.role(project, "Hardware test engineer", 60, "60.00", _at(10, 1))
    contract = kestrel.hire(
        firmware,
        _talent("wanjiru.kamau"),
        "KR-40 firmware v2",
        (("MPPT tracking", "3000.00"), ("LoRa telemetry", "3500.00"), ("Bootloader", "2500.00")),
        _at(10, 2),
        "USD",
        auto_release_days=14,
    )
    kestrel.fund(contract, 1, _at(10, 5))
    kestrel.deliver(contract, 1, _at(10, 5), "MPPT tracking merged; bench log attached.")
    kestrel.accept(contract, 1, _at(10, 14))
    kestrel.fund(contract, 2, _at(10, 15))
    with clock.travel_to(now - timedelta(days=10)):
        milestones.start(Actor(contract.freelancer), contract.milestones.get(position=2).id)
    with clock.travel_to(now - timedelta(days=1)):
        milestones.submit(
            Actor(contract.freelancer),
            contract.milestones.get(position=2).id,
            "Telemetry over LoRa every 5 minutes; range test report attached.",
            files=[range_report()],
        )
    tester = kestrel.hire(
        testing,
        _talent("tomasz.nowak"),
        "KR-40 test rig and test plan",
        (("Test plan", "1200.00"), ("Automated test rig", "2400.00")),
        _at(10, 6),
        "PLN",
    )
    kestrel.fund(tester, 1, _at(10, 8))
    with clock.travel_to(now - timedelta(days=5)):
        milestones.start(Actor(tester.freelancer), tester.milestones.get(position=1).id)
    photos = kestrel.role(project, "Product photographer", 16, "40.00", _at(10, 9))
    kestrel.hire(
        photos,
        FREELANCER.email,
        "KR-40 product photos and Portuguese quick-start",
        (("Photos and quick-start guide", "900.00"),),
        _at(10, 9),
        "BRL",
    )
    _tasks(kestrel, project, now)
    field_support(kestrel, project, now)


# Each task's handoff notes (done, next, blockers, to whom: None for the chain's next).
RELAYS = {
    "LoRa packet loss beyond 4 km": (
        ("Reproduced on the bench: packets drop while the MPPT loop switches.",
         "Try a ferrite on the antenna feed and log the loss again.", "", None),
        ("Ferrite on the feed: loss down from 18% to 6% at 4 km (lora-range-2.csv).",
         "Field test at 5 km with a rev C board; update the range report.",
         "The 5 km site needs a second gateway.", None),
    ),
    "Wiring photos for the quick-start guide": (
        ("Shot the terminal block and the fuse holder; raw files in the shared folder.",
         "Check the polarity labels against firmware v2's pin map.", "", None),
        ("Checked: labels 3 and 4 were swapped in the pin map; corrected list attached.",
         "Reshoot the terminal block with the corrected labels.", "", FREELANCER.email),
    ),
}
COMING = (
    "Bootloader rollback on a failed update",
    ("Rollback works on rev B: a bad image falls back to the last good one.",
     "Run the same test on rev C boards from the test rig.",
     "Rev C boards arrive today; the rig's relay 3 sticks."),
)


def _relay(task: Task, notes, start: datetime, now: datetime) -> None:
    for done, following, blockers, to in notes:
        task.refresh_from_db()
        instant = max(task.held_from, start) + timedelta(hours=3)
        if instant >= now:
            return
        receiver = User.objects.get(email=to).id if to else None
        with clock.travel_to(instant):
            note = handoffs.HandoffNote(done, following, blockers, receiver)
            handoffs.hand_off(Actor(task.holder), task.id, note)


def _tasks(kestrel: _Venture, project: Project, now: datetime) -> None:
    """Tasks relayed through the team, and one handed off now to someone still off."""
    if Task.objects.filter(project=project).exists():
        return
    start = now - timedelta(days=2)
    for title, notes in RELAYS.items():
        with clock.travel_to(start):
            task = handoffs.create_task(kestrel.actor, project.id, handoffs.TaskDraft(title))
        _relay(task, notes, start, now)
    title, (done, following, blockers) = COMING
    opening = {
        mate: turn_of(mate.member, now).opens_at
        for mate in handoffs.team_of(project)
    }
    by_opening = sorted(opening, key=lambda mate: (opening[mate], mate.user.id))
    later = [mate for mate in by_opening if opening[mate] > now]  # soonest first
    receiver = later[0] if later else by_opening[-1]
    giver = next(mate for mate in by_opening if mate is not receiver)
    with clock.travel_to(now):
        draft = handoffs.TaskDraft(title, holder_id=giver.user.id)
        task = handoffs.create_task(kestrel.actor, project.id, draft)
        note = handoffs.HandoffNote(done, following, blockers, receiver.user.id)
        handoffs.hand_off(Actor(giver.user), task.id, note)


def _disputed(kestrel: _Venture, now: datetime) -> None:
    """Kestrel's manual translation: a submitted milestone in dispute, evidence in."""
    project = kestrel.project(
        "KR-40 manual in Spanish and Portuguese",
        "Translate the installation manual for distributors in Latin America.",
        "4000.00",
        _at(10, 3),
    )
    role = kestrel.role(project, "Technical translator", 50, "50.00", _at(10, 3))
    contract = kestrel.hire(
        role,
        _talent("lucia.fernandez"),
        "KR-40 manual translation",
        (("Spanish manual", "1500.00"), ("Portuguese manual", "1500.00")),
        _at(10, 4),
        "USD",
        dispute_window_days=14,
    )
    kestrel.fund(contract, 1, _at(10, 7))
    item = contract.milestones.get(position=1)
    lucia = Actor(contract.freelancer)
    with clock.travel_to(now - timedelta(days=12)):
        milestones.start(lucia, item.id)
    with clock.travel_to(now - timedelta(days=5)):
        milestones.submit(lucia, item.id, "Spanish manual, 48 pages, glossary included.")
    with clock.travel_to(now - timedelta(days=3)):
        disputes.open_dispute(
            kestrel.actor,
            item.id,
            "The wiring section was left in English and the torque values "
            "are wrong in three tables.",
        )
    with clock.travel_to(now - timedelta(days=2)):
        disputes.add_evidence(
            kestrel.actor, item.id, "Pages 14-19 untranslated; tables 3, 5 and 7 give Nm as lbf."
        )
    with clock.travel_to(now - timedelta(days=1)):
        disputes.add_evidence(
            lucia,
            item.id,
            "The wiring section was marked 'do not translate' in the source "
            "file; the tables were copied from the source as delivered.",
        )


def _staffing(monsoon: _Venture, now: datetime) -> None:
    """Monsoon Tea's export launch: roles with offers out."""
    project = monsoon.project(
        "Japan and Taiwan export launch",
        "Labels, a Japanese shop page and a tasting campaign for the first-flush Darjeeling.",
        "900000.00",
        now - timedelta(days=6),
    )
    design = monsoon.role(project, "Packaging designer", 40, "4500.00", now - timedelta(days=6))
    copy = monsoon.role(project, "Japanese copywriter", 30, "4000.00", now - timedelta(days=6))
    monsoon.role(project, "Marketplace ads specialist", 25, "3500.00", now - timedelta(days=6))
    monsoon.offer(
        design,
        _talent("mei.chen"),
        "Tin labels for three teas",
        (("Label concepts", "60000.00"), ("Print-ready labels", "90000.00")),
        now - timedelta(days=2),
        "TWD",
    )
    monsoon.offer(
        copy,
        _talent("hiroshi.tanaka"),
        "Japanese shop page copy",
        (("Shop page and product copy", "80000.00"),),
        now - timedelta(days=1),
        "JPY",
    )


def load_work(seed: int = 42, progress: Progress | None = None) -> WorkSummary:
    """Write the demo's projects; see the module docstring. The seed is not used yet:
    the projects are hand-written."""
    report = progress or (lambda done, total, stage: None)
    now = clock.now().replace(microsecond=0)
    lagos, kestrel, monsoon = (
        _Venture(p.email) for p in (LAGOS_FOUNDER, KESTREL_FOUNDER, MONSOON_FOUNDER)
    )
    lagos.deposit("2000000", _at(8, 31))
    kestrel.deposit("40000.00", _at(9, 30))
    steps = (
        lambda: _closed(lagos),
        lambda: _running(kestrel, now),
        lambda: _disputed(kestrel, now),
        lambda: _staffing(monsoon, now),
    )
    for done, step in enumerate(steps, start=1):
        step()
        report(done, len(steps), "projects")
    return summarize()


def summarize() -> WorkSummary:
    from django.db.models import Count

    by_status = dict(Project.objects.values_list("status").annotate(n=Count("id")))
    return WorkSummary(
        projects=by_status,
        contracts=Contract.objects.count(),
        disputes=Contract.objects.filter(state="disputed").count(),
        open_offers=services.Offer.objects.filter(state="sent").count(),
    )
