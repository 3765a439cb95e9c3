import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.reputation import (
    DEFAULT,
    Reputation,
    ReputationPolicy,
    Review,
    StepKind,
    Track,
    recency_weight,
    score,
)

TODAY = date(2025, 6, 30)

reviews = st.lists(
    st.builds(
        Review,
        stars=st.integers(min_value=1, max_value=5),
        on=st.dates(min_value=date(2010, 1, 1), max_value=TODAY + timedelta(days=30)),
    ),
    max_size=25,
)


@st.composite
def tracks(draw):
    completed = draw(st.integers(min_value=0, max_value=60))
    on_time = draw(st.integers(min_value=0, max_value=completed))
    late = draw(st.integers(min_value=0, max_value=completed - on_time))
    return Track(completed, on_time, late)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


@given(reviews, tracks())
def test_score_is_between_0_and_100_in_tenths(found, track):
    # when a score is computed
    result = score(found, track, TODAY)
    # then it lies in [0, 100] and is quantized to 0.1
    assert Decimal(0) <= result.value <= Decimal(100)
    assert result.value == result.value.quantize(Decimal("0.1"))


@given(reviews, tracks(), st.dates(min_value=date(2010, 1, 1), max_value=TODAY))
def test_a_five_star_review_never_lowers_the_score(found, track, on):
    # given a score
    before = score(found, track, TODAY).value
    # when a five-star review is added
    after = score([*found, Review(5, on)], track, TODAY).value
    # then the score does not go down
    assert after >= before


@given(reviews, tracks(), st.dates(min_value=date(2010, 1, 1), max_value=TODAY))
def test_a_one_star_review_never_raises_the_score(found, track, on):
    # given a score
    before = score(found, track, TODAY).value
    # when a one-star review is added
    after = score([*found, Review(1, on)], track, TODAY).value
    # then the score does not go up
    assert after <= before


@given(reviews, tracks())
def test_an_old_one_star_review_hurts_no_more_than_a_fresh_one(found, track):
    # given a one-star review from three years ago and the same from yesterday
    old = Review(1, TODAY - timedelta(days=3 * 365))
    fresh = Review(1, TODAY - timedelta(days=1))
    # when each is added to the same history
    with_old = score([*found, old], track, TODAY).value
    with_fresh = score([*found, fresh], track, TODAY).value
    # then the old one costs less or the same
    assert with_old >= with_fresh


def test_an_old_one_star_review_hurts_strictly_less():
    # given four five-star reviews from last month
    found = [Review(5, TODAY - timedelta(days=30))] * 4
    track = Track(4, 4, 0)
    # when a one-star review is added, three years old or one day old
    with_old = score([*found, Review(1, TODAY - timedelta(days=3 * 365))], track, TODAY)
    with_fresh = score([*found, Review(1, TODAY - timedelta(days=1))], track, TODAY)
    # then the old one costs strictly less
    assert with_old.value > with_fresh.value


def test_recency_weight_halves_every_half_life():
    # when weights are read at ages 0, one and two half-lives, and in the future
    weights = [
        recency_weight(TODAY - timedelta(days=days), TODAY, 365) for days in (0, 365, 730, -10)
    ]
    # then they are 1, 1/2, 1/4 and 1 (the future counts as today)
    assert weights == [Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal(1)]


@given(reviews, tracks())
def test_score_is_deterministic(found, track):
    # when the same inputs are scored twice, in a different order
    first = score(found, track, TODAY)
    second = score(list(reversed(found)), track, TODAY)
    # then value and explanation are identical
    assert first == second


@given(reviews, tracks())
def test_every_number_used_is_in_the_explanation(found, track):
    # when a score is computed
    result = score(found, track, TODAY)
    # then each step quotes all its figures, and the steps come in order
    for step in result.explanation:
        assert step.figures
        for figure in step.figures:
            assert figure in _numbers(step.text), (figure, step.text)
    assert [step.kind for step in result.explanation] == list(StepKind)
    # and every policy constant and count used appears somewhere
    text = " ".join(step.text for step in result.explanation)
    used = {
        str(DEFAULT.prior_mean), str(DEFAULT.prior_weight), str(DEFAULT.half_life_days),
        str(DEFAULT.stars_weight), str(DEFAULT.delivery_weight),
        str(DEFAULT.experience_weight), str(DEFAULT.experience_saturation),
        str(track.completed_contracts), str(result.value),
    }
    assert used <= _numbers(text)


def test_explanation_redoes_the_final_sum():
    # given a worked history
    found = [Review(5, TODAY - timedelta(days=10)), Review(4, TODAY - timedelta(days=400))]
    # when it is scored
    result = score(found, Track(20, 18, 2), TODAY)
    # then the last step's figures reproduce the value
    w1, stars, w2, delivery, w3, experience, value = map(
        Decimal, result.explanation[-1].figures
    )
    assert (w1 * stars + w2 * delivery + w3 * experience).quantize(Decimal("0.1")) == value
    assert value == result.value
    assert "18 of 20" in result.explanation[3].text


def test_no_reviews_gives_the_prior():
    # given a newcomer: no reviews, no contracts
    # when scored
    result = score([], Track(0, 0, 0), TODAY)
    # then stars sit at the 4.0 prior (75), delivery at the 90% prior, experience at 0
    assert result == Reputation(value=Decimal("70.5"), explanation=result.explanation)
    assert result.explanation[0].text.startswith("No reviews yet")
    assert "4.00 stars" in result.explanation[1].text


def test_a_perfect_long_record_scores_100():
    # given many fresh five-star reviews and twenty on-time contracts
    found = [Review(5, TODAY)] * 2000
    # when scored, then the score is (almost) full
    assert score(found, Track(20, 20, 0), TODAY).value >= Decimal("99.9")


@pytest.mark.parametrize("stars", [0, 6, True])
def test_reviews_outside_one_to_five_stars_are_refused(stars):
    # when a review is built with an impossible rating, then it is refused
    with pytest.raises(DomainError) as raised:
        Review(stars, TODAY)
    assert raised.value.code == "invalid_reputation_input"


def test_a_track_with_more_deliveries_than_contracts_is_refused():
    # when more deliveries than contracts are claimed, then it is refused
    with pytest.raises(DomainError):
        Track(completed_contracts=2, on_time=2, late=1)


def test_a_policy_whose_weights_do_not_sum_to_one_is_refused():
    # when weights add up to 1.1, then the policy is refused
    with pytest.raises(DomainError):
        ReputationPolicy(stars_weight=Decimal("0.8"))
