"""The solver calls a job makes, as plain functions run in the sandbox's child process.

Each takes checked, picklable inputs (documents, dates, numbers) and answers a
document or a domain result. No Django, no database: the fork server imports this
module once so that each child starts with the solvers already loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bornglobal.domain.clock_documents import rota_document
from bornglobal.domain.clock_team import team_from_document
from bornglobal.domain.rota import rota
from bornglobal.domain.teams import TeamResult, parse_instance, solve
from bornglobal.domain.teams_instance import TeamInstance


def solve_team_document(document: Any, exact: bool, time_limit: float, workers: int) -> dict:
    """The output document of `bornglobal teams solve` for an instance document."""
    instance = parse_instance(document)
    return solve(instance, exact=exact, time_limit=time_limit, workers=workers).as_dict()


def solve_instance(instance: TeamInstance, time_limit: float, workers: int) -> TeamResult:
    """The fast solver on a parsed instance (Assemble a team)."""
    return solve(instance, time_limit=time_limit, workers=workers)


def rota_for_people(
    people: list, week_of: date, min_people: int, hours_utc: list[int] | None, time_limit: float
) -> dict:
    """The rota document (docs/clock.md) for a team file's people."""
    team = team_from_document(people)
    return rota_document(rota(team, week_of, min_people, hours_utc, time_limit=time_limit))
