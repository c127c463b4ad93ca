"""Provisions in the Thai search: "มาตรา 256" and "มาตรา ๒๕๖" go straight to the section."""

import pytest

from cms.laws import services

search_selectors = pytest.importorskip("search.selectors")


@pytest.mark.parametrize("query", ["มาตรา 256", "มาตรา ๒๕๖"])
def test_a_section_number_finds_the_section(c2560, query):
    services.instrument_index(instrument=c2560)
    outcome = search_selectors.search(query)
    first = outcome.hits[0].document
    assert first.key == "provision" and first.number == "256"
    # the sections numbered 256 come first (2540, 2550 and 2560 all have one)
    leading = [hit.document for hit in outcome.hits if hit.tier == 0]
    assert all(doc.number == "256" for doc in leading)
    assert any(doc.url.endswith("/laws/constitution-2560/256/") for doc in leading)


def test_an_instrument_title_finds_the_instrument(interim2475):
    services.instrument_index(instrument=interim2475)
    outcome = search_selectors.search("ธรรมนูญการปกครองแผ่นดินสยามชั่วคราว")
    assert any(hit.document.key == "instrument" and hit.document.url.endswith("/constitution-2475-interim/") for hit in outcome.hits)
