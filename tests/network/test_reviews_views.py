"""The Reviews page and the reputation page."""

import pytest

from bornglobal.network.models import Review
from tests.network.factories import ProfileFactory, contract


@pytest.fixture
def freelancer(db):
    return ProfileFactory(user__full_name="Priya Raghavan").user


@pytest.fixture
def done(other_founder, other_venture, freelancer):
    return contract(other_founder, other_venture, freelancer, "BB-1", ("300.00",),
                    title="Firmware port")


def test_the_page_lists_contracts_awaiting_my_review_with_a_form(client, done, other_founder):
    # when the client opens the Reviews page
    client.force_login(other_founder)
    page = client.get("/network/reviews/").content.decode()
    # then the contract is there with a labelled 1-5 star radio group and a text box
    assert "Firmware port" in page and "How was working with Priya Raghavan?" in page
    for stars in range(1, 6):
        assert f'id="stars-{done.id}-{stars}"' in page
        assert f'<label for="stars-{done.id}-{stars}"' in page
    assert f'<label for="review-text-{done.id}">' in page


def test_htmx_post_leaves_the_review_and_swaps_in_a_thank_you(client, done, other_founder):
    client.force_login(other_founder)
    # when the form is sent through htmx
    answer = client.post(f"/network/reviews/{done.id}/", {"stars": "4", "text": "Neat."},
                         HTTP_HX_REQUEST="true")
    # then the review is stored and the card says thank you
    assert answer.status_code == 200 and "Thank you" in answer.content.decode()
    assert Review.objects.get().stars == 4
    # and the page no longer lists the contract
    assert "Firmware port" not in client.get("/network/reviews/").content.decode().split(
        "Reviews you left")[0]


def test_a_form_without_stars_comes_back_with_the_error(client, done, other_founder):
    client.force_login(other_founder)
    # when the form is sent without choosing stars (no JavaScript)
    answer = client.post(f"/network/reviews/{done.id}/", {"text": "Neat."})
    # then the page comes back with the message and the text kept, nothing stored
    page = answer.content.decode()
    assert answer.status_code == 400 and "Choose 1 to 5 stars." in page and "Neat." in page
    assert not Review.objects.exists()


def test_a_plain_post_redirects_with_a_message(client, done, freelancer):
    client.force_login(freelancer)
    answer = client.post(f"/network/reviews/{done.id}/", {"stars": "5"}, follow=True)
    assert "your review of Berlin Bits is saved" in answer.content.decode()


def test_posting_on_someone_elses_contract_is_404(client, done, founder):
    client.force_login(founder)
    assert client.post(f"/network/reviews/{done.id}/", {"stars": "5"}).status_code == 404
    assert not Review.objects.exists()


def test_the_reputation_page_shows_the_steps(client, done, other_founder, freelancer, founder):
    # given a review of Priya
    client.force_login(other_founder)
    client.post(f"/network/reviews/{done.id}/", {"stars": "5", "text": "Great."})
    # when someone else opens her reputation page, and a profile page pulls the fragment
    client.force_login(founder)
    page = client.get(f"/network/people/{freelancer.id}/reputation/").content.decode()
    fragment = client.get(f"/network/people/{freelancer.id}/reputation/",
                          HTTP_HX_REQUEST="true").content.decode()
    # then both show the formula's steps; the fragment has no page around it
    for text in ("Bayesian average", "On-time delivery: 1 of 1", "Experience: 1 completed"):
        assert text in page and text in fragment
    assert "Great." in page and "<html" not in fragment


def test_no_reputation_page_for_someone_without_a_freelancer_side(client, founder,
                                                                  other_founder):
    client.force_login(founder)
    assert client.get(f"/network/people/{other_founder.id}/reputation/").status_code == 404


def test_pages_need_a_login(client, done):
    assert client.get("/network/reviews/").status_code == 302
    assert client.get("/network/me/record.json").status_code == 302
