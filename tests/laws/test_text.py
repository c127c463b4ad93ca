"""Cross-references, glossary links at Thai word boundaries and the word diff, on real provisions."""

import pytest

from cms.laws import services
from cms.laws.models import GlossaryTerm, Provision
from cms.laws.text import BASE, GLOSSARY, Term, diff_words, render_paragraphs


def test_thai_and_arabic_references_become_links():
    html = render_paragraphs(
        ["ให้นำความในมาตรา ๘๘ มาใช้บังคับ", "ตามมาตรา 83 วรรคหนึ่ง และมาตรา ๒๕๕"],
        numbers={"83", "88", "255", "90"}, self_number="90",
    )
    assert f'<a class="xref" href="{BASE}88/" data-section="88">มาตรา ๘๘</a>' in html
    assert f'href="{BASE}83/"' in html and f'href="{BASE}255/"' in html


def test_references_that_are_not_in_this_instrument_stay_text():
    html = render_paragraphs(
        ["มาตรา ๕ แห่งพระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยพรรคการเมือง", "มาตรา ๙๙๙ และมาตรา ๑๒ ของเรื่องนี้", "ตามมาตรา ๑๒ แห่งรัฐธรรมนูญนี้"],
        numbers={"5", "12"}, self_number="12",
    )
    assert "xref" not in html  # another law, an unknown number, the provision itself


def test_real_section_89_of_2560_links_its_reference(c2560):
    s89 = c2560.provisions.get(number="89")
    assert "ตามมาตรา ๘๘" in s89.text
    assert f'href="{BASE}88/"' in s89.html


def test_glossary_terms_link_only_at_word_boundaries():
    terms = [Term(slug="parliament", forms=("รัฐสภา",)), Term(slug="house", forms=("สภา",))]
    html = render_paragraphs(["รัฐสภาประกอบด้วยสภาผู้แทนราษฎรและวุฒิสภา"], terms=terms)
    # "สภา" occurs three times, but always inside a longer word: never linked.
    assert f'href="{GLOSSARY}house/"' not in html
    assert f'<a class="term" href="{GLOSSARY}parliament/">รัฐสภา</a>' in html


def test_a_term_is_linked_once_per_provision():
    terms = [Term(slug="senate", forms=("วุฒิสภา",))]
    html = render_paragraphs(["วุฒิสภามีหน้าที่", "และวุฒิสภาจะ"], terms=terms)
    assert html.count('class="term"') == 1


def test_saving_a_glossary_term_and_rerendering_links_real_text(c2560):
    s79 = Provision.objects.get(instrument=c2560, number="79")
    assert "consists-of/" not in s79.html
    GlossaryTerm.objects.create(slug="consists-of", term_th="ประกอบด้วย", term_en="consists of", definition_th="มีส่วนประกอบ")
    services.instrument_rerender(instrument=c2560)
    s79.refresh_from_db()
    assert f'href="{GLOSSARY}consists-of/"' in s79.html


def test_text_is_escaped():
    html = render_paragraphs(["<script>alert(1)</script> มาตรา ๑"], numbers={"1"})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_word_diff_of_section_83_segments_thai(c2560):
    versions = list(c2560.provisions.get(number="83").versions.order_by("valid_from"))
    html = diff_words(versions[0].text, versions[1].text)
    # whole Thai words are marked: 350 constituency members became 400
    assert "จำนวน<del>สามร้อยห้าสิบ</del><ins>สี่ร้อย</ins>คน" in html
    assert "<del>ของพรรคการเมือง</del>" in html
    # the unchanged opening words are not marked
    assert html.startswith("สภาผู้แทนราษฎรประกอบด้วยสมาชิกจำนวนห้าร้อยคน ")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("สมาชิกจำนวนหนึ่งร้อยห้าสิบคน", "สมาชิกจำนวนหนึ่งร้อยคน", "<del>"),
    ("วุฒิสภา", "วุฒิสภา", "วุฒิสภา"),
])
def test_diff_words_small_cases(old, new, expected):
    html = diff_words(old, new)
    assert expected in html
    if old == new:
        assert "<del>" not in html and "<ins>" not in html


def test_seeded_glossary_is_linked_in_real_text(c2560):
    """With the project's glossary loaded, section 79 of 2560 links รัฐสภา (never the สภา inside it)."""
    s79 = Provision.objects.get(instrument=c2560, number="79")
    parliament = GlossaryTerm.objects.filter(term_th="รัฐสภา").first()
    assert parliament is not None
    assert f'href="{GLOSSARY}{parliament.slug}/"' in s79.html
    inner = GlossaryTerm.objects.filter(term_th="สภา").first()
    if inner is not None:
        assert f'href="{GLOSSARY}{inner.slug}/"' not in s79.html.split("</p>")[0]


def test_a_term_saved_in_the_admin_is_linked_everywhere_after_the_commit(c2560, django_capture_on_commit_callbacks):
    s79 = Provision.objects.get(instrument=c2560, number="79")
    assert "consists-of/" not in s79.html
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(slug="consists-of", term_th="ประกอบด้วย", term_en="consists of", definition_th="มีส่วนประกอบ")
    s79.refresh_from_db()
    assert f'href="{GLOSSARY}consists-of/"' in s79.html
