"""`bornglobal network …`: the ESCO skills taxonomy and portable work records.

`skills` finds skills by label or alternative label, best first; `suggest` names the
skills a job description mentions, each with the phrase that named it.
`export-record` writes a freelancer's work history signed with this instance's
Ed25519 key, `verify-record` checks such a file on any instance, and `record-key`
prints the public key others may trust. ESCO skills:
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


def _person(who: str):
    """USER as an email or a numeric id."""
    from bornglobal.tenancy.models import User

    who = who.strip()
    person = (User.objects.filter(id=int(who)).first() if who.isdigit()
              else User.objects.filter(email__iexact=who).first())
    if person is None:
        raise DomainError(f"no user {who!r} (give an email or a numeric id)", code="not_found")
    return person


def cmd_export_record(args: argparse.Namespace) -> int:
    _setup()
    from bornglobal.network import record

    document = record.export_record(_person(args.user))
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.out in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as error:
        raise DomainError(f"cannot write {args.out}: {error.strerror or error}",
                          code="unwritable_file") from None
    signed = document["record"]
    print(f"Wrote the signed work record of {signed['person']['name']} to {args.out} "
          f"({len(signed['contracts'])} completed contracts, {len(signed['reviews'])} "
          f"review{'' if len(signed['reviews']) == 1 else 's'}; "
          f"key {document['signature']['key_id']}).", file=sys.stderr)
    return 0


def cmd_verify_record(args: argparse.Namespace) -> int:
    from bornglobal.network import record

    trusted = [record.read_trusted_key(path) for path in args.trust] or None
    verified = record.verify_document(record.read_document(args.file), trusted)
    if args.json:
        print(json.dumps({"valid": True, "key_id": verified.key_id,
                          "fingerprint": verified.fingerprint, "trusted": verified.trusted,
                          "record": verified.record}, indent=2, ensure_ascii=False))
    else:
        print(record.summary(verified))
    return 0


def cmd_record_key(args: argparse.Namespace) -> int:
    from bornglobal.network import record

    public_key = record.instance_public_key()
    print(f"# key id {record.key_id(public_key)} (file {record.key_path()})", file=sys.stderr)
    print(record.public_key_pem(public_key), end="")
    return 0


def _register_records(actions: argparse._SubParsersAction) -> None:
    export = actions.add_parser(
        "export-record", help="write a freelancer's signed work record",
        description="Write USER's verified work history (completed contracts, reviews "
        "received, reputation with its formula) as JSON signed with this instance's "
        "Ed25519 key. Any instance checks it with verify-record.")
    export.add_argument("user", metavar="USER", help="the person's email or numeric id")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    export.set_defaults(func=cmd_export_record)
    verify = actions.add_parser(
        "verify-record", help="check a signed work record",
        description="Check that FILE is a work record whose signature matches its "
        "embedded Ed25519 key, and print whose it is and which key signed it. Exits 2 "
        "with the reason when the file was changed, is unreadable or is not a record. "
        "Works without a database.")
    verify.add_argument("file", metavar="FILE", help="the signed record (JSON)")
    verify.add_argument("--trust", metavar="KEYFILE", action="append", default=[],
                        help="accept only records signed by this public key (PEM from "
                        "'record-key', or base64 of the raw key); may be repeated")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(func=cmd_verify_record)
    key = actions.add_parser(
        "record-key", help="print this instance's public record key",
        description="Print the public half of the key this instance signs work records "
        "with (PEM), for others to pass to verify-record --trust. Creates the key on "
        "first use.")
    key.set_defaults(func=cmd_record_key)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `network` command group to the main parser."""
    network = sub.add_parser("network", help="skills taxonomy and portable work records",
                             description=__doc__,
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
    _register_records(actions)
    from bornglobal import cli_semantic

    cli_semantic.register(actions)
