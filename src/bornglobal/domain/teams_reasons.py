"""Why no team exists: the binding constraint, in words a founder can act on.

The cheap checks run before any search, on the full eligibility columns:

- the roles need more people than `max_team_size` allows;
- a role has no (or too few) eligible candidates, and which filter removed
  them (skills, available hours, rating);
- several roles compete for the same few people (Hall's condition, found with
  an augmenting-path matching of role places to people);
- coverage asks for more people per hour than the team has, an hour that too
  few eligible candidates cover, or more person-hours than T people can give.

When those pass and the search still proves the instance infeasible, the
search is repeated without the budget: if a team exists then, the budget is
the binding constraint and the reason names the cheapest cost; otherwise the
roles and the coverage cannot be met together by a team of T people.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bornglobal.domain.teams_instance import RATING_SCALE, Role, TeamInstance
from bornglobal.domain.teams_options import RoleOptions, eligibility_funnel


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _candidates(count: int) -> str:
    return f"{count} candidate{'' if count == 1 else 's'}"


def _hour_list(hours: Sequence[int]) -> str:
    if len(hours) == 1:
        return f"UTC hour {hours[0]}"
    return f"UTC hours {', '.join(map(str, hours[:-1]))} and {hours[-1]}"


def _why_none(instance: TeamInstance, role: Role) -> str:
    with_skills, with_hours, _ = eligibility_funnel(instance, role)
    if not len(instance.candidates):
        return "the instance lists no candidates"
    if not with_skills:
        return "nobody has all of its skills at the levels asked"
    if not with_hours:
        return f"{_candidates(with_skills)} with the skills, none with {role.hours} hours free"
    rating = instance.min_rating_milli / RATING_SCALE
    return f"{_candidates(with_hours)} with the skills and the hours, none rated {rating:g} or more"


def _role_reasons(instance: TeamInstance, options: Sequence[RoleOptions]) -> list[str]:
    reasons = []
    for role, eligible in zip(instance.roles, options, strict=True):
        if not len(eligible):
            reasons.append(
                f"role {role.id} has no eligible candidate ({_why_none(instance, role)})"
            )
        elif len(eligible) < role.count:
            reasons.append(
                f"role {role.id} needs {_people(role.count)} but only "
                f"{_candidates(len(eligible))} {'is' if len(eligible) == 1 else 'are'} eligible"
            )
    return reasons


def _augment(slot: int, slots: list[list[int]], holder: dict[int, int], seen: set[int]) -> bool:
    for person in slots[slot]:
        if person in seen:
            continue
        seen.add(person)
        if person not in holder or _augment(holder[person], slots, holder, seen):
            holder[person] = slot
            return True
    return False


def _competing_roles(instance: TeamInstance, options: Sequence[RoleOptions]) -> list[str]:
    """Roles that need more distinct people than are eligible for any of them."""
    team = instance.team_size
    slot_role, slots = [], []
    for role, eligible in zip(instance.roles, options, strict=True):
        shortlist = eligible.candidate[:team].tolist()  # a role with T options never binds
        for _ in range(role.count):
            slot_role.append(role)
            slots.append(shortlist)
    holder: dict[int, int] = {}
    for slot in range(len(slots)):
        seen: set[int] = set()
        if not _augment(slot, slots, holder, seen):
            roles = {slot_role[slot].id} | {slot_role[holder[p]].id for p in seen if p in holder}
            needed = sum(role.count for role in instance.roles if role.id in roles)
            names = ", ".join(role.id for role in instance.roles if role.id in roles)
            verb = "is" if len(seen) == 1 else "are"
            return [
                f"roles {names} need {_people(needed)} in all, but only "
                f"{_candidates(len(seen))} {verb} eligible for any of them"
            ]
    return []


def _coverage_reasons(instance: TeamInstance, options: Sequence[RoleOptions]) -> list[str]:
    need = instance.coverage
    hours = list(need.hours_utc)
    if not need.min_people or not hours:
        return []
    team = instance.team_size
    if need.min_people > team:
        return [
            f"coverage needs {_people(need.min_people)} at each required hour but the roles "
            f"make a team of {team}"
        ]
    people = np.unique(np.concatenate([o.candidate for o in options]))
    masks = instance.candidates.coverage_mask[people] & np.int64(need.mask)
    per_hour = {hour: int(((masks >> hour) & 1).sum()) for hour in hours}
    reasons = []
    if uncovered := [h for h in hours if per_hour[h] == 0]:
        reasons.append(f"no eligible candidate covers {_hour_list(uncovered)}")
    if thin := [h for h in hours if 0 < per_hour[h] < need.min_people]:
        fewest = min(per_hour[h] for h in thin)
        reasons.append(
            f"{_hour_list(thin)} {'is' if len(thin) == 1 else 'are'} covered by as few as "
            f"{_candidates(fewest)}; coverage needs {need.min_people}"
        )
    widest = max((int(m).bit_count() for m in np.unique(masks)), default=0)
    demand = need.min_people * len(hours)
    if not reasons and team * widest < demand:
        reasons.append(
            f"coverage needs {demand} person-hours but a team of {team} gives at most "
            f"{team * widest} (no eligible candidate covers more than {widest} of the hours)"
        )
    return reasons


def before_search(instance: TeamInstance, options: Sequence[RoleOptions]) -> list[str]:
    """The reasons that need no search; empty when the instance may be feasible."""
    reasons = []
    if instance.max_team_size is not None and instance.team_size > instance.max_team_size:
        reasons.append(
            f"the roles need {_people(instance.team_size)} but max_team_size is "
            f"{instance.max_team_size}"
        )
    role_reasons = _role_reasons(instance, options)
    reasons += role_reasons or _competing_roles(instance, options)
    return reasons + _coverage_reasons(instance, options)


def roles_and_coverage(instance: TeamInstance) -> str:
    need = instance.coverage
    return (
        f"no team of {_people(instance.team_size)} that fills every role covers each required "
        f"UTC hour with {need.min_people} "
        f"{'person' if need.min_people == 1 else 'people'} (each hour alone can be covered)"
    )


def budget_too_small(instance: TeamInstance, cheapest: int, proven: bool) -> str:
    cost = f"{cheapest} {instance.currency} minor units"
    which = "the cheapest team" if proven else "the cheapest team found"
    return (
        f"budget_minor {instance.budget_minor} is too small: {which} that fills every role "
        f"and covers the hours costs {cost}"
    )
