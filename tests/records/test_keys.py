"""The record's keys: the first signs, the older ones still verify (rotation),
and a bad configuration is refused."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from cms.records.services import record_event, verify_chain
from cms.records.signing import keyring
from cms.settings.env import Env

pytestmark = pytest.mark.django_db


def test_a_rotated_key_keeps_old_events_valid_and_signs_new_ones(chained, settings):
    subject = chained(2)
    settings.RECORDS_HMAC_KEYS = ["2027:a-new-secret", "test:chandra-tests-only-records-key"]
    with transaction.atomic():
        record_event(subject=subject, kind="note")
    assert list(subject.events.values_list("key_id", flat=True)) == ["test", "test", "2027"]
    assert verify_chain(subject=subject) == []
    # once the old key is dropped, what it signed can no longer be trusted
    settings.RECORDS_HMAC_KEYS = ["2027:a-new-secret"]
    assert [p.seq for p in verify_chain(subject=subject)] == [1, 2]


def test_a_different_secret_under_the_same_id_fails_every_event(chained, settings):
    subject = chained(2)
    settings.RECORDS_HMAC_KEYS = ["test:somebody-else's-secret"]
    assert len(verify_chain(subject=subject)) == 2


@pytest.mark.parametrize("keys", [[], ["no-colon"], [":secret"], ["a:1", "a:2"], ["x" * 21 + ":s"]])
def test_malformed_keys_are_refused(settings, keys):
    settings.RECORDS_HMAC_KEYS = keys
    with pytest.raises(ImproperlyConfigured):
        keyring()
    assert [e.id for e in run_checks() if e.id.startswith("records.")] == ["records.E001"]


def test_production_requires_the_keys_and_development_has_a_default():
    assert Env({}).list("RECORDS_HMAC_KEYS", dev_default="dev:x") == ["dev:x"]
    with pytest.raises(ImproperlyConfigured, match="RECORDS_HMAC_KEYS"):
        Env({}, strict=True).list("RECORDS_HMAC_KEYS")
    assert Env({"RECORDS_HMAC_KEYS": "k2:new, k1:old"}, strict=True).list("RECORDS_HMAC_KEYS") == ["k2:new", "k1:old"]
