"""Generated work histories for demo profiles, scored by the real reputation formula.

A few thousand histories (stars of past reviews with their dates, contracts
delivered and on time) are planned from the seed and scored once with
`domain.reputation.score`; each demo profile then draws one. Scoring a million
profiles one by one would spend minutes on the same arithmetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bornglobal.domain import reputation

HISTORIES = 3_000


@dataclass(frozen=True, slots=True)
class History:
    reviews: int
    completed: int
    on_time: int
    score: Decimal


def _stars(rng: random.Random, quality: float) -> int:
    roll = rng.random() + quality
    return 5 if roll > 1.0 else 4 if roll > 0.75 else 3 if roll > 0.55 else 2 if roll > 0.45 else 1


def plan_history(rng: random.Random, today: date) -> History:
    completed = min(int(rng.expovariate(1 / 9)), 80)
    quality = rng.uniform(0.2, 0.8)
    reviews = [
        reputation.Review(stars=_stars(rng, quality),
                          on=today - timedelta(days=rng.randrange(1, 3 * 365)))
        for _ in range(round(completed * rng.uniform(0.5, 0.9)))
    ]
    on_time = round(completed * min(1.0, quality + rng.uniform(0.2, 0.5)))
    track = reputation.Track(completed_contracts=completed, on_time=on_time,
                             late=completed - on_time)
    value = reputation.score(reviews, track, today).value
    return History(reviews=len(reviews), completed=completed, on_time=on_time, score=value)


def plan_histories(seed: int, today: date, count: int = HISTORIES) -> list[History]:
    rng = random.Random(f"bornglobal-demo-histories:{seed}")
    return [plan_history(rng, today) for _ in range(count)]
