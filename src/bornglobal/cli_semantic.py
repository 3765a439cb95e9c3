"""`bornglobal network index`: build or refresh the semantic search index.

Needs the optional `semantic` extra (`pip install 'bornglobal[semantic]'`); without it
the command says so and exits non-zero. Run it from cron or next to the worker every
minute or so: a refresh re-embeds only the profiles changed since the last run.
"""

from __future__ import annotations

import argparse
import json
import sys

from bornglobal.domain.errors import DomainError


def cmd_index(args: argparse.Namespace) -> int:
    from bornglobal.cli import _setup_django

    _setup_django()
    from bornglobal.network import semantic

    index = semantic.default_index()
    if not semantic.available():
        raise DomainError(semantic.unavailable_reason(), code="semantic_unavailable")
    if args.status:
        print(json.dumps(index.status(), indent=2, default=str))
        return 0

    def progress(stage: str, done: int, total: int) -> None:
        print(f"\r{stage}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    if args.rebuild:
        built = index.rebuild(progress)
        print(file=sys.stderr)
        kind = "exact" if built.exact else "IVF"
        print(f"Semantic index rebuilt: {built.profiles:,} profiles ({kind}) "
              f"in {built.seconds:.1f} s.")
    else:
        changed = index.refresh(progress)
        print(file=sys.stderr)
        print(f"Semantic index refreshed: {changed:,} changed profiles re-embedded.")
    if index.status()["rebuild_due"]:
        print("The index has grown well past its trained size: run with --rebuild.",
              file=sys.stderr)
    return 0


def register(actions: argparse._SubParsersAction) -> None:
    index = actions.add_parser(
        "index", help="build or refresh the semantic search index (needs the 'semantic' extra)",
        description="Without a flag: re-embed profiles changed since the last run (builds "
        "the index if there is none). --rebuild: embed every listed profile and build a new "
        "index. --status: print the index's state as JSON.")
    mode = index.add_mutually_exclusive_group()
    mode.add_argument("--rebuild", action="store_true", help="build from scratch")
    mode.add_argument("--status", action="store_true", help="show the state, change nothing")
    index.set_defaults(func=cmd_index)
