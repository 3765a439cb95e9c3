"""What each kind of job needs: who may see it, what runs it, what shows its result.

The jobs app knows no solver and no page: each kind names, by dotted path, the
function the worker calls (`run(job, progress) -> result document`) and the one the
pages call to show a finished job (`present(request, job) -> (template, context)`).
A venture's job is visible to the venture's members whose role allows `see`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bornglobal.domain.roles import Action
from bornglobal.jobs.models import JobKind


@dataclass(frozen=True, slots=True)
class KindSpec:
    run: str
    present: str
    see: Action


KINDS: dict[str, KindSpec] = {
    JobKind.TEAM_SOLVE: KindSpec(
        "bornglobal.work.jobs_teams.run_team_solve",
        "bornglobal.work.jobs_pages.present_team_solve",
        Action.EDIT_VENTURE,
    ),
    JobKind.CLOCK_ROTA: KindSpec(
        "bornglobal.work.jobs_teams.run_clock_rota",
        "bornglobal.work.jobs_pages.present_clock_rota",
        Action.VIEW_MONEY,
    ),
    JobKind.ASSEMBLE_PROPOSAL: KindSpec(
        "bornglobal.work.jobs_teams.run_assemble_proposal",
        "bornglobal.work.jobs_pages.present_assemble_proposal",
        Action.EDIT_VENTURE,
    ),
    JobKind.ASSEMBLE_OFFERS: KindSpec(
        "bornglobal.work.jobs_teams.run_assemble_offers",
        "bornglobal.work.jobs_pages.present_assemble_offers",
        Action.EDIT_VENTURE,
    ),
}
