"""Verifying the audit chain of every case."""

from .models import CaseEvent


def verify_chains(*, case_ids=None):
    """Yield ``(case_id, seq, problem)`` for every break in the chains."""
    events = CaseEvent.objects.order_by("case_id", "seq")
    if case_ids is not None:
        events = events.filter(case_id__in=case_ids)
    current, prev_hash, expected_seq = None, "", 1
    for event in events.iterator(chunk_size=2000):
        if event.case_id != current:
            current, prev_hash, expected_seq = event.case_id, "", 1
        if event.seq != expected_seq:
            yield event.case_id, event.seq, f"sequence gap: expected {expected_seq}"
        if event.prev_hash != prev_hash:
            yield event.case_id, event.seq, "previous hash does not match the previous event"
        if event.compute_hash() != event.hash:
            yield event.case_id, event.seq, "content does not match its hash (altered)"
        prev_hash, expected_seq = event.hash, event.seq + 1
