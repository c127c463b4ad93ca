"""The database index never writes postings to term ids that another process (a rebuild)
or a rolled-back transaction has taken away: the page stays findable."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from search import selectors
from search.backends.database import DatabaseBackend
from search.indexing import Doc
from search.models import Posting, SearchDocument, Term

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _doc(object_id, title, body):
    return Doc(
        key="page", content_type_id=ContentType.objects.get_for_model(SearchDocument).pk,
        object_id=object_id, url=f"/th/{object_id}/", title=title, body=body,
    )


def _orphan_postings():
    return Posting.objects.exclude(term_id__in=Term.objects.values("pk")).count()


def test_a_rebuild_in_another_process_does_not_strand_a_workers_postings(monkeypatch):
    worker = DatabaseBackend()  # a long-running web or task worker
    worker.index([_doc("1", "วุฒิสภาประชุม", "การประชุมวุฒิสภาครั้งแรก")])
    # Another process (manage.py update_index) empties and refills the index:
    # every term gets a new id.
    other = DatabaseBackend()
    other.clear()
    other.index([_doc("1", "วุฒิสภาประชุม", "การประชุมวุฒิสภาครั้งแรก")], fresh=True)
    other.finish_rebuild()
    # The worker then indexes a page that shares those words.
    worker.index([_doc("2", "งบประมาณวุฒิสภา", "วุฒิสภาพิจารณางบประมาณ")])
    assert _orphan_postings() == 0
    monkeypatch.setattr("search.selectors.get_backend", lambda: worker)
    titles = [hit.document.title for hit in selectors.search("วุฒิสภา").hits]
    assert "งบประมาณวุฒิสภา" in titles


def test_a_rolled_back_transaction_does_not_leave_term_ids_behind():
    backend = DatabaseBackend()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            backend.index([_doc("1", "คณะกรรมาธิการ", "คณะกรรมาธิการวิสามัญ")])
            raise RuntimeError("the editor's save failed")
    assert not Term.objects.exists()
    backend.index([_doc("2", "คณะกรรมาธิการ", "คณะกรรมาธิการสามัญ")])
    assert _orphan_postings() == 0
