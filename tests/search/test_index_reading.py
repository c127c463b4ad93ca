"""Reading the index: the candidates' scan (a common term past the posting budget reads its
heaviest postings only) and coverage's look-up of which query concepts each candidate holds,
from each document's own packed list of its terms (one query, whatever the concepts)."""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from search.backends import database
from search.backends.database import DatabaseBackend, HoldsTerm, pack_terms
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


def test_each_document_keeps_its_terms_and_the_database_finds_them_exactly():
    backend, pk = _index(["วุฒิสภา งบประมาณ", "ภาษี"])
    stats = backend.term_stats(["วุฒิสภา", "งบประมาณ", "ภาษี"])
    row = SearchDocument.objects.get(pk=pk["0"])
    assert len(row.terms) % 4 == 0 and row.terms[0] & 0x80
    # A term's four bytes start with the only byte that has its high bit set, so a term can
    # only be found where one starts, whatever the ids around it.
    for term_id in (0x7F, 0x80, 0x3FFF, 0x4000, (1 << 28) - 2):
        packed = pack_terms([term_id - 1, term_id, term_id + 1])
        assert packed.count(pack_terms([term_id])) == 1 and packed.index(pack_terms([term_id])) == 4
    with pytest.raises(ValueError):
        pack_terms([1 << 28])
    held = SearchDocument.objects.filter(pk=pk["0"]).annotate(
        senate=HoldsTerm("terms", stats["วุฒิสภา"][0]), tax=HoldsTerm("terms", stats["ภาษี"][0])
    ).values_list("senate", "tax").get()
    assert held == (True, False)


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


def test_concepts_are_looked_up_in_one_query_however_many_terms_they_have(django_assert_num_queries):
    backend, pk = _index(["วุฒิสภา ประชุม"] * 3 + ["ประชุม"])
    concepts = [[frozenset({"วุฒิสภา"}), frozenset({"~วุ", "~ฒิ", "~ิส", "~สภ", "~ภา"})], [frozenset({"ประชุม"})]]
    with django_assert_num_queries(2):  # the terms' statistics, then the documents' terms
        held = backend.concepts_held(list(pk.values()), concepts)
    assert held == {pk["0"]: (True, True), pk["1"]: (True, True), pk["2"]: (True, True), pk["3"]: (False, True)}


def test_a_document_indexed_again_keeps_its_new_terms():
    backend, pk = _index(["วุฒิสภา"])
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    backend.index([Doc(key="page", content_type_id=content_type_id, object_id="0", url="/th/0/", title="เรื่อง", body="ภาษี")])
    new_pk = SearchDocument.objects.get(object_id="0").pk
    held = backend.concepts_held([new_pk], [[frozenset({"วุฒิสภา"})], [frozenset({"ภาษี"})]])
    assert held == {new_pk: (False, True)}


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
    assert [doc_id for doc_id, _ in capped] == [doc_id for doc_id, _ in whole] == [pk["0"], pk["1"]]


def test_past_the_budget_the_commoner_terms_are_left_out(monkeypatch):
    # Four terms, each in one document more than the one before: with no budget the three
    # rarest still count (their heaviest postings), the commonest is left out.
    bodies = ["ก่อสร้าง", "ก่อสร้าง ทางหลวง", "ก่อสร้าง ทางหลวง ชนบท", "ก่อสร้าง ทางหลวง ชนบท สะพาน"]
    backend, pk = _index(bodies)
    monkeypatch.setattr(database, "POSTING_BUDGET", 0)
    found = dict(backend.candidates(Counter({"ก่อสร้าง": 1.0, "ทางหลวง": 1.0, "ชนบท": 1.0, "สะพาน": 1.0})))
    assert pk["0"] not in found and set(found) == {pk["1"], pk["2"], pk["3"]}


def test_a_pasted_text_reads_more_postings(monkeypatch):
    bodies = ["ก่อสร้าง", "ก่อสร้าง ทางหลวง", "ก่อสร้าง ทางหลวง ชนบท", "ก่อสร้าง ทางหลวง ชนบท สะพาน"]
    backend, pk = _index(bodies)
    monkeypatch.setattr(database, "POSTING_BUDGET", 0)
    terms = Counter({"ก่อสร้าง": 1.0, "ทางหลวง": 1.0, "ชนบท": 1.0, "สะพาน": 1.0})
    assert pk["0"] not in dict(backend.candidates(terms))
    assert pk["0"] in dict(backend.candidates(terms, pasted=True))
