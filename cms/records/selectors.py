"""Reads of the shared core: checking every chain, the subjects' chain heads."""

from itertools import groupby

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from .chain import Problem, check_events
from .models import Event
from .models.events import ChainedModel


def chained_models():
    """Every concrete model with a record."""
    return [model for model in apps.get_models() if issubclass(model, ChainedModel)]


def chain_heads(*, model):
    """``{pk: (chain_length, chain_head)}`` of every row of ``model``."""
    return {pk: (length, head) for pk, length, head in
            model._base_manager.order_by().values_list("pk", "chain_length", "chain_head").iterator(chunk_size=5000)}


def verify_all(*, model=None):
    """Yield every :class:`~cms.records.chain.Problem` of every chain (of
    ``model`` only, when given), including subjects whose events are all gone
    and events of subjects that do not exist."""
    if model is not None:
        models_ = [model]
        types = [ContentType.objects.get_for_model(model)]
    else:
        models_ = chained_models()
        type_ids = set(Event.objects.order_by().values_list("subject_type", flat=True).distinct())
        type_ids |= {ContentType.objects.get_for_model(m).pk for m in models_}
        types = [ContentType.objects.get_for_id(pk) for pk in sorted(type_ids)]
    for subject_type in types:
        yield from _verify_type(subject_type)


def _verify_type(subject_type):
    label = f"{subject_type.app_label}.{subject_type.model}"
    model = subject_type.model_class()
    heads = chain_heads(model=model) if model is not None and issubclass(model, ChainedModel) else None
    events = Event.objects.filter(subject_type=subject_type).order_by("subject_id", "seq").iterator(chunk_size=2000)
    for subject_id, group in groupby(events, key=lambda event: event.subject_id):
        if heads is not None and subject_id not in heads:
            yield Problem(label, subject_id, None, "events of a subject that does not exist")
            continue
        head = heads.pop(subject_id) if heads is not None else None
        yield from check_events(label, subject_id, group, head)
    for subject_id, (length, head) in sorted((heads or {}).items()):
        if length or head:
            yield from check_events(label, subject_id, [], (length, head))
