"""Run one solver call in a child process under a hard CPU-time limit.

The worker never runs a solver in its own process: `run_limited` forks a child from
a fork server (started once per worker, with the solver modules already imported,
no database connection and no threads), sets `RLIMIT_CPU` in the child to the job's
CPU budget (all threads together: CP-SAT's workers count), runs the function and
sends back its value. Past the soft limit the kernel sends SIGXCPU, which ends the
child; one second later SIGKILL. The parent sees the signal and raises
`CpuLimitExceeded`. A child that sleeps instead of computing is stopped by a wall
clock backstop (`WallLimitExceeded`). While it waits, the parent calls `tick` about
every `TICK_SECONDS`, which reports progress and may raise to cancel: the child is
killed on the way out, whatever happened.

This module imports no Django: the child must not touch the database. Like every
multiprocessing start method but fork, the fork server imports the program's main module
once; `bornglobal`'s entry points (and bench scripts) keep their work under
`if __name__ == "__main__"`, so that import does nothing.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from typing import Any

from bornglobal.domain.errors import DomainError

TICK_SECONDS = 0.25
WALL_MARGIN_SECONDS = 60
PRELOAD = ["bornglobal.jobs.solvers"]

_context = None


class CpuLimitExceeded(Exception):
    """The child used up its CPU-time budget and was stopped by the kernel."""


class WallLimitExceeded(Exception):
    """The child ran past the wall-clock backstop and was killed."""


class SolverCrashed(Exception):
    """The child ended without an answer (a crash in native code, or out of memory)."""


def _forkserver():
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _limit_cpu(seconds: int) -> None:
    """Soft limit `seconds` of CPU from now (SIGXCPU), hard one second later (SIGKILL)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(_cpu_used()) + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard - 1)
        hard = min(hard, soft + 1)
    else:
        hard = soft + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _child(connection, function, args, cpu_seconds: int) -> None:
    _limit_cpu(cpu_seconds)
    try:
        outcome = ("ok", function(*args))
    except DomainError as refused:
        outcome = ("refused", type(refused).__name__, refused.code, refused.message,
                   refused.details, refused.status)  # fmt: skip
    except BaseException as error:  # reported to the parent, which raises
        outcome = ("crashed", repr(error))
    connection.send(outcome)
    connection.close()


def _refusal(code: str, message: str, details: Any, status: int) -> DomainError:
    error = DomainError(message, code=code, details=details)
    error.status = status
    return error


def run_limited(
    function: Callable[..., Any],
    args: tuple,
    *,
    cpu_seconds: int,
    tick: Callable[[], None] = lambda: None,
) -> Any:
    """`function(*args)` in a child process with at most `cpu_seconds` of CPU time."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, cpu_seconds))
    child.daemon = True
    child.start()
    sender.close()
    deadline = time.monotonic() + cpu_seconds + WALL_MARGIN_SECONDS
    outcome = None
    try:
        while outcome is None:
            if receiver.poll(TICK_SECONDS):
                try:
                    outcome = receiver.recv()
                except EOFError:
                    break
            elif not child.is_alive() and not receiver.poll(0):
                break
            elif time.monotonic() > deadline:
                raise WallLimitExceeded(f"the solver ran past {deadline:.0f} s of wall time")
            else:
                tick()
        child.join(timeout=5)
    finally:
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()
    return _answer(outcome, child.exitcode)


def _answer(outcome, exitcode: int | None) -> Any:
    if outcome is None:
        if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
            raise CpuLimitExceeded(f"the solver was stopped by signal {-exitcode}")
        raise SolverCrashed(f"the solver ended without an answer (exit code {exitcode})")
    if outcome[0] == "ok":
        return outcome[1]
    if outcome[0] == "refused":
        _, _, code, message, details, status = outcome
        raise _refusal(code, message, details, status)
    raise SolverCrashed(outcome[1])
