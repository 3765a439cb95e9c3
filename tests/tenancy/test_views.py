import re

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse

from bornglobal.tenancy import views
from bornglobal.tenancy.middleware import SESSION_KEY
from bornglobal.tenancy.models import ApiToken, AuditEvent, Membership, User, Venture
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "Noor@Example.org",
    "full_name": "Noor Haddad",
    "password": "quiet-desert-lantern-42",
    "country": "JO",
    "time_zone": "Asia/Amman",
    "currency": "JOD",
    "is_freelancer": "on",
}


def venture_scoped_posts(venture, membership):
    """Every venture-scoped endpoint, with a valid-looking body."""
    ids = {"venture_id": venture.id}
    member_ids = {"venture_id": venture.id, "membership_id": membership.id}
    return [
        (reverse("venture_home", kwargs=ids), "get", {}),
        (reverse("venture_edit", kwargs=ids), "get", {}),
        (reverse("venture_edit", kwargs=ids), "post",
         {"name": "Taken", "legal_country": "DE", "base_currency": "EUR"}),
        (reverse("member_add", kwargs=ids), "post", {"email": "x@example.org", "role": "member"}),
        (reverse("member_role", kwargs=member_ids), "post", {"role": "member"}),
        (reverse("member_remove", kwargs=member_ids), "post", {}),
        (reverse("switch_venture"), "post", {"venture": venture.id}),
    ]


def test_login_page_renders_labelled_email_and_password_fields(client):
    # given an anonymous visitor
    # when they open the login page
    response = client.get(reverse("login"))
    # then both fields carry a label bound to them, and the email field is named for axes
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<label for="id_username">\s*Email', html)
    assert re.search(r'<label for="id_password">\s*Password', html)
    assert 'name="username"' in html
    assert 'type="email"' in html


def test_login_by_email_lands_on_the_founder_home(client, founder, venture):
    # given a founder of a venture
    # when they log in with email and password
    response = client.post(
        reverse("login"), {"username": founder.email, "password": PASSWORD}, follow=True
    )
    # then they land on their venture's founder home
    assert response.redirect_chain[-1][0] == reverse("venture_home", args=[venture.id])
    assert "Lagos Looms" in response.content.decode()


def test_wrong_password_shows_an_error_and_stays_anonymous(client, founder):
    # given a founder
    # when they log in with a wrong password
    response = client.post(reverse("login"), {"username": founder.email, "password": "nope"})
    # then the form says so and nobody is logged in
    assert response.status_code == 200
    assert "correct email and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_pause_login_with_the_lockout_page(client, founder, settings):
    # given the failure limit is reached for this email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": founder.email, "password": "wrong"})
    # when they try again, even with the right password
    response = client.post(reverse("login"), {"username": founder.email, "password": PASSWORD})
    # then the lockout page says for how long login is paused
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert response.status_code == 429
    assert f"paused for {minutes} minutes" in response.content.decode()


def test_anonymous_home_redirects_to_login(client):
    # given an anonymous visitor
    # when they open the home page
    response = client.get(reverse("home"))
    # then they are sent to the login page
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_home_without_ventures_is_the_freelancer_home(client):
    # given a freelancer with no venture
    freelancer = UserFactory(full_name="Ravi Menon", is_freelancer=True)
    client.force_login(freelancer)
    # when they open the home page
    response = client.get(reverse("home"), follow=True)
    # then they see their own side with their profile
    assert response.redirect_chain[-1][0] == reverse("me")
    assert "Ravi Menon" in response.content.decode()


def test_signup_creates_the_account_and_logs_in(client):
    # given an anonymous visitor
    # when they sign up
    response = client.post(reverse("signup"), SIGNUP, follow=True)
    # then the account exists with their details, and they are logged in
    user = User.objects.get(email="noor@example.org")
    assert (user.country, user.time_zone, user.currency, user.is_freelancer) == (
        "JO", "Asia/Amman", "JOD", True)
    assert int(client.session["_auth_user_id"]) == user.id
    assert response.redirect_chain[-1][0] == reverse("me")


def test_signup_form_labels_every_field(client):
    # given an anonymous visitor
    # when they open the signup page
    html = client.get(reverse("signup")).content.decode()
    # then every field has a label bound to its input
    for name in ("email", "full_name", "password", "country", "time_zone", "currency",
                 "is_freelancer"):
        assert f'<label for="id_{name}">' in html
        assert f'id="id_{name}"' in html


def test_signup_with_a_weak_password_shows_why(client):
    # given an anonymous visitor
    # when they sign up with a short password
    response = client.post(reverse("signup"), {**SIGNUP, "password": "short"})
    # then no account is made and the form says why
    assert response.status_code == 200
    assert "The password is too weak." in response.content.decode()
    assert not User.objects.filter(email="noor@example.org").exists()


def test_signup_with_a_taken_email_is_refused_on_the_form(client, founder):
    # given an existing account
    # when someone signs up with the same email
    response = client.post(reverse("signup"), {**SIGNUP, "email": founder.email.upper()})
    # then the form says the email is taken
    assert "An account with this email already exists." in response.content.decode()


def test_founder_home_shows_venture_members_chart_and_audit(client, founder, venture):
    # given a venture with a member in another zone
    member = UserFactory(full_name="Kenji Sato", country="JP", time_zone="Asia/Tokyo")
    MembershipFactory(user=member, venture=venture, role="member", title="Designer")
    client.force_login(founder)
    # when the founder opens the founder home
    response = client.get(reverse("venture_home", args=[venture.id]))
    # then the venture, the members with their local offsets and the chart data are shown
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lagos Looms" in html and "Nigeria" in html
    assert "Kenji Sato" in html and "UTC+09:00" in html and "UTC+01:00" in html
    assert 'id="zone-chart"' in html and 'id="zone-chart-data"' in html
    assert "Recent activity" in html
    assert "Edit venture" in html


def test_member_sees_no_audit_and_no_edit_form(client, venture):
    # given a plain member
    member = UserFactory()
    MembershipFactory(user=member, venture=venture, role="member")
    client.force_login(member)
    # when they open the founder home
    html = client.get(reverse("venture_home", args=[venture.id])).content.decode()
    # then audit and editing are not offered
    assert "Recent activity" not in html
    assert "Edit venture" not in html
    assert "Add a member" not in html


def test_founder_of_a_gets_404_on_every_page_of_venture_b(client, founder, venture,
                                                         other_venture):
    # given a founder of venture A, and venture B run by someone else
    b_owner = Membership.objects.get(venture=other_venture)
    client.force_login(founder)
    # when they try every venture-scoped page of B
    for url, method, body in venture_scoped_posts(other_venture, b_owner):
        response = getattr(client, method)(url, body)
        # then each answers "not found" with the custom page
        assert response.status_code == 404, (url, method)
        assert "Page not found" in response.content.decode()
    # and nothing of B changed
    other_venture.refresh_from_db()
    assert other_venture.name == "Berlin Bits"
    assert Membership.objects.filter(venture=other_venture).count() == 1
    assert client.session.get(SESSION_KEY) != other_venture.id


def test_member_gets_403_on_edit(client, venture):
    # given a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=venture, role="member")
    client.force_login(member)
    url = reverse("venture_edit", args=[venture.id])
    # when they open or post the edit form
    page = client.get(url)
    post = client.post(url, {"name": "Hijacked", "legal_country": "NG",
                              "base_currency": "NGN"})
    # then both are refused with the 403 page and the venture is unchanged
    assert page.status_code == 403 and post.status_code == 403
    assert "Not allowed" in post.content.decode()
    venture.refresh_from_db()
    assert venture.name == "Lagos Looms"


def test_member_gets_403_on_member_management(client, venture, founder):
    # given a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=venture, role="member")
    owner = Membership.objects.get(venture=venture, user=founder)
    client.force_login(member)
    # when they try to add a member or change the owner's role
    added = client.post(reverse("member_add", args=[venture.id]),
                        {"email": member.email, "role": "owner"}, HTTP_HX_REQUEST="true")
    changed = client.post(reverse("member_role", args=[venture.id, owner.id]),
                          {"role": "member"}, HTTP_HX_REQUEST="true")
    # then both are refused and the owner stays owner
    assert added.status_code == 403 and changed.status_code == 403
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_owner_edits_the_venture(client, founder, venture):
    # given the owner
    client.force_login(founder)
    # when they save new details
    response = client.post(reverse("venture_edit", args=[venture.id]),
                           {"name": "Lagos Looms Ltd", "legal_country": "NG",
                            "base_currency": "NGN", "vat_id": ""})
    # then the venture changes and they go back to the founder home
    assert response.status_code == 302
    venture.refresh_from_db()
    assert venture.name == "Lagos Looms Ltd"


def test_add_member_by_htmx_swaps_the_members_table(client, founder, venture):
    # given the owner and a person with an account
    newcomer = UserFactory(full_name="Ana Lima", country="BR", time_zone="America/Sao_Paulo")
    client.force_login(founder)
    # when they add the person through the htmx form
    response = client.post(reverse("member_add", args=[venture.id]),
                           {"email": newcomer.email, "role": "manager", "title": "Ops"},
                           HTTP_HX_REQUEST="true")
    # then the answer is the members partial with the new member, and the membership exists
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="members"')
    assert "Ana Lima" in html and "joined as manager" in html
    assert Membership.objects.filter(venture=venture, user=newcomer, role="manager").exists()


def test_add_unknown_email_shows_the_refusal_in_the_partial(client, founder, venture):
    # given the owner
    client.force_login(founder)
    # when they add an email nobody signed up with
    response = client.post(reverse("member_add", args=[venture.id]),
                           {"email": "ghost@example.org", "role": "member"},
                           HTTP_HX_REQUEST="true")
    # then the partial explains, and nobody joined
    assert response.status_code == 200
    assert "ask them to sign up first" in response.content.decode()
    assert Membership.objects.filter(venture=venture).count() == 1


def test_change_role_and_remove_member(client, founder, venture):
    # given the owner and a member
    member = MembershipFactory(venture=venture, role="member")
    client.force_login(founder)
    # when they make the member a manager, then remove them
    role = client.post(reverse("member_role", args=[venture.id, member.id]),
                       {"role": "manager"}, HTTP_HX_REQUEST="true")
    member.refresh_from_db()
    changed_role = member.role
    removed = client.post(reverse("member_remove", args=[venture.id, member.id]),
                          HTTP_HX_REQUEST="true")
    # then both happen, and each answers with the fresh table
    assert role.status_code == 200 and changed_role == "manager"
    assert removed.status_code == 200
    assert not Membership.objects.filter(id=member.id).exists()


def test_last_owner_cannot_leave(client, founder, venture):
    # given the only owner
    own = Membership.objects.get(venture=venture, user=founder)
    client.force_login(founder)
    # when they try to leave
    response = client.post(reverse("member_remove", args=[venture.id, own.id]),
                           HTTP_HX_REQUEST="true")
    # then the table says a venture keeps an owner
    assert "A venture keeps at least one owner." in response.content.decode()
    assert Membership.objects.filter(id=own.id).exists()


def test_member_leaves_and_htmx_is_sent_home(client, venture):
    # given a plain member
    membership = MembershipFactory(venture=venture, role="member")
    client.force_login(membership.user)
    # when they leave through the htmx button
    response = client.post(reverse("member_remove", args=[venture.id, membership.id]),
                           HTTP_HX_REQUEST="true")
    # then the membership is gone and htmx is told to load home
    assert response["HX-Redirect"] == reverse("home")
    assert not Membership.objects.filter(id=membership.id).exists()


def test_switch_stores_the_chosen_venture(client, founder, venture):
    # given a founder of two ventures
    second = Venture.objects.create(name="Abuja Apps", legal_country="NG", base_currency="NGN")
    MembershipFactory(user=founder, venture=second, role="owner")
    client.force_login(founder)
    # when they switch to the second venture
    response = client.post(reverse("switch_venture"), {"venture": second.id})
    # then it is remembered, and home leads there
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == second.id
    assert client.get(reverse("home"))["Location"] == reverse("venture_home", args=[second.id])


def test_create_venture_makes_the_user_owner(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they create a venture
    response = client.post(reverse("venture_new"),
                           {"name": "Accra Atelier", "legal_country": "GH",
                            "base_currency": "GHS", "vat_id": ""})
    # then they own it and land on its founder home
    venture = Venture.objects.get(name="Accra Atelier")
    assert Membership.objects.get(venture=venture, user=founder).role == "owner"
    assert response["Location"] == reverse("venture_home", args=[venture.id])


def test_profile_edit_updates_the_user(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they change their zone and become a freelancer
    client.post(reverse("me"), {"full_name": "Amara Okafor", "country": "NG",
                                "time_zone": "Europe/London", "currency": "NGN",
                                "is_freelancer": "on"})
    # then the profile is saved through the service (with an audit record)
    founder.refresh_from_db()
    assert founder.time_zone == "Europe/London" and founder.is_freelancer
    assert AuditEvent.objects.filter(actor=founder, action="user.updated").exists()


def test_token_page_shows_the_secret_once(client, founder, venture):
    # given a logged-in owner
    client.force_login(founder)
    # when they create a venture token
    created = client.post(reverse("tokens"), {"name": "books", "scope": f"venture:{venture.id}"})
    secret = re.search(r'value="(bg_[^"]+)"', created.content.decode()).group(1)
    # then the secret is shown in that answer and never again
    again = client.get(reverse("tokens"))
    assert created.status_code == 200
    assert secret not in again.content.decode()
    assert "books" in again.content.decode()
    assert ApiToken.objects.get(name="books").venture_id == venture.id


def test_token_revoke(client, founder):
    # given a freelancer-side token
    client.force_login(founder)
    client.post(reverse("tokens"), {"name": "cli", "scope": "freelancer"})
    token = ApiToken.objects.get(name="cli")
    # when it is revoked
    response = client.post(reverse("token_revoke", args=[token.id]))
    # then it is inactive
    token.refresh_from_db()
    assert response.status_code == 302 and token.revoked_at is not None


def test_cannot_revoke_someone_elses_token(client, founder, other_founder):
    # given another person's token
    client.force_login(other_founder)
    client.post(reverse("tokens"), {"name": "theirs", "scope": "freelancer"})
    token = ApiToken.objects.get(name="theirs")
    client.force_login(founder)
    # when the founder tries to revoke it
    response = client.post(reverse("token_revoke", args=[token.id]))
    # then it is not found and stays active
    token.refresh_from_db()
    assert response.status_code == 404 and token.revoked_at is None


def test_logout_requires_post(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they GET the logout URL, then POST it
    got = client.get(reverse("logout"))
    still_in = "_auth_user_id" in client.session
    posted = client.post(reverse("logout"))
    # then only the POST logs them out
    assert got.status_code == 405 and still_in
    assert posted.status_code == 302 and "_auth_user_id" not in client.session


def test_unknown_url_gives_the_custom_404_page(client, founder):
    # given a logged-in user
    client.force_login(founder)
    # when they open an address that does not exist
    response = client.get("/no/such/page/")
    # then the custom page answers, inside the layout
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "Born Global" in html


def test_shell_shows_coming_capabilities_disabled_and_the_built_ones_as_links(
    client, founder, venture
):
    # given a logged-in founder
    client.force_login(founder)
    # when they open any page
    html = client.get(reverse("venture_home", args=[venture.id])).content.decode()
    # then every capability still to come is a disabled nav item with a "soon" tag, no link
    for slug in ("commerce", "insight"):
        item = re.search(rf'<a [^>]*data-capability="{slug}"[^>]*>', html).group(0)
        assert 'aria-disabled="true"' in item and "href" not in item
    assert html.count('<span class="tag">soon</span>') == 2
    # and each capability that exists is a link, to the venture's page where it has one
    links = {
        "network": reverse("network_search"),
        "teams": reverse("teams_home", args=[venture.id]),
        "work": reverse("work_projects", args=[venture.id]),
        "money": reverse("money_home", args=[venture.id]),
        "invoicing": reverse("invoicing_list", args=[venture.id]),
    }
    for slug, url in links.items():
        item = re.search(rf'<a [^>]*data-capability="{slug}"[^>]*>', html).group(0)
        assert f'href="{url}"' in item and "aria-disabled" not in item
    assert "hx-headers" in html and "X-CSRFToken" in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "cdn" not in html.lower()


def test_pages_require_login(client, venture):
    # given an anonymous visitor
    # when they open pages behind the login
    urls = [reverse("me"), reverse("tokens"), reverse("venture_new"),
            reverse("venture_home", args=[venture.id])]
    # then each sends them to the login page
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_server_error_page_shows_no_traceback():
    # given a request that failed inside the server
    request = RequestFactory().get("/")
    # when the 500 handler answers
    response = views.server_error(request)
    # then it is the plain error page
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "Traceback" not in html


def test_layout_assets_are_served_from_our_own_static_files():
    # given the files the layout loads
    paths = ("css/app.css", "js/app.js", "img/favicon.svg", "vendor/htmx/htmx.min.js",
             "vendor/chartjs/chart.umd.min.js")
    # when the static files finders look for them
    missing = [path for path in paths if finders.find(path) is None]
    # then each is found (settings.STATICFILES_DIRS must include BASE_DIR / "static")
    assert missing == []
