import json

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from search import analysis, selectors
from search.backends import reset
from search.demo import seed_abbreviations
from search.indexing import Doc, index_docs
from search.models import SearchDocument


@pytest.fixture(autouse=True)
def _fresh_search_state():
    reset()
    analysis.clear_abbreviation_cache()
    selectors.clear_vocabulary_cache()
    yield
    reset()
    analysis.clear_abbreviation_cache()
    selectors.clear_vocabulary_cache()


@pytest.fixture
def abbreviations(db):
    seed_abbreviations()


def constitution_sections(limit=None):
    path = settings.SHARED_DATA_DIR / "constitution_2560_sections.jsonl"
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return records[:limit] if limit else records


@pytest.fixture
def constitution_index(db):
    """The 279 real sections of the 2560 constitution, indexed as 'provision' documents."""
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    import datetime as dt

    docs = [
        Doc(
            key="provision",
            content_type_id=content_type_id,
            object_id=record["section"],
            url=f"/th/laws/constitution/2560/{record['section']}/",
            title=f"มาตรา {record['section_th']}",
            body=record["text"],
            number=record["section"],
            date=dt.date(2017, 4, 6),
        )
        for record in constitution_sections()
    ]
    index_docs(docs)
    return docs
