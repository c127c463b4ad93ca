"""Every kind of tampering with the record is detected: by the chain, by the
head kept on the subject, by the key kept outside the database, and by the
checkpoints kept outside it altogether."""

import hashlib
import hmac
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.records.selectors import verify_all
from cms.records.services import verify_chain
from cms.records.signing import EVENT_PURPOSE, canonical_json

from .conftest import behind_the_application

pytestmark = pytest.mark.django_db


def problems(subject):
    return [p.message for p in verify_chain(subject=subject)]


def test_an_intact_record_has_no_problem(chained):
    chained(3), chained(2)
    assert list(verify_all()) == []
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 5 events" in out.getvalue()


def test_a_changed_field_is_detected(chained):
    subject, other = chained(3), chained(3)
    victim = subject.events.get(seq=2)
    with behind_the_application() as cursor:
        cursor.execute("UPDATE records_event SET comment = %s WHERE id = %s", ["ไม่มีอะไร", victim.pk])
    assert len(problems(subject)) == 1 and "signature" in problems(subject)[0]
    assert problems(other) == []
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert f"cases.case {subject.pk} event 2" in err.getvalue()


def test_a_deleted_middle_event_is_detected(chained):
    subject = chained(4)
    with behind_the_application() as cursor:
        cursor.execute("DELETE FROM records_event WHERE id = %s", [subject.events.get(seq=2).pk])
    found = problems(subject)
    assert any("sequence gap" in p for p in found) and any("previous hash" in p for p in found)


def test_a_deleted_last_event_is_detected_by_the_head(chained):
    subject = chained(3)
    with behind_the_application() as cursor:
        cursor.execute("DELETE FROM records_event WHERE id = %s", [subject.events.get(seq=3).pk])
    assert len(problems(subject)) == 1 and "chain head" in problems(subject)[0]


def test_every_event_deleted_is_detected(chained):
    subject = chained(2)
    with behind_the_application() as cursor:
        cursor.execute("DELETE FROM records_event WHERE subject_id = %s", [subject.pk])
    assert [p.message for p in verify_all()] == [problems(subject)[0]]
    assert "chain head" in problems(subject)[0]


def _rewrite(subject, *, sign):
    """Change event 2 and recompute every hash after it, and the head: what an
    attacker with database access but without the key can do."""
    events = list(subject.events.all())
    prev = ""
    with behind_the_application() as cursor:
        for event in events:
            if event.seq == 2:
                event.comment = "ไม่มีอะไรเกิดขึ้น"
            event.prev_hash = prev
            event.hash = sign(event)
            cursor.execute("UPDATE records_event SET comment = %s, prev_hash = %s, hash = %s WHERE id = %s",
                           [event.comment, event.prev_hash, event.hash, event.pk])
            prev = event.hash
        cursor.execute("UPDATE cases_case SET chain_head = %s WHERE id = %s", [prev, subject.pk])


def test_a_rewrite_with_recomputed_unkeyed_hashes_is_detected(chained):
    subject = chained(3)
    _rewrite(subject, sign=lambda e: hashlib.sha256(canonical_json(e.signed_content()).encode()).hexdigest())
    assert len(problems(subject)) == 3


def test_a_rewrite_signed_with_a_wrong_key_is_detected(chained):
    subject = chained(3)

    def wrong_key(event):
        message = f"{EVENT_PURPOSE}\n{canonical_json(event.signed_content())}".encode()
        return hmac.new(b"a guessed key", message, hashlib.sha256).hexdigest()

    _rewrite(subject, sign=wrong_key)
    assert len(problems(subject)) == 3


def test_an_event_swapped_between_subjects_is_detected(chained):
    one, two = chained(3), chained(3)
    a, b = one.events.get(seq=2), two.events.get(seq=2)
    with behind_the_application() as cursor:
        cursor.execute("UPDATE records_event SET subject_id = 0 WHERE id = %s", [a.pk])
        cursor.execute("UPDATE records_event SET subject_id = %s WHERE id = %s", [one.pk, b.pk])
        cursor.execute("UPDATE records_event SET subject_id = %s WHERE id = %s", [two.pk, a.pk])
    assert problems(one) and problems(two)
    assert {p.subject_id for p in verify_all()} == {one.pk, two.pk}


def test_a_truncation_that_also_rewinds_the_head_is_caught_by_a_checkpoint(chained, tmp_path):
    subject = chained(3)
    checkpoints = tmp_path / "checkpoints.jsonl"
    call_command("export_checkpoints", output=str(checkpoints), stderr=io.StringIO())
    call_command("verify_checkpoints", str(checkpoints), stdout=io.StringIO())
    second = subject.events.get(seq=2)
    with behind_the_application() as cursor:
        cursor.execute("DELETE FROM records_event WHERE id = %s", [subject.events.get(seq=3).pk])
        cursor.execute("UPDATE cases_case SET chain_length = 2, chain_head = %s WHERE id = %s",
                       [second.hash, subject.pk])
    assert problems(subject) == []  # consistent inside the database…
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_checkpoints", str(checkpoints), stdout=io.StringIO(), stderr=err)
    assert "no longer reaches event 3" in err.getvalue()  # …but not with what was kept outside it


def test_a_checkpoint_file_cannot_be_edited_to_match(chained, tmp_path):
    subject = chained(2)
    out = io.StringIO()
    call_command("export_checkpoints", stdout=out, stderr=io.StringIO())
    line = json.loads(out.getvalue())
    assert line["subject_type"] == "cases.case" and line["subject_id"] == subject.pk and line["length"] == 2
    line["length"] = 1
    edited = tmp_path / "edited.jsonl"
    edited.write_text(json.dumps(line) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_checkpoints", str(edited), stdout=io.StringIO(), stderr=err)
    assert "signature does not match" in err.getvalue()
