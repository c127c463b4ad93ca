import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttles and lockouts live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sent_mail():
    """``sent_mail()``: the e-mails sent so far, once the outbox's relay has sent what is waiting."""
    from django.core import mail

    from cms.records.relay import send_waiting

    def sent():
        send_waiting()
        return mail.outbox

    return sent
