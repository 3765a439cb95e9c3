"""The inbox over the REST API: mine only, paginated, unread filter, mark read, e-mail."""

from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Notification, Side
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.services import issue_token
from tests.factories import UserFactory

URL = "/api/v1/me/notifications"


def _tell(person, key, side=Side.FREELANCER, venture_id=None, kind=Kind.PAYMENT):
    return services.notify([services.Message(person, kind, side, key, f"About {key}",
                                             venture_id=venture_id)])[0]


def _read(client, ids, **headers):
    return client.post(f"{URL}/read", {"ids": ids}, content_type="application/json", **headers)


def _email(client, body, **headers):
    return client.put(f"{URL}/email", body, content_type="application/json", **headers)


def test_a_person_lists_counts_and_reads_her_notifications(client, priya):
    # given three notifications for Priya
    first, second, third = (_tell(priya, f"pay:{n}") for n in (1, 2, 3))
    client.force_login(priya)
    # when she lists them two at a time, then newest first with the total count
    page = client.get(URL, {"limit": 2}).json()
    assert page["count"] == 3 and [n["id"] for n in page["items"]] == [third.id, second.id]
    assert client.get(f"{URL}/unread-count").json() == {"unread": 3}
    # when she marks one read (twice), then it counts once and the unread filter leaves it out
    assert _read(client, [first.id]).json() == {"marked": 1}
    assert _read(client, [first.id]).json() == {"marked": 0}
    assert Notification.objects.get(id=first.id).read_at is not None
    unread = client.get(URL, {"unread": "true"}).json()
    assert sorted(n["id"] for n in unread["items"]) == [second.id, third.id]
    # when she marks all read, then two were marked and none is unread
    assert client.post(f"{URL}/read-all").json() == {"marked": 2}
    assert client.get(f"{URL}/unread-count").json() == {"unread": 0}


def test_nobody_reads_or_marks_someone_elses_notification(client, priya):
    # given a notification for Priya, and another person with one of their own, logged in
    notification = _tell(priya, "pay:1")
    other = UserFactory()
    own = _tell(other, "pay:2")
    client.force_login(other)
    # then only their own is listed
    assert [n["id"] for n in client.get(URL).json()["items"]] == [own.id]
    # and marking Priya's, alone or with their own, is a 404 that changes nothing
    for ids in ([notification.id], [own.id, notification.id]):
        response = _read(client, ids)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Notification.objects.get(id=own.id).read_at is None
    # and "mark all read" marks only their own
    assert client.post(f"{URL}/read-all").json() == {"marked": 1}
    assert Notification.objects.get(id=notification.id).read_at is None


def test_bad_input_is_a_4xx_with_a_code(client, priya):
    # given Priya logged in
    client.force_login(priya)
    # then bad ids, a bad page, a bad filter, an unknown kind and a bad body are 422
    for ids in ([0], [2**64], [], ["one"], list(range(1, 502))):
        response = _read(client, ids)
        assert response.status_code == 422 and response.json()["code"], ids
    assert client.get(URL, {"limit": 0}).status_code == 422
    assert client.get(URL, {"unread": "maybe"}).status_code == 422
    bad_kind = _email(client, {"kind": "weather", "email": False})
    assert bad_kind.status_code == 422 and bad_kind.json()["code"]
    assert _email(client, {"kind": "payment", "email": "sometimes"}).status_code == 422
    # and without a login it is a 401
    client.logout()
    assert client.get(URL).status_code == 401


def test_email_choices_over_the_api(client, priya):
    # given Priya logged in
    client.force_login(priya)
    # when she switches e-mail off for payments
    response = _email(client, {"kind": "payment", "email": False})
    # then payments say so and the other kinds are still e-mailed
    assert response.json() == {"kind": "payment", "label": "Payments", "email": False}
    choices = {c["kind"]: c["email"] for c in client.get(f"{URL}/email").json()}
    assert choices["payment"] is False and choices["offer"] is True


def test_a_token_sees_only_its_side(client, kestrel, priya):
    # given Priya is told as a freelancer and, as a member of Kestrel, as a venture
    from tests.factories import MembershipFactory

    MembershipFactory(user=priya, venture=kestrel["venture"], role="manager")
    freelancer_side = _tell(priya, "pay:1", venture_id=kestrel["venture"].id)
    venture_side = _tell(priya, "sub:1", Side.VENTURE, kestrel["venture"].id, Kind.SUBMISSION)
    venture_token = issue_token(Actor(priya), "ops", kestrel["venture"].id).secret
    freelancer_token = issue_token(Actor(priya), "me").secret
    # then each token lists only its side, and cannot mark the other side read
    for secret, mine, other in ((venture_token, venture_side, freelancer_side),
                                (freelancer_token, freelancer_side, venture_side)):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        assert [n["id"] for n in client.get(URL, **headers).json()["items"]] == [mine.id]
        assert _read(client, [other.id], **headers).status_code == 404
    # and a token may not change the e-mail choices
    headers = {"HTTP_AUTHORIZATION": f"Bearer {freelancer_token}"}
    assert _email(client, {"kind": "payment", "email": False}, **headers).status_code == 403
