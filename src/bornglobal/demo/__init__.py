"""Deterministic demo data. `load(seed, size)` fills an empty database.

Each app adds its own module here; `load` runs them in order and reports
progress through a callback `(done, total, stage)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DEMO_PASSWORD = "globe-demo-2026"  # noqa: S105  (published demo login)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    description: str


def demo_logins() -> list[DemoLogin]:
    from bornglobal.demo.platform import DEMO_LOGINS

    return list(DEMO_LOGINS)


def load(seed: int = 42, size: str = "small", progress: Progress | None = None):
    from bornglobal.demo.platform import load_platform

    return load_platform(seed=seed, size=size, progress=progress)
