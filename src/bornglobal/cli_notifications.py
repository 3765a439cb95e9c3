"""`bornglobal notifications …`: the inbox's background work from the command line.

`notifications warn-due` runs the approaching auto-release sweep once, as the worker
does: every submitted milestone that falls due within
`BORNGLOBAL_AUTO_RELEASE_WARNING_HOURS` warns the venture's money managers, once per
submission however often it runs (cron it hourly if the worker cannot defer tasks).
"""

from __future__ import annotations

import argparse


def cmd_warn_due(args: argparse.Namespace) -> int:
    from bornglobal.cli import _setup_django

    _setup_django()
    from django.conf import settings

    from bornglobal.notifications import auto_release

    warned = auto_release.warn_due(limit=args.limit)
    hours = settings.AUTO_RELEASE_WARNING_HOURS
    print(f"{warned} milestone(s) warned about (auto-release within {hours} hours).")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `notifications` command group to the main parser."""
    group = sub.add_parser(
        "notifications",
        help="the approaching auto-release warnings",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = group.add_subparsers(dest="notifications_command", required=True, metavar="ACTION")
    warn = actions.add_parser(
        "warn-due",
        help="warn ventures about milestones that auto-release soon",
        description="Run the approaching auto-release sweep once and print how many "
        "milestones were newly warned about.",
    )
    warn.add_argument("--limit", type=int, default=1000, help="at most this many (1000)")
    warn.set_defaults(func=cmd_warn_due)
