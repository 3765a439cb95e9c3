"""`bornglobal network …`: the ESCO skills taxonomy from the command line.

`skills` finds skills by label or alternative label, best first; `suggest` names the
skills a job description mentions, each with the phrase that named it. ESCO skills:
© European Union, 2017\u20132024, https://esco.ec.europa.eu/ (CC BY 4.0).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bornglobal.domain.errors import DomainError

MAX_QUERY = 100
MAX_TEXT = 20_000


def _limit(text: str) -> int:
    """A --limit between 1 and 50 (argparse reports anything else in one line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("must be between 1 and 50")
    return value


def _skill(skill) -> dict:
    return {"esco_id": skill.esco_id, "uri": skill.uri, "label": skill.label,
            "alt_labels": skill.alt_label_list, "kind": skill.kind,
            "description": skill.description}


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise DomainError(f"cannot read {source}: {reason}", code="unreadable_file") from None


def _setup() -> None:
    from bornglobal.cli import _setup_django

    _setup_django()


def cmd_skills(args: argparse.Namespace) -> int:
    query = " ".join(args.query.split())
    if not query:
        raise DomainError("give a skill to search for, e.g. pyth", code="empty_query")
    if len(query) > MAX_QUERY:
        raise DomainError(f"the query has {len(query)} characters; at most {MAX_QUERY}",
                          code="query_too_long")
    _setup()
    from bornglobal.network import selectors

    found = selectors.autocomplete(query, args.limit)
    if args.json:
        print(json.dumps({"items": [_skill(s) for s in found], "count": len(found)},
                         indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(f"No skill matches {query!r}.", file=sys.stderr)
    for skill in found:
        print(f"{skill.label}  [{skill.kind}]  {skill.uri}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    text = _read_text(args.file)
    if not text.strip():
        raise DomainError("the job description is empty", code="empty_text")
    if len(text) > MAX_TEXT:
        raise DomainError(f"the job description has {len(text):,} characters; at most "
                          f"{MAX_TEXT:,}", code="text_too_long")
    _setup()
    from bornglobal.network import selectors

    suggestions = selectors.suggest_skills(text, args.limit)
    if args.json:
        items = [{"skill": _skill(s.skill), "why": s.why, "matched_label": s.matched_label,
                  "exact": s.exact} for s in suggestions]
        print(json.dumps({"items": items, "count": len(items)}, indent=2, ensure_ascii=False))
        return 0
    if not suggestions:
        print("No ESCO skill is named in this text.", file=sys.stderr)
    for s in suggestions:
        print(f"{s.skill.label}  [{s.skill.kind}]  why: {s.why!r}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `network` command group to the main parser."""
    network = sub.add_parser("network", help="the ESCO skills taxonomy", description=__doc__,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = network.add_subparsers(dest="network_command", required=True, metavar="ACTION")
    skills = actions.add_parser(
        "skills", help="find skills by label",
        description="Find ESCO skills whose label or alternative label matches QUERY "
        "(case-insensitive), best first: exact, then prefix, then word start, then anywhere.")
    skills.add_argument("query", metavar="QUERY",
                        help=f"a label or its start, e.g. pyth (at most {MAX_QUERY} characters)")
    skills.add_argument("--limit", type=_limit, default=10, help="how many (1-50, default 10)")
    skills.add_argument("--json", action="store_true", help="machine-readable output")
    skills.set_defaults(func=cmd_skills)
    suggest = actions.add_parser(
        "suggest", help="skills named in a job description",
        description="Read a job description and list the ESCO skills it names, each with "
        "the phrase that named it (longest matches first).")
    suggest.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    suggest.add_argument("--limit", type=_limit, default=10, help="how many (1-50, default 10)")
    suggest.add_argument("--json", action="store_true", help="machine-readable output")
    suggest.set_defaults(func=cmd_suggest)
