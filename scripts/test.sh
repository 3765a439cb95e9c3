#!/usr/bin/env bash
# Install Born Global with its test extras into a virtual environment, lint, and run the suite.
#   ./scripts/test.sh                 ruff + the whole suite on SQLite (browser tests excluded)
#   ./scripts/test.sh -m browser      the browser journeys (needs /usr/bin/chromium)
# Environment: BORNGLOBAL_VENV (default .venv), BORNGLOBAL_TEST_DATABASE_URL (PostgreSQL run).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${BORNGLOBAL_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'
"$VENV/bin/ruff" check .
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
