"""Ranking for citizens' questions: question words weighted down, numbers in words and
digits alike, abbreviations expanded at query time, partial matches with a notice,
filters that never empty a page, the count past the candidate cap."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from search import selectors
from search.analysis import analyse
from search.indexing import Doc, index_docs
from search.models import Abbreviation, SearchDocument
from search.query import parse

pytestmark = pytest.mark.django_db


def test_numbers_in_thai_words_thai_digits_and_arabic_digits_are_one_term():
    assert "5" in analyse("ดำรงตำแหน่งห้าปี") and "5" in analyse("๕ ปี")
    assert "150" in analyse("หนึ่งร้อยห้าสิบคน") and "150" in analyse("150 คน")
    assert "40" in analyse("มีอายุไม่ต่ำกว่าสี่สิบปี")
    assert not {"5", "50"} & set(analyse("ห้ามมิให้"))  # ห้าม is a word, not ห้า


def test_question_words_are_weighted_down_not_deleted():
    query = parse("องคมนตรีมีได้กี่คน")
    assert query.question
    assert query.terms["กี่"] < query.terms["องคมนตรี"] / 5
    assert "กี่" in query.terms  # still there, at a small weight
    assert [concept.word for concept in query.concepts] == ["องคมนตรี", "คน"]


def test_a_question_finds_the_answering_section(constitution_index):
    for question, section in [("ชุมนุมโดยสงบได้ไหม", "44"), ("เด็กเรียนฟรีกี่ปี", "54")]:
        numbers = [hit.document.number for hit in selectors.search(question).hits[:3]]
        assert section in numbers, (question, numbers)


def test_section_number_inside_a_longer_query(constitution_index):
    for query in ("รธน 60 มาตรา 185", "รัฐธรรมนูญ ๒๕๖๐ ม.๕๒", "มาตรา77 รธน.60"):
        parsed = parse(query)
        assert parsed.years == {2017}, query
        assert selectors.search(query).hits[0].document.number == parsed.number, query


def test_an_abbreviation_added_by_an_editor_works_without_a_reindex(constitution_index, abbreviations):
    assert not any("ศาลปกครอง" in hit.document.title + hit.document.url for hit in selectors.search("ศป.").hits[:1])
    before = SearchDocument.objects.count()
    Abbreviation.objects.create(abbreviation="ศป.", expansion="ศาลปกครอง")
    outcome = selectors.search("ศป.")
    assert outcome.total > 0
    bodies = SearchDocument.objects.filter(pk=outcome.hits[0].document.pk).values_list("body_norm", flat=True)
    assert "ศาลปกครอง" in bodies[0]
    assert SearchDocument.objects.count() == before


def test_synonyms_kept_as_abbreviations_work_both_ways(constitution_index, abbreviations):
    everyday = selectors.search("แก้รัฐธรรมนูญ")
    assert everyday.total > 0
    assert "256" in [hit.document.number for hit in everyday.hits[:5]]


def test_an_everyday_word_inside_a_run_of_thai_is_read_as_the_laws_word(constitution_index, abbreviations):
    query = parse("ตำรวจจะเข้าค้นบ้านต้องมีหมายศาลไหม")
    assert query.terms["เคหสถาน"] > 0 and query.terms["ของ"] > 0  # บ้าน -> เคหสถาน, หมายศาล -> หมายของศาล
    home = next(concept for concept in query.concepts if concept.word == "บ้าน")
    assert frozenset({"เคหสถาน"}) in home.ways
    assert selectors.search("ตำรวจจะเข้าค้นบ้านต้องมีหมายศาลไหม").hits[0].document.number == "33"
    # A synonym is a whole word of the query: สว does not match inside สวน, บ้าน not inside บ้านเมือง.
    assert parse("บ้านเมือง").terms["เคหสถาน"] == 0



def test_the_words_of_an_everyday_phrase_count_once_as_the_phrase(abbreviations):
    # เขียนไว้ -> บัญญัติ: a section that says บัญญัติ holds the concept; เขียน, a word the law
    # does not use, is not also asked for on its own.
    query = parse("ถ้า รธน. ไม่ได้เขียนไว้ ให้ตัดสินตามอะไร")
    words = [concept.word for concept in query.concepts]
    assert "เขียนไว้" in words and "เขียน" not in words and "ไว้" not in words
    phrase = next(concept for concept in query.concepts if concept.word == "เขียนไว้")
    assert frozenset({"บัญญัติ"}) in phrase.ways and frozenset({"เขียน", "ไว้"}) in phrase.ways


def test_the_short_year_of_a_constitution_is_not_a_number_to_find(abbreviations):
    query = parse("เลือกตั้งครั้งแรกตาม รธน. ๖๐ ต้องจัดภายในกี่วัน")
    assert query.years == {2017}
    assert "60" not in [concept.word for concept in query.concepts] and query.terms["60"] == 0
    # A number elsewhere in the question still counts.
    assert "60" in [concept.word for concept in parse("อายุ 60 ปี ตาม รธน. 60").concepts]


def test_an_abbreviation_as_documents_write_it_counts_for_proximity(abbreviations):
    concept = next(concept for concept in parse("ป.ป.ช. อยู่ได้กี่ปี").concepts if concept.word == "ปปช")
    assert "ป.ป.ช." in concept.texts
    section = next(concept for concept in parse("ม. 52").concepts if concept.word == "ม")
    assert "ม." not in section.texts  # a one-letter abbreviation would be found inside words


def test_when_few_documents_hold_every_word_partial_matches_follow_them(client, constitution_index):
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    index_docs([
        Doc(key="news", content_type_id=content_type_id, object_id="match", url="/th/news/match/",
            title="องคมนตรีชมการแข่งขันฟุตบอล", body="องคมนตรีเป็นประธานในการแข่งขันฟุตบอลประเพณี"),
    ])
    outcome = selectors.search("องคมนตรี ฟุตบอล")
    assert outcome.hits[0].document.url == "/th/news/match/"
    # The sections on the Privy Council hold one of the two words: they follow, not nowhere.
    assert {"10", "11", "12"} <= {hit.document.number for hit in outcome.hits[1:]}
    assert not outcome.partial and outcome.partial_after
    page = client.get("/th/search/", {"q": "องคมนตรี ฟุตบอล"}).content.decode()
    assert "มีผลลัพธ์เพียงไม่กี่รายการที่มีคำค้นครบทุกคำ" in page
    english = client.get("/en/search/", {"q": "องคมนตรี ฟุตบอล"}).content.decode()
    assert "Few results contain all of your words" in english
    # Many documents hold both words: only they are shown, with no notice.
    many = selectors.search("สมาชิก วุฒิสภา")
    assert len(many.hits) >= selectors.KEYWORD_FEW and all(hit.coverage >= 0.999 for hit in many.hits)
    assert not many.partial_after and not many.notices


def test_the_record_of_law_making_ranks_below_the_constitution_in_force():
    from cms.legislation.search_types import RECORD_STANDING
    from search.registry import registered

    standing = {search_type.key: search_type.standing for search_type in registered()}
    for key in ("bill", "sitting", "committee", "senator", "archive"):
        assert standing[key](None) == RECORD_STANDING < 1, key


def test_no_document_with_every_word_falls_back_to_partial_matches_with_a_notice(client, constitution_index):
    outcome = selectors.search("วุฒิสภา ฟุตบอลโลก")
    assert outcome.total > 0 and outcome.partial
    response = client.get("/th/search/", {"q": "วุฒิสภา ฟุตบอลโลก"})
    assert "ไม่มีผลลัพธ์ที่มีคำค้นครบทุกคำ" in response.content.decode()
    english = client.get("/en/search/", {"q": "วุฒิสภา ฟุตบอลโลก"})
    assert "No result contains all of your words" in english.content.decode()


def test_a_filter_searches_inside_the_filter(constitution_index):
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    index_docs([
        Doc(key="news", content_type_id=content_type_id, object_id=f"n{number}", url=f"/th/news/{number}/",
            title="ข่าวการประชุม", body="ประชาชนติดตามการประชุมสภา")
        for number in range(3)
    ])
    outcome = selectors.search("สภา", key="news")
    assert outcome.total == 3 and not outcome.partial


def test_count_past_the_candidate_cap_reads_more_than(monkeypatch, constitution_index):
    monkeypatch.setattr(selectors, "CANDIDATES", 20)
    monkeypatch.setattr(selectors, "COVERAGE_DEPTH", 20)
    outcome = selectors.search("มาตรา")
    assert outcome.total_capped
    with translation.override("th"):
        assert outcome.count_text == "มากกว่า ๒๐ รายการ"
    with translation.override("en"):
        assert outcome.count_text == "more than 20 results"
    assert not selectors.search("องคมนตรี").total_capped


def test_the_api_reports_a_capped_count(client, monkeypatch, constitution_index):
    monkeypatch.setattr(selectors, "CANDIDATES", 20)
    monkeypatch.setattr(selectors, "COVERAGE_DEPTH", 20)
    data = client.get(reverse("v1:search"), {"q": "มาตรา"}).json()
    assert data["count_capped"] is True and data["count"] == 20


def test_the_words_of_a_question_close_together_rank_above_the_same_words_far_apart(db):
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    filler = " ".join(["ประชาชนติดตามการประชุม"] * 30)
    index_docs([
        Doc(key="news", content_type_id=content_type_id, object_id="close", url="/th/news/close/",
            title="ข่าวหนึ่ง", body=f"องคมนตรีมีจำนวนสิบแปดคน {filler} {filler}"),
        Doc(key="news", content_type_id=content_type_id, object_id="apart", url="/th/news/apart/",
            title="ข่าวสอง", body=f"องคมนตรี {filler} มีจำนวน {filler} สิบแปดคน"),
    ])
    hits = selectors.search("องคมนตรีมีกี่คน").hits
    assert [hit.document.object_id for hit in hits] == ["close", "apart"]
    assert hits[0].score > hits[1].score


def test_a_question_for_a_number_keeps_what_it_counts_or_measures():
    assert parse("องคมนตรีมีได้กี่คน").counted == ["คน"]
    assert parse("จะลง ส.ส. ต้องอายุเท่าไหร่").measured == ["อายุ"]
    plain = parse("องคมนตรีมีหน้าที่อะไร")
    assert plain.counted == [] and plain.measured == []
    pasted = parse("องคมนตรีมีกี่คน " + " ".join(str(number) for number in range(30)))
    assert pasted.pasted and pasted.counted == []


def _news(object_id: str, body: str) -> Doc:
    content_type_id = ContentType.objects.get_for_model(SearchDocument).pk
    return Doc(key="news", content_type_id=content_type_id, object_id=object_id, url=f"/th/news/{object_id}/",
               title="ข่าว", body=body)


def test_the_text_stating_the_number_asked_for_ranks_first(db):
    index_docs([
        _news("duty", "องคมนตรีมีหน้าที่ถวายความเห็น คนในคณะองคมนตรีต้องไม่เป็นข้าราชการ องคมนตรีพ้นจากตำแหน่ง"),
        _news("count", "ประธานองคมนตรีและองคมนตรีอื่นอีกไม่เกินสิบแปดคน"),
    ])
    assert [hit.document.object_id for hit in selectors.search("องคมนตรีมีได้กี่คน").hits] == ["count", "duty"]
    # A section number is not the number asked for.
    index_docs([_news("section", "องคมนตรีต้องมีอายุตามมาตรา 98 (1)"), _news("age", "องคมนตรีต้องมีอายุไม่ต่ำกว่าสี่สิบปี")])
    assert [hit.document.object_id for hit in selectors.search("องคมนตรีต้องอายุเท่าไร").hits[:2]] == ["age", "section"]


def test_a_number_far_from_the_other_words_of_the_question_does_not_count(db):
    filler = " ".join(["ประชาชนติดตามการประชุม"] * 30)
    index_docs([
        _news("far", f"องคมนตรีถวายความเห็น {filler} มีผู้เข้าชมสามร้อยคน"),
        _news("near", f"ประธานองคมนตรีและองคมนตรีอื่นอีกไม่เกินสิบแปดคน {filler}"),
    ])
    hits = selectors.search("องคมนตรีมีได้กี่คน").hits
    assert [hit.document.object_id for hit in hits] == ["near", "far"]


def test_a_word_most_candidates_hold_counts_less_than_a_rare_one(db):
    index_docs([_news(f"common{n}", f"คนทำงานประชุมครั้งที่ {n}") for n in range(8)] + [
        _news("rare", "คณะรัฐมนตรีจัดการออกเสียงประชามติ"),
    ])
    hits = selectors.search("คนทำงาน ประชามติ").hits
    assert hits[0].document.object_id == "rare"
    # One rare word of three outweighs the two that every other candidate holds.
    assert hits[0].coverage > max(hit.coverage for hit in hits[1:])


def test_a_text_quoting_a_section_ranks_just_below_it(db, monkeypatch):
    section = "สมาชิกวุฒิสภาต้องมีอายุไม่ต่ำกว่าสี่สิบปีในวันสมัครรับเลือก และมีคุณสมบัติตามที่กฎหมายบัญญัติ"
    other = " ".join(["วุฒิสภาพิจารณาร่างพระราชบัญญัติที่สภาผู้แทนราษฎรเห็นชอบแล้ว"] * 12)
    # Quoted with a PDF's broken words and more around it, the copy holds the question's words more often.
    quoted = section.replace("สมัคร", "สมั คร")
    index_docs([
        _news("section", section),
        _news("publication", f"{other} สมาชิกวุฒิสภา อายุ {quoted} {other} สมาชิกวุฒิสภา อายุ สี่สิบปี"),
    ])
    assert [hit.document.object_id for hit in selectors.search("สมาชิกวุฒิสภาต้องอายุเท่าไร").hits] == ["section", "publication"]
    monkeypatch.setattr(selectors, "_below_sources", lambda *args: None)
    assert [hit.document.object_id for hit in selectors.search("สมาชิกวุฒิสภาต้องอายุเท่าไร").hits] == ["publication", "section"]


def test_a_word_said_again_weighs_more_without_bound():
    once, thrice = parse("ภาษีอากร"), parse("ภาษีอากร ภาษีอากร ภาษีอากร")
    assert once.terms["ภาษีอากร"] == 1.0
    assert 2.0 < thrice.terms["ภาษีอากร"] < 3.0
    assert [concept.word for concept in thrice.concepts] == ["ภาษีอากร"]


def test_a_synonym_of_several_words_is_marked_whole_in_snippets(constitution_index, abbreviations):
    outcome = selectors.search("เกณฑ์ทหาร")
    duty = next(hit for hit in outcome.hits if hit.document.number == "50")
    assert "<mark>รับราชการทหาร</mark>" in duty.snippet
    assert "<mark>รับ</mark>" not in "".join(hit.snippet for hit in outcome.page_obj.object_list)
