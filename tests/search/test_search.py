"""Search through HTTP and the API: Thai words inside compounds, highlighting,
ranking, phrases, facets, pagination, autocomplete, did-you-mean, bad input."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from search import registry, selectors
from search.models import Abbreviation, SearchDocument

pytestmark = pytest.mark.django_db


def test_a_word_inside_longer_thai_words_is_found_and_highlighted(client, site):
    response = client.get("/th/search/", {"q": "กฎหมาย"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "วุฒิสภาพิจารณาร่าง<mark>กฎหมาย</mark>งบประมาณ" in html
    assert "ผลการค้นหา" in html or "รายการ" in html  # the Thai interface
    assert "เปิดบ้าน" not in html


def test_the_page_is_indexed_on_publish_and_dropped_on_unpublish(site):
    outcome = selectors.search("เลขาธิการ")
    assert [hit.document.title for hit in outcome.hits] == ["สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน"]
    from cms.news.models import NewsPage

    NewsPage.objects.get(slug="open-house").unpublish()
    assert selectors.search("เลขาธิการ").total == 0


def test_section_number_in_thai_or_arabic_digits_comes_first(constitution_index):
    for query in ("มาตรา 256", "มาตรา ๒๕๖", "ม. ๒๕๖", "section 256"):
        outcome = selectors.search(query)
        assert outcome.hits[0].document.number == "256", query


def test_years_match_in_both_eras_and_digits(site):
    for query in ("2568", "๒๕๖๘", "2025"):
        outcome = selectors.search(query)
        assert [hit.document.title for hit in outcome.hits] == ["วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ"], query
        assert "<mark>๒๕๖๘</mark>" in str(outcome.hits[0].snippet)


def test_abbreviation_in_the_query_finds_the_full_word(constitution_index, abbreviations):
    outcome = selectors.search("ส.ว.")
    assert outcome.total > 10
    assert "<mark>สมาชิกวุฒิสภา</mark>" in str(
        selectors.search("ส.ว.", per_page=1).page_obj.object_list[0].snippet
    )


def test_phrase_in_quotes_must_occur_as_written(constitution_index):
    loose = selectors.search("วุฒิสภา สิ้นสุด").total
    exact = selectors.search('"อายุของวุฒิสภาสิ้นสุดลง"')
    assert 0 < exact.total < loose
    bodies = SearchDocument.objects.filter(pk__in=[hit.document.pk for hit in exact.hits]).values_list("body_norm", flat=True)
    assert all("อายุของวุฒิสภาสิ้นสุดลง" in body for body in bodies)


def test_snippets_are_cut_at_word_boundaries_and_escaped(constitution_index):
    outcome = selectors.search("ศาลรัฐธรรมนูญ")
    snippet = str(outcome.page_obj.object_list[0].snippet)
    assert "<mark>" in snippet
    text = snippet.replace("<mark>", "").replace("</mark>", "").strip("… ")
    body = next(doc.body for doc in SearchDocument.objects.filter(pk=outcome.page_obj.object_list[0].document.pk))
    assert text in " ".join(body.split())
    from search.analysis import segment

    flat = " ".join(body.split())
    begin = flat.index(text)
    end = begin + len(text)
    window_start = flat.rfind(" ", 0, begin) + 1  # Thai text is segmented between spaces
    boundaries, position = {window_start}, window_start
    for token in segment(flat[window_start:]):
        position += len(token)
        boundaries.add(position)
    assert begin in boundaries or begin == 0
    assert end in boundaries or end == len(flat)


def test_facets_and_pagination(client, constitution_index, site):
    response = client.get(reverse("search:search"), {"q": "วุฒิสภา"})
    outcome = response.context["outcome"]
    types = {facet.value: facet.count for facet in outcome.type_facets}
    assert types["provision"] > 10 and types["news"] == 2
    assert {facet.value for facet in outcome.year_facets} >= {"2017"}
    assert outcome.page_obj.paginator.num_pages > 1
    narrowed = client.get(reverse("search:search"), {"q": "วุฒิสภา", "type": "news"}).context["outcome"]
    assert narrowed.total == 2
    second = client.get(reverse("search:search"), {"q": "วุฒิสภา", "page": 2})
    assert second.context["page_obj"].number == 2
    assert "page=3" in second.content.decode() or second.context["page_obj"].paginator.num_pages == 2


def test_did_you_mean_for_a_misspelt_thai_word(constitution_index):
    outcome = selectors.search("รัฐธรรมนุญ")
    assert outcome.suggestion == "รัฐธรรมนูญ"
    assert selectors.search("รัฐธรรมนูญ").suggestion == ""


@pytest.mark.parametrize(
    ("query", "thai", "english"),
    [
        ("", "พิมพ์คำ", "Type a word"),
        ("!!! ??? ...", "ไม่มีตัวอักษร", "no letters or numbers"),
    ],
)
def test_bad_input_is_answered_in_the_users_language(client, site, query, thai, english):
    th = client.get("/th/search/", {"q": query})
    en = client.get("/en/search/", {"q": query})
    assert th.status_code == en.status_code == 200
    assert thai in th.content.decode()
    assert english in en.content.decode()


def test_over_long_html_and_sql_input_never_fails(client, site):
    long_query = "กฎหมาย " * 200
    response = client.get("/en/search/", {"q": long_query})
    assert response.status_code == 200
    assert "only its first 200 characters" in response.content.decode()
    for query in ["<script>alert(1)</script>", "'; DROP TABLE chandra_search_term; --", "a\x00b", "%' OR 1=1 --"]:
        response = client.get("/th/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get("/th/search/", {"q": "กฎหมาย", "page": "abc", "year": "x"}).status_code == 200


@pytest.mark.parametrize("query", ["บุคคล ³", "สิทธิ ²", "บุคคล ⅷ", "บุคคล ໕"])
def test_digits_of_other_scripts_in_a_query_never_fail(client, constitution_index, site, query):
    assert client.get("/th/search/", {"q": query}).status_code == 200
    assert client.get(reverse("v1:search"), {"q": query}).status_code == 200


def test_api_search(client, constitution_index, site):
    response = client.get(reverse("v1:search"), {"q": "มาตรา ๒๕๖", "lang": "en"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["number"] == "256"
    assert data["results"][0]["type"] == "provision"
    assert {"types", "years"} <= set(data["facets"])
    assert data["pages"] >= 1


def test_api_bad_input_uses_the_error_format(client, site):
    response = client.get(reverse("v1:search"), {"q": "   ", "lang": "th"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "q" in error["fields"]
    assert "พิมพ์คำ" in error["fields"]["q"][0]
    assert client.get(reverse("v1:search"), {"q": "กฎหมาย", "page_size": "500"}).status_code == 400


def test_api_is_in_the_schema(client):
    schema = client.get(reverse("v1:schema")).content.decode()
    assert "/api/v1/search/" in schema and "/api/v1/search/autocomplete/" in schema


def test_autocomplete(client, site):
    response = client.get(reverse("search:autocomplete"), {"q": "วุฒิสภา"})
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert "วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ" in titles
    assert client.get(reverse("search:autocomplete"), {"q": ""}).json()["suggestions"] == []
    api = client.get(reverse("v1:search-autocomplete"), {"q": "กฎหมาย"}).json()
    assert api["suggestions"][0]["url"].startswith("http")


def test_indexed_models_follow_save_and_delete_and_update_index_rebuilds(db, abbreviations):
    from wagtail.search.backends import get_search_backend

    from cms.laws.models import Instrument

    def admin_search(text):
        return list(get_search_backend().search(text, Instrument))

    instrument = Instrument.objects.create(slug="act-coop", kind="act", title="พระราชบัญญัติสหกรณ์การเกษตร")
    assert [hit.document.title for hit in selectors.search("เกษตร").hits] == [instrument.title]
    instrument.published = False
    instrument.save()  # no longer public: out of the public search, still found in the admin
    assert selectors.search("เกษตร").total == 0
    assert admin_search("เกษตร") == [instrument]
    instrument.published = True
    instrument.save()
    SearchDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    # The rebuild indexes every instrument (the laws tests' constitutions too, when they ran first).
    assert instrument.title in [hit.document.title for hit in selectors.search("เกษตร").hits]
    assert SearchDocument.objects.filter(key="instrument").count() == Instrument.objects.count()
    instrument.delete()
    assert instrument.title not in [hit.document.title for hit in selectors.search("เกษตร").hits]
    assert instrument not in admin_search("เกษตร")


def test_only_indexed_models_can_be_registered():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        registry.register(Abbreviation, key="abbr", label="Abbreviation", url=str, title=str)


def test_demo_loader_is_idempotent(db, site):
    from io import StringIO

    from search import demo

    demo.load(stdout=StringIO())
    count = (Abbreviation.objects.count(), SearchDocument.objects.count())
    demo.load(stdout=StringIO())
    assert (Abbreviation.objects.count(), SearchDocument.objects.count()) == count
    assert SearchDocument.objects.filter(key="news").count() == 2
