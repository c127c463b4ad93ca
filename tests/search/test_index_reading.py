"""Reading the index: the candidates' scan (a common term past the posting budget reads its
heaviest postings only) and coverage's look-up of which query concepts each candidate holds
(the same answer whether a term's postings are read whole or probed document by document, ways
that stop at their first missing term, nothing asked again that the scan read)."""

from collections import Counter

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
    concepts = [[frozenset({"วุฒิสภา"})], [frozenset({"งบประมาณ"})], [frozenset({"ภาษี"})], [frozenset({"ไม่มีในดัชนี"})]]
    expected = {
        pk["0"]: (True, True, False, False),
        pk["1"]: (True, False, True, False),
        pk["3"]: (True, False, False, False),
    }
    probed = backend.concepts_held(asked, concepts)
    monkeypatch.setattr(database, "PROBE_RATIO", 10**9)  # every term read whole
    read_whole = backend.concepts_held(asked, concepts)
    assert probed == expected
    assert read_whole == expected


def test_a_concept_is_held_through_any_of_its_ways_and_a_way_needs_all_its_terms():
    backend, pk = _index(["วุฒิสภา ประชุม", "สภา ประชุม งบ", "งบประมาณ", "ภาษี"])
    # The word itself, or both of two other terms.
    concepts = [[frozenset({"วุฒิสภา"}), frozenset({"สภา", "ประชุม"})], [frozenset({"งบประมาณ"}), frozenset({"งบ", "ไม่มีในดัชนี"})]]
    held = backend.concepts_held([pk["0"], pk["1"], pk["2"], pk["3"]], concepts)
    assert held == {
        pk["0"]: (True, False),
        pk["1"]: (True, False),
        pk["2"]: (False, True),
        pk["3"]: (False, False),
    }


def test_a_document_holding_the_word_is_not_asked_about_the_rest_of_the_concept(django_assert_max_num_queries):
    backend, pk = _index(["วุฒิสภา ประชุม"] * 3)
    concepts = [[frozenset({"วุฒิสภา"}), frozenset({"~วุ", "~ฒิ", "~ิส", "~สภ", "~ภา"})]]
    # The terms' statistics, then one look-up: the word decides every document.
    with django_assert_max_num_queries(2):
        held = backend.concepts_held(list(pk.values()), concepts)
    assert set(held.values()) == {(True,)}


def test_nothing_asked_is_nothing_held():
    backend, pk = _index(["วุฒิสภา งบประมาณ"])
    assert backend.concepts_held([], [[frozenset({"วุฒิสภา"})]]) == {}
    assert backend.concepts_held([pk["0"]], []) == {}
    assert backend.concepts_held([pk["0"]], [[frozenset({"ไม่มีในดัชนี"})]]) == {pk["0"]: (False,)}


def test_a_term_past_the_posting_budget_reads_only_its_heaviest_postings(monkeypatch):
    # ภาษี three times in a short text weighs more than once in a long one.
    bodies = ["ภาษี ภาษี ภาษี", "ภาษี อากร", "ภาษี " + "ประชุม " * 30, "ประชุม"]
    backend, pk = _index(bodies)
    whole = backend.candidates(Counter({"ภาษี": 1.0}), limit=2)
    monkeypatch.setattr(database, "POSTING_BUDGET", 1)
    capped = backend.candidates(Counter({"ภาษี": 1.0}), limit=2)
    assert list(capped.scores) == list(whole.scores) == [pk["0"], pk["1"]]
    # Read whole, the scan knows who holds the word and who does not; capped, only who does.
    assert whole.read_whole == {"ภาษี"} and capped.read_whole == frozenset()
    assert capped.held == {pk["0"]: {"ภาษี"}, pk["1"]: {"ภาษี"}}


def test_what_the_candidates_scan_read_is_not_asked_again(django_assert_num_queries):
    backend, pk = _index(["วุฒิสภา งบประมาณ", "วุฒิสภา", "งบประมาณ"])
    scan = backend.candidates(Counter({"วุฒิสภา": 1.0, "งบประมาณ": 1.0}))
    concepts = [[frozenset({"วุฒิสภา"})], [frozenset({"งบประมาณ"})]]
    with django_assert_num_queries(1):  # the terms' statistics only
        held = backend.concepts_held(list(scan.scores), concepts, [scan])
    assert held == {pk["0"]: (True, True), pk["1"]: (True, False), pk["2"]: (False, True)}
