import pytest

from bornglobal.network import search


@pytest.fixture(autouse=True)
def fresh_search_caches():
    """Each test computes overlaps and posting counts afresh (the caches are per process)."""
    search.forget()
    yield
    search.forget()
