
import pytest
from django.contrib.contenttypes.models import ContentType

from cms.laws.importer import read_jsonl
from cms.laws.services import legal_text_path
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
    records = [record for _line, record in read_jsonl(legal_text_path("constitution_2560_sections.jsonl"))]
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


@pytest.fixture
def site(db, abbreviations):
    """The test site with two Thai news articles whose words hide inside compounds."""
    from tests.factories import add_article, make_site

    pages = make_site()
    add_article(
        pages["news_th"], title="วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ", slug="budget",
        summary="ที่ประชุมวุฒิสภามีมติรับหลักการร่างกฎหมายว่าด้วยงบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๘",
    )
    add_article(
        pages["news_th"], title="สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน", slug="open-house",
        summary="ประชาชนเข้าชมอาคารรัฐสภาได้ทุกวันเสาร์",
    )
    return pages
