"""Reading, the timeline, comparing and the glossary over HTTP, in Thai and English."""

import pytest
from django.urls import reverse

from cms.laws import services
from cms.laws.models import GlossaryTerm, Instrument


def test_timeline_in_thai_shows_end_dates_and_how_each_ended(client, laws_data, db):
    page = client.get("/th/laws/").content.decode()
    assert "<h1>รัฐธรรมนูญไทย</h1>" in page and "ธรรมนูญและรัฐธรรมนูญของไทยทั้ง ๔ ฉบับ" in page
    assert "พระราชบัญญัติธรรมนูญการปกครองแผ่นดินสยามชั่วคราว พุทธศักราช ๒๔๗๕" in page
    assert "ฉบับชั่วคราว" in page and "ฉบับถาวร" in page
    # One digit rule: Thai digits for every number on a Thai page.
    assert '<p class="timeline__year">๒๔๗๕</p>' in page and "๒๗ มิถุนายน ๒๔๗๕" in page
    assert "๑๐ ธันวาคม ๒๔๗๕ — ฉบับที่ ๒ ใช้บังคับแทน" in page
    assert "ยังไม่ได้ตรวจสอบวันสิ้นสุด" not in page and "replaced by" not in page


def test_end_date_and_reason_in_english(client, interim2475):
    page = client.get("/en/laws/").content.decode()
    assert "10 December 1932 — Replaced by constitution no. 2" in page
    detail = client.get("/en/laws/constitution-2475-interim/").content.decode()
    assert "In force until 10 December 1932 (Replaced by constitution no. 2)" in detail


def test_an_unverified_end_date_stays_hidden(client, interim2475):
    interim2475.dates_verified = False
    interim2475.save()
    page = client.get("/th/laws/").content.decode()
    assert "ยังไม่ได้ตรวจสอบวันสิ้นสุด" in page and "ใช้บังคับแทน" not in page


def test_interim_charter_reads_by_section(client, interim2475):
    page = client.get(interim2475.get_absolute_url()).content.decode()
    assert page.count('class="provision') >= 39
    assert "หมวดที่ ๔" in page or "หมวด ๔" in page
    section = client.get("/th/laws/constitution-2475-interim/1/").content.decode()
    assert "มาตรา ๑" in section and 'rel="next"' in section and 'rel="prev"' not in section


def test_section_page_in_thai_and_english(client, c2560):
    th = client.get("/th/laws/constitution-2560/256/").content.decode()
    assert "<h1>มาตรา ๒๕๖" in th and 'rel="prev" href="/th/laws/constitution-2560/255/"' in th
    assert 'href="/th/laws/constitution-2560/257/"' in th
    en = client.get("/en/laws/constitution-2560/256/").content.decode()
    assert "<h1>Section 256" in en and 'lang="th"' in en


def test_thai_digits_in_the_address_find_the_section(client, c2560):
    response = client.get("/th/laws/constitution-2560/๘๓/")
    assert response.status_code == 200 and "มาตรา ๘๓" in response.content.decode()


def test_cross_reference_links_to_the_section(client, c2560):
    page = client.get("/th/laws/constitution-2560/89/").content.decode()
    assert '<a class="xref" href="/th/laws/constitution-2560/88/" data-section="88">มาตรา ๘๘</a>' in page


def test_unknown_instrument_and_section_are_404(client, c2560):
    assert client.get("/th/laws/constitution-9999/").status_code == 404
    assert client.get("/th/laws/constitution-2560/999/").status_code == 404
    assert client.get("/th/laws/constitution-2560/abc/").status_code == 404


def test_unpublished_instrument_is_hidden(client, c2560):
    c2560.published = False
    c2560.save()
    assert client.get("/th/laws/constitution-2560/").status_code == 404
    assert client.get("/th/laws/constitution-2560/83/").status_code == 404


def test_search_within_an_instrument(client, c2560):
    page = client.get("/th/laws/constitution-2560/", {"q": "คณะกรรมการการเลือกตั้ง"}).content.decode()
    assert "มาตราที่มีคำว่า “คณะกรรมการการเลือกตั้ง”:" in page and 'href="#s222"' in page
    assert '<article class="provision provision--hit" id="s222">' in page
    assert '<article class="provision" id="s1">' in page
    none = client.get("/th/laws/constitution-2560/", {"q": "ไม่มีคำนี้แน่นอนเลย"}).content.decode()
    assert "มาตราที่มีคำว่า “ไม่มีคำนี้แน่นอนเลย”: ๐" in none


def test_print_view(client, c2560):
    page = client.get(reverse("laws:instrument_print", kwargs={"slug": "constitution-2560"})).content.decode()
    assert "print.css" in page and "มาตรา ๒๗๙" in page and "search-box" not in page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_full_2560_page_has_contents_and_a_constant_number_of_queries(client, c2560, interim2475, django_assert_max_num_queries):
    client.get("/th/laws/constitution-2475-interim/")  # warm per-process caches (site, settings)
    with django_assert_max_num_queries(10):
        response = client.get("/th/laws/constitution-2560/")
    # 279 sections cost no more queries than 39
    assert _queries(client, "/th/laws/constitution-2560/") == _queries(client, "/th/laws/constitution-2475-interim/")
    page = response.content.decode()
    assert page.count('<article class="provision') == 279
    assert 'href="#d1"' in page and "สารบัญ" in page
    assert 'data-copy-link="/th/laws/constitution-2560/83/"' in page


def test_section_page_constant_queries(client, c2560):
    client.get("/th/laws/constitution-2560/1/")
    amended = _queries(client, "/th/laws/constitution-2560/83/")  # two versions; each section rendered, not yet kept
    assert amended <= 10
    assert amended == _queries(client, "/th/laws/constitution-2560/107/")


def test_compare_senate_composition_2540_2550_2560(client, laws_data, db):
    page = client.get("/th/laws/compare/", {"c": ["constitution-2540", "constitution-2550", "constitution-2560"], "topic": "senate"}).content.decode()
    assert "องค์ประกอบของวุฒิสภา" in page
    for url in ("/th/laws/constitution-2540/121/", "/th/laws/constitution-2550/111/", "/th/laws/constitution-2560/107/"):
        assert f'href="{url}"' in page
    assert "จำนวนรวมหนึ่งร้อยห้าสิบคน" in page  # 2550 s.111 text side by side
    assert client.get("/th/laws/compare/", {"topic": "no-such-topic"}).status_code == 404


def test_compare_default_and_english(client, laws_data, db):
    page = client.get("/en/laws/compare/").content.decode()
    assert "Compare constitutions" in page and "Composition of the Senate" in page


def test_section_page_links_its_mapping(client, c2560):
    page = client.get("/th/laws/constitution-2560/107/").content.decode()
    assert "เรื่องเดียวกันในรัฐธรรมนูญฉบับอื่น" in page and 'href="/th/laws/constitution-2540/121/"' in page


@pytest.fixture
def terms(c2560):
    services.glossary_import(entries=[
        {"slug": "national-assembly", "term_th": "รัฐสภา", "term_en": "National Assembly", "aliases_th": [],
         "definition_th": "องค์กรที่ใช้อำนาจนิติบัญญัติ ประกอบด้วยสภาผู้แทนราษฎรและวุฒิสภา", "definition_en": "The legislature.",
         "related": [{"law_id": "constitution-2560", "section": "79"}]},
        {"slug": "senate", "term_th": "วุฒิสภา", "term_en": "Senate", "aliases_th": [],
         "definition_th": "สภาที่สองของรัฐสภา", "definition_en": "The upper house.", "related": []},
    ])
    services.instrument_rerender(instrument=c2560)
    return GlossaryTerm.objects.all()


def test_glossary_index_and_term(client, terms):
    page = client.get("/th/laws/glossary/").content.decode()
    assert "<h1>พจนานุกรมศัพท์" in page and 'href="/th/laws/glossary/national-assembly/"' in page
    assert '<span lang="th" aria-disabled="true">ฮ</span>' in page
    only = client.get("/th/laws/glossary/", {"letter": "ว"}).content.decode()
    assert "/glossary/senate/" in only and "/glossary/national-assembly/" not in only
    term = client.get("/en/laws/glossary/national-assembly/").content.decode()
    assert "The legislature." in term and 'href="/en/laws/constitution-2560/79/"' in term
    assert client.get("/th/laws/glossary/nothing/").status_code == 404


def test_glossary_terms_are_linked_in_section_text(client, terms):
    page = client.get("/th/laws/constitution-2560/79/").content.decode()
    assert '<a class="term" href="/th/laws/glossary/national-assembly/">รัฐสภา</a>' in page
    assert '<a class="term" href="/th/laws/glossary/senate/">วุฒิสภา</a>' in page


def test_regulations_and_acts_list(client, laws_data, db):
    services.load_acts(index=False)
    page = client.get("/th/laws/regulations/").content.decode()
    assert "ข้อบังคับการประชุม" in page and "ว่าด้วยการได้มาซึ่งสมาชิกวุฒิสภา พ.ศ. ๒๕๖๑" in page


def test_home_tiles_lead_to_laws(laws_data, db):
    assert reverse("laws:constitution_list") == "/th/laws/"
    assert reverse("laws:regulation_list") == "/th/laws/regulations/"
    assert reverse("laws:glossary") == "/th/laws/glossary/"
    assert Instrument.objects.constitutions().count() == 4


def test_meeting_regulations_excerpt_is_labelled(client, laws_data, db):
    services.load_regulations(index=False)
    page = client.get("/th/laws/regulations/").content.decode()
    assert "ข้อบังคับการประชุมวุฒิสภา พ.ศ. ๒๕๖๒" in page and "ข้อความบางส่วนเพื่อการสาธิต" in page
    senate = Instrument.objects.get(slug="senate-rules-2562")
    assert senate.kind == "regulation" and senate.chamber == "senate"
    clause = client.get("/th/laws/senate-rules-2562/1/").content.decode()
    assert "<h1>ข้อ ๑" in clause
    assert "<h1>Clause 1" in client.get("/en/laws/senate-rules-2562/1/").content.decode()


def test_editor_corrects_a_provision_in_the_admin_with_a_revision(client, c2560, django_user_model):
    from cms.laws.models import Provision

    admin = django_user_model.objects.create_superuser("lawadmin", "law@example.com", "x")
    client.force_login(admin)
    provision = Provision.objects.get(instrument=c2560, number="89")
    edit = f"/admin/snippets/laws/provision/edit/{provision.pk}/"
    assert client.get(edit).status_code == 200
    paragraphs = provision.paragraphs + ["วรรคที่เพิ่มโดยบรรณาธิการ ตามมาตรา ๘๘"]
    import json

    response = client.post(edit, {
        "instrument": c2560.pk, "number": "89", "order": provision.order, "division": provision.division_id or "",
        "paragraphs": "\n\n".join(paragraphs), "footnotes": "[]",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    provision.refresh_from_db()
    assert provision.paragraphs[-1] == "วรรคที่เพิ่มโดยบรรณาธิการ ตามมาตรา ๘๘"
    assert provision.html.count('href="%%LAWBASE%%88/"') == 2  # the new paragraph is linked too
    assert provision.revisions.count() == 1


def test_editor_maps_sections_by_reference_lines(client, c2560, django_user_model):
    from cms.laws.models import SectionMapping

    admin = django_user_model.objects.create_superuser("mapper", "map@example.com", "x")
    client.force_login(admin)
    add = "/admin/snippets/laws/sectionmapping/add/"
    bad = client.post(add, {"label_th": "ทดสอบ", "label_en": "Test", "order": 1, "provision_refs": "constitution-2560 999\nnonsense"})
    assert bad.status_code == 200 and not SectionMapping.objects.filter(label_en="Test").exists()
    good = client.post(add, {"label_th": "ทดสอบ", "label_en": "Test", "order": 1,
                             "provision_refs": "constitution-2540 121\nconstitution-2560 มาตรา ๑๐๗"})
    assert good.status_code == 302
    mapping = SectionMapping.objects.get(label_en="Test")
    assert {(p.instrument.slug, p.number) for p in mapping.provisions.all()} == {("constitution-2540", "121"), ("constitution-2560", "107")}


@pytest.mark.parametrize("path", ["/th/laws/", "/en/laws/", "/th/laws/regulations/", "/th/laws/compare/",
                                  "/th/laws/glossary/", "/th/laws/constitution-2560/83/history/"])
def test_laws_pages_need_at_most_ten_queries(client, laws_data, db, path, django_assert_max_num_queries):
    client.get(path)  # the navigation is computed once per site and language
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200


def test_the_whole_text_is_kept_until_the_law_changes(client, c2560, django_assert_max_num_queries):
    from cms.laws.models import Provision

    url = "/th/laws/constitution-2560/"
    assert "วรรคที่แก้ไขทดสอบ" not in client.get(url).content.decode()
    with django_assert_max_num_queries(4):  # the instrument and the page's own; the text is kept
        client.get(url)
    provision = Provision.objects.get(instrument=c2560, number="89")
    provision.paragraphs = [*provision.paragraphs, "วรรคที่แก้ไขทดสอบ"]
    provision.save()
    assert "วรรคที่แก้ไขทดสอบ" in client.get(url).content.decode()
    assert "วรรคที่แก้ไขทดสอบ" in client.get(url, {"q": "แก้ไขทดสอบ"}).content.decode()


def test_a_section_is_kept_until_the_laws_change(client, c2560, django_assert_max_num_queries):
    from cms.laws.models import Provision, SectionMapping

    url = "/th/laws/constitution-2560/89/"
    assert "วรรคที่แก้ไขทดสอบ" not in client.get(url).content.decode()
    with django_assert_max_num_queries(10_000) as kept:
        page = client.get(url).content.decode()
    assert not [query for query in kept if "laws_provision" in query["sql"]]  # the section is kept
    assert "<title>มาตรา ๘๙ · รัฐธรรมนูญแห่งราชอาณาจักรไทย" in page
    provision = Provision.objects.get(instrument=c2560, number="89")
    provision.paragraphs = [*provision.paragraphs, "วรรคที่แก้ไขทดสอบ"]
    provision.save()
    assert "วรรคที่แก้ไขทดสอบ" in client.get(url).content.decode()
    mapping = SectionMapping.objects.create(label_th="หัวข้อทดสอบ", label_en="Test subject", order=99)
    mapping.provisions.add(provision)
    assert "หัวข้อทดสอบ" in client.get(url).content.decode()
