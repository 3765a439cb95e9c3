"""The demo's money history, planned in pure Python: `plan_money(seed, candidates)`.

From the seed and the freelancers that exist (email, currency, country) it plans, from
2025-11-03 to 2026-10-30 and for each demo venture: a top-up of the wallet on each
month's first business day; about a dozen contracts (escrows of 2-3 milestones) with
payees paid in their own currencies, some paid in two parts, some refunded, one dispute
settled with a split and one left open; payout batches at each month's end, with IBANs
for most euro payees (SEPA lines) and one line the bank returns; and contracts still
running at the end, so the founders have live escrow. `bornglobal.demo.money` replays
the plan through the services. The same seed and people give the same plan.
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bornglobal.demo.money_rates import ECB_CURRENCIES, OPERATOR_CURRENCIES
from bornglobal.demo.platform import FREELANCER, VENTURES
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import exponent

HISTORY_START = date(2025, 11, 3)
HISTORY_END = date(2026, 10, 30)  # the last day of the bundled ECB rates
ANA = FREELANCER.email
PAYABLE = frozenset({"EUR", *ECB_CURRENCIES, *OPERATOR_CURRENCIES}) - {"BGN"}
PREFIXES = ("LL", "KR", "MT")
OPENING_UTC = (time(8, 5), time(7, 40), time(4, 15))  # mornings in Lagos, Berlin, Kolkata
# Milestone amounts in major units: (lowest, highest, step).
AMOUNTS = {"NGN": (300_000, 3_000_000, 10_000), "EUR": (400, 4_000, 50),
           "INR": (30_000, 300_000, 1_000)}
TOP_UP = {"NGN": 1_000_000, "EUR": 1_000, "INR": 100_000}  # deposits round up to this
PLAIN, PARTIAL, REFUND, PART_REFUND = "plain", "partial", "refund", "partial_refund"
SPLIT, OPEN_DISPUTE, LATE = "split", "open_dispute", "late"


@dataclass(frozen=True, slots=True)
class Contract:
    title: str
    milestones: tuple[str, ...]
    currencies: tuple[str, ...]  # the payee's currency, first one available; ANA = the login
    outcome: str = PLAIN


C = Contract
CONTRACTS: tuple[tuple[Contract, ...], ...] = (
    (  # Lagos Looms, NGN
        C("Aso-oke sample run", ("Yarn sourcing and dyeing", "Loom set-up and first bolt",
                                 "Sample run of 20 bolts"), ("NGN", "GBP")),
        C("Brand identity", ("Brand identity: concepts", "Brand identity: logo and palette",
                             "Brand guidelines"), ("KES", "ZAR")),
        C("Product photography: dry-season collection",
          ("Studio shoot", "Retouching and web exports"), (ANA, "BRL"), PARTIAL),
        C("Export paperwork", ("Certificate of origin pack", "Export compliance review"),
          ("GBP", "USD")),
        C("Online shop copy", ("Product descriptions (40 items)", "About page and lookbook text"),
          ("USD", "GBP")),
        C("Adire pattern library", ("Adire patterns: 12 designs", "Repeat files for printing",
                                    "Colourways"), ("EGP", "ZAR"), SPLIT),
        C("Lookbook", ("Lookbook: layout", "Lookbook: print-ready files"), ("EUR",)),
        C("Packaging", ("Packaging: dieline and mock-ups", "Packaging: print run supervision"),
          ("ZAR", "KES"), REFUND),
        C("Social media campaign", ("Campaign plan", "Content for month one",
                                    "Content for month two"), ("KES", "EGP")),
        C("Trade fair stand", ("Stand design", "Stand build and staffing"), ("GBP", "EUR"),
          PART_REFUND),
        C("Product photography: festive collection",
          ("Location shoot in Lagos", "Retouching and lookbook selects"), (ANA, "BRL"), LATE),
        C("Wholesale price list", ("Price list: market research", "Price list: layout"),
          ("NGN", "USD"), LATE),
    ),
    (  # Kestrel Robotics, EUR
        C("Motor control firmware", ("Firmware: motor driver", "Firmware: PID tuning",
                                     "Firmware: CAN bus protocol"), ("UAH", "PLN")),
        C("Gripper redesign", ("Gripper: CAD concepts", "Gripper: prototype",
                               "Gripper: test report"), ("PLN", "CZK")),
        C("User manual", ("Manual: outline and safety section", "Manual: full draft"), ("EUR",)),
        C("Test automation", ("Hardware-in-the-loop rig", "Regression suite", "CI integration"),
          ("VND", "PHP"), PARTIAL),
        C("Battery pack", ("Battery pack: cell selection", "Battery pack: BMS integration"),
          ("CHF", "EUR")),
        C("Vision pipeline", ("Camera calibration", "Object detection model",
                              "On-device optimisation"), ("PKR", "INR")),
        C("Docs site", ("Docs site: set-up", "API reference"), ("EUR",)),
        C("CE marking", ("CE: risk assessment", "CE: technical file"), ("CZK", "RON", "EUR"),
          REFUND),
        C("Fleet dashboard", ("Dashboard: wireframes", "Dashboard: front-end",
                              "Dashboard: telemetry API"), ("RON", "HUF", "PLN")),
        C("Enclosure", ("Enclosure: design for injection moulding", "Enclosure: tooling review"),
          ("EUR",)),
        C("Support knowledge base", ("Knowledge base: 30 articles", "Troubleshooting flowcharts"),
          ("USD", "MXN"), LATE),
        C("Sensor fusion", ("IMU integration", "Sensor fusion: filter tuning"), ("UAH", "EUR"),
          LATE),
    ),
    (  # Monsoon Tea Co., INR
        C("Tea label redesign", ("Tea label redesign: concepts",
                                 "Tea label redesign: final artwork"), ("BDT", "INR")),
        C("Tasting notes", ("Tasting notes: first flush", "Tasting notes: second flush",
                            "Tasting notes: monsoon flush"), ("INR",)),
        C("Website translation", ("Translation: Portuguese", "Translation: Spanish",
                                  "Translation: review"), (ANA, "BRL")),
        C("Gift box packaging", ("Gift box: dieline", "Gift box: print proofs",
                                 "Gift box: sample run"), ("IDR", "THB"), PARTIAL),
        C("Product photography", ("Photography: studio shoot", "Photography: garden shoot"),
          ("PHP", "SGD")),
        C("Marketplace launch", ("Marketplace: listings", "Marketplace: ads set-up"),
          ("ARS", "MXN")),
        C("Influencer campaign", ("Campaign brief", "Creator outreach", "Campaign report"),
          ("SGD", "MYR"), OPEN_DISPUTE),
        C("Export compliance", ("Phytosanitary paperwork", "Label compliance check"),
          ("BDT", "INR"), REFUND),
        C("Newsletter", ("Newsletter: template", "Newsletter: three issues"), ("JPY", "KRW")),
        C("Recipe videos", ("Recipe videos: scripts", "Recipe videos: edit"), ("THB", "IDR"),
          PART_REFUND),
        C("Wholesale catalogue", ("Catalogue: layout", "Catalogue: print-ready files"),
          ("MYR", "SGD"), LATE),
        C("Tea blog", ("Blog: ten articles", "Blog: SEO review"), ("ARS", "BRL"), LATE),
    ),
)
# IBAN layouts without national check digits: (letters or digits, how many) per part.
BBANS = {"DE": (("n", 8), ("n", 10)), "NL": (("a", 4), ("n", 10)), "AT": (("n", 16),),
         "IE": (("a", 4), ("n", 14)), "FI": (("n", 14),), "PT": (("n", 21),),
         "IT": (("a", 1), ("n", 22)), "LU": (("n", 3), ("n", 13)), "EE": (("n", 16),),
         "LT": (("n", 16),), "LV": (("a", 4), ("n", 13)), "CY": (("n", 24),),
         "GR": (("n", 23),), "MT": (("a", 4), ("n", 23))}


@dataclass(frozen=True, slots=True)
class Candidate:
    email: str
    currency: str
    country: str


# Steps: what to do, by whom (the venture's founder unless said), at which instant.
@dataclass(frozen=True, slots=True)
class Step:
    at: datetime
    venture: int


@dataclass(frozen=True, slots=True)
class Deposit(Step):
    key: str
    minor: int
    memo: str


@dataclass(frozen=True, slots=True)
class OpenContract(Step):
    ref: str
    title: str
    payee: str
    milestones: tuple[tuple[str, int, date], ...]  # (title, minor, due on)


@dataclass(frozen=True, slots=True)
class Fund(Step):
    ref: str
    index: int
    key: str


@dataclass(frozen=True, slots=True)
class Release(Step):
    ref: str
    index: int
    key: str
    minor: int | None = None  # None: everything held


@dataclass(frozen=True, slots=True)
class Refund(Step):
    ref: str
    index: int
    key: str
    minor: int | None = None


@dataclass(frozen=True, slots=True)
class Dispute(Step):
    ref: str
    index: int
    reason: str
    by_payee: bool


@dataclass(frozen=True, slots=True)
class Resolve(Step):
    ref: str
    index: int
    key: str
    payee_minor: int
    refund_minor: int


@dataclass(frozen=True, slots=True)
class SaveDetails(Step):
    payee: str  # acts as themself
    iban: str


@dataclass(frozen=True, slots=True)
class Batch(Step):
    key: str


@dataclass(frozen=True, slots=True)
class FailLine(Step):
    batch_key: str
    payee: str
    key: str


PRIORITY = {Deposit: 0, SaveDetails: 1, OpenContract: 2, Fund: 3, Release: 4, Refund: 4,
            Dispute: 4, Resolve: 4, Batch: 8, FailLine: 9}


@dataclass(slots=True)
class Draft:
    """A step before its instant is known: its day, its order within the day, its fields."""

    day: date
    venture: int
    kind: type[Step]
    fields: dict
    pays: tuple[str, str] | None = None  # (payee, currency) when a payee is owed money
    takes: int = 0  # what a Fund takes from the wallet, in minor units


@dataclass(slots=True)
class Plan:
    steps: list[Step] = field(default_factory=list)
    payees: dict[str, str] = field(default_factory=dict)  # email -> currency paid in


def business_day(day: date) -> date:
    """`day`, or the Monday after it if it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    for _ in range(count):
        day = business_day(day + timedelta(days=1))
    return day


def month_starts() -> list[date]:
    months, day = [], HISTORY_START.replace(day=1)
    while day <= HISTORY_END:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def last_business_day(month: date) -> date:
    day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return min(day, HISTORY_END)


def iban_for(country: str, rng: random.Random) -> str:
    """An IBAN for `country` (or Germany) with the right mod-97 check digits."""
    country = country if country in BBANS else "DE"
    bban = "".join(
        rng.choice(string.ascii_uppercase if kind == "a" else string.digits)
        for kind, length in BBANS[country] for _ in range(length)
    )
    digits = "".join(str(int(char, 36)) for char in f"{bban}{country}00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


class _Payees:
    """Freelancers by currency, each currency's list shuffled once and taken in turn."""

    def __init__(self, candidates: Sequence[Candidate], rng: random.Random):
        self.by_email = {c.email: c for c in candidates}
        pools: dict[str, list[str]] = defaultdict(list)
        for c in sorted(candidates, key=lambda c: c.email):
            if c.email != ANA and c.currency in PAYABLE:
                pools[c.currency].append(c.email)
        for emails in pools.values():
            rng.shuffle(emails)
        self.pools, self.turn = pools, defaultdict(int)

    def pick(self, currencies: Sequence[str]) -> Candidate:
        for currency in currencies:
            if currency == ANA and ANA in self.by_email:
                return self.by_email[ANA]
            pool = self.pools.get(currency)
            if pool:
                self.turn[currency] += 1
                return self.by_email[pool[(self.turn[currency] - 1) % len(pool)]]
        if not self.pools:
            raise DomainError("The demo needs freelancers to pay.", code="no_demo_payees")
        return self.pick(sorted(self.pools, key=lambda cur: (-len(self.pools[cur]), cur))[:1])


def plan_money(seed: int, candidates: Sequence[Candidate]) -> Plan:
    """The whole history as ordered steps; the same seed and people give the same plan."""
    rng = random.Random(f"bornglobal-demo-money:{seed}")
    payees, drafts, plan = _Payees(candidates, rng), [], Plan()
    for venture, contracts in enumerate(CONTRACTS):
        regular = sum(1 for c in contracts if c.outcome not in (LATE, OPEN_DISPUTE))
        for number, contract in enumerate(contracts):
            payee = payees.pick(contract.currencies)
            plan.payees[payee.email] = payee.currency
            drafts += _contract_drafts(venture, number, contract, payee,
                                       _start(contract, number, regular, rng), rng)
    drafts += _deposits(drafts)
    drafts += _details(drafts, plan.payees, payees.by_email, rng)
    drafts = _with_batches(_sorted(drafts), plan.payees)
    plan.steps = _timed(drafts, rng)
    return plan


def _sorted(drafts: list[Draft]) -> list[Draft]:
    order = sorted(range(len(drafts)), key=lambda n: (
        drafts[n].day, drafts[n].venture, PRIORITY[drafts[n].kind], n))
    return [drafts[n] for n in order]


def _start(contract: Contract, number: int, regular: int, rng: random.Random) -> date:
    if contract.outcome == LATE:
        return business_day(date(2026, 9, 14) + timedelta(days=rng.randint(0, 35)))
    if contract.outcome == OPEN_DISPUTE:
        return business_day(date(2026, 7, 27) + timedelta(days=rng.randint(0, 10)))
    offset = number * 250 // max(regular, 1) + rng.randint(0, 12)
    return business_day(HISTORY_START + timedelta(days=offset))


def _contract_drafts(venture: int, number: int, contract: Contract, payee: Candidate,
                     start: date, rng: random.Random) -> list[Draft]:
    """Opening, then each milestone funded in turn and paid (or not) by the outcome."""
    base = VENTURES[venture].currency
    low, high, step = AMOUNTS[base]
    amounts = [rng.randrange(low, high + step, step) * 10 ** exponent(base)
               for _ in contract.milestones]
    ref = f"{PREFIXES[venture]}-{start:%y%m}-{number + 1:02d}"
    last, day, dues, moves = len(amounts) - 1, start, [], []

    def add(on: date, kind: type[Step], pays: bool = False, takes: int = 0, **fields) -> None:
        owed = (payee.email, payee.currency) if pays else None
        moves.append(Draft(on, venture, kind, {"ref": ref, **fields}, owed, takes))

    for index, minor in enumerate(amounts):
        due = business_day(day + timedelta(days=rng.randint(14, 35)))
        paid = max(business_day(due + timedelta(days=rng.randint(-3, 6))),
                   add_business_days(day, 8))
        dues.append(due)
        if day > HISTORY_END:
            continue
        key = f"demo:{ref}:m{index + 1}"
        add(day, Fund, takes=minor, index=index, key=f"{key}:fund")
        if contract.outcome == OPEN_DISPUTE and (index == last or paid > HISTORY_END):
            add(min(add_business_days(day, rng.randint(5, 12)), HISTORY_END), Dispute,
                index=index, by_payee=True, reason="Report delivered on time; payment withheld.")
            day = HISTORY_END + timedelta(days=1)
            continue
        if paid > HISTORY_END:
            day = paid
            continue
        if contract.outcome == SPLIT and index == min(1, last):
            opened = add_business_days(day, rng.randint(10, 18))
            paid = add_business_days(opened, rng.randint(6, 12))
            share = minor * rng.randint(40, 70) // 100
            add(opened, Dispute, index=index, by_payee=False,
                reason="Half of the designs came late and were not print-ready.")
            add(paid, Resolve, pays=True, index=index, key=f"{key}:resolve",
                payee_minor=share, refund_minor=minor - share)
        elif contract.outcome == REFUND and index == last:
            add(add_business_days(day, rng.randint(5, 15)), Refund, index=index,
                key=f"{key}:refund")
        elif contract.outcome == PARTIAL and index == min(1, last):
            part = minor * rng.randint(40, 60) // 100
            add(business_day(day + (paid - day) // 2), Release, pays=True, index=index,
                key=f"{key}:release-1", minor=part)
            add(paid, Release, pays=True, index=index, key=f"{key}:release-2")
        elif contract.outcome == PART_REFUND and index == last:
            add(paid, Release, pays=True, index=index, key=f"{key}:release",
                minor=minor * rng.randint(50, 80) // 100)
            add(add_business_days(paid, rng.randint(1, 4)), Refund, index=index,
                key=f"{key}:refund")
        else:
            add(paid, Release, pays=True, index=index, key=f"{key}:release")
        day = business_day(paid + timedelta(days=rng.randint(0, 4)))
    opened = Draft(start, venture, OpenContract, {
        "ref": ref, "title": contract.title, "payee": payee.email,
        "milestones": tuple(zip(contract.milestones, amounts, dues, strict=True))})
    return [opened, *(move for move in moves if move.day <= HISTORY_END)]


def _deposits(drafts: list[Draft]) -> list[Draft]:
    """A top-up on each month's first business day, a little more than the month funds."""
    needs: dict[tuple[int, date], int] = defaultdict(int)
    for draft in drafts:
        needs[draft.venture, draft.day.replace(day=1)] += draft.takes
    deposits = []
    for venture, spec in enumerate(VENTURES):
        unit = TOP_UP[spec.currency] * 10 ** exponent(spec.currency)
        for number, month in enumerate(month_starts()):
            units = -(-needs[venture, month] * 11 // 10 // unit) + (3 if number == 0 else 1)
            deposits.append(Draft(business_day(month), venture, Deposit, {
                "key": f"demo:{PREFIXES[venture]}:deposit:{month:%Y-%m}", "minor": units * unit,
                "memo": f"Top-up from the operating account, {month:%B %Y}"}))
    return deposits


def _details(drafts: list[Draft], paid_in: dict[str, str], people: dict[str, Candidate],
             rng: random.Random) -> list[Draft]:
    """IBANs for the euro payees (all but one, who stays on the CSV rail)."""
    first: dict[str, Draft] = {}
    for draft in _sorted([d for d in drafts if d.kind is OpenContract]):
        first.setdefault(draft.fields["payee"], draft)
    euro = [email for email in first if paid_in[email] == "EUR"]
    chosen = euro[:-1] if len(euro) > 2 else euro
    return [Draft(first[email].day, first[email].venture, SaveDetails,
                  {"payee": email, "iban": iban_for(people[email].country, rng)})
            for email in chosen]


def _with_batches(drafts: list[Draft], paid_in: dict[str, str]) -> list[Draft]:
    """A payout batch at each month's end when someone is owed; one SEPA line returned.

    October's earnings wait for the November run, so the live demo has payouts to make.
    """
    sepa = {d.fields["payee"] for d in drafts if d.kind is SaveDetails}
    added, failed = [], False
    for venture in (1, 0, 2):  # Kestrel first: the returned line is a euro one there
        owed: dict[str, str] = {}
        moves = iter([d for d in drafts if d.venture == venture and d.pays])
        move = next(moves, None)
        for month in month_starts()[:-1]:
            end = last_business_day(month)
            while move is not None and move.day <= end:
                owed.setdefault(*move.pays)
                move = next(moves, None)
            if not owed:
                continue
            key = f"demo:{PREFIXES[venture]}:payout:{month:%Y-%m}"
            added.append(Draft(end, venture, Batch, {"key": key}))
            returned = [p for p in owed if p in sepa and month >= date(2026, 3, 1)]
            owed = {}
            if returned and not failed and add_business_days(end, 3) <= HISTORY_END:
                failed, payee = True, returned[0]
                added.append(Draft(add_business_days(end, 3), venture, FailLine, {
                    "batch_key": key, "payee": payee, "key": f"{key}:returned"}))
                owed[payee] = paid_in[payee]
    return _sorted(drafts + added)


def _timed(drafts: list[Draft], rng: random.Random) -> list[Step]:
    """Each step at its venture's morning, a few minutes after the one before."""
    steps, slot, previous = [], 0, None
    for draft in drafts:
        slot = slot + 1 if (draft.day, draft.venture) == previous else 0
        previous = (draft.day, draft.venture)
        opening = datetime.combine(draft.day, OPENING_UTC[draft.venture], tzinfo=UTC)
        at = opening + timedelta(minutes=9 * slot + rng.randint(0, 6))
        steps.append(draft.kind(at=at, venture=draft.venture, **draft.fields))
    return steps


def ledger_keys(plan: Plan) -> list[tuple[str, str]]:
    """(idempotency key, kind) of every ledger transaction the plan writes with its own key
    (payout lines are keyed by their batch and account, known only once written)."""
    keys = []
    for step in plan.steps:
        match step:
            case Deposit() | Fund() | Release() | Refund():
                keys.append((step.key, type(step).__name__.lower()))
            case Resolve():
                keys += [(f"{step.key}:{part}", "resolve") for part, minor in
                         (("pay", step.payee_minor), ("refund", step.refund_minor)) if minor]
            case FailLine():
                keys.append((step.key, "payout_reversal"))
    return keys
