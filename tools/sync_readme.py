"""Rewrite the README's configuration table from the settings' help texts.

Usage: python tools/sync_readme.py   (a test fails when the README is out of date)
"""

from __future__ import annotations

import re
from pathlib import Path

from bornglobal import conf

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def synced(text: str) -> str:
    block = f"{START}\n{conf.markdown_table()}\n{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text,
                  flags=re.DOTALL)


if __name__ == "__main__":
    README.write_text(synced(README.read_text()))
    print(f"Updated {README}")
