"""Fuzz chains of operations (schemathesis' state machine) as the founder of a venture.

Our OpenAPI document declares no links; schemathesis infers them (dependency analysis:
an id in one answer feeds the path or body of another operation, e.g. an escrow's
milestones to fund, release and dispute). Each scenario starts from the founder's world
(`tests/api/fuzz_world.py`) and runs a few steps; every answer gets the same checks
as the one-by-one fuzzing there, with the same allow-list.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.api.fuzz_world import keep_the_test_connection, world
from tests.api.test_fuzz_full import _check, _schema

FIXTURES = (keep_the_test_connection, world)  # pytest finds them in this module by name

SCENARIOS = 20
STEPS = 8


@pytest.mark.django_db
def test_chains_of_operations_as_founder(world):
    # given the state machine over every operation, with the inferred links
    founder = world["founder"]

    class Founder(_schema(["stateful"], 1).as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": founder.headers()}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # then every answer is no 5xx, within the schema, and refuses exactly the
            # invalid requests (checked and reported as in the one-by-one fuzzing)
            _check(case, "founder", response, kwargs.get("headers") or founder.headers())

    # when scenarios of a few steps each run
    run_state_machine_as_test(
        Founder,
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        ),
    )
