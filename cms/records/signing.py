"""The keys that sign the record, kept outside the database.

``settings.RECORDS_HMAC_KEYS`` is a list of ``"id:secret"`` (from the
environment variable of the same name, comma-separated). The first key signs
everything new; the others only verify what they signed before, so a key is
rotated by putting the new one first and keeping the old one after it until
nothing signed by it needs checking."""

import datetime as dt
import functools
import hashlib
import hmac
import json

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

EVENT_PURPOSE = "chandra.records.event"
CHECKPOINT_PURPOSE = "chandra.records.checkpoint"


def canonical_json(value):
    """The one serialisation every signature is computed over."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


@functools.lru_cache(maxsize=8)
def _parse(entries):
    keys = {}
    for entry in entries:
        key_id, sep, secret = entry.partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not sep or not key_id or not secret:
            raise ImproperlyConfigured('Each RECORDS_HMAC_KEYS entry must be "id:secret".')
        if len(key_id) > 20:
            raise ImproperlyConfigured(f"RECORDS_HMAC_KEYS: the key id {key_id!r} is longer than 20 characters.")
        if key_id in keys:
            raise ImproperlyConfigured(f"RECORDS_HMAC_KEYS: the key id {key_id!r} is given twice.")
        keys[key_id] = secret.encode()
    if not keys:
        raise ImproperlyConfigured("RECORDS_HMAC_KEYS is empty: the record needs a key to sign with.")
    return tuple(keys.items())


def event_payload(event, subject_label):
    """What an event's signature covers: the subject (by its model's name, not
    a database id), the position, every field and the previous hash."""
    return {
        "subject": f"{subject_label}:{event.subject_id}",
        "seq": event.seq, "at": event.at.astimezone(dt.UTC).isoformat(),
        "actor": event.actor_id, "actor_kind": event.actor_kind, "kind": event.kind,
        "transition": event.transition, "from": event.from_state, "to": event.to_state,
        "comment": event.comment, "public": event.public, "data": event.data, "prev": event.prev_hash,
    }


def keyring():
    """``[(key_id, secret), …]``, the signing key first."""
    return list(_parse(tuple(getattr(settings, "RECORDS_HMAC_KEYS", ()))))


def signing_key_id():
    return keyring()[0][0]


def sign(purpose, payload, *, key_id=None):
    """HMAC-SHA256 of the canonical JSON of ``payload`` under the key ``key_id``
    (the signing key when omitted). Returns ``None`` for an unknown key."""
    keys = dict(keyring())
    secret = keys.get(key_id or signing_key_id())
    if secret is None:
        return None
    message = f"{purpose}\n{canonical_json(payload)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def matches(purpose, payload, *, key_id, signature):
    expected = sign(purpose, payload, key_id=key_id)
    return expected is not None and hmac.compare_digest(expected, signature or "")


def check_keys(app_configs=None, **kwargs):
    """System check: the keys parse (``manage.py check`` names a malformed entry)."""
    try:
        keyring()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="records.E001")]
    return []
