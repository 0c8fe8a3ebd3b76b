"""The SSRF guard: a link someone pastes into Slack is fetched only if its host resolves to public
addresses. Checked before the first request and again at every redirect hop (sources/web.py)."""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from sources.errors import FetchError


def check_host(url: str, allow_private: bool) -> None:
    """Refuse hosts that resolve to private, loopback, link-local, multicast or reserved addresses (SSRF)."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise FetchError("links with a user name or password are not fetched")
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise FetchError(f"cannot resolve the host {host!r}") from e
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise FetchError(f"refused: {host} resolves to {address}, a private or reserved address")
