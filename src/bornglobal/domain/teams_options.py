"""Who may fill each role, and at what cost: the options of a team formation instance.

A candidate is *eligible* for a role when they have every role skill at or above
the stated level, `available_hours` at least the role's hours and a rating at
least `min_rating`. These tests run on whole columns at once (numpy), so a
million candidates take a fraction of a second.

The **cost** of a person in a role is their hourly rate converted to the
instance currency and multiplied by the role's hours, rounded once, half to
even, to the instance currency's minor unit:

    cost = rate_minor / 10**e_c * fx * hours * 10**e_i

where e_c and e_i are the ISO 4217 exponents of the candidate's and the
instance's currency (JPY 0, EUR 2, KWD 3). For each (currency, role) pair this
is rate_minor * N / D with integers N and D, so the whole column is computed
exactly in 64-bit integers, falling back to Python integers when a product
could overflow. `cost_minor` computes one cost through `money.quantize`, the
one rounding function of the money domain; the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from math import gcd

import numpy as np

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import exponent, quantize, round_half_even
from bornglobal.domain.teams_instance import HOURS_SCALE, Role, TeamInstance

_INT64_SAFE = 2**62
MAX_COST_MINOR = 10**15  # per person: sums of many still fit the solver's 64-bit integers


@dataclass(frozen=True, slots=True, eq=False)
class RoleOptions:
    """The eligible candidates of one role, with their cost, rating and coverage."""

    role: int
    candidate: np.ndarray  # int64 index into the pool
    cost_minor: np.ndarray  # int64 cost in instance minor units
    rating_milli: np.ndarray  # int64
    coverage_mask: np.ndarray  # int64, projected onto the hours that must be covered

    def __len__(self) -> int:
        return len(self.candidate)

    def take(self, keep: np.ndarray) -> RoleOptions:
        """The options selected by an index or boolean array."""
        return RoleOptions(
            self.role,
            self.candidate[keep],
            self.cost_minor[keep],
            self.rating_milli[keep],
            self.coverage_mask[keep],
        )


def cost_minor(rate_minor: int, currency: str, role: Role, instance: TeamInstance) -> int:
    """The cost of one person in `role`, rounded half-even once (reference computation)."""
    rate = Decimal(rate_minor).scaleb(-exponent(currency))
    exact = rate * instance.fx[currency] * role.hours
    return quantize(exact, instance.currency).minor


def _cost_ratio(currency: str, role: Role, instance: TeamInstance) -> tuple[int, int]:
    """(N, D) with cost = rate_minor * N / D exactly, N / D in lowest terms."""
    fx_num, fx_den = instance.fx[currency].as_integer_ratio()
    numerator = fx_num * role.hours_centi * 10 ** exponent(instance.currency)
    denominator = fx_den * HOURS_SCALE * 10 ** exponent(currency)
    common = gcd(numerator, denominator)
    return numerator // common, denominator // common


def _rounded(rates: np.ndarray, numerator: int, denominator: int) -> np.ndarray:
    """rates * numerator / denominator rounded half-even, exactly."""
    if rates.size == 0:
        return rates.astype(np.int64)
    if int(rates.max()) * numerator < _INT64_SAFE and 2 * denominator < _INT64_SAFE:
        quotient, remainder = np.divmod(rates * np.int64(numerator), np.int64(denominator))
        twice = 2 * remainder
        costs = quotient + ((twice > denominator) | ((twice == denominator) & (quotient % 2 == 1)))
    else:
        costs = [round_half_even(int(rate) * numerator, denominator) for rate in rates]
    largest = int(np.max(costs))
    if largest > MAX_COST_MINOR:
        raise DomainError(
            f"A cost of {largest} minor units is beyond what a team member can cost "
            f"(at most {MAX_COST_MINOR}); check rate_minor, fx and hours.",
            code="cost_too_large",
        )
    return np.asarray(costs, dtype=np.int64)


def role_costs(instance: TeamInstance, role: Role, chosen: np.ndarray) -> np.ndarray:
    """The cost of each candidate in `chosen` (pool indices) in `role`."""
    pool = instance.candidates
    rates, currencies = pool.rate_minor[chosen], pool.currency[chosen]
    costs = np.zeros(len(chosen), dtype=np.int64)
    for index, code in enumerate(pool.currencies):
        same = currencies == index
        if same.any():
            numerator, denominator = _cost_ratio(code, role, instance)
            costs[same] = _rounded(rates[same], numerator, denominator)
    return costs


def eligible(instance: TeamInstance, role: Role) -> np.ndarray:
    """Boolean column: who is eligible for `role`."""
    pool = instance.candidates
    ok = pool.available_centi >= role.hours_centi
    ok &= pool.rating_milli >= instance.min_rating_milli
    for skill, level in role.skills:
        if level > 0:
            ok &= pool.skill_levels[skill] >= level
    return ok


def role_options(instance: TeamInstance) -> list[RoleOptions]:
    """The options of every role, in the order of the instance's roles."""
    pool = instance.candidates
    needed = np.int64(instance.coverage.mask)
    options = []
    for index, role in enumerate(instance.roles):
        chosen = np.flatnonzero(eligible(instance, role))
        options.append(
            RoleOptions(
                index,
                chosen,
                role_costs(instance, role, chosen),
                pool.rating_milli[chosen],
                pool.coverage_mask[chosen] & needed,
            )
        )
    return options


def eligibility_funnel(instance: TeamInstance, role: Role) -> tuple[int, int, int]:
    """How many candidates have the skills; of those, the hours; of those, the rating."""
    pool = instance.candidates
    ok = np.ones(len(pool), dtype=bool)
    for skill, level in role.skills:
        if level > 0:
            ok &= pool.skill_levels[skill] >= level
    with_skills = int(ok.sum())
    ok &= pool.available_centi >= role.hours_centi
    with_hours = int(ok.sum())
    ok &= pool.rating_milli >= instance.min_rating_milli
    return with_skills, with_hours, int(ok.sum())
