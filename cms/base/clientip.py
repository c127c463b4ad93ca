"""The address of the person behind a request.

Behind the load balancer of the production layout every request comes from
the balancer, so ``REMOTE_ADDR`` alone would make all citizens one. The
balancer (and any proxy after it) appends the address it saw to
``X-Forwarded-For``; anyone may write the rest of that header. So the header is
read from the right, past the proxies listed in ``settings.TRUSTED_PROXIES``
(addresses or networks), and the first address not among them is the client.
A request whose peer is not a trusted proxy is taken at its ``REMOTE_ADDR``:
its ``X-Forwarded-For`` is ignored."""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@functools.cache
def _networks(proxies):
    networks = []
    for item in proxies:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {item!r} is not an IP address or network (e.g. 10.0.0.0/8)."
            ) from None
    return tuple(networks)


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address):
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    """The client's address, as a string ("" if the server was given none)."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return request.META.get("REMOTE_ADDR", "")
    address = peer
    if _trusted(peer):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            hop_address = _address(hop)
            if hop_address is None:
                break  # a malformed entry: nothing to its left can be vouched for
            address = hop_address
            if not _trusted(hop_address):
                break
    return str(address)
