"""The login page while the heaviest solver work runs: GET /login/ p95, idle against loaded.

    python bench/login_under_solves.py                  # PostgreSQL database bg_jobs_bench
    python bench/login_under_solves.py --window 120 --db bg_jobs_bench --port 8765

What it does, all on this machine (127.0.0.1):

1. creates the PostgreSQL database `--db` afresh, migrates it, and makes four users
   with an API token each;
2. starts `bornglobal serve` with 2 workers (the settings it ships with: gthread
   workers, 4 threads each, 30 s timeout) and one `bornglobal worker`;
3. baseline: `GET /login/` (a new connection each time, as an anonymous visitor) at
   `--rate` requests a second for `--baseline` seconds against the idle server;
4. load: the four users at once each post a maximal team solve
   (`POST /api/v1/teams/solve?exact=true&time_limit=30`, a 20,000-candidate instance of
   about 4.5 MB) and a maximal rota (`POST /api/v1/clock/rota`, 200 people, K = 5, every
   hour of the week, time limit 30 s), while `GET /login/` is sampled the same way
   for `--window` seconds or until every job has ended;
5. cancels what is left, stops the server and the worker, and prints the table: login
   p50, p95 and max idle and under load with the ratio, the job POSTs' own latency, and
   how the jobs ended.

The done-when target of issue 13 is a loaded p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

HOST = "127.0.0.1"
USERS = 4
ZONES = (
    "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
    "Australia/Sydney", "Africa/Lagos", "America/Sao_Paulo", "Europe/London", "Asia/Singapore",
    "Pacific/Auckland", "America/Mexico_City",
)  # fmt: skip
SETUP = """
import json, django
django.setup()
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy import services
from bornglobal.tenancy.models import User
tokens = []
for n in range({users}):
    user = User.objects.create_user(email=f"bench{{n}}@example.org", password="bench-password-1",
                                    full_name=f"Bench {{n}}", country="DE")
    tokens.append(services.issue_token(Actor(user), "bench", None).secret)
print(json.dumps(tokens))
"""


def instance(candidates: int, seed: int) -> bytes:
    """bench/teams.py's generated instance, in canonical IANA zones."""
    from teams import generate

    document = generate(candidates, seed)
    for index, candidate in enumerate(document["candidates"]):
        candidate["zone"] = ZONES[index % len(ZONES)]
    return json.dumps(document).encode()


def rota_body(seed: int) -> bytes:
    """bench/clock.py's generated team of 200, K = 5, every hour, 30 s."""
    from clock import generated_team

    people = [
        {
            "name": member.name,
            "zone": member.week.zone,
            "work_start": f"{member.week.start:%H:%M}",
            "work_end": f"{member.week.end:%H:%M}",
            "working_days": sorted(member.week.days),
            **({} if member.max_weekly_hours is None
               else {"max_weekly_hours": member.max_weekly_hours}),
        }
        for member in generated_team(200, random.Random(seed))
    ]  # fmt: skip
    body = {"people": people, "week_of": "2026-03-09", "min_people": 5, "time_limit": 30}
    return json.dumps(body).encode()


def request(port, method, path, body=None, token=None, timeout=60.0):
    """One request on a new connection: (status, seconds, parsed JSON or None)."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    began = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    elapsed = time.perf_counter() - began
    parsed = None
    if response.getheader("Content-Type", "").startswith("application/json"):
        parsed = json.loads(data)
    return response.status, elapsed, parsed


class LoginSampler(threading.Thread):
    """GET /login/ at a steady rate until stopped; keeps each latency in seconds."""

    def __init__(self, port: int, rate: float):
        super().__init__(daemon=True)
        self.port, self.pause = port, 1.0 / rate
        self.latencies: list[float] = []
        self.errors = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                status, elapsed, _ = request(self.port, "GET", "/login/", timeout=60)
                if status == 200:
                    self.latencies.append(elapsed)
                else:
                    self.errors += 1
            except OSError:
                self.errors += 1
            self.stopped.wait(self.pause)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sample(port: int, rate: float, seconds: float) -> LoginSampler:
    sampler = LoginSampler(port, rate)
    sampler.start()
    time.sleep(seconds)
    sampler.stopped.set()
    sampler.join()
    return sampler


def fresh_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@{HOST}:5432/{name}"


def bornglobal(env: dict, *args: str, log=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "bornglobal", *args],
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_up(port: int, seconds: float = 600) -> None:
    """Wait for gunicorn (after `serve`'s collectstatic), then warm every worker thread:
    each worker's first requests import the URLconf and the API (seconds on a busy box)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/login/", timeout=60)[0] == 200:
                break
        except OSError:
            time.sleep(1)
    else:
        raise SystemExit("the server did not come up; see the log")
    warm = [threading.Thread(target=request, args=(port, "GET", "/login/")) for _ in range(16)]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join()


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fire(port: int, tokens: list[str], solve: bytes, rota: bytes) -> list[dict]:
    """Every user posts a solve and a rota at once; each POST's status, time and job."""
    posts = []
    for token in tokens:
        posts.append(("/api/v1/teams/solve?exact=true&time_limit=30", solve, token))
        posts.append(("/api/v1/clock/rota", rota, token))
    answers: list[dict] = []
    barrier = threading.Barrier(len(posts))

    def send(path, body, token):
        barrier.wait()
        status, elapsed, parsed = request(port, "POST", path, body, token)
        answers.append({"path": path, "status": status, "seconds": elapsed,
                        "job": parsed, "token": token})  # fmt: skip

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def follow(port: int, answers: list[dict], seconds: float) -> dict[int, str]:
    """Poll the jobs until they have all ended or `seconds` passed, then cancel the rest;
    each job's kind and how it ended."""
    jobs = {a["job"]["id"]: a for a in answers if a["status"] == 202}
    ended: dict[int, str] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(ended) < len(jobs):
        for job_id, answer in jobs.items():
            status, _, parsed = request(port, "GET", f"/api/v1/jobs/{job_id}",
                                        token=answer["token"])  # fmt: skip
            if status == 200 and parsed["status"] in ("succeeded", "failed", "cancelled"):
                ended[job_id] = parsed["status"] + (
                    f" ({parsed['error']['code']})" if parsed["error"] else ""
                )
        time.sleep(2)
    for job_id, answer in jobs.items():
        if job_id not in ended:
            _, _, parsed = request(port, "POST", f"/api/v1/jobs/{job_id}/cancel",
                                   token=answer["token"])  # fmt: skip
            ended[job_id] = f"{parsed['status']} at the window's end"
    kind = {job_id: "solve" if "solve" in a["path"] else "rota" for job_id, a in jobs.items()}
    return {job_id: f"{kind[job_id]}: {state}" for job_id, state in ended.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def print_table(idle: LoginSampler, loaded: LoginSampler, answers, ended, elapsed) -> None:
    rows = [
        ("GET /login/ p50", statistics.median(idle.latencies),
         statistics.median(loaded.latencies)),
        ("GET /login/ p95", percentile(idle.latencies, 0.95),
         percentile(loaded.latencies, 0.95)),
        ("GET /login/ max", max(idle.latencies), max(loaded.latencies)),
    ]  # fmt: skip
    print("\nGET /login/ with 2 serve workers (gthread), idle vs 4 maximal solves + 4 rotas")
    print(f"{'measure':<18} {'idle (baseline)':>16} {'under load':>12} {'ratio':>7}")
    for name, base, ours in rows:
        print(f"{name:<18} {ms(base):>16} {ms(ours):>12} {ours / base:>6.2f}x")
    print(f"{'requests':<18} {len(idle.latencies):>16} {len(loaded.latencies):>12}")
    print(f"{'errors':<18} {idle.errors:>16} {loaded.errors:>12}")
    post_times = [a["seconds"] for a in answers]
    statuses = sorted({a["status"] for a in answers})
    print(f"\njob POSTs: {len(answers)}, statuses {statuses}, "
          f"p95 {ms(percentile(post_times, 0.95))}, max {ms(max(post_times))}")  # fmt: skip
    print(f"load phase: {elapsed:.0f} s (one worker runs one job at a time); jobs:")
    for job_id, state in sorted(ended.items()):
        print(f"  job {job_id} {state}")
    target = percentile(loaded.latencies, 0.95) < 0.200
    print(f"target GET /login/ p95 under load < 200 ms: {'met' if target else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bg_jobs_bench")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--baseline", type=float, default=20.0, help="seconds idle")
    parser.add_argument("--window", type=float, default=120.0, help="seconds under load")
    parser.add_argument("--rate", type=float, default=10.0, help="logins per second")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="bornglobal-bench-")
    env = dict(
        os.environ,
        DATABASE_URL=fresh_database(args.db),
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        BORNGLOBAL_DATA_DIR=data_dir,
        BORNGLOBAL_DEMO="0",
        DJANGO_SETTINGS_MODULE="bornglobal.settings",
    )
    subprocess.run([sys.executable, "-m", "bornglobal", "migrate"], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    made = subprocess.run([sys.executable, "-c", SETUP.format(users=USERS)], env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    tokens = json.loads(made.stdout.strip().splitlines()[-1])
    solve, rota = instance(args.candidates, args.seed), rota_body(args.seed)
    log = open(Path(data_dir) / "server.log", "w")  # noqa: SIM115  (closed at the end)
    bind = f"{HOST}:{args.port}"
    server = bornglobal(env, "serve", "--bind", bind, "--workers", "2", log=log)
    worker = bornglobal(env, "worker", "--interval", "0.2", log=log)
    try:
        wait_until_up(args.port)
        idle = sample(args.port, args.rate, args.baseline)
        loaded = LoginSampler(args.port, args.rate)
        loaded.start()
        began = time.monotonic()
        answers = fire(args.port, tokens, solve, rota)
        ended = follow(args.port, answers, args.window)
        elapsed = time.monotonic() - began
        loaded.stopped.set()
        loaded.join()
    finally:
        stop(server)
        stop(worker)
        log.close()
    print_table(idle, loaded, answers, ended, elapsed)
    print(f"(solve body {len(solve) / 1e6:.1f} MB, rota body {len(rota) / 1e3:.0f} kB; "
          f"server log {Path(data_dir) / 'server.log'})")  # fmt: skip


if __name__ == "__main__":
    main()
