"""The Notifications page: the inbox, mark read (POST with CSRF), open, and e-mail choices."""

from django.test import Client

from bornglobal.notifications import services
from bornglobal.notifications.models import EmailOptOut, Kind, Notification, Side
from tests.factories import UserFactory


def _tell(person, key, link="/me/work/"):
    return services.notify([services.Message(person, Kind.FUNDING, Side.FREELANCER, key,
                                             f"“Part {key}” is funded: you may start",
                                             "Kestrel put €1,200.00 in escrow.", link)])[0]


def test_the_inbox_shows_her_notifications_and_the_unread_count(client, priya):
    # given two notifications for Priya
    _tell(priya, "1")
    _tell(priya, "2")
    client.force_login(priya)
    # when she opens the Notifications page
    page = client.get("/notifications/")
    # then both are listed and the top bar counts two unread
    html = page.content.decode()
    assert page.status_code == 200
    assert "“Part 1” is funded: you may start" in html and "“Part 2”" in html
    assert 'aria-label="Notifications, 2 unread"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_mark_read_and_mark_all_read_are_posts_with_csrf(priya):
    # given a browser that enforces CSRF and a notification
    notification = _tell(priya, "1")
    _tell(priya, "2")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(priya)
    # when it posts without the token, then it is refused and nothing changes
    assert browser.post(f"/notifications/{notification.id}/read/").status_code == 403
    # when it posts with the token from the page, then that one is read
    browser.get("/notifications/")
    token = browser.cookies["csrftoken"].value
    done = browser.post(f"/notifications/{notification.id}/read/",
                        {"csrfmiddlewaretoken": token, "next": "/notifications/?show=unread"})
    assert done.status_code == 302 and done["Location"] == "/notifications/?show=unread"
    assert Notification.objects.get(id=notification.id).read_at is not None
    assert "“Part 1”" not in browser.get("/notifications/?show=unread").content.decode()
    # when it marks all read, then none is unread
    browser.post("/notifications/read-all/", {"csrfmiddlewaretoken": token})
    assert Notification.objects.filter(recipient=priya, read_at__isnull=True).count() == 0
    # and a GET cannot mark anything
    assert browser.get(f"/notifications/{notification.id}/read/").status_code == 405


def test_open_marks_read_and_follows_the_link(client, priya):
    # given a notification pointing at her contracts
    notification = _tell(priya, "1")
    client.force_login(priya)
    # when she opens it, then she lands on the link and it is read
    response = client.post(f"/notifications/{notification.id}/open/")
    assert response.status_code == 302 and response["Location"] == "/me/work/"
    assert Notification.objects.get(id=notification.id).read_at is not None


def test_someone_else_cannot_mark_or_open_her_notification(client, priya):
    # given Priya's notification and another person logged in
    notification = _tell(priya, "1")
    client.force_login(UserFactory())
    # then both actions are 404 and her notification is still unread
    assert client.post(f"/notifications/{notification.id}/read/").status_code == 404
    assert client.post(f"/notifications/{notification.id}/open/").status_code == 404
    assert "“Part 1”" not in client.get("/notifications/").content.decode()
    assert Notification.objects.get(id=notification.id).read_at is None


def test_email_choices_are_saved_from_the_page(client, priya):
    # given Priya logged in
    client.force_login(priya)
    # when she leaves only offers and payments ticked
    client.post("/notifications/email/", {"email": ["offer", "payment"]})
    # then e-mail is off for the other kinds
    off = set(EmailOptOut.objects.filter(user=priya).values_list("kind", flat=True))
    assert off == set(Kind.values) - {"offer", "payment"}


def test_the_page_needs_a_login(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/login" in response["Location"]
