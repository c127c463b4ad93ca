import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttles and lockouts live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _thai():
    """Each test starts in Thai, whatever ran before it in this process: a request to /en/
    leaves English active in the thread, and the tests of a process run in any order."""
    with translation.override("th"):
        yield


@pytest.fixture
def sent_mail():
    """``sent_mail()``: the e-mails sent so far, once the outbox's relay has sent what is waiting."""
    from django.core import mail

    from cms.records.relay import send_waiting

    def sent():
        send_waiting()
        return mail.outbox

    return sent
