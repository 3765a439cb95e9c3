"""The skills page: live search, suggestions from a job description, ESCO attribution."""

import re

from django.urls import reverse

JOB = "We keep the books: bookkeeping and manage social media"


def test_skills_page_has_labelled_fields_and_the_esco_attribution(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they open the skills page
    response = client.get(reverse("network_skills"))
    # then both forms are there, every field with its label, and ESCO is credited
    html = response.content.decode()
    assert response.status_code == 200
    for field_id in ("skill-query", "job-description"):
        assert f'<label for="{field_id}">' in html and f'id="{field_id}"' in html
    assert 'hx-trigger="input changed delay:200ms' in html
    assert f'hx-get="{reverse("network_skills_search")}"' in html
    assert f'hx-post="{reverse("network_skills_suggest")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "© European Union, 2017\u20132024" in html and "CC BY 4.0" in html
    assert 'href="https://esco.ec.europa.eu/"' in html


def test_live_search_partial_lists_python(client, founder):
    # given a logged-in user typing in the search box
    client.force_login(founder)
    # when htmx asks for the results of "pyth"
    response = client.get(reverse("network_skills_search"), {"q": "pyth"},
                          HTTP_HX_REQUEST="true")
    # then the partial lists Python with its kind and description, without the page around it
    html = response.content.decode()
    assert response.status_code == 200
    assert "Python (computer programming)" in html
    assert "knowledge" in html or "skill" in html
    assert "<html" not in html


def test_empty_search_shows_nothing_and_a_long_one_a_message(client, founder):
    # given a logged-in user
    client.force_login(founder)
    url = reverse("network_skills_search")
    # when the box is emptied, or filled past the limit
    empty = client.get(url, {"q": "   "}, HTTP_HX_REQUEST="true")
    long = client.get(url, {"q": "x" * 101}, HTTP_HX_REQUEST="true")
    # then the empty one lists nothing without error, the long one says what is wrong
    assert empty.status_code == 200 and "skill-item" not in empty.content.decode()
    assert "field-error" not in empty.content.decode()
    assert long.status_code == 200 and "at most 100 characters" in long.content.decode()


def test_suggestions_from_a_job_description_show_why(client, founder):
    # given a logged-in user with a job description
    client.force_login(founder)
    # when they ask for suggestions by htmx
    response = client.post(reverse("network_skills_suggest"), {"text": JOB},
                           HTTP_HX_REQUEST="true")
    # then skills it names are listed with the phrase that named them
    html = response.content.decode()
    assert response.status_code == 200
    assert "accounting" in html or "social media management" in html
    assert re.search(r"Why: “<mark>(bookkeeping|manage social media)</mark>”", html)


def test_suggestions_without_javascript_render_the_page(client, founder):
    # given a logged-in user without JavaScript
    client.force_login(founder)
    # when the form is posted plainly
    response = client.post(reverse("network_skills_suggest"), {"text": JOB})
    # then the whole page comes back with the suggestions and the text kept
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "<mark>bookkeeping</mark>" in html and JOB in html


def test_skills_pages_require_login(client, db):
    # given an anonymous visitor
    # when they open the skills page or its partials
    urls = [reverse("network_skills"), reverse("network_skills_search") + "?q=pyth"]
    responses = [client.get(url) for url in urls]
    responses.append(client.post(reverse("network_skills_suggest"), {"text": JOB}))
    # then each sends them to the login page
    for response in responses:
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_nav_shows_network_as_a_link(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they open the skills page
    html = client.get(reverse("network_skills")).content.decode()
    # then Network is a live link to the talent search, open as the current section
    item = re.search(r'<a [^>]*data-capability="network"[^>]*>', html).group(0)
    assert f'href="{reverse("network_search")}"' in item
    assert "nav-open" in item and "aria-disabled" not in item
    # and its own pages are listed under it, the skills page marked as the current one
    pages = re.search(r'<ul class="nav-pages"[^>]*>(.*?)</ul>', html, re.S).group(1)
    for name in ("network_search", "network_partners", "network_my_profile", "network_reviews"):
        assert f'href="{reverse(name)}"' in pages
    assert f'<a href="{reverse("network_skills")}" aria-current="page">' in pages
