"""Team formation: the cheapest team that fills every role and keeps the clock covered.

A founder needs, for one project, `count` people per role, each with the
role's skills at the required levels, enough available hours and a good enough
rating; a team no larger than `max_team_size`; at least `min_people` of them at
work in each of the chosen UTC hours; and a total cost within the budget. Among
all such teams we want the cheapest, and among the cheapest the best rated.
The instance format, the coverage rule and the cost rule are in
`teams_instance` and docs/teams.md.

Two solvers answer the same question with the same output:

- **exact** (`solve(..., exact=True)`): CP-SAT on every eligible (role,
  candidate) pair (`teams_search`). Proves optimality on small pools; on a
  million candidates the model alone is large.
- **fast** (the default): the same CP-SAT search on the pool left after safe
  dominance pruning (`teams_prune`). Pruning provably keeps an optimal team, so
  an optimum proven on the pruned pool is an optimum of the whole instance, and
  CP-SAT's bound on the pruned pool is a lower bound for the whole instance:
  `lower_bound_minor` and `cost_minor` give the gap.

When no team exists the result lists `reasons` naming the binding constraint
(`teams_reasons`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from bornglobal.domain.teams_instance import RATING_SCALE, TeamInstance
from bornglobal.domain.teams_options import RoleOptions, role_options
from bornglobal.domain.teams_parse import load_instance, parse_instance
from bornglobal.domain.teams_prune import prune
from bornglobal.domain.teams_reasons import before_search, budget_too_small, roles_and_coverage
from bornglobal.domain.teams_search import Choice, SearchOutcome, Status, search

__all__ = ["Member", "Status", "TeamResult", "load_instance", "parse_instance", "solve"]

DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True, slots=True)
class Member:
    role: str
    candidate: str
    cost_minor: int
    rating_milli: int


@dataclass(frozen=True, slots=True)
class TeamResult:
    status: Status
    team: tuple[Member, ...]
    covered_hours_utc: tuple[int, ...]
    lower_bound_minor: int | None
    seconds: float
    reasons: tuple[str, ...]

    @property
    def cost_minor(self) -> int | None:
        return sum(m.cost_minor for m in self.team) if self.team else None

    @property
    def rating_sum_milli(self) -> int | None:
        return sum(m.rating_milli for m in self.team) if self.team else None

    @property
    def gap(self) -> float | None:
        """(cost - lower bound) / cost; 0 when the cost is proven optimal."""
        cost, bound = self.cost_minor, self.lower_bound_minor
        if cost is None or bound is None:
            return None
        return (cost - bound) / cost if cost else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The output of `bornglobal teams solve` (see docs/teams.md)."""
        rating = self.rating_sum_milli
        return {
            "status": self.status.value,
            "team": [
                {"role": m.role, "candidate": m.candidate, "cost_minor": m.cost_minor}
                for m in self.team
            ],
            "cost_minor": self.cost_minor,
            "rating_sum": None if rating is None else rating / RATING_SCALE,
            "covered_hours_utc": list(self.covered_hours_utc),
            "lower_bound_minor": self.lower_bound_minor,
            "seconds": round(self.seconds, 3),
            "reasons": list(self.reasons),
        }


def _members(instance: TeamInstance, choices: Sequence[Choice]) -> tuple[Member, ...]:
    ids = instance.candidates.ids
    ordered = sorted(choices, key=lambda c: (c.role, c.cost_minor, ids[c.candidate]))
    return tuple(
        Member(instance.roles[c.role].id, ids[c.candidate], c.cost_minor, c.rating_milli)
        for c in ordered
    )


def _covered(instance: TeamInstance, choices: Sequence[Choice]) -> tuple[int, ...]:
    """UTC hours at which at least max(min_people, 1) team members work."""
    masks = [int(instance.candidates.coverage_mask[c.candidate]) for c in choices]
    enough = max(instance.coverage.min_people, 1)
    return tuple(h for h in range(24) if sum((m >> h) & 1 for m in masks) >= enough)


def _explain(
    instance: TeamInstance, options: Sequence[RoleOptions], outcome: SearchOutcome, limit: float
) -> list[str]:
    if outcome.status is Status.UNKNOWN:
        return [
            f"no team was found within the time limit of {limit:g} s; the instance is not "
            "proven infeasible (try a longer --time-limit)"
        ]
    if instance.budget_minor is None:
        return [roles_and_coverage(instance)]
    unbudgeted = search(options, instance, time_limit=limit, with_budget=False)
    if unbudgeted.choices:
        cheapest = sum(c.cost_minor for c in unbudgeted.choices)
        return [budget_too_small(instance, cheapest, unbudgeted.status is Status.OPTIMAL)]
    return [roles_and_coverage(instance)]


def solve(
    instance: TeamInstance,
    *,
    exact: bool = False,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
) -> TeamResult:
    """The cheapest, then best-rated, team for `instance` (see the module docstring)."""
    began = perf_counter()
    options = role_options(instance)
    reasons = before_search(instance, options)
    if reasons:
        return TeamResult(Status.INFEASIBLE, (), (), None, perf_counter() - began, tuple(reasons))
    if not exact:
        options = [prune(o, instance.team_size) for o in options]
    remaining = max(time_limit - (perf_counter() - began), 0.0)
    outcome = search(options, instance, time_limit=remaining, workers=workers)
    if not outcome.choices:
        reasons = _explain(instance, options, outcome, time_limit)
        status = outcome.status
        return TeamResult(status, (), (), None, perf_counter() - began, tuple(reasons))
    return TeamResult(
        outcome.status,
        _members(instance, outcome.choices),
        _covered(instance, outcome.choices),
        outcome.lower_bound_minor,
        perf_counter() - began,
        (),
    )
