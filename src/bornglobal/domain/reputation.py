"""Reputation: one score from 0 to 100, computed by a formula anyone can check.

A freelancer's score mixes three parts, each on a scale of 0 to 100:

* **Stars** -- what clients said. Every review gets a *recency weight* that
  halves every ``half_life_days`` (365 by default)::

      weight = 2 ** (-age_in_days / half_life_days)

  so a review from today counts 1, one from a year ago 0.5 and one from two
  years ago 0.25. Weights are rounded to 12 decimal places; a review dated in
  the future counts as today's. The recency-weighted star total ``S`` and the
  total weight ``W`` then go into a *Bayesian average* that starts from a prior
  of ``prior_mean`` stars (4.0) worth ``prior_weight`` reviews (5)::

      stars = (prior_weight * prior_mean + S) / (prior_weight + W)

  A newcomer with no reviews therefore sits at the prior, and one enthusiastic
  (or furious) client cannot swing the score on their own. The average, rounded
  to 0.01 stars, maps 1 to 5 stars onto 0 to 100: ``(stars - 1) / 4 * 100``.

* **Delivery** -- the share of delivered contracts handed over on time,
  ``on_time / (on_time + late) * 100``, taken from the platform's contract
  records rather than from what reviews say. With no deliveries yet it is the
  policy's ``prior_on_time_rate`` (90%).

* **Experience** -- completed contracts, counting fully from
  ``experience_saturation`` (20) on: ``min(completed, 20) / 20 * 100``.

The score is the weighted sum, rounded to 0.1 (half to even)::

    score = 0.7 * stars part + 0.2 * delivery part + 0.1 * experience part

Each part is rounded to 0.1 before the sum, and the explanation shows exactly
those rounded figures, so a reader can redo the last step with a pencil. All
arithmetic is in `Decimal` with 50 significant digits: the same inputs give the
same score on every machine. Every rounding is monotonic, so a new five-star
review never lowers the score and a new one-star review never raises it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from bornglobal.domain.errors import DomainError

PRECISION = 50
_WEIGHT_STEP = Decimal("1e-12")
_STARS_STEP = Decimal("0.01")
_PART_STEP = Decimal("0.1")
_HUNDRED = Decimal(100)
_TIMES, _MINUS, _DIVIDED = "\u00d7", "\u2212", "\u00f7"  # typeset signs for people


class InvalidReputationInput(DomainError):
    code = "invalid_reputation_input"


@dataclass(frozen=True, slots=True)
class Review:
    """One client's rating of a finished contract: 1 to 5 whole stars."""

    stars: int
    on: date
    on_time: bool | None = None  # the client's view; the score uses the verified `Track`

    def __post_init__(self):
        if isinstance(self.stars, bool) or not isinstance(self.stars, int):
            raise InvalidReputationInput("A review has a whole number of stars.")
        if not 1 <= self.stars <= 5:
            raise InvalidReputationInput(
                f"A review has 1 to 5 stars, not {self.stars}.", details={"stars": self.stars}
            )


@dataclass(frozen=True, slots=True)
class Track:
    """The platform's record of contracts: how many completed, delivered on time, late."""

    completed_contracts: int
    on_time: int
    late: int

    def __post_init__(self):
        if min(self.completed_contracts, self.on_time, self.late) < 0:
            raise InvalidReputationInput("Contract counts cannot be negative.")
        if self.on_time + self.late > self.completed_contracts:
            raise InvalidReputationInput(
                "On-time and late deliveries cannot outnumber completed contracts.",
                details={"completed": self.completed_contracts,
                         "on_time": self.on_time, "late": self.late},
            )


@dataclass(frozen=True, slots=True)
class ReputationPolicy:
    """The constants of the formula; the module docstring explains each one."""

    prior_mean: Decimal = Decimal("4.0")
    prior_weight: Decimal = Decimal("5")
    half_life_days: int = 365
    stars_weight: Decimal = Decimal("0.7")
    delivery_weight: Decimal = Decimal("0.2")
    experience_weight: Decimal = Decimal("0.1")
    experience_saturation: int = 20
    prior_on_time_rate: Decimal = Decimal("0.9")

    def __post_init__(self):
        if self.stars_weight + self.delivery_weight + self.experience_weight != 1:
            raise InvalidReputationInput("The weights of the three parts must add up to 1.")
        if min(self.stars_weight, self.delivery_weight, self.experience_weight) < 0:
            raise InvalidReputationInput("The weights of the three parts cannot be negative.")
        if not 1 <= self.prior_mean <= 5 or self.prior_weight <= 0:
            raise InvalidReputationInput("The prior is 1 to 5 stars worth more than 0 reviews.")
        if self.half_life_days <= 0 or self.experience_saturation <= 0:
            raise InvalidReputationInput("Half-life and experience saturation must be positive.")
        if not 0 <= self.prior_on_time_rate <= 1:
            raise InvalidReputationInput("The prior on-time rate is between 0 and 1.")


DEFAULT = ReputationPolicy()


class StepKind(enum.StrEnum):
    RECENCY = "recency"
    BAYESIAN = "bayesian"
    STARS = "stars"
    DELIVERY = "delivery"
    EXPERIENCE = "experience"
    SCORE = "score"


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the explanation: its text and the figures it quotes, as printed."""

    kind: StepKind
    text: str
    figures: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Reputation:
    value: Decimal
    explanation: list[Step]


def recency_weight(on: date, today: date, half_life_days: int) -> Decimal:
    """``2 ** (-age / half_life)``, rounded to 12 places; future dates count as today."""
    age = max((today - on).days, 0)
    with localcontext(prec=PRECISION):
        weight = Decimal(2) ** (-Decimal(age) / Decimal(half_life_days))
        return weight.quantize(_WEIGHT_STEP, rounding=ROUND_HALF_EVEN)


def score(
    reviews: Iterable[Review], track: Track, today: date, policy: ReputationPolicy = DEFAULT
) -> Reputation:
    """The reputation score of `reviews` and `track` as of `today`, with its explanation."""
    reviews = list(reviews)
    with localcontext(prec=PRECISION):
        steps, stars_part = _stars_steps(reviews, today, policy)
        delivery_step, delivery_part = _delivery_step(track, policy)
        experience_step, experience_part = _experience_step(track, policy)
        total = (
            policy.stars_weight * stars_part
            + policy.delivery_weight * delivery_part
            + policy.experience_weight * experience_part
        )
        value = _round(total, _PART_STEP)
    figures = (
        str(policy.stars_weight), str(stars_part), str(policy.delivery_weight),
        str(delivery_part), str(policy.experience_weight), str(experience_part), str(value),
    )
    score_step = Step(
        StepKind.SCORE,
        f"Score = {{}} {_TIMES} stars part {{}} + {{}} {_TIMES} delivery part {{}} "
        f"+ {{}} {_TIMES} experience part {{}} = {{}}".format(*figures),
        figures,
    )
    return Reputation(value, [*steps, delivery_step, experience_step, score_step])


def _round(amount: Decimal, step: Decimal) -> Decimal:
    return amount.quantize(step, rounding=ROUND_HALF_EVEN)


def _stars_steps(
    reviews: list[Review], today: date, policy: ReputationPolicy
) -> tuple[list[Step], Decimal]:
    weights = [recency_weight(review.on, today, policy.half_life_days) for review in reviews]
    total_weight = sum(weights, Decimal(0))
    weighted_stars = sum(
        (weight * review.stars for weight, review in zip(weights, reviews, strict=True)),
        Decimal(0),
    )
    half_life = str(policy.half_life_days)
    if total_weight:
        recent = str(_round(weighted_stars / total_weight, _STARS_STEP))
        shown = (str(len(reviews)), recent, half_life, str(_round(total_weight, _STARS_STEP)))
        plural = "" if len(reviews) == 1 else "s"
        text = (
            f"Recency-weighted average of {{}} review{plural}: {{}} stars "
            "(weights halve every {} days; total weight {})"
        ).format(*shown)
        recency = Step(StepKind.RECENCY, text, shown)
    else:
        shown = (str(policy.prior_mean), half_life)
        opening = f"{len(reviews)} reviews, all too old to count" if reviews else "No reviews yet"
        recency = Step(
            StepKind.RECENCY,
            opening + ": the average starts from the prior of {} stars "
            "(weights halve every {} days)".format(*shown),
            shown,
        )
    mean = _round(
        (policy.prior_weight * policy.prior_mean + weighted_stars)
        / (policy.prior_weight + total_weight),
        _STARS_STEP,
    )
    shown = (str(policy.prior_mean), str(policy.prior_weight), str(mean))
    bayesian = Step(
        StepKind.BAYESIAN,
        "Bayesian average with a prior of {} stars worth {} reviews: {} stars".format(*shown),
        shown,
    )
    stars_part = _round((mean - 1) / 4 * _HUNDRED, _PART_STEP)
    shown = (str(mean), str(stars_part))
    text = f"Stars part: ({{}} {_MINUS} 1) {_DIVIDED} 4 {_TIMES} 100 = {{}}".format(*shown)
    stars = Step(StepKind.STARS, text, shown)
    return [recency, bayesian, stars], stars_part


def _delivery_step(track: Track, policy: ReputationPolicy) -> tuple[Step, Decimal]:
    delivered = track.on_time + track.late
    if delivered:
        part = _round(Decimal(track.on_time) / delivered * _HUNDRED, _PART_STEP)
        shown = (str(track.on_time), str(delivered), str(part))
        text = "On-time delivery: {} of {} delivered contracts ({}%)".format(*shown)
    else:
        part = _round(policy.prior_on_time_rate * _HUNDRED, _PART_STEP)
        shown = (str(part),)
        text = "On-time delivery: no deliveries recorded yet, so the prior of {}%".format(*shown)
    return Step(StepKind.DELIVERY, text, shown), part


def _experience_step(track: Track, policy: ReputationPolicy) -> tuple[Step, Decimal]:
    counted = min(track.completed_contracts, policy.experience_saturation)
    part = _round(Decimal(counted) / policy.experience_saturation * _HUNDRED, _PART_STEP)
    shown = (str(track.completed_contracts), str(policy.experience_saturation), str(part))
    text = "Experience: {} completed contracts (full credit from {}): {}".format(*shown)
    return Step(StepKind.EXPERIENCE, text, shown), part
