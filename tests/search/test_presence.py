"""Coverage's look-up of which query terms each candidate holds: the same answer whether a
term's postings are read whole or probed candidate by candidate, and the ``any`` lookup that
sends a list of ids as one parameter."""

import pytest
from django.contrib.contenttypes.models import ContentType

from search.backends import database
from search.backends.database import DatabaseBackend
from search.indexing import Doc
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _index(bodies):
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    backend = DatabaseBackend()
    backend.index(
        [
            Doc(key="page", content_type_id=content_type_id, object_id=str(n), url=f"/th/{n}/", title=f"เรื่อง {n}", body=body)
            for n, body in enumerate(bodies)
        ],
        fresh=True,
    )
    backend.finish_rebuild()
    return backend, {row.object_id: row.pk for row in SearchDocument.objects.all()}


def test_common_terms_probed_per_candidate_give_the_same_answer_as_a_full_read(monkeypatch):
    # วุฒิสภา is in every document, งบประมาณ in two, ภาษี in one: asked about three documents,
    # วุฒิสภา is held by more than PROBE_RATIO times as many documents and is probed.
    bodies = ["วุฒิสภา งบประมาณ", "วุฒิสภา ภาษี", "วุฒิสภา งบประมาณ"] + ["วุฒิสภา ประชุม"] * 12
    backend, pk = _index(bodies)
    asked = [pk["0"], pk["1"], pk["3"]]
    texts = ["วุฒิสภา", "งบประมาณ", "ภาษี", "ไม่มีในดัชนี"]
    expected = {pk["0"]: {"วุฒิสภา", "งบประมาณ"}, pk["1"]: {"วุฒิสภา", "ภาษี"}, pk["3"]: {"วุฒิสภา"}}
    probed = backend.presence(asked, texts)
    monkeypatch.setattr(database, "PROBE_RATIO", 10**9)  # every term read whole
    read_whole = backend.presence(asked, texts)
    assert dict(probed) == expected
    assert dict(read_whole) == expected


def test_presence_of_nothing_is_empty():
    backend, pk = _index(["วุฒิสภา งบประมาณ"])
    assert backend.presence([], ["วุฒิสภา"]) == {}
    assert backend.presence([pk["0"]], []) == {}
    assert dict(backend.presence([pk["0"]], ["ไม่มีในดัชนี"])) == {}


def test_the_any_lookup_matches_the_listed_ids_only():
    _, pk = _index(["วุฒิสภา", "งบประมาณ", "ภาษี"])
    assert set(SearchDocument.objects.filter(pk__any=[pk["0"], pk["2"], 10**12]).values_list("object_id", flat=True)) == {"0", "2"}
    assert not SearchDocument.objects.filter(pk__any=[]).exists()
    assert set(SearchDocument.objects.filter(pk__any=(p for p in [pk["1"]])).values_list("object_id", flat=True)) == {"1"}
