"""Semantic matching (the optional 'semantic' extra): embeddings, profile vectors, the index.

Every test but the first needs the extra and is skipped, with the reason, without it.
"""

import pytest
from django.utils import timezone

from bornglobal.network import semantic
from bornglobal.network.semantic import SemanticIndex
from tests.network.factories import ProfileFactory, ProfileSkillFactory, skill

try:
    import numpy as np

    from bornglobal.network import semantic_vectors
except ImportError:  # without the extra: only the first test runs
    np = semantic_vectors = None

EXTRA = semantic.NEEDS
ML_SKILLS = ("machine learning", "deep learning", "Python (computer programming)", "statistics")
TEXTILE_SKILLS = ("textile techniques", "draw sketches to develop textile articles",
                  "sew textile-based articles", "textile industry")


@pytest.fixture
def extra():
    for module in EXTRA:
        pytest.importorskip(module, reason="the semantic extra is not installed "
                                           "(pip install 'bornglobal[semantic]')")


def profile_with(labels, headline="Freelance professional"):
    profile = ProfileFactory(headline=headline)
    for level, label in enumerate(labels, start=2):
        ProfileSkillFactory(profile=profile, skill=skill(label), level=min(level, 5))
    return profile


def test_without_a_needed_package_semantic_matching_says_why_and_finds_nothing(
        monkeypatch, tmp_path):
    # given a missing package among those the extra brings
    monkeypatch.setattr(semantic, "NEEDS", (*EXTRA, "no_such_package_for_tests"))
    index = SemanticIndex(tmp_path)

    # when
    reason = index.reason()

    # then
    assert "no_such_package_for_tests" in reason
    assert "pip install 'bornglobal[semantic]'" in reason
    assert not index.available()
    assert index.candidates("machine learning engineer", 10) == []


def test_embeddings_are_deterministic_unit_float32_vectors(extra):
    # given
    texts = ["machine learning engineer", "textile designer for a fashion label", "SQL"]
    model = semantic_vectors.embedder()

    # when
    first, again = model.embed(texts), model.embed(list(texts))

    # then
    assert first.shape == (3, semantic_vectors.DIMENSIONS)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(first, again, atol=1e-6)
    assert first[0] @ first[1] < 0.9  # different texts, different vectors


@pytest.mark.django_db
def test_a_machine_learning_query_ranks_the_ml_profile_above_the_textile_designer(
        extra, tmp_path):
    # given two profiles that differ only in their skills
    ml, textile = profile_with(ML_SKILLS), profile_with(TEXTILE_SKILLS)
    index = SemanticIndex(tmp_path)
    index.rebuild()

    # when
    found = index.candidates("machine learning engineer to train models on our data", 10)

    # then
    ranked = [pid for pid, _ in found]
    assert ranked == [ml.id, textile.id]
    assert found[0][1] > found[1][1]


@pytest.mark.django_db
def test_an_index_without_profiles_or_not_yet_built_finds_nothing(extra, tmp_path):
    # given
    index = SemanticIndex(tmp_path)

    # when / then
    assert "bornglobal network index" in index.reason()
    assert index.candidates("machine learning", 5) == []
    assert index.rebuild().profiles == 0
    assert index.candidates("machine learning", 5) == []


@pytest.mark.django_db
def test_refresh_picks_up_a_changed_profile_and_drops_an_unlisted_one(extra, tmp_path):
    # given an index over an ML profile and another that leaves search later
    changing, leaving = profile_with(ML_SKILLS), profile_with(ML_SKILLS)
    index = SemanticIndex(tmp_path)
    index.rebuild()
    before = index.similarities("textile design and sewing", [changing.id])[changing.id]

    # when the first turns into a textile designer and the second is unlisted
    changing.skills.all().delete()
    for label in TEXTILE_SKILLS:
        ProfileSkillFactory(profile=changing, skill=skill(label), level=4)
    type(changing).objects.filter(pk=changing.pk).update(
        headline="Textile designer", updated_at=timezone.now())
    type(leaving).objects.filter(pk=leaving.pk).update(listed=False, updated_at=timezone.now())
    refreshed = index.refresh()

    # then
    after = index.similarities("textile design and sewing", [changing.id])[changing.id]
    assert refreshed == 2
    assert after > before + 0.2
    assert [pid for pid, _ in index.candidates("textile design", 10)] == [changing.id]


@pytest.mark.django_db
def test_update_profiles_adds_a_new_profile_without_a_rebuild(extra, tmp_path):
    # given
    index = SemanticIndex(tmp_path)
    profile_with(TEXTILE_SKILLS)
    index.rebuild()
    newcomer = profile_with(ML_SKILLS, headline="Machine learning engineer")

    # when
    index.update_profiles([newcomer.id])

    # then
    assert index.candidates("machine learning engineer", 1)[0][0] == newcomer.id


def clustered_vectors(count, clusters, seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, semantic_vectors.DIMENSIONS))
    points = centres[rng.integers(0, clusters, count)] + 0.6 * rng.normal(
        size=(count, semantic_vectors.DIMENSIONS))
    return semantic_vectors.normalise_rows(points.astype(np.float32))


def test_the_ivf_index_finds_at_least_95_percent_of_the_exact_top_10(extra):
    # given 5,000 clustered unit vectors in an inverted-file index (not the exact one)
    from bornglobal.network.semantic_index import VectorIndex, exact_top_k, recall_at_k

    vectors = clustered_vectors(5_000, 40, seed=1)
    queries = clustered_vectors(200, 40, seed=2)
    index = VectorIndex.build(np.arange(5_000) + 100, vectors, exact_up_to=1_000)
    assert not index.exact

    # when
    found, found_sims = index.search(queries, 10)
    exact, exact_sims = exact_top_k(vectors, queries, 10)

    # then
    by_id, with_ties = recall_at_k(found, exact + 100, found_sims, exact_sims)
    assert by_id >= 0.95
    assert with_ties >= by_id


def test_the_index_survives_a_save_and_load_and_updates_in_place(extra, tmp_path):
    # given
    from bornglobal.network.semantic_index import VectorIndex

    vectors = clustered_vectors(3_000, 30, seed=3)
    index = VectorIndex.build(np.arange(3_000), vectors, exact_up_to=1_000)
    index.save(tmp_path)

    # when vector 7 is replaced by the one of vector 8 and vector 9 is removed
    loaded = VectorIndex.load(tmp_path)
    loaded.upsert(np.array([7]), vectors[8])
    loaded.remove(np.array([9]))

    # then
    ids, sims = loaded.search(vectors[8], 2)
    assert set(ids[0]) == {7, 8}
    assert sims[0][0] == pytest.approx(1.0, abs=1e-5)
    assert 9 not in loaded.search(vectors[9], 5)[0][0]
    assert loaded.size == 2_999


@pytest.mark.django_db
def test_talent_search_finds_a_profile_close_in_meaning_and_says_so(extra, tmp_path, settings,
                                                                    founder):
    # given an ML profile and a textile designer, indexed in this instance's data folder
    settings.DATA_DIR = str(tmp_path)
    ml, textile = profile_with(ML_SKILLS), profile_with(TEXTILE_SKILLS)
    semantic.rebuild_index()

    # when a founder searches in words that name no ESCO skill exactly
    from bornglobal.network.search import search
    from bornglobal.network.search_query import SearchQuery
    from bornglobal.tenancy.actors import Actor

    page = search(Actor(founder), SearchQuery(text="teach computers to predict customer churn"))

    # then the ML profile comes first, and its result gives the similarity as the reason
    assert page.items and page.items[0].profile_id == ml.id
    assert page.items[0].similarity is not None and page.items[0].similarity > 0
    others = [item for item in page.items if item.profile_id == textile.id]
    assert not others or others[0].score < page.items[0].score
