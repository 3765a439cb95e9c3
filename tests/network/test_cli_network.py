"""`bornglobal network …`: skills search and suggestions from the command line."""

import json
import os
import subprocess
import sys

import pytest


def _run(*args, stdin="", env=None):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DJANGO_SETTINGS_MODULE", "BORNGLOBAL_TEST_DATABASE_URL")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bornglobal", *args],
        input=stdin, capture_output=True, text=True, timeout=300, env=environment,
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    environment = {"BORNGLOBAL_DATA_DIR": str(tmp_path_factory.mktemp("data")),
                   "BORNGLOBAL_DEMO": "1", "DATABASE_URL": ""}
    migrated = _run("migrate", env=environment)
    assert migrated.returncode == 0, migrated.stderr
    return environment


def test_skills_json_puts_python_first(env):
    # when the skills are searched for "pyth" as JSON
    result = _run("network", "skills", "pyth", "--json", env=env)
    # then Python comes first
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert items[0]["label"] == "Python (computer programming)"


def test_suggest_reads_a_job_description_from_stdin(env):
    # when a job description is piped in
    text = "We keep the books: bookkeeping and manage social media"
    result = _run("network", "suggest", "-", "--json", stdin=text, env=env)
    # then the skills it names come back with the phrase that named them
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert items and {"bookkeeping", "manage social media"} & {i["why"] for i in items}


def test_an_over_long_query_fails_in_one_line(env):
    # when the query is longer than 100 characters
    result = _run("network", "skills", "x" * 101, env=env)
    # then one line explains it and the exit code is 2
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "at most 100" in result.stderr


def test_network_commands_explain_themselves():
    # when each network command is asked for help
    for args in (("network",), ("network", "skills"), ("network", "suggest")):
        result = _run(*args, "--help")
        # then it explains itself and exits 0
        assert result.returncode == 0 and "usage: bornglobal network" in result.stdout
