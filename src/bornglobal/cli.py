"""The `bornglobal` command (also `python -m bornglobal`).

Each subcommand explains itself with `--help`. Errors print one line to stderr
and exit non-zero; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DEMO_HOST = "127.0.0.1"


def _setup_django(*, demo: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bornglobal.settings")
    if demo:
        os.environ["BORNGLOBAL_DEMO"] = "1"
        os.environ["DATABASE_URL"] = ""
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _progress_bar(label: str) -> Callable[[int, int, str], None]:
    from tqdm import tqdm

    bar = tqdm(total=0, desc=label, unit="step", file=sys.stderr, leave=True)

    def report(done: int, total: int, stage: str) -> None:
        if bar.total != total:
            bar.total = total
        bar.set_postfix_str(stage, refresh=False)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return report


def cmd_demo(args: argparse.Namespace) -> int:
    from bornglobal import conf

    data_dir = Path(conf.get("BORNGLOBAL_DATA_DIR")).expanduser()
    if args.reset:
        database = data_dir / "bornglobal.sqlite3"
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            path.unlink(missing_ok=True)
    _setup_django(demo=True)
    _migrate()
    from bornglobal import demo
    from bornglobal.tenancy.models import User

    if not User.objects.exists():
        print("Loading demo data…", file=sys.stderr)
        demo.load(seed=args.seed, size="small", progress=_progress_bar("demo data"))
    url = f"http://{DEMO_HOST}:{args.port}/"
    print(f"\nBorn Global demo: {url}\nDatabase: {data_dir / 'bornglobal.sqlite3'}\n")
    print("Demo logins (password for all: " + demo.DEMO_PASSWORD + "):")
    for login in demo.demo_logins():
        print(f"  {login.email:<36} {login.description}")
    sys.stdout.flush()
    if args.no_serve:
        return 0
    print("A background worker runs beside the web server (team solves, rotas, timers).")
    sys.stdout.flush()
    return _serve_with_worker(f"{DEMO_HOST}:{args.port}")


def _serve_with_worker(bind: str) -> int:
    """The demo: gunicorn and one `bornglobal worker` as children, stopped together.

    Jobs (team solves, rotas, Assemble) and timers (auto-release) wait for a worker;
    without one the demo's Teams and Assemble pages would stay "queued" for ever.
    """
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bornglobal.settings",
        BORNGLOBAL_DEMO="1",
        DATABASE_URL="",
    )
    worker = subprocess.Popen([sys.executable, "-m", "bornglobal", "worker"], env=env)
    web = subprocess.Popen(_gunicorn_argv(bind, workers=2), env=env)  # noqa: S603  (our argv)
    try:
        return web.wait()
    except KeyboardInterrupt:
        web.send_signal(signal.SIGINT)
        return web.wait()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def web_worker_options(threads: int, timeout: int) -> list[str]:
    """gunicorn's worker class, threads and timeouts for `serve` (docs/operator.md).

    `gthread` workers answer several requests each (one thread per request), so a slow
    request does not hold up a login behind it; the timeout restarts a worker whose
    request hangs, and a restart lets running requests finish for as long again.
    """
    return [
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(timeout),
        "--keep-alive",
        "5",
    ]


def _gunicorn(bind: str, *, workers: int) -> int:
    argv = _gunicorn_argv(bind, workers=workers)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bornglobal.settings")
    os.execvpe(sys.executable, argv, env)  # noqa: S606  (replaces this process)
    return 0


def _gunicorn_argv(bind: str, *, workers: int) -> list[str]:
    """Collect the static files, then the gunicorn command line for `serve` and `demo`."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bornglobal.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        *web_worker_options(settings.WEB_THREADS, settings.WEB_TIMEOUT_SECONDS),
        "--access-logfile",
        "-",
        # gunicorn believes X-Forwarded-Proto from the same proxies Django and axes trust.
        "--forwarded-allow-ips",
        ",".join(settings.TRUSTED_PROXIES),
    ]


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    from django.conf import settings

    if args.migrate:
        _migrate(verbosity=1)
    return _gunicorn(args.bind, workers=args.workers or settings.WEB_WORKERS)


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    options = {"queue_name": args.queue, "interval": args.interval}
    if args.batch:
        options["batch"] = True
    call_command("db_worker", **options)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate(verbosity=1)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    _setup_django()
    from bornglobal import demo

    _migrate()
    summary = demo.load(seed=args.seed, size=args.size, progress=_progress_bar(f"seed {args.size}"))
    _analyze()
    print(summary.describe())
    return 0


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as an operator would.

    On PostgreSQL, VACUUM also marks the new pages all-visible, so that search's
    index-only walks of the skill postings need not visit the table.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def cmd_createadmin(args: argparse.Namespace) -> int:
    _setup_django()
    from bornglobal.tenancy import services

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if password is None:
        import getpass

        password = getpass.getpass("Password: ")
    user = services.create_admin(
        email=args.email,
        password=password,
        full_name=args.name,
        country=args.country,
        time_zone=args.time_zone,
    )
    print(f"Admin {user.email} created; log in at /admin/.")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from bornglobal import conf

    print(conf.markdown_table())
    return 0


def cmd_ledger_check(args: argparse.Namespace) -> int:
    _setup_django()
    import json

    from bornglobal.money import checks

    violations = checks.run(args.venture)
    if args.json:
        print(
            json.dumps(
                {"ok": not violations, "violations": [v.as_dict() for v in violations]}, indent=2
            )
        )
    elif violations:
        for violation in violations:
            print(f"[{violation.check}] {violation.message}")
        print(f"{len(violations)} violation(s).", file=sys.stderr)
    else:
        print(
            "Ledger check passed: every transaction balances, cached balances match the "
            "postings, no escrow or payable is negative, escrow movements add up."
        )
    return 1 if violations else 0


def cmd_fx_import(args: argparse.Namespace) -> int:
    _setup_django()
    from bornglobal.money import rates

    text = Path(args.file).read_text(encoding="utf-8") if args.file != "-" else sys.stdin.read()
    count = rates.import_csv(None, text, note=args.note)
    print(f"Imported {count} operator rate(s).")
    return 0


def cmd_fx_quote(args: argparse.Namespace) -> int:
    _setup_django()
    from datetime import date

    from bornglobal.domain.fx import convert
    from bornglobal.domain.money import Money
    from bornglobal.money import rates

    try:
        on = date.fromisoformat(args.on)
    except ValueError:
        print(f"error: {args.on!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    conversion = convert(Money.of(args.amount, args.base), args.quote.upper(), on, rates.current())
    print(f"{conversion.source} = {conversion.target}")
    print(conversion.rate.describe())
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bornglobal manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bornglobal",
        description="Born Global: the operating platform for micro-multinationals.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="run the demo on SQLite at 127.0.0.1",
        description="Make and migrate an SQLite database in the data "
        "directory, load demo data when it is empty, print the URL and "
        "the demo logins, and serve on 127.0.0.1.",
    )
    demo.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    demo.add_argument("--reset", action="store_true", help="delete the demo database first")
    demo.add_argument("--seed", type=int, default=42, help="demo data seed (default 42)")
    demo.add_argument("--no-serve", action="store_true", help="prepare the data, do not serve")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser(
        "serve",
        help="production server (gunicorn)",
        description="Serve the app with gunicorn workers. Needs SECRET_KEY "
        "and, in production, DATABASE_URL pointing at PostgreSQL.",
    )
    serve.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
    serve.add_argument(
        "--workers", type=int, default=0, help="worker processes (default: BORNGLOBAL_WEB_WORKERS)"
    )
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="background worker (django-tasks database queue)",
        description="Run queued background tasks from the database. "
        "Start as many as you like, on any machine sharing the database.",
    )
    worker.add_argument("--queue", default="default", help="queue name (default: default)")
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls when idle (default 1)"
    )
    worker.add_argument("--batch", action="store_true", help="exit when the queue is empty")
    worker.set_defaults(func=cmd_worker)

    migrate = sub.add_parser(
        "migrate",
        help="apply database migrations",
        description="Create or upgrade the database schema.",
    )
    migrate.set_defaults(func=cmd_migrate)

    seed = sub.add_parser(
        "seed",
        help="load deterministic demo data of a given size",
        description="Generate people, ventures, memberships, a year of money history, "
        "freelancer profiles and partners from a seed, with a progress bar. The same seed "
        "gives the same data. Large takes minutes: about 10 on SQLite on a 2-core machine.",
    )
    seed.add_argument(
        "--size",
        choices=["small", "medium", "large"],
        default="small",
        help="how much data: small (~2,000 profiles, the demo's size), medium (~20,000), "
        "large (~1,000,000 profiles)",
    )
    seed.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    seed.set_defaults(func=cmd_seed)

    admin = sub.add_parser(
        "createadmin",
        help="create a staff superuser for /admin/",
        description="Create an administrator account.",
    )
    admin.add_argument("--email", required=True, help="login email")
    admin.add_argument("--name", default="Administrator", help="full name")
    admin.add_argument("--country", default="DE", help="ISO 3166 country code")
    admin.add_argument("--time-zone", default="UTC", help="IANA time zone")
    admin.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )
    admin.set_defaults(func=cmd_createadmin)

    settings = sub.add_parser(
        "settings",
        help="print the configuration table",
        description="Print every setting with its default and help text.",
    )
    settings.set_defaults(func=cmd_settings)

    ledger = sub.add_parser("ledger", help="check the books", description="Ledger tools.")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, metavar="ACTION")
    check = ledger_sub.add_parser(
        "check",
        help="prove the books are whole",
        description="Prove that every transaction balances per currency, cached balances "
        "equal the sum of postings, no escrow or payable is negative, and every escrow's "
        "funded - released - refunded equals its balance. Exits 1 and lists each violation.",
    )
    check.add_argument("--venture", type=int, default=None, help="only this venture's books")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(func=cmd_ledger_check)

    fx = sub.add_parser("fx", help="exchange rates", description="Exchange-rate tools.")
    fx_sub = fx.add_subparsers(dest="fx_command", required=True, metavar="ACTION")
    fx_import = fx_sub.add_parser(
        "import",
        help="load operator rates from CSV",
        description="Load rates for currencies the ECB does not publish (or for dates past the "
        "bundled ECB data) from a CSV with the header currency,date,per_eur.",
    )
    fx_import.add_argument("file", help="CSV file, or - for standard input")
    fx_import.add_argument("--note", default="CSV import", help="where the rates came from")
    fx_import.set_defaults(func=cmd_fx_import)
    quote = fx_sub.add_parser(
        "quote",
        help="convert an amount on a date",
        description="Convert an amount on a date and name the rate used.",
    )
    quote.add_argument("amount", help="decimal amount, e.g. 100.00")
    quote.add_argument("base", help="from currency, e.g. EUR")
    quote.add_argument("quote", help="to currency, e.g. INR")
    quote.add_argument("--on", required=True, help="date, YYYY-MM-DD")
    quote.set_defaults(func=cmd_fx_quote)

    from bornglobal import (
        cli_clock,
        cli_handoffs,
        cli_invoices,
        cli_money,
        cli_network,
        cli_notifications,
        cli_tax,
        cli_teams,
        cli_work,
    )

    cli_money.register(sub)
    cli_network.register(sub)
    cli_clock.register(sub)
    cli_tax.register(sub)
    cli_teams.register(sub)
    cli_invoices.register(sub)
    cli_work.register(sub)
    cli_handoffs.register(sub)
    cli_notifications.register(sub)

    manage = sub.add_parser(
        "manage",
        help="pass through to Django's management commands",
        description="Run a Django management command, e.g. `bornglobal manage check --deploy`.",
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER, help="the command and its arguments")
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `bornglobal money earnings --json | head`
        sys.stderr.close()
        return 0
    except Exception as error:  # one line for the user, never a traceback
        return _report(error)


def _report(error: Exception) -> int:
    from django.core.exceptions import ImproperlyConfigured

    from bornglobal.domain.errors import DomainError

    if isinstance(error, DomainError):
        print(f"error: {error.message} [{error.code}]", file=sys.stderr)
        return 2
    if isinstance(error, ImproperlyConfigured):
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    if os.environ.get("BORNGLOBAL_TRACEBACK"):
        raise error
    print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
    print("(set BORNGLOBAL_TRACEBACK=1 to see the traceback)", file=sys.stderr)
    return 1
