"""An independent feasibility checker and brute-force optimum for team formation.

Written from the issue's rules, not from the solver's code: it reads the raw
JSON instance with zoneinfo, Fraction and Babel directly and checks a solver's
output against it. The tests of the solvers import `check_team` and
`brute_force`; the tests here check the checker itself.
"""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from itertools import combinations, permutations
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import get_currency_precision


def _hhmm(text):
    hours, minutes = (int(part) for part in text.split(":"))
    return hours * 60 + minutes


def _local(day, minutes, zone):
    """A local wall time (24:00 is the next midnight) as aware UTC, fold=0."""
    start = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    naive = start.replace(tzinfo=None) + timedelta(minutes=minutes)
    return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def _exists(day, minutes, zone):
    naive = datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)  # noqa: DTZ001
    aware = naive.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) == naive


def working_intervals(candidate, on):
    """The candidate's UTC work intervals starting on local days around `on`."""
    start, end = _hhmm(candidate["work_start"]), _hhmm(candidate["work_end"]) % 1440
    if end <= start:
        end += 1440
    intervals = []
    for shift in range(-2, 3):
        day = on + timedelta(days=shift)
        zone = candidate["zone"]
        if not _exists(day, start, zone) and not _exists(day, end, zone):
            continue
        begin, finish = _local(day, start, zone), _local(day, end, zone)
        if begin < finish:
            intervals.append((begin, finish))
    return intervals


def covers(candidate, on, hour):
    """Whether the union of the candidate's intervals contains [hour, hour+1) UTC of `on`."""
    cursor = datetime(on.year, on.month, on.day, hour, tzinfo=UTC)
    finish = cursor + timedelta(hours=1)
    for begin, end in sorted(working_intervals(candidate, on)):
        if begin <= cursor < end:
            cursor = end
    return cursor >= finish


def exponent(code):
    return get_currency_precision(code)


def cost(candidate, role, instance):
    """rate converted with fx, times hours, rounded half-even once (Fraction rounds so)."""
    fx = Fraction(1) if candidate["currency"] == instance["currency"] else None
    if fx is None:
        fx = Fraction(instance["fx"][candidate["currency"]])
    major = Fraction(candidate["rate_minor"], 10 ** exponent(candidate["currency"]))
    exact = major * fx * Fraction(str(role["hours"])) * 10 ** exponent(instance["currency"])
    return round(exact)


def eligible(candidate, role, instance):
    skills = candidate.get("skills", {})
    return (
        all(skills.get(skill, 0) >= level for skill, level in role.get("skills", {}).items())
        and Fraction(str(candidate["available_hours"])) >= Fraction(str(role["hours"]))
        and Fraction(str(candidate["rating"])) >= Fraction(str(instance.get("min_rating", 0)))
    )


def coverage_counts(instance, members):
    on = date.fromisoformat(instance["date"])
    return {h: sum(covers(m, on, h) for m in members) for h in range(24)}


def check_team(instance, output):
    """Raise AssertionError unless `output` is a feasible team for `instance`."""
    roles = {role["id"]: role for role in instance["roles"]}
    people = {c["id"]: c for c in instance["candidates"]}
    team = output["team"]
    chosen = [member["candidate"] for member in team]
    assert len(chosen) == len(set(chosen)), "a person fills at most one role"
    for role_id, role in roles.items():
        filled = sum(member["role"] == role_id for member in team)
        assert filled == role.get("count", 1), f"role {role_id} has {filled} people"
    for member in team:
        role, person = roles[member["role"]], people[member["candidate"]]
        assert eligible(person, role, instance), f"{person['id']} not eligible for {role['id']}"
        assert member["cost_minor"] == cost(person, role, instance)
    total = sum(member["cost_minor"] for member in team)
    assert output["cost_minor"] == total
    if instance.get("budget_minor") is not None:
        assert total <= instance["budget_minor"]
    if instance.get("max_team_size") is not None:
        assert len(team) <= instance["max_team_size"]
    need = instance.get("coverage") or {}
    counts = coverage_counts(instance, [people[c] for c in chosen])
    for hour in need.get("hours_utc", []):
        assert counts[hour] >= need.get("min_people", 1), f"UTC hour {hour} is not covered"
    enough = max(need.get("min_people", 1), 1)
    assert output["covered_hours_utc"] == [h for h in range(24) if counts[h] >= enough]
    ratings = sum(Fraction(str(people[c]["rating"])) for c in chosen)
    assert Fraction(str(output["rating_sum"])) == ratings


def _assignments(instance):
    """Every way to fill the roles' places with distinct candidates (tiny instances only)."""
    places = [role for role in instance["roles"] for _ in range(role.get("count", 1))]
    candidates = instance["candidates"]
    for group in combinations(range(len(candidates)), len(places)):
        for order in permutations(group):
            yield [(place, candidates[i]) for place, i in zip(places, order, strict=True)]


def _feasible(instance, assignment):
    if not all(eligible(person, role, instance) for role, person in assignment):
        return False
    total = sum(cost(person, role, instance) for role, person in assignment)
    if instance.get("budget_minor") is not None and total > instance["budget_minor"]:
        return False
    if instance.get("max_team_size") is not None and len(assignment) > instance["max_team_size"]:
        return False
    need = instance.get("coverage") or {}
    counts = coverage_counts(instance, [person for _, person in assignment])
    return all(counts[h] >= need.get("min_people", 1) for h in need.get("hours_utc", []))


def brute_force(instance):
    """(cost, rating sum) of the lexicographic optimum, or None when there is no team."""
    best = None
    for assignment in _assignments(instance):
        if _feasible(instance, assignment):
            total = sum(cost(person, role, instance) for role, person in assignment)
            rating = sum(Fraction(str(person["rating"])) for _, person in assignment)
            if best is None or (total, -rating) < (best[0], -best[1]):
                best = (total, rating)
    return best


def test_the_checker_covers_a_half_hour_zone_by_whole_utc_hours():
    # given a 09:00-17:00 day in Kolkata (UTC+5:30 = 03:30-11:30 UTC)
    person = {"zone": "Asia/Kolkata", "work_start": "09:00", "work_end": "17:00"}
    # when its hours are checked, then 4..10 are covered and 3 and 11 are not
    on = date(2026, 3, 2)
    assert [h for h in range(24) if covers(person, on, h)] == list(range(4, 11))


def test_the_checker_rounds_half_to_even():
    # given 0.005 EUR and 0.015 EUR per hour for one hour
    instance = {"currency": "EUR", "fx": {"USD": "0.5"}}
    role = {"hours": 1}
    # then 0.005 rounds to 0 cents and 0.015 to 2 cents
    assert cost({"rate_minor": 1, "currency": "USD"}, role, instance) == 0
    assert cost({"rate_minor": 3, "currency": "USD"}, role, instance) == 2


def test_the_checker_refuses_a_team_that_leaves_an_hour_uncovered():
    # given one role and a candidate who covers 14..21 UTC, and coverage asked at hour 3
    instance = {
        "currency": "EUR",
        "date": "2026-03-02",
        "coverage": {"hours_utc": [3], "min_people": 1},
        "roles": [{"id": "dev", "skills": {}, "hours": 1, "count": 1}],
        "candidates": [
            {
                "id": "ny",
                "rate_minor": 100,
                "currency": "EUR",
                "rating": 4,
                "zone": "UTC",
                "work_start": "14:00",
                "work_end": "22:00",
                "available_hours": 10,
            }
        ],
    }
    output = {
        "team": [{"role": "dev", "candidate": "ny", "cost_minor": 100}],
        "cost_minor": 100,
        "covered_hours_utc": list(range(14, 22)),
        "rating_sum": 4,
    }
    # when it is checked, then it is refused, and brute force finds no team
    with pytest.raises(AssertionError, match="hour 3"):
        check_team(instance, output)
    assert brute_force(instance) is None
