"""The PIN in the replay of a retried filing.

A client that lost the answer to its filing retries with the same
Idempotency-Key and must still learn its PIN, for 24 hours. The replay keeps
the answer without the PIN, and the PIN sealed: shifted digit-wise by a pad
that is an HMAC, under ``SECRET_KEY``, of the Idempotency-Key and the case
code. Whoever reads the database without the key learns nothing from it; on
replay the PIN is recovered and checked against the case's PIN hash, under
the current key or one of ``SECRET_KEY_FALLBACKS`` (a rotation within the
window still replays)."""

from django.conf import settings
from django.utils.crypto import salted_hmac

PIN_DIGITS = 6
SEALED_FIELD = "sealed_pin"


def _pad(*, key, code, secret):
    digest = salted_hmac("chandra.cases.replay-pin", f"{key}\n{code}", secret=secret, algorithm="sha256").digest()
    return int.from_bytes(digest[:8], "big") % 10**PIN_DIGITS


def seal(*, key, code, pin):
    return f"{(int(pin) + _pad(key=key, code=code, secret=settings.SECRET_KEY)) % 10**PIN_DIGITS:0{PIN_DIGITS}d}"


def unseal(*, key, case, sealed):
    """The PIN, or "" if no current or former key opens the seal."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        pin = f"{(int(sealed) - _pad(key=key, code=case.code, secret=secret)) % 10**PIN_DIGITS:0{PIN_DIGITS}d}"
        if case.check_pin(pin):
            return pin
    return ""


def stored_answer(answer, *, key):
    """The filing's answer as kept for replays: without its PIN."""
    stored = {name: value for name, value in answer.items() if name != "pin"}
    stored[SEALED_FIELD] = seal(key=key, code=answer["code"], pin=answer["pin"])
    return stored


def replayed_answer(stored, *, key, case):
    answer = {name: value for name, value in stored.items() if name != SEALED_FIELD}
    answer["pin"] = unseal(key=key, case=case, sealed=stored[SEALED_FIELD])
    return answer
