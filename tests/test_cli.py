"""The `bornglobal` command: help for every subcommand, clear errors, no tracebacks."""

import os
import subprocess
import sys

import pytest

from bornglobal.cli import build_parser

SUBCOMMANDS = ["demo", "serve", "worker", "migrate", "seed", "createadmin", "settings", "manage"]


def _run(*args, stdin="", env=None, cwd=None):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DJANGO_SETTINGS_MODULE", "BORNGLOBAL_TEST_DATABASE_URL")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bornglobal", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=cwd,
    )


def test_every_subcommand_is_registered_with_help():
    # given the parser
    parser = build_parser()
    # when we list its subcommands, then each one we promise is there with a help line
    actions = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in actions._choices_actions}
    assert set(SUBCOMMANDS) <= set(helps)
    assert all(helps[name] for name in SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_explains_each_command(command):
    # when a user asks a command for help
    result = _run(command, "--help")
    # then it explains itself and exits 0
    assert result.returncode == 0
    assert "usage: bornglobal" in result.stdout and len(result.stdout) > 120


def test_bad_arguments_exit_non_zero_with_a_message():
    # when seed is given a size that does not exist
    result = _run("seed", "--size", "huge")
    # then argparse names the choices and exits 2
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_createadmin_with_a_weak_password_fails_cleanly(tmp_path):
    # given a fresh data directory in demo mode
    env = {"BORNGLOBAL_DATA_DIR": str(tmp_path), "BORNGLOBAL_DEMO": "1", "DATABASE_URL": ""}
    assert _run("migrate", env=env).returncode == 0
    # when an admin is created with a weak password
    result = _run(
        "createadmin", "--email", "ops@example.org", "--password-stdin", stdin="123\n", env=env
    )
    # then one line explains it, with no traceback, and a non-zero exit
    assert result.returncode == 2
    assert "weak_password" in result.stderr and "Traceback" not in result.stderr


def test_createadmin_makes_a_staff_user(tmp_path):
    # given a fresh data directory
    env = {"BORNGLOBAL_DATA_DIR": str(tmp_path), "BORNGLOBAL_DEMO": "1", "DATABASE_URL": ""}
    _run("migrate", env=env)
    # when an admin is created
    result = _run(
        "createadmin",
        "--email",
        "ops@example.org",
        "--password-stdin",
        stdin="a-long-and-private-phrase\n",
        env=env,
    )
    # then it says so
    assert result.returncode == 0, result.stderr
    assert "ops@example.org" in result.stdout


def test_settings_prints_the_configuration_table():
    # when the operator asks for the settings
    result = _run("settings")
    # then every setting is listed
    assert result.returncode == 0
    assert "| `DATABASE_URL` |" in result.stdout and "| `SECRET_KEY` |" in result.stdout


def test_seed_small_loads_profiles_and_partners_and_refreshes_planner_statistics(tmp_path):
    # given an empty SQLite database in a fresh data directory
    env = {"BORNGLOBAL_DATA_DIR": str(tmp_path), "SECRET_KEY": "s" * 50, "DATABASE_URL": ""}
    # when the small seed is loaded from the command line
    result = _run("seed", "--size", "small", env=env)
    # then it reports profiles and partners and leaves statistics for the query planner
    assert result.returncode == 0, result.stderr[-2000:]
    assert "freelancer profiles" in result.stdout and "Partners: 200" in result.stdout
    import sqlite3

    database = sqlite3.connect(tmp_path / "bornglobal.sqlite3")
    try:
        tables = {row[0] for row in database.execute("SELECT tbl FROM sqlite_stat1")}
    finally:
        database.close()
    assert {"network_profile", "network_profileskill"} <= tables


def test_serve_runs_threaded_workers_with_a_deliberate_timeout():
    # given the options `bornglobal serve` gives gunicorn
    from bornglobal.cli import web_worker_options

    options = web_worker_options(threads=4, timeout=30)
    # then the workers are gthread with 4 threads, and a hung request is cut at 30 s
    pairs = dict(zip(options[::2], options[1::2], strict=True))
    assert pairs["--worker-class"] == "gthread"
    assert pairs["--threads"] == "4"
    assert pairs["--timeout"] == "30" and pairs["--graceful-timeout"] == "30"


def test_demo_serves_with_a_worker_beside_the_web_server(monkeypatch):
    # given the demo's server start, with process creation recorded (gunicorn exits at once)
    from bornglobal import cli

    started: list[list[str]] = []

    class Child:
        def __init__(self, argv, env):
            started.append(argv)
            self.env, self.terminated = env, False

        def wait(self, timeout=None):
            return 0

        def terminate(self):
            self.terminated = True

    children: list[Child] = []
    monkeypatch.setattr(
        cli.subprocess, "Popen", lambda argv, env: children.append(Child(argv, env)) or children[-1]
    )
    # when the demo serves
    status = cli._serve_with_worker("127.0.0.1:8765")
    # then a `bornglobal worker` runs beside gunicorn, both in demo mode on SQLite,
    # and the worker is stopped when the web server ends
    assert status == 0
    assert started[0][-2:] == ["bornglobal", "worker"]
    assert "gunicorn" in started[1]
    assert all(c.env["BORNGLOBAL_DEMO"] == "1" and c.env["DATABASE_URL"] == "" for c in children)
    assert children[0].terminated
