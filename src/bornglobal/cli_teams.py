"""`bornglobal teams …`: team formation from the command line, without a database.

`solve` reads a team formation instance (JSON, the format in docs/teams.md) and
prints the result as JSON: the cheapest team that fills every role and covers the
required UTC hours, then the best rated among the cheapest. Exit status 0 when a
team was found, 1 when none was (the output's `reasons` say why) and 2 when the
instance is invalid (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from bornglobal.domain.errors import DomainError

DEFAULT_TIME_LIMIT = 10.0  # seconds; importing the solver here would slow every command


def _seconds(text: str) -> float:
    """A --time-limit: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        reason = error.strerror or "cannot be read"
        raise DomainError(f"cannot read {source}: {reason}", code="unreadable_file") from None


def cmd_solve(args: argparse.Namespace) -> int:
    from bornglobal.domain import teams

    instance = teams.load_instance(_read(args.file))
    result = teams.solve(instance, exact=args.exact, time_limit=args.time_limit)
    print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    return 0 if result.team else 1


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `teams` command group to the main parser."""
    group = sub.add_parser(
        "teams",
        help="optimal team formation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = group.add_subparsers(dest="teams_command", required=True, metavar="ACTION")
    solve = actions.add_parser(
        "solve",
        help="form the cheapest team for an instance",
        description="Read a team formation instance and print the cheapest team that fills "
        "every role and covers the required UTC hours (then the best rated), with its cost, "
        "coverage, a proven lower bound and, when there is no team, the reasons. The fast "
        "solver prunes dominated candidates first and scales to a million candidates; "
        "--exact searches every eligible candidate with CP-SAT.",
    )
    solve.add_argument("file", metavar="FILE", help="the instance (JSON), or - for standard input")
    solve.add_argument(
        "--time-limit",
        type=_seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help=f"seconds the search may take (default {DEFAULT_TIME_LIMIT:g})",
    )
    solve.add_argument(
        "--exact", action="store_true", help="CP-SAT on every eligible candidate, no pruning"
    )
    solve.set_defaults(func=cmd_solve)
