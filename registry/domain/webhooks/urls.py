"""Which endpoint addresses a webhook may have: HTTPS, on the internet.

A webhook makes the register send requests where an LA officer says, so an address must not turn
the register against its own network (server-side request forgery): ``localhost`` and IP addresses
that are not global (private, loopback, link-local, carrier-grade NAT, reserved, multicast) are
refused when the subscription is made, and every address a host name resolves to is checked again
at each delivery, which then connects to the very address it checked (``registry.domain.webhooks.sending``).

``WEBHOOKS_ALLOW_LOOPBACK`` (tests only) also allows ``http://`` to the loopback addresses and
``localhost``, for a receiver on 127.0.0.1; ``make serve`` refuses to start with it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from registry.domain.errors import Refused
from registry.models.webhooks import URL_MAX_LENGTH

FIELD = "url"
EXAMPLE = "https://example.org/register-webhooks"


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address written in ``address`` (an IPv4-mapped IPv6 address as the IPv4 it maps), or None."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def address_allowed(address: str, *, allow_loopback: bool) -> bool:
    """Whether the register may connect to this IP address."""
    ip = _ip(address)
    return ip is not None and (ip.is_global or (allow_loopback and ip.is_loopback))


def _loopback(host: str) -> bool:
    ip = _ip(host)
    return host == "localhost" or host.endswith(".localhost") or (ip is not None and ip.is_loopback)


def _internal(host: str) -> bool:
    """``localhost``, or an IP address that is not on the internet (a host name is checked after DNS, when sending)."""
    return _loopback(host) or (_ip(host) is not None and not address_allowed(host, allow_loopback=False))


def checked_url(url: str, *, allow_loopback: bool = False) -> str:
    """``url`` without surrounding spaces, when a webhook may be sent there; ``Refused`` (on ``url``) otherwise."""
    url = (url or "").strip()
    if not url:
        raise Refused(FIELD, "Enter the address of your endpoint")
    if len(url) > URL_MAX_LENGTH:
        raise Refused(FIELD, f"The address must be {URL_MAX_LENGTH} characters or fewer")
    parts = urlsplit(url)
    try:
        host, _ = parts.hostname or "", parts.port
    except ValueError:
        host = ""
    if parts.scheme not in ("https", "http") or not host or any(c.isspace() for c in url):
        raise Refused(FIELD, f"Enter a full address starting with https://, such as {EXAMPLE}")
    if parts.username is not None or parts.password is not None:
        raise Refused(FIELD, "Remove the user name and password from the address: the signature proves who is sending")
    loopback_allowed = allow_loopback and _loopback(host)
    if _internal(host) and not loopback_allowed:
        raise Refused(FIELD, "The address must be on the internet, not localhost or a private or local network address")
    if parts.scheme != "https" and not loopback_allowed:
        raise Refused(FIELD, "The address must start with https://, so that what is sent cannot be read or changed")
    return url
