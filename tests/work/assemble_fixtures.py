"""Shared givens of the assemble tests: a project role needing Python and listed people."""

from datetime import time
from decimal import Decimal

from bornglobal.network.models import Skill
from bornglobal.work.models import RoleSkill
from tests.network.factories import (
    ProfileFactory,
    ProfileSkillFactory,
    WorkPatternFactory,
)
from tests.work.factories import FreelancerFactory

PYTHON = "Python (computer programming)"


def python_skill():
    """ESCO's Python skill; made again if a transactional browser test flushed the table."""
    found = Skill.objects.filter(label=PYTHON).first()
    return found or Skill.objects.create(label=PYTHON, esco_id="test-python-after-flush")


def needs_python(role, level: int = 3) -> None:
    RoleSkill.objects.create(role=role, skill=python_skill(), level=level)


def listed(
    name: str,
    rate_minor: int,
    *,
    currency="EUR",
    level=4,
    reputation="80",
    zone="Europe/Lisbon",
    start=time(9),
    end=time(17),
    hours_per_week=20,
):
    """A freelancer with a listed profile holding Python at `level`."""
    user = FreelancerFactory(full_name=name, email=f"{name.lower()}@example.org", currency=currency)
    pattern = WorkPatternFactory(time_zone=zone, start=start, end=end, holidays_country="")
    profile = ProfileFactory(
        user=user,
        rate_minor=rate_minor,
        currency=currency,
        reputation=Decimal(reputation),
        pattern=pattern,
        hours_per_week=hours_per_week,
    )
    ProfileSkillFactory(profile=profile, skill=python_skill(), level=level)
    return profile
