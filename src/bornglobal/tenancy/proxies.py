"""Who the client is when a reverse proxy stands in front (`BORNGLOBAL_TRUSTED_PROXIES`).

Behind a TLS-terminating proxy every request's peer (`REMOTE_ADDR`) is the proxy. The
proxy appends the address it saw to `X-Forwarded-For` and says in `X-Forwarded-Proto`
whether the client spoke HTTPS. Both headers are plain request headers that any client
can also send, so they are believed only when the peer itself is a trusted proxy:

- the client address is found by walking `X-Forwarded-For` from the right, skipping
  trusted proxies; the first address that is not one of ours was written by our own
  proxy and is the client. Anything to its left was sent by the client and is ignored.
- a request whose peer is not a trusted proxy keeps its `REMOTE_ADDR`, and
  `TrustedProxyMiddleware` (in `middleware.py`) drops its forwarded headers, so neither
  Django (`SECURE_PROXY_SSL_HEADER`) nor django-axes (the login lockout) believes them.

Hand-written rather than django-ipware: ipware compares the header's entries with the
trusted list by string prefix and never looks at the real peer, so a client that
connects directly and sends `X-Forwarded-For: <victim>, <proxy>` passes its check.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    return networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def parse_address(raw: str) -> Address | None:
    text = raw.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]" or "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(address: Address | None, trusted: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in trusted)


def client_address(remote_addr: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The client's address: `remote_addr`, unless that is a trusted proxy, in which case
    the rightmost address in `forwarded_for` that is not a trusted proxy (or, when all are,
    the leftmost)."""
    peer = parse_address(remote_addr or "")
    if not is_trusted(peer, trusted):
        return str(peer) if peer is not None else remote_addr
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    nearest = peer
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:  # our proxy wrote something we cannot read: key on the proxy
            return str(peer)
        if not is_trusted(address, trusted):
            return str(address)
        nearest = address
    return str(nearest)  # only proxies: the request started at the leftmost of them


def client_ip(request) -> str:
    """django-axes' `AXES_CLIENT_IP_CALLABLE`: the address the login lockout keys on."""
    meta = request.META
    return client_address(
        meta.get("REMOTE_ADDR", ""), meta.get("HTTP_X_FORWARDED_FOR", ""), trusted_networks()
    )


def peer_is_trusted(request) -> bool:
    return is_trusted(parse_address(request.META.get("REMOTE_ADDR", "")), trusted_networks())
