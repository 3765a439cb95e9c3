"""Pruning dominated candidates, so that a million-candidate pool searches like a small one.

A team has exactly T people, T the sum of the roles' counts. Put the eligible
candidates of one role in a total order: cheaper first, then higher rated, then
earlier in the file. Candidate y *dominates* x in that role when y comes before x
and covers every required hour that x covers.

**Safe pruning.** If at least T candidates dominate x, x can be dropped from the
role without losing the optimum. Proof: take any optimal team that uses x in
the role. Its other T-1 members cannot take up all T dominators, so one
dominator y is not in the team. Swapping x for y keeps every role filled (y is
eligible), keeps or improves every hour's coverage (y covers what x covers),
keeps the team within budget and is no worse in the lexicographic objective
(y costs no more, and at equal cost is rated no lower). Each swap moves a
member strictly earlier in its role's order, so repeating it ends with a team
that uses no dropped candidate and is still optimal.

Coverage only matters on the required hours, so masks are first cut down to
them. Pruning then runs in two passes over each role:

1. per coverage pattern, keep the first T candidates (same pattern dominates);
2. per pattern, keep only the candidates among the first T of all survivors
   whose pattern contains it (superset patterns dominate too).

What is left is at most T per pattern and usually far fewer, independent of the
pool's size: a few hundred options per role at a million candidates.
"""

from __future__ import annotations

import numpy as np

from bornglobal.domain.teams_options import RoleOptions


def ranked(options: RoleOptions) -> RoleOptions:
    """The options in the total order: cost, then rating (high first), then file order."""
    order = np.lexsort((options.candidate, -options.rating_milli, options.cost_minor))
    return options.take(order)


def _first_per_pattern(options: RoleOptions, keep: int) -> np.ndarray:
    """Positions of the first `keep` options of each coverage pattern (options ranked)."""
    by_pattern = np.argsort(options.coverage_mask, kind="stable")
    patterns = options.coverage_mask[by_pattern]
    starts = np.flatnonzero(np.r_[True, patterns[1:] != patterns[:-1]])
    sizes = np.diff(np.r_[starts, len(patterns)])
    position = np.arange(len(patterns)) - np.repeat(starts, sizes)
    return np.sort(by_pattern[position < keep])


def _undominated_by_superset(options: RoleOptions, keep: int) -> np.ndarray:
    """Boolean column: options among the first `keep` of those covering all they cover."""
    patterns, which = np.unique(options.coverage_mask, return_inverse=True)
    contains = (patterns[None, :] & patterns[:, None]) == patterns[:, None]
    rank = np.arange(len(options))
    kept = np.zeros(len(options), dtype=bool)
    for index in range(len(patterns)):
        cone = rank[contains[index][which]]
        threshold = cone[keep - 1] if len(cone) >= keep else len(options)
        kept |= (which == index) & (rank <= threshold)
    return kept


def prune(options: RoleOptions, team_size: int) -> RoleOptions:
    """The options of one role that are not dominated T = `team_size` times, ranked."""
    keep = max(team_size, 1)
    in_order = ranked(options)
    if len(in_order) <= keep:
        return in_order
    survivors = in_order.take(_first_per_pattern(in_order, keep))
    return survivors.take(_undominated_by_superset(survivors, keep))
