"""Move every case's audit events and notifications into the shared core
(cms.records): the events keep their number, time, actor, kind, states,
comment, visibility and data, and are signed anew with the record key
(RECORDS_HMAC_KEYS); each case gets its chain head. The old unkeyed chains
are checked first: if any is broken the migration stops and moves nothing,
because re-signing would launder the tampering."""

import datetime as dt
import hashlib
import json

from django.db import migrations

from cms.records.signing import EVENT_PURPOSE, event_payload, sign, signing_key_id

BATCH = 2000


def _old_hash(event):
    """The unkeyed SHA-256 the events were chained with before."""
    content = {
        "case": event.case_id, "seq": event.seq, "at": event.at.astimezone(dt.UTC).isoformat(),
        "actor": event.actor_id, "actor_kind": event.actor_kind, "kind": event.kind,
        "transition": event.transition, "from": event.from_state, "to": event.to_state,
        "comment": event.comment, "public": event.public, "data": event.data, "prev": event.prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _old_problems(CaseEvent):
    current, prev_hash, expected_seq = None, "", 1
    for event in CaseEvent.objects.order_by("case_id", "seq").iterator(chunk_size=BATCH):
        if event.case_id != current:
            current, prev_hash, expected_seq = event.case_id, "", 1
        if event.seq != expected_seq:
            yield f"case id {event.case_id} event {event.seq}: sequence gap, expected {expected_seq}"
        if event.prev_hash != prev_hash:
            yield f"case id {event.case_id} event {event.seq}: previous hash does not match the previous event"
        if _old_hash(event) != event.hash:
            yield f"case id {event.case_id} event {event.seq}: content does not match its hash (altered)"
        prev_hash, expected_seq = event.hash, event.seq + 1


class _Moved:
    """An old event seen as a new one, for the signature."""

    def __init__(self, old, prev_hash):
        self.subject_id, self.seq, self.at, self.actor_id = old.case_id, old.seq, old.at, old.actor_id
        self.actor_kind, self.kind, self.transition = old.actor_kind, old.kind, old.transition
        self.from_state, self.to_state, self.comment = old.from_state, old.to_state, old.comment
        self.public, self.data, self.prev_hash = old.public, old.data, prev_hash


def forwards(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Notification = apps.get_model("cases", "Notification")
    Case = apps.get_model("cases", "Case")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Event = apps.get_model("records", "Event")
    OutboxMessage = apps.get_model("records", "OutboxMessage")

    problems = list(_old_problems(CaseEvent))
    if problems:
        raise RuntimeError(
            f"The audit trail is broken in {len(problems)} place(s); nothing was moved. Find out what happened "
            "before migrating (re-signing would hide it):\n  " + "\n  ".join(problems[:50]))

    case_type, _created = ContentType.objects.get_or_create(app_label="cases", model="case")
    key_id = signing_key_id()
    heads = {}
    batch = []
    for old in CaseEvent.objects.order_by("case_id", "seq").iterator(chunk_size=BATCH):
        moved = _Moved(old, heads.get(old.case_id, (0, ""))[1])
        signature = sign(EVENT_PURPOSE, event_payload(moved, "cases.case"), key_id=key_id)
        batch.append(Event(
            subject_type_id=case_type.pk, subject_id=old.case_id, seq=old.seq, at=old.at, actor_id=old.actor_id,
            actor_kind=old.actor_kind, kind=old.kind, transition=old.transition, from_state=old.from_state,
            to_state=old.to_state, comment=old.comment, public=old.public, data=old.data, key_id=key_id,
            prev_hash=moved.prev_hash, hash=signature,
        ))
        heads[old.case_id] = (old.seq, signature)
        if len(batch) >= BATCH:
            Event.objects.bulk_create(batch)
            batch = []
    Event.objects.bulk_create(batch)

    cases = []
    for case in Case.objects.filter(pk__in=list(heads)).only("pk").iterator(chunk_size=BATCH):
        case.chain_length, case.chain_head = heads[case.pk]
        cases.append(case)
    Case.objects.bulk_update(cases, ["chain_length", "chain_head"], batch_size=BATCH)

    new_ids = {(subject_id, seq): pk for pk, subject_id, seq in
               Event.objects.filter(subject_type_id=case_type.pk).values_list("pk", "subject_id", "seq")}
    messages = []
    for note in Notification.objects.select_related("event").order_by("pk").iterator(chunk_size=BATCH):
        if note.sent_at is not None:
            status = "sent"
        elif note.attempts >= 5:
            status = "failed"
        else:
            status = "pending"
        messages.append(OutboxMessage(
            to=note.email, language=note.language, renderer="cases.notification",
            context={"kind": note.kind, **(note.payload or {})}, dedupe_key=f"cases:notification:{note.pk}",
            status=status, attempts=note.attempts, last_error=note.last_error, created_at=note.created_at,
            sent_at=note.sent_at, subject_type_id=case_type.pk, subject_id=note.case_id,
            event_id=new_ids[(note.event.case_id, note.event.seq)] if note.event_id else None,
        ))
    OutboxMessage.objects.bulk_create(messages, batch_size=BATCH)


def backwards(apps, schema_editor):
    """Going back is possible only while no case has a record: the old tables
    could not hold the new signatures."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Event = apps.get_model("records", "Event")
    case_type = ContentType.objects.filter(app_label="cases", model="case").first()
    if case_type is not None and Event.objects.filter(subject_type=case_type).exists():
        raise RuntimeError("Cases have records in cms.records: migrating back would lose them.")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_case_chain_head"),
        ("records", "0002_event_append_only_trigger"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
