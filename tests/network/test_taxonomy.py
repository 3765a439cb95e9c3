"""The shipped ESCO skills file, its importer, autocomplete, suggestions and the API."""

import subprocess
import sys
from pathlib import Path

import pytest

from bornglobal.network import selectors, taxonomy
from bornglobal.network.models import Skill

REPO = Path(__file__).resolve().parents[2]
SHARED_CSV = REPO.parent / "shared" / "data" / "esco_skills_en.csv"
JOB = (
    "We need someone to develop mobile apps in Kotlin, manage social media campaigns "
    "and do bookkeeping"
)


def test_shipped_file_has_every_skill_once():
    # given the file the package ships
    rows = list(taxonomy.read_rows())
    # when its ids are counted
    ids = [row.esco_id for row in rows]
    # then it holds the whole taxonomy, each skill once, in id order
    assert len(rows) >= 13_000
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert {row.kind for row in rows} == {"skill", "knowledge"}
    assert all(row.label and "\t" not in row.description for row in rows)


def test_shipped_file_is_small():
    # given the shipped file
    # when its size is read
    size = taxonomy.DATA_FILE.stat().st_size
    # then it stays compact
    assert size < 3_000_000


def test_definitions_lose_the_labels_run_in_front():
    # given the row for Python
    row = next(r for r in taxonomy.read_rows() if r.label == "Python (computer programming)")
    # when its definition is read
    # then it starts with the definition, not with the labels
    assert row.description.startswith("The techniques and principles of software development")
    assert "Py3K" in row.alt_labels


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="the shared ESCO CSV is not on this machine")
def test_importer_is_deterministic(tmp_path):
    # given the importer and the shared CSV
    first, second = tmp_path / "one.tsv.gz", tmp_path / "two.tsv.gz"
    script = REPO / "tools" / "import_esco.py"
    # when it runs twice
    for out in (first, second):
        subprocess.run(
            [sys.executable, str(script), str(SHARED_CSV), "--out", str(out)],
            check=True,
            capture_output=True,
        )
    # then both runs give the same bytes, and the same as the shipped file
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == taxonomy.DATA_FILE.read_bytes()


@pytest.mark.django_db
def test_the_migration_loads_every_skill():
    # given the migrated database
    # when the skills are counted
    count = Skill.objects.count()
    # then every shipped skill is there
    assert count == sum(1 for _ in taxonomy.read_rows())


@pytest.mark.django_db
def test_autocomplete_puts_python_first():
    # given the taxonomy
    # when a user types "pyth"
    found = selectors.autocomplete("pyth", 5)
    # then Python comes first
    assert found[0].label == "Python (computer programming)"


@pytest.mark.django_db
def test_autocomplete_ranks_exact_before_prefix_before_substring():
    # given the taxonomy
    # when a user types "java" in any case
    labels = [s.label for s in selectors.autocomplete("JAVA", 10)]
    # then the skill named "Java" comes first, then labels starting with it
    assert labels[0] == "Java (computer programming)"
    assert labels.index("JavaScript") < len(labels)
    assert all(label.lower().startswith("java") for label in labels[:4])


@pytest.mark.django_db
def test_an_alternative_label_finds_its_skill():
    # given "Py3K", an alternative label of Python
    # when it is typed
    found = selectors.autocomplete("py3k", 5)
    # then Python is found
    assert [s.label for s in found] == ["Python (computer programming)"]


@pytest.mark.django_db
def test_blank_query_finds_nothing():
    # given a query of spaces
    # when it is completed
    # then nothing is found
    assert selectors.autocomplete("   ") == []


@pytest.mark.django_db
def test_a_job_description_suggests_skills_with_the_phrases_found():
    # given a short job description
    # when skills are suggested
    suggestions = selectors.suggest_skills(JOB, 10)
    why = {s.skill.label: s.why for s in suggestions}
    # then the skills it names come back with the phrases that named them
    assert why["accounting"] == "bookkeeping"
    assert why["social media management"] == "manage social media"
    assert all(s.why in JOB for s in suggestions)


@pytest.mark.django_db
def test_longer_matches_rank_first():
    # given text naming a skill in two words and one in one
    text = "Experience in project management and Python."
    # when skills are suggested
    suggestions = selectors.suggest_skills(text, 10)
    # then the two-word phrase comes first; a phrase never spans a full stop
    assert suggestions[0].skill.label == "project management"
    assert suggestions[0].exact
    assert "Python (computer programming)" in [s.skill.label for s in suggestions]
    assert not any("." in s.why for s in suggestions)


@pytest.mark.django_db
def test_api_needs_authentication(client):
    # given no login
    # when skills are asked for
    response = client.get("/api/v1/skills", {"q": "pyth"})
    # then the answer is 401 in the error model
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_api_refuses_an_empty_query(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they send an empty query
    response = client.get("/api/v1/skills", {"q": ""})
    # then it is a validation error
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


@pytest.mark.django_db
def test_api_completes_skills(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they type "pyth"
    response = client.get("/api/v1/skills", {"q": "pyth", "limit": 3})
    # then Python comes back with its ESCO URI
    assert response.status_code == 200
    first = response.json()["items"][0]
    assert first["label"] == "Python (computer programming)"
    assert first["kind"] == "knowledge"
    assert first["uri"] == f"http://data.europa.eu/esco/skill/{first['esco_id']}"


@pytest.mark.django_db
def test_api_suggests_skills_from_text(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they post a job description
    response = client.post("/api/v1/skills/suggest", {"text": JOB}, content_type="application/json")
    # then skills come back with why
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and all(item["why"] in JOB for item in items)
    assert any(i["why"] == "bookkeeping" for i in items)


@pytest.mark.django_db
def test_api_refuses_text_over_the_limit(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they post more than 20,000 characters
    response = client.post(
        "/api/v1/skills/suggest", {"text": "x" * 20_001}, content_type="application/json"
    )
    # then it is a validation error
    assert response.status_code == 422


@pytest.mark.django_db
def test_api_credits_esco(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they ask where the skills come from
    body = client.get("/api/v1/skills/attribution").json()
    # then ESCO is credited under CC BY 4.0
    assert body["attribution"] == taxonomy.ATTRIBUTION
    assert "2017\u20132024" in body["attribution"]
    assert body["licence"] == "CC BY 4.0"
