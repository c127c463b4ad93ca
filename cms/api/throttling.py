"""DRF's throttles, counting per client address behind the trusted proxies
(:func:`cms.base.clientip.client_ip`), the same rule as the PIN limit."""

from rest_framework import throttling

from cms.base.clientip import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(ClientAddressMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientAddressMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    pass
