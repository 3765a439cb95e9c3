"""Search relevance on the demo data: 20 hand-written queries, each with the person it must find.

The demo's named anchor freelancers (`demo.network_anchors`) are the labelled answers.
The queries are written the way a founder would type them, not copied from the
anchors' headlines or ESCO labels; some add the filters a founder would set. The
expected person must be among the first five results, between about 2,000 demo
profiles, many of which share the anchor's role.
"""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import transaction

from bornglobal import demo
from bornglobal.network import search as engine
from bornglobal.network.search import search
from bornglobal.network.search_query import LanguageNeed, SearchQuery
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 9)
TUESDAY = date(2026, 3, 10)  # a night shift in the Americas is Tokyo's next morning
TOP = 5


def _at(email: str) -> str:
    return email if "@" in email else f"{email}@talent.bornglobal.example"


QUERIES = [
    ("wanjiru.kamau", SearchQuery(text="firmware for solar-powered IoT sensors")),
    ("lucia.fernandez", SearchQuery(
        text="translate contracts from Spanish", languages=(LanguageNeed("pt", "C1"),))),
    ("arjun.mehta", SearchQuery(
        text="machine learning for demand forecasting", region="Southern Asia")),
    ("freelancer@bornglobal.example", SearchQuery(
        text="product photography for our catalogue", languages=(LanguageNeed("pt"),))),
    ("mei.chen", SearchQuery(text="PCB layout and power electronics")),
    ("tomasz.nowak", SearchQuery(text="Kubernetes and Terraform on AWS", region="Eastern Europe")),
    ("fatima.benali", SearchQuery(text="handwoven rugs with natural dyes")),
    ("sipho.ndlovu", SearchQuery(text="documentary video editing", region="Sub-Saharan Africa")),
    ("olena.shevchenko", SearchQuery(text="test automation with Playwright and pytest")),
    ("diego.ramirez", SearchQuery(
        text="run our Shopify store", region="Latin America and the Caribbean")),
    ("aigerim.sadykova", SearchQuery(
        text="bookkeeping and payroll under IFRS", rate_max=Decimal(40))),
    ("hiroshi.tanaka", SearchQuery(text="ceramic tableware and glazes")),
    ("chloe.martin", SearchQuery(text="leather bag samples", countries=("FR",))),
    ("rahel.tesfaye", SearchQuery(text="green coffee sourcing and cupping")),
    ("nguyen.thi.lan", SearchQuery(text="pattern maker for sportswear garments")),
    ("liam.oconnor", SearchQuery(
        text="contract lawyer for our start-up", languages=(LanguageNeed("en", "native"),))),
    ("kavya.nair", SearchQuery(text="3D animation for a product video")),
    ("jack.wilson", SearchQuery(
        text="penetration testing", window_zone="Asia/Singapore", window_start=time(9),
        window_end=time(17), min_overlap=Decimal(4))),
    ("samira.haddad", SearchQuery(text="customs compliance for exports to the GCC")),
    ("carlos.mendoza", SearchQuery(
        text="lead for overnight customer support", window_zone="Asia/Tokyo", window_start=time(9),
        window_end=time(17), min_overlap=Decimal(6), on=TUESDAY)),
]


@pytest.fixture(scope="module")
def demo_viewer(django_db_setup, django_db_blocker):
    """The small demo, loaded once for the module, and a founder in Berlin paying in EUR."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(seed=42, size="small")
        viewer = User.objects.create_user(
            email="relevance.viewer@example.org", password="x-relevance-viewer",
            full_name="Relevance Viewer", country="DE", time_zone="Europe/Berlin",
            currency="EUR",
        )
        engine.forget()
        yield Actor(viewer)
        transaction.set_rollback(True)
    engine.forget()


def test_there_are_twenty_labelled_queries():
    # then
    assert len(QUERIES) == 20
    assert len({expected for expected, _ in QUERIES}) == 20


@pytest.mark.parametrize(("expected", "query"), QUERIES, ids=[e for e, _ in QUERIES])
def test_expected_person_is_in_the_top_five(demo_viewer, expected, query):
    # given
    wanted = User.objects.get(email=_at(expected))
    asked = SearchQuery(**{**_fields(query), "on": query.on or DAY, "limit": TOP})
    # when
    page = search(demo_viewer, asked)
    # then
    names = [item.name for item in page.items]
    assert wanted.full_name in names, (query.text, names)
    assert page.count > TOP or len(page.items) == page.count


def _fields(query: SearchQuery) -> dict:
    return {name: getattr(query, name) for name in SearchQuery.__dataclass_fields__}
