"""The analyser on real Thai text: compounds, digits, years, abbreviations, mixed scripts."""

import pytest

from search.analysis import analyse, expand_abbreviations, normalise, segment, words

from .conftest import constitution_sections


def test_segment_keeps_every_character_of_the_real_constitution():
    for record in constitution_sections():
        text = record["text"]
        assert "".join(segment(text)) == text


def test_a_whole_section_is_cut_into_words_not_kept_as_runs():
    """Section 10, read whole: its words are found as words (องคมนตรี, คน), as in a short text."""
    text = next(record["text"] for record in constitution_sections() if record["section"] == "10")
    found = words(text)
    assert {"องคมนตรี", "คน", "ประธาน"} <= set(found)
    assert max(len(word) for word in found) < 20


def test_segment_splits_thai_words_and_keeps_spaces_and_punctuation():
    tokens = segment("ร่างกฎหมายว่าด้วย วุฒิสภา (มาตรา ๒๕๖)")
    assert tokens[:4] == ["ร่างกฎหมาย", "ว่าด้วย", " ", "วุฒิสภา"]
    assert "(" in tokens and ")" in tokens
    assert segment("") == []


def test_a_word_inside_a_compound_shares_its_terms():
    compound = set(analyse("ร่างกฎหมาย"))
    word_terms = analyse("กฎหมาย")
    bigram_terms = [term for term in word_terms if term.startswith("~")]
    assert bigram_terms and set(bigram_terms) <= compound
    assert set(t for t in analyse("วุฒิสภา") if t.startswith("~")) <= set(analyse("สำนักงานเลขาธิการวุฒิสภา"))


def test_thai_digits_become_arabic_and_years_match_in_both_eras():
    assert normalise("มาตรา ๒๕๖") == "มาตรา 256"
    assert {"2560", "2017"} <= set(analyse("พ.ศ. ๒๕๖๐"))
    assert {"2560", "2017"} <= set(analyse("2017"))
    assert "2017" not in analyse("มาตรา 256")


def test_normalise_removes_zero_width_characters_and_fixes_thai_order():
    assert normalise("กฎ\u200bหมาย") == "กฎหมาย"
    # nikhahit + sara aa typed instead of sara am
    assert normalise("สํานักงาน") == "สำนักงาน"
    assert normalise("COVID-19") == "covid-19"


def test_mixed_thai_and_english():
    terms = analyse("ร่าง พ.ร.บ. Personal Data Protection Act 2019")
    assert {"personal", "data", "protection", "act", "2019", "2562"} <= set(terms)
    assert "ร่าง" in words("ร่าง Personal")


@pytest.mark.django_db
def test_abbreviations_expand_from_the_editor_list(abbreviations):
    assert "รัฐธรรมนูญ" in analyse("รธน.")
    assert "สมาชิกวุฒิสภา" in analyse("ส.ว. ชุดใหม่")
    assert "พระราชบัญญัติ" in analyse("พ.ร.บ.ประกอบรัฐธรรมนูญ")
    # an abbreviation without its dots is still one, but not inside another word
    assert "สมาชิกวุฒิสภา" in expand_abbreviations("สว")
    assert "สมาชิกวุฒิสภา" not in expand_abbreviations("สวนสาธารณะ")


@pytest.mark.django_db
def test_a_new_abbreviation_takes_effect_without_a_restart(abbreviations):
    from search.models import Abbreviation

    assert "คณะกรรมการกฤษฎีกา" not in analyse("กฤษฎีกา ฯ")
    Abbreviation.objects.create(abbreviation="กมธ.วิสามัญ", expansion="คณะกรรมาธิการวิสามัญ")
    assert "คณะกรรมาธิการวิสามัญ" in analyse("กมธ.วิสามัญ")


def test_a_one_letter_abbreviation_is_not_read_inside_a_word(abbreviations):
    from search.query import parse

    # ม. is มาตรา; a word that ends in ม (ตาม, ประชุม) is not a section.
    assert [concept.word for concept in parse("บัญชีตาม").concepts] == ["บัญชี", "ตาม"]
    assert "มาตรา" not in parse("ประชุม กรรมการ").terms
    assert "มาตรา" in parse("ตาม ม. 44").terms
    assert "มาตรา" not in expand_abbreviations("ประชุมตามนัด")
    assert "มาตรา" in expand_abbreviations("ตาม ม.44")
