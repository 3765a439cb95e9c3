"""Givens of the jobs tests: a small instance, a team file, and a heavy rota's team."""

import json

INSTANCE = {
    "currency": "EUR",
    "date": "2026-03-02",
    "budget_minor": 2_500_000,
    "fx": {"INR": "0.0109"},
    "roles": [{"id": "backend", "skills": {"python": 3}, "hours": 160}],
    "candidates": [
        {
            "id": "f1",
            "skills": {"python": 4},
            "rate_minor": 450000,
            "currency": "INR",
            "rating": 4.8,
            "zone": "Asia/Kolkata",
            "work_start": "09:00",
            "work_end": "17:00",
            "available_hours": 200,
        },
    ],
}
ZONES = (
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Africa/Lagos",
    "America/Sao_Paulo",
)


def big_team(size: int = 200) -> list[dict]:
    """`size` people round the world on 8-hour days with 20-40 hour weekly maximums."""
    return [
        {
            "name": f"Person {i}",
            "zone": ZONES[i % len(ZONES)],
            "work_start": f"{6 + i % 5:02d}:00",
            "work_end": f"{14 + i % 5:02d}:00",
            "max_weekly_hours": 20 + i % 21,
        }
        for i in range(size)
    ]


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
"""A task backend that keeps what is enqueued and runs nothing: in tests whose writes
commit (real threads), jobs stay queued until the test runs them like a worker would."""
