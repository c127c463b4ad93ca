"""Signed checkpoints of every chain head, for keeping outside the database
(another machine, a notary, a printed digest). A checkpoint says "on this
date, subject X had N events ending in hash H", signed with the record key;
later, the database must still have that event N with that hash, or events
were removed or rewritten."""

import json

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .chain import Problem
from .models import Event
from .selectors import chained_models, chain_heads
from .services import subject_label, verify_chain
from .signing import CHECKPOINT_PURPOSE, matches, sign, signing_key_id

SIGNED_FIELDS = ("subject_type", "subject_id", "length", "head", "at", "key_id")


def current_checkpoints(*, now=None):
    """Yield one signed checkpoint (a dict) per subject with a record."""
    at = (now or timezone.now()).isoformat()
    key_id = signing_key_id()
    for model in chained_models():
        label = subject_label(ContentType.objects.get_for_model(model))
        for subject_id, (length, head) in sorted(chain_heads(model=model).items()):
            if not length:
                continue
            checkpoint = {"subject_type": label, "subject_id": subject_id, "length": length, "head": head,
                          "at": at, "key_id": key_id}
            checkpoint["signature"] = sign(CHECKPOINT_PURPOSE, checkpoint, key_id=key_id)
            yield checkpoint


def _subject(label, subject_id):
    app_label, _dot, model_name = label.partition(".")
    model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    return model._base_manager.filter(pk=subject_id).first()


def verify_checkpoint_lines(lines):
    """Yield every problem of a checkpoint file against the database: a line
    that is not a valid signed checkpoint, a subject or event that is gone, an
    event whose hash is no longer the one anchored, and any break in the
    chains the file covers."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            checkpoint = json.loads(line)
            payload = {name: checkpoint[name] for name in SIGNED_FIELDS}
            signature = checkpoint["signature"]
        except (ValueError, KeyError, TypeError):
            yield Problem("checkpoint", number, None, "not a checkpoint line")
            continue
        if not matches(CHECKPOINT_PURPOSE, payload, key_id=payload["key_id"], signature=signature):
            yield Problem("checkpoint", number, None, "the signature does not match (the line was altered, "
                                                      "or its key is not configured)")
            continue
        label, subject_id, length = payload["subject_type"], payload["subject_id"], payload["length"]
        try:
            subject = _subject(label, subject_id)
        except (ContentType.DoesNotExist, AttributeError):
            subject = None
        if subject is None:
            yield Problem(label, subject_id, None, "the subject of this checkpoint no longer exists")
            continue
        anchored = Event.objects.for_subject(subject).filter(seq=length).values_list("hash", flat=True).first()
        if anchored is None:
            yield Problem(label, subject_id, length, f"the record no longer reaches event {length}, which the "
                                                     f"checkpoint of {payload['at']} saw")
        elif anchored != payload["head"]:
            yield Problem(label, subject_id, length, f"event {length} is not the one the checkpoint of "
                                                     f"{payload['at']} saw (rewritten)")
        yield from verify_chain(subject=subject)
