"""The exact search: choose the team with OR-Tools CP-SAT.

One Boolean per (role, eligible candidate) option says "this person fills this
role". The model asks for

- exactly `count` people per role, and each person in at most one role;
- at least `min_people` chosen people covering each required UTC hour;
- a total cost within the budget, when there is one.

The objective is lexicographic, solved in two phases as CP-SAT recommends: first
minimise the total cost; then hold the cost at or below the best value found
and maximise the sum of ratings (in thousandths, so the objective stays
integral), starting from the first phase's team. (`cost <= best` allows the same
teams as `cost == best` when the best is optimal, and CP-SAT proves it about
twenty times faster on our benchmark.) Phase one may use the whole time limit; phase two
gets what is left, and at least a tenth of the limit.

The outcome is `optimal` only when both phases are proven optimal, `feasible`
when a team was found but not proven best, `infeasible` when CP-SAT proved that
no team exists, and `unknown` when the time ran out before any team was found.
The lower bound is CP-SAT's proven bound on the cost (equal to the cost when
the cost is proven optimal).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from time import perf_counter

import numpy as np
from ortools.sat.python import cp_model

from bornglobal.domain.teams_instance import TeamInstance
from bornglobal.domain.teams_options import RoleOptions

MIN_PHASE_TWO_SHARE = 0.1
BOUND_TOLERANCE = 1e-6


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Choice:
    """One team member: pool index `candidate` fills role number `role`."""

    role: int
    candidate: int
    cost_minor: int
    rating_milli: int


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    status: Status
    choices: tuple[Choice, ...]
    lower_bound_minor: int | None


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


@dataclass(slots=True)
class _Model:
    model: cp_model.CpModel
    picks: list[cp_model.IntVar]
    options: Sequence[RoleOptions]
    cost: cp_model.LinearExpr
    rating: cp_model.LinearExpr


def _build(options: Sequence[RoleOptions], instance: TeamInstance, *, with_budget: bool) -> _Model:
    model = cp_model.CpModel()
    picks = [model.new_bool_var(f"x{i}") for i in range(sum(len(o) for o in options))]
    starts = np.cumsum([0, *(len(o) for o in options)])
    for role_options, start in zip(options, starts, strict=False):
        count = instance.roles[role_options.role].count
        model.add(cp_model.LinearExpr.sum(picks[start : start + len(role_options)]) == count)
    _one_role_each(model, picks, options)
    _cover_hours(model, picks, options, instance)
    costs = np.concatenate([o.cost_minor for o in options]).tolist()
    ratings = np.concatenate([o.rating_milli for o in options]).tolist()
    cost = cp_model.LinearExpr.weighted_sum(picks, costs)
    if with_budget and instance.budget_minor is not None:
        model.add(cost <= instance.budget_minor)
    return _Model(model, picks, options, cost, cp_model.LinearExpr.weighted_sum(picks, ratings))


def _one_role_each(
    model: cp_model.CpModel, picks: list[cp_model.IntVar], options: Sequence[RoleOptions]
) -> None:
    """A candidate eligible for several roles fills at most one of them."""
    if len(options) < 2:
        return
    people = np.concatenate([o.candidate for o in options])
    order = np.argsort(people, kind="stable")
    ordered = people[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    for start, end in zip(starts, ends, strict=True):
        if end - start > 1:
            model.add_at_most_one(picks[i] for i in order[start:end].tolist())


def _cover_hours(
    model: cp_model.CpModel,
    picks: list[cp_model.IntVar],
    options: Sequence[RoleOptions],
    instance: TeamInstance,
) -> None:
    needed = instance.coverage
    if not needed.min_people or not needed.hours_utc:
        return
    masks = np.concatenate([o.coverage_mask for o in options])
    for hour in needed.hours_utc:
        covering = np.flatnonzero((masks >> hour) & 1).tolist()
        model.add(cp_model.LinearExpr.sum([picks[i] for i in covering]) >= needed.min_people)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = workers
    return solver


def _chosen(built: _Model, solver: cp_model.CpSolver) -> tuple[Choice, ...]:
    choices = []
    index = 0
    for role_options in built.options:
        for k in range(len(role_options)):
            if solver.boolean_value(built.picks[index + k]):
                choices.append(
                    Choice(
                        role_options.role,
                        int(role_options.candidate[k]),
                        int(role_options.cost_minor[k]),
                        int(role_options.rating_milli[k]),
                    )
                )
        index += len(role_options)
    return tuple(choices)


_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
}


def search(
    options: Sequence[RoleOptions],
    instance: TeamInstance,
    *,
    time_limit: float,
    with_budget: bool = True,
    workers: int | None = None,
) -> SearchOutcome:
    """The cheapest team, then the best rated among the cheapest (see the module doc)."""
    began = perf_counter()
    workers = workers or default_workers()
    built = _build(options, instance, with_budget=with_budget)
    built.model.minimize(built.cost)
    first = _solver(time_limit - (perf_counter() - began), workers)
    status = _STATUS.get(first.solve(built.model), Status.UNKNOWN)
    if status in (Status.INFEASIBLE, Status.UNKNOWN):
        return SearchOutcome(status, (), None)
    choices = _chosen(built, first)
    best_cost = sum(choice.cost_minor for choice in choices)
    # integral costs: a fractional bound rounds up; a hair of float noise does not
    bound = math.ceil(first.best_objective_bound - BOUND_TOLERANCE)
    for pick in built.picks:
        built.model.add_hint(pick, first.boolean_value(pick))
    built.model.add(built.cost <= best_cost)  # as good as `==` and far faster to prove
    built.model.maximize(built.rating)
    remaining = max(time_limit - (perf_counter() - began), MIN_PHASE_TWO_SHARE * time_limit)
    second = _solver(remaining, workers)
    second_status = second.solve(built.model)
    if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        choices = _chosen(built, second)
    if status is Status.OPTIMAL and second_status != cp_model.OPTIMAL:
        status = Status.FEASIBLE
    return SearchOutcome(status, choices, min(bound, best_cost))
