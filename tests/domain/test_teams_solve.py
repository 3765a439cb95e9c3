"""Team formation solvers: the optimum, the two solvers agreeing, and why there is no team."""

import copy
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bornglobal.domain.teams import Status, parse_instance, solve
from bornglobal.domain.teams_options import role_options
from bornglobal.domain.teams_prune import prune
from tests.domain.test_teams_checker import brute_force, check_team

UTC_DAY = {"zone": "UTC", "work_start": "00:00", "work_end": "00:00"}


def person(id, rate, rating=4.5, skills=None, currency="EUR", hours=200, **when):
    return {
        "id": id,
        "skills": skills if skills is not None else {"python": 3},
        "rate_minor": rate,
        "currency": currency,
        "rating": rating,
        "available_hours": hours,
        **(when or UTC_DAY),
    }


def utc(start, end):
    return {"zone": "UTC", "work_start": start, "work_end": end}


def instance(roles, candidates, **extra):
    return {
        "currency": "EUR",
        "date": "2026-03-02",
        "fx": {"USD": "0.92", "JPY": "0.0061"},
        "roles": roles,
        "candidates": candidates,
        **extra,
    }


def role(id, count=1, hours=10, skills=None):
    return {
        "id": id,
        "skills": skills if skills is not None else {"python": 3},
        "hours": hours,
        "count": count,
    }


def solved(document, **options):
    output = solve(parse_instance(copy.deepcopy(document)), time_limit=10, **options).as_dict()
    if output["team"]:
        check_team(document, output)
    return output


@pytest.mark.parametrize("exact", [False, True])
def test_the_cheapest_team_wins_then_the_best_rated(exact):
    # given two roles and four people; b1 and b2 cost the same, b2 is rated higher
    document = instance(
        [role("backend"), role("frontend", skills={"css": 2})],
        [
            person("a1", 5000),
            person("b1", 4000, rating=4.1),
            person("b2", 4000, rating=4.9),
            person("f1", 3000, skills={"css": 2}),
            person("f2", 2000, skills={"css": 1}),
        ],
    )
    # when solved
    output = solved(document, exact=exact)
    # then backend is b2 (cheapest, then best rated) and frontend f1 (f2 lacks the level)
    assert output["status"] == "optimal"
    assert [(m["role"], m["candidate"]) for m in output["team"]] == [
        ("backend", "b2"),
        ("frontend", "f1"),
    ]
    assert output["cost_minor"] == 70000 and output["lower_bound_minor"] == 70000
    assert output["rating_sum"] == pytest.approx(9.4)
    assert output["reasons"] == []


@pytest.mark.parametrize("exact", [False, True])
def test_coverage_makes_a_dearer_person_worth_it(exact):
    # given hours 0-23 to cover with two people, a cheap pair of day workers and a night owl
    document = instance(
        [role("dev", count=2)],
        [
            person("day1", 1000, **utc("06:00", "18:00")),
            person("day2", 1100, **utc("06:00", "18:00")),
            person("night", 3000, **utc("18:00", "06:00")),
        ],
        coverage={"hours_utc": list(range(24)), "min_people": 1},
    )
    # when solved, then the night owl is in and covered hours are all 24
    output = solved(document, exact=exact)
    assert sorted(m["candidate"] for m in output["team"]) == ["day1", "night"]
    assert output["covered_hours_utc"] == list(range(24))


def reasons(document, exact=False):
    output = solved(document, exact=exact)
    assert output["status"] == "infeasible"
    assert output["team"] == [] and output["cost_minor"] is None
    return output["reasons"]


@pytest.mark.parametrize("exact", [False, True])
def test_a_role_nobody_can_fill_is_named(exact):
    # given a designer role and only python people
    document = instance(
        [role("backend"), role("designer", skills={"figma": 3})],
        [person("a", 100), person("b", 200)],
    )
    # then the reason names the role and the filter that removed everyone
    assert reasons(document, exact) == [
        "role designer has no eligible candidate (nobody has all of its skills at the levels asked)"
    ]


def test_the_filter_that_removed_everyone_is_named():
    # given people with the skills but too few hours, or too low a rating
    busy = instance([role("dev", hours=100)], [person("a", 100, hours=50)])
    low = instance([role("dev")], [person("a", 100, rating=3.5)], min_rating=4.5)
    # then each reason says so
    assert "none with 100 hours free" in reasons(busy)[0]
    assert "none rated 4.5 or more" in reasons(low)[0]


def test_too_few_eligible_for_a_count_is_named():
    # given a role of three and two eligible people
    document = instance([role("dev", count=3)], [person("a", 100), person("b", 100)])
    # then
    assert reasons(document) == ["role dev needs 3 people but only 2 candidates are eligible"]


def test_roles_competing_for_the_same_people_are_named():
    # given two roles that only the same one person can fill, and a third open role
    document = instance(
        [role("api", skills={"go": 3}), role("db", skills={"go": 3}), role("ops", skills={})],
        [person("gopher", 100, skills={"go": 4}), person("other", 100, skills={})],
    )
    # then Hall's condition is named: two roles, one person
    assert reasons(document) == [
        "roles api, db need 2 people in all, but only 1 candidate is eligible for any of them"
    ]


def test_a_team_size_limit_below_the_roles_is_named():
    # given two roles and max_team_size 1
    document = instance([role("a"), role("b")], [person("x", 1), person("y", 1)], max_team_size=1)
    # then
    assert reasons(document) == ["the roles need 2 people but max_team_size is 1"]


@pytest.mark.parametrize("exact", [False, True])
def test_an_hour_nobody_covers_is_named(exact):
    # given everyone works 09:00-17:00 UTC and hour 3 must be covered
    document = instance(
        [role("dev")],
        [person("a", 100, **utc("09:00", "17:00"))],
        coverage={"hours_utc": [3, 9], "min_people": 1},
    )
    # then
    assert reasons(document, exact) == ["no eligible candidate covers UTC hour 3"]


def test_hours_too_few_people_cover_are_named():
    # given two people needed at every hour of 8..9, only one covers hour 9
    document = instance(
        [role("dev", count=2)],
        [person("a", 100, **utc("08:00", "10:00")), person("b", 100, **utc("08:00", "09:00"))],
        coverage={"hours_utc": [8, 9], "min_people": 2},
    )
    # then
    assert reasons(document) == ["UTC hour 9 is covered by as few as 1 candidate; coverage needs 2"]


def test_more_people_per_hour_than_the_team_has_is_named():
    # given a team of one and coverage asking for two
    document = instance(
        [role("dev")],
        [person("a", 1), person("b", 1)],
        coverage={"hours_utc": [0], "min_people": 2},
    )
    # then
    assert reasons(document) == [
        "coverage needs 2 people at each required hour but the roles make a team of 1"
    ]


def test_more_person_hours_than_the_team_can_give_is_named():
    # given a team of two 8-hour people and all 24 hours to cover
    document = instance(
        [role("dev", count=2)],
        [person(f"p{h}", 100, **utc(f"{h:02d}:00", f"{h + 8:02d}:00")) for h in (0, 8, 16)],
        coverage={"hours_utc": list(range(24)), "min_people": 1},
    )
    # then the person-hours bound is named
    assert reasons(document) == [
        "coverage needs 24 person-hours but a team of 2 gives at most 16 (no eligible "
        "candidate covers more than 8 of the hours)"
    ]


@pytest.mark.parametrize("exact", [False, True])
def test_roles_and_coverage_that_cannot_be_met_together_are_named(exact):
    # given a frontend who covers 0-11 and backends who cover 12-17 or 18-23
    document = instance(
        [role("front", skills={"css": 1}), role("back")],
        [
            person("f", 100, skills={"css": 1}, **utc("00:00", "12:00")),
            person("b1", 100, **utc("12:00", "18:00")),
            person("b2", 100, **utc("18:00", "24:00")),
        ],
        coverage={"hours_utc": list(range(24)), "min_people": 1},
    )
    # then every hour alone can be covered, but no team of two covers them all
    assert reasons(document, exact) == [
        "no team of 2 people that fills every role covers each required UTC hour with 1 "
        "person (each hour alone can be covered)"
    ]


@pytest.mark.parametrize("exact", [False, True])
def test_a_budget_too_small_names_the_cheapest_cost(exact):
    # given the cheapest team costs 100 EUR (10 h at 10 EUR) and the budget is 99.99
    document = instance([role("dev")], [person("a", 1000), person("b", 2000)], budget_minor=9999)
    # then the reason gives the cheapest cost
    assert reasons(document, exact) == [
        "budget_minor 9999 is too small: the cheapest team that fills every role and covers "
        "the hours costs 10000 EUR minor units"
    ]


def test_a_budget_that_fits_exactly_is_enough():
    # given a budget equal to the cheapest cost
    document = instance([role("dev")], [person("a", 1000)], budget_minor=10000)
    # then the team is found
    assert solved(document)["cost_minor"] == 10000


def test_a_budget_that_binds_picks_a_cheaper_team_than_coverage_alone_would():
    # given hour 3 covered by a dear night person or two cheap ones, and a budget
    document = instance(
        [role("dev", count=2)],
        [
            person("night", 9000, **utc("00:00", "08:00")),
            person("day", 1000, **utc("08:00", "16:00")),
            person("early1", 2000, **utc("02:00", "10:00")),
            person("early2", 2500, **utc("02:00", "10:00")),
        ],
        coverage={"hours_utc": [3], "min_people": 1},
        budget_minor=50000,
    )
    # then the cheapest feasible team is day + early1 (30,000)
    output = solved(document)
    assert sorted(m["candidate"] for m in output["team"]) == ["day", "early1"]


ZONES = [
    "UTC",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Kathmandu",
]
CURRENCIES = ["EUR", "USD", "JPY"]


@st.composite
def small_instances(draw):
    skills = ["go", "sql", "css"]
    roles = [
        {
            "id": f"r{i}",
            "hours": draw(st.sampled_from([8, 40, 37.5])),
            "count": draw(st.integers(1, 2)),
            "skills": {s: draw(st.integers(0, 2)) for s in draw(st.sets(st.sampled_from(skills)))},
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    candidates = [
        {
            "id": f"c{i}",
            "rate_minor": draw(st.integers(100, 9000)),
            "currency": draw(st.sampled_from(CURRENCIES)),
            "rating": draw(st.sampled_from([3.5, 4, 4.2, 4.8, 5])),
            "available_hours": draw(st.sampled_from([10, 40, 200])),
            "zone": draw(st.sampled_from(ZONES)),
            "work_start": f"{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from(['00', '30']))}",
            "work_end": f"{draw(st.integers(0, 23)):02d}:00",
            "skills": {s: draw(st.integers(1, 3)) for s in draw(st.sets(st.sampled_from(skills)))},
        }
        for i in range(draw(st.integers(3, 7)))
    ]
    document = instance(
        roles,
        candidates,
        min_rating=draw(st.sampled_from([0, 4])),
        coverage={
            "hours_utc": sorted(draw(st.sets(st.integers(0, 23), max_size=4))),
            "min_people": draw(st.integers(0, 2)),
        },
    )
    if draw(st.booleans()):
        document["budget_minor"] = draw(st.integers(0, 2_000_000))
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=small_instances())
def test_fast_exact_and_brute_force_agree_on_small_instances(document):
    # given a random small instance
    # when both solvers run and brute force enumerates every team
    fast, exact = solved(document), solved(document, exact=True)
    best = brute_force(document)
    # then they agree on feasibility, on the cost and on the rating sum of the optimum
    if best is None:
        assert fast["status"] == exact["status"] == "infeasible"
        assert fast["reasons"] and exact["reasons"]
    else:
        assert fast["status"] == exact["status"] == "optimal"
        assert fast["cost_minor"] == exact["cost_minor"] == best[0]
        assert fast["lower_bound_minor"] == best[0]
        assert fast["rating_sum"] == pytest.approx(float(best[1]))
        assert exact["rating_sum"] == pytest.approx(float(best[1]))


def test_the_status_enum_names_the_outcomes():
    # given the statuses, then their JSON names are the issue's (and unknown for a timeout)
    assert [s.value for s in Status] == ["optimal", "feasible", "infeasible", "unknown"]


def pool(seed, size):
    """A seeded pool large enough for pruning to bite: many people per coverage pattern."""
    rng = random.Random(seed)
    zones = [
        "UTC",
        "Asia/Kolkata",
        "America/New_York",
        "Europe/Berlin",
        "Asia/Tokyo",
        "Australia/Adelaide",
        "America/Sao_Paulo",
        "Asia/Kathmandu",
    ]
    return [
        person(
            f"p{i}",
            rng.randint(1000, 9000),
            rating=rng.choice([3.8, 4.2, 4.6, 5]),
            skills={s: rng.randint(1, 4) for s in rng.sample(["go", "sql", "css", "ux"], 2)},
            currency=rng.choice(CURRENCIES),
            zone=rng.choice(zones),
            work_start=f"{rng.randint(6, 11):02d}:00",
            work_end=rng.choice(["16:00", "18:00"]),
        )
        for i in range(size)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pruning_bites_and_keeps_the_optimum(seed):
    # given 2,000 people, three roles of four places and all 24 UTC hours to cover
    document = instance(
        [
            role("api", count=2, skills={"go": 2}),
            role("db", skills={"sql": 2}),
            role("ux", skills={"ux": 1, "css": 1}),
        ],
        pool(seed, 2000),
        coverage={"hours_utc": list(range(24)), "min_people": 1},
        min_rating=4,
    )
    parsed = parse_instance(copy.deepcopy(document))
    options = role_options(parsed)
    # when the fast solver prunes, then most options go
    kept = sum(len(prune(o, parsed.team_size)) for o in options)
    assert kept < sum(len(o) for o in options) / 2
    # and both solvers find the same, checked, optimal cost
    fast, exact = solved(document), solved(document, exact=True)
    assert fast["status"] == exact["status"]
    assert fast["cost_minor"] == exact["cost_minor"]
    assert fast["rating_sum"] == exact["rating_sum"]


def test_an_empty_pool_says_so():
    # given no candidates at all
    document = instance([role("dev")], [])
    # then the reason says the pool is empty
    assert reasons(document) == [
        "role dev has no eligible candidate (the instance lists no candidates)"
    ]
