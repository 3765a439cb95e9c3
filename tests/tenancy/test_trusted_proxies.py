"""Behind a trusted proxy the login lockout keys on the real client; forwarded headers
from anyone else have no effect (BORNGLOBAL_TRUSTED_PROXIES, tenancy/proxies.py)."""

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.tenancy.proxies import client_address, networks, parse_address
from tests.factories import PASSWORD

PROXY = "10.0.0.2"
ALICE = "203.0.113.5"
MALLORY = "198.51.100.66"
BEHIND_PROXY = override_settings(
    TRUSTED_PROXIES=["10.0.0.0/24"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)


def _login(client, email, password, **headers):
    return client.post(reverse("login"), {"username": email, "password": password}, **headers)


def _through_proxy(forwarded_for):
    """What our proxy sends on: the peer is the proxy, the header ends with the client."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.mark.django_db
@BEHIND_PROXY
def test_two_clients_behind_the_proxy_are_locked_out_separately(founder):
    # given Mallory fails five times on the founder's email through the proxy
    for _ in range(5):
        _login(Client(), founder.email, "wrong-password", **_through_proxy(MALLORY))
    # when Mallory, then the founder from her own address, try the right password
    mallory = _login(Client(), founder.email, PASSWORD, **_through_proxy(MALLORY))
    alice = _login(Client(), founder.email, PASSWORD, **_through_proxy(ALICE))
    # then only Mallory is locked out
    assert mallory.status_code == 429
    assert alice.status_code == 302


@pytest.mark.django_db
@BEHIND_PROXY
def test_a_client_cannot_pin_its_failures_on_another_through_the_proxy(founder):
    # given Mallory sends X-Forwarded-For: <Alice> herself; the proxy appends Mallory
    for _ in range(5):
        _login(Client(), founder.email, "wrong-password", **_through_proxy(f"{ALICE}, {MALLORY}"))
    # when Alice logs in through the proxy
    alice = _login(Client(), founder.email, PASSWORD, **_through_proxy(ALICE))
    # then she gets in: the failures counted against Mallory's real address
    assert alice.status_code == 302
    assert _login(Client(), founder.email, PASSWORD, **_through_proxy(MALLORY)).status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_spoofed_header_has_no_effect(founder):
    # given no trusted proxy, and Mallory sends a new X-Forwarded-For with each failure
    for n in range(5):
        _login(Client(), founder.email, "wrong-password",
               REMOTE_ADDR=MALLORY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # when Mallory tries again with yet another header, and Alice logs in from her address
    mallory = _login(Client(), founder.email, PASSWORD,
                     REMOTE_ADDR=MALLORY, HTTP_X_FORWARDED_FOR="192.0.2.99")
    alice = _login(Client(), founder.email, PASSWORD, REMOTE_ADDR=ALICE)
    # then Mallory stays locked (the header was ignored) and Alice is not touched
    assert mallory.status_code == 429
    assert alice.status_code == 302


@pytest.mark.django_db
@BEHIND_PROXY
def test_a_direct_client_forging_a_proxy_chain_is_keyed_on_its_own_address(founder):
    # given Mallory bypasses the proxy and forges a chain that ends at the proxy
    for _ in range(5):
        _login(Client(), founder.email, "wrong-password",
               REMOTE_ADDR=MALLORY, HTTP_X_FORWARDED_FOR=f"{ALICE}, {PROXY}")
    # when Alice logs in through the proxy
    alice = _login(Client(), founder.email, PASSWORD, **_through_proxy(ALICE))
    # then she gets in
    assert alice.status_code == 302


@pytest.mark.django_db
@override_settings(
    TRUSTED_PROXIES=["10.0.0.0/24"],
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=3600,
)
def test_only_the_trusted_proxy_may_say_the_request_came_over_https():
    # given HTTPS redirect and HSTS on, behind a trusted proxy
    # when the proxy says https, the proxy says http, and a direct client claims https
    proxied_https = Client().get(reverse("login"), REMOTE_ADDR=PROXY,
                                 HTTP_X_FORWARDED_PROTO="https")
    proxied_http = Client().get(reverse("login"), REMOTE_ADDR=PROXY,
                                HTTP_X_FORWARDED_PROTO="http")
    direct_claim = Client().get(reverse("login"), REMOTE_ADDR=MALLORY,
                                HTTP_X_FORWARDED_PROTO="https")
    # then only the first is served (with HSTS); the others are sent to https
    assert proxied_https.status_code == 200
    assert proxied_https["Strict-Transport-Security"] == "max-age=3600"
    assert proxied_http.status_code == 301 and proxied_http["Location"].startswith("https://")
    assert direct_claim.status_code == 301


@override_settings(SERVED_OVER_HTTPS=True, TRUSTED_PROXIES=[])
def test_an_https_instance_without_a_trusted_proxy_is_warned_about_on_deploy_check():
    # when the deploy checks run for an https instance with no trusted proxy
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    # then our check says that HSTS and the redirect cannot work
    assert "bornglobal.W001" in ids


TRUSTED = networks(("10.0.0.0/8", "2001:db8::/32"))


@pytest.mark.parametrize(
    "remote,forwarded,client",
    [
        ("203.0.113.5", "", "203.0.113.5"),  # no proxy
        ("203.0.113.5", "192.0.2.1", "203.0.113.5"),  # untrusted peer: header ignored
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),  # one proxy
        ("10.0.0.2", "192.0.2.1, 203.0.113.5, 10.1.1.1", "203.0.113.5"),  # two proxies
        ("10.0.0.2", "", "10.0.0.2"),  # the proxy's own request
        ("10.0.0.2", "10.9.9.9", "10.9.9.9"),  # only proxies: the leftmost seen
        ("10.0.0.2", "192.0.2.1, not-an-address", "10.0.0.2"),  # unreadable: stop at proxy
        ("2001:db8::7", "2001:db8:1::1, [2001:db9::5]:443", "2001:db9::5"),  # IPv6
        ("::ffff:10.0.0.2", "203.0.113.5", "203.0.113.5"),  # IPv4-mapped peer
    ],
)
def test_client_address_walks_the_header_from_the_right(remote, forwarded, client):
    # when the client address is worked out
    found = client_address(remote, forwarded, TRUSTED)
    # then it is the rightmost address that is not a trusted proxy
    assert found == client


@settings(deadline=None)
@given(
    claimed=st.lists(st.ip_addresses().map(str), max_size=4),
    real=st.ip_addresses().map(str).filter(lambda a: str(parse_address(a)) != "10.0.0.2"),
)
def test_whatever_a_client_claims_the_proxy_appended_address_wins(claimed, real):
    # given a client behind one trusted proxy that claims any chain of its own
    header = ", ".join([*claimed, real])
    # when the client address is worked out
    found = client_address("10.0.0.2", header, networks(("10.0.0.2/32",)))
    # then it is the address our proxy appended (an IPv4-mapped IPv6 one as IPv4)
    assert found == str(parse_address(real))


@pytest.mark.parametrize("trusted,allowed", [(["10.0.0.0/24", "::1"], "10.0.0.0/24,::1"), ([], "")])
def test_serve_gives_gunicorn_the_same_trusted_proxies(monkeypatch, trusted, allowed):
    # given the trusted proxies, and gunicorn's exec caught instead of run
    from bornglobal import cli

    started = []
    monkeypatch.setattr(cli.os, "execvpe", lambda path, argv, env: started.append(argv))
    # when `serve` starts gunicorn
    with override_settings(TRUSTED_PROXIES=trusted):
        cli._gunicorn("127.0.0.1:8000", workers=1)
    # then gunicorn believes X-Forwarded-Proto from exactly those peers
    argv = started[0]
    assert argv[argv.index("--forwarded-allow-ips") + 1] == allowed
