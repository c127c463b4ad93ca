"""Checking a chain: every event signed by a known key over its own content
and its predecessor's hash, numbered 1..n without a gap, ending where the
subject's chain head says it ends."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    subject_type: str  # "app_label.model"
    subject_id: int
    seq: int | None  # None: a problem of the chain as a whole
    message: str

    def __str__(self):
        where = f"event {self.seq}" if self.seq is not None else "chain"
        return f"{self.subject_type} {self.subject_id} {where}: {self.message}"


def check_events(label, subject_id, events, head=None):
    """Problems of one subject's ``events`` (in ``seq`` order); ``head`` is the
    ``(chain_length, chain_head)`` kept on the subject, or ``None`` when the
    subject is not a chained model (then only the links are checked)."""
    problems = []
    expected_seq, prev_hash, count, last = 1, "", 0, None
    for event in events:
        if event.seq != expected_seq:
            problems.append(Problem(label, subject_id, event.seq, f"sequence gap: expected {expected_seq}"))
        if event.prev_hash != prev_hash:
            problems.append(Problem(label, subject_id, event.seq,
                                    "previous hash does not match the previous event"))
        if not event.signature_matches():
            problems.append(Problem(label, subject_id, event.seq,
                                    "content does not match its signature (altered, moved, or signed with "
                                    f"a key that is not {event.key_id!r})"))
        prev_hash, expected_seq, count, last = event.hash, event.seq + 1, count + 1, event
    if head is not None:
        length, head_hash = head
        last_seq, last_hash = (last.seq, last.hash) if last is not None else (0, "")
        if length != last_seq or head_hash != last_hash:
            problems.append(Problem(label, subject_id, None,
                                    f"the chain head on the subject says {length} event(s) ending in "
                                    f"{head_hash[:12] or '-'}, the record has {count} ending in "
                                    f"{last_hash[:12] or '-'} (events removed or added behind the application)"))
    return problems
