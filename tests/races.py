"""Real threads started at one instant against the database (PostgreSQL tests)."""

import threading

from django.db import connection

from bornglobal.domain.errors import DomainError


def race(*jobs) -> list[str]:
    """Run each job in its own thread, released together by a barrier; the sorted
    outcomes: "done", a refusal's code, or "error: ..." for anything else."""
    barrier, outcomes = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            barrier.wait()
            job()
            outcomes.append("done")
        except DomainError as error:
            outcomes.append(error.code)
        except Exception as error:
            outcomes.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)
