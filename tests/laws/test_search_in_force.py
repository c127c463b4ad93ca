"""The law in force first: a section number without a year puts the 2560 section first
and groups the earlier ones under it; a named year goes to that year."""

import pytest

from cms.laws import services
from cms.laws.models import Instrument

search_selectors = pytest.importorskip("search.selectors")


@pytest.fixture
def constitutions(laws_data, db):
    for slug in ("constitution-2540", "constitution-2550", "constitution-2560"):
        services.instrument_index(instrument=Instrument.objects.get(slug=slug))


def test_the_section_in_force_comes_first_with_earlier_versions_under_it(constitutions):
    outcome = search_selectors.search("มาตรา 256")
    first = outcome.hits[0]
    assert first.document.url.endswith("/constitution-2560/256/")
    assert [year for year, _ in first.also_in] == [2550, 2540]
    assert not any(hit.document.url.endswith(("/constitution-2550/256/", "/constitution-2540/256/")) for hit in outcome.hits)


def test_a_named_year_goes_to_that_constitution(constitutions):
    outcome = search_selectors.search("รัฐธรรมนูญ 2540 มาตรา 256")
    assert outcome.hits[0].document.url.endswith("/constitution-2540/256/")


def test_text_queries_put_the_constitution_in_force_first(constitutions):
    outcome = search_selectors.search("สมาชิกวุฒิสภามีจำนวน")
    assert outcome.hits[0].document.url.split("/laws/")[1].startswith("constitution-2560/")


def test_autocomplete_shows_thai_digits_and_the_section_in_force_first(client, constitutions):
    suggestions = client.get("/th/search/autocomplete/", {"q": "มาตรา 256"}).json()["suggestions"]
    assert suggestions[0]["title"].startswith("มาตรา ๒๕๖ ")
    assert suggestions[0]["url"].endswith("/constitution-2560/256/")
    assert "<mark>๒๕๖</mark>" in suggestions[0]["title_html"]
