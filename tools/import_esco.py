"""Build the compact ESCO skills file that the package ships.

Reads the ESCO skills CSV (columns uri, preferredLabel, altLabels, skillType, text; see
DATA.md) and writes `src/bornglobal/network/data/esco_skills_en.tsv.gz`: one row per skill,

    id <TAB> preferred label <TAB> alt labels joined with "|" <TAB> S|K <TAB> definition

sorted by id, gzip with mtime 0, so a rerun on the same input gives identical bytes.

    python tools/import_esco.py [CSV] [--out PATH]

ESCO: © European Union, 2017-2024, https://esco.ec.europa.eu/ (CC BY 4.0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "esco_skills_en.csv"
DEFAULT_OUT = REPO / "src" / "bornglobal" / "network" / "data" / "esco_skills_en.tsv.gz"
KINDS = {"skill/competence": "S", "knowledge": "K", "": "S"}
MAX_DEFINITION = 300
SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of text: no tabs, newlines or the "|" separator, spaces collapsed."""
    return SPACES.sub(" ", text.replace("|", "/")).strip()


def definition_of(text: str, labels: list[str]) -> str:
    """The `text` column minus the labels run together in front of the definition."""
    rest = clean(text)
    by_length = sorted({clean(label) for label in labels if label.strip()}, key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for label in by_length:
            if rest.startswith(label + " "):
                rest = rest[len(label) + 1 :]
                stripped = True
                break
    if len(rest) > MAX_DEFINITION:
        rest = rest[: MAX_DEFINITION - 1].rsplit(" ", 1)[0] + "…"
    return rest


def rows_of(csv_path: Path) -> list[tuple[str, str, str, str, str]]:
    rows = {}
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            esco_id = record["uri"].rstrip("/").rsplit("/", 1)[-1]
            label = clean(record["preferredLabel"])
            alts = [clean(a) for a in record["altLabels"].splitlines()]
            alts = list(dict.fromkeys(a for a in alts if a and a.lower() != label.lower()))
            kind = KINDS.get(record["skillType"].strip(), "S")
            definition = definition_of(record["text"], [label, *alts])
            rows[esco_id] = (esco_id, label, "|".join(alts), kind, definition)
    return [rows[key] for key in sorted(rows)]


def write(rows: list[tuple[str, ...]], out: Path) -> None:
    body = "".join("\t".join(row) + "\n" for row in rows).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(body)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"no such file: {args.csv}", file=sys.stderr)
        return 2
    rows = rows_of(args.csv)
    write(rows, args.out)
    knowledge = sum(1 for row in rows if row[3] == "K")
    alts = sum(len(row[2].split("|")) for row in rows if row[2])
    print(
        f"{len(rows)} skills ({len(rows) - knowledge} skill/competence, {knowledge} knowledge), "
        f"{alts} alternative labels -> {args.out} ({args.out.stat().st_size:,} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
