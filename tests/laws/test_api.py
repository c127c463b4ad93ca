"""The laws API: instruments, provisions at a date, topics, mappings, glossary; all in the schema."""

from django.urls import reverse

from cms.laws import services


def test_instrument_list_and_kind_filter(client, laws_data, db):
    data = client.get(reverse("v1:instrument-list"), {"kind": "interim"}).json()
    assert [i["slug"] for i in data["results"]] == ["constitution-2475-interim"]
    assert data["results"][0]["ended"] == "1932-12-10"  # checked, so shown
    assert data["results"][0]["end_reason"] == "ฉบับที่ ๒ ใช้บังคับแทน"
    everything = client.get(reverse("v1:instrument-list")).json()
    assert everything["count"] == 4


def test_instrument_detail_has_structure(client, c2560):
    data = client.get(reverse("v1:instrument-detail", kwargs={"slug": "constitution-2560"})).json()
    assert data["title"] == "รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐"
    assert len(data["provisions"]) == 279 and data["provisions"][82] == "83"
    assert {"kind": "chapter", "label": "หมวด ๗", "title": "รัฐสภา"}.items() <= next(d for d in data["divisions"] if d["label"] == "หมวด ๗").items()


def test_provision_at_a_date(client, c2560):
    url = reverse("v1:provision-detail", kwargs={"instrument_slug": "constitution-2560", "number": "83"})
    before = client.get(url, {"date": "2020-01-01"}).json()
    after = client.get(url, {"date": "2022-01-01"}).json()
    assert before["as_of"] == "2020-01-01"
    assert "(๑) สมาชิกซึ่งมาจากการเลือกตั้งแบบแบ่งเขตเลือกตั้งจำนวนสามร้อยห้าสิบคน" in before["paragraphs"]
    assert "สี่ร้อยคน" in after["paragraphs"][0]
    assert [v["valid_from"] for v in after["versions"]] == ["2017-04-06", "2021-11-22"]
    assert client.get(url, {"date": "2000-01-01"}).json()["paragraphs"] is None


def test_provision_errors_use_the_api_format(client, c2560):
    url = reverse("v1:provision-detail", kwargs={"instrument_slug": "constitution-2560", "number": "83"})
    bad = client.get(url, {"date": "not-a-date"})
    assert bad.status_code == 400 and bad.json()["error"]["fields"]["date"]
    missing = client.get(reverse("v1:provision-detail", kwargs={"instrument_slug": "constitution-2560", "number": "999"}))
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
    assert client.get(reverse("v1:provision-list", kwargs={"instrument_slug": "nope"})).status_code == 404


def test_provision_list_is_paginated(client, c2560):
    data = client.get(reverse("v1:provision-list", kwargs={"instrument_slug": "constitution-2560"}), {"page_size": 5}).json()
    assert data["count"] == 279 and [p["number"] for p in data["results"]] == ["1", "2", "3", "4", "5"]


def test_topics_and_mappings(client, laws_data, db):
    topics = client.get(reverse("v1:topic-list"), {"lang": "en"}).json()
    topics = topics["results"] if isinstance(topics, dict) else topics
    senate = next(t for t in topics if t["slug"] == "senate")
    assert senate["name"] == "The Senate"
    mappings = client.get(reverse("v1:mapping-list"), {"topic": "senate", "lang": "en"}).json()
    mappings = mappings["results"] if isinstance(mappings, dict) else mappings
    composition = next(m for m in mappings if m["label_en"] == "Composition of the Senate")
    assert {(p["instrument"], p["number"]) for p in composition["provisions"]} == {
        ("constitution-2540", "121"), ("constitution-2550", "111"), ("constitution-2560", "107")}


def test_glossary_api(client, c2560):
    services.glossary_import(entries=[{"slug": "senate", "term_th": "วุฒิสภา", "term_en": "Senate", "definition_th": "สภาที่สอง",
                                       "related": [{"law_id": "constitution-2560", "section": "107"}]}])
    data = client.get(reverse("v1:glossary-list"), {"letter": "ว"}).json()
    assert data["results"][0]["initial"] == "ว" and data["results"][0]["related"][0]["number"] == "107"
    from cms.laws.models import GlossaryTerm

    under_ko = [t for t in GlossaryTerm.objects.all() if t.initial == "ก"]
    assert client.get(reverse("v1:glossary-list"), {"letter": "ก", "page_size": 100}).json()["count"] == len(under_ko)
    assert under_ko and "senate" not in {t.slug for t in under_ko}
    assert client.get(reverse("v1:glossary-detail", kwargs={"slug": "senate"})).json()["term_en"] == "Senate"


def test_everything_is_in_the_schema(client, db):
    schema = client.get(reverse("v1:schema"), {"format": "json"}).json()
    for path in ("/api/v1/instruments/", "/api/v1/instruments/{slug}/", "/api/v1/instruments/{instrument_slug}/provisions/",
                 "/api/v1/instruments/{instrument_slug}/provisions/{number}/", "/api/v1/topics/", "/api/v1/mappings/",
                 "/api/v1/glossary/", "/api/v1/glossary/{slug}/"):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/v1/instruments/{instrument_slug}/provisions/{number}/"]["get"]["parameters"]}
    assert "date" in params
