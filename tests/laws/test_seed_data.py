"""The editorial seed data of cms/laws/data, checked against the real texts in shared/data.

Plain file tests: no database. Every section a glossary term, a topic or a mapping points
at must exist in the corresponding ``constitution_*_sections.jsonl``; the headline mapping
of the issue (the Senate's composition: 2540 s.121, 2550 s.111, 2560 s.107) is pinned.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from cms.laws.importer import read_jsonl
from cms.laws.services import legal_text_path

DATA_DIR = Path(__file__).resolve().parents[2] / "cms" / "laws" / "data"
THREE = ("constitution-2540", "constitution-2550", "constitution-2560")
REQUIRED_TOPICS = {
    "senate",
    "house-of-representatives",
    "rights-and-liberties",
    "constitutional-court",
    "constitutional-amendment",
    "council-of-ministers",
    "elections",
    "courts",
    "independent-organs",
    "monarchy",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
THAI = re.compile(r"[\u0E00-\u0E7F]")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _load(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@cache
def sections(law_id: str) -> dict[str, dict]:
    """{section number: record} of one constitution in shared/data, e.g. 'constitution-2475-interim'."""
    records = {}
    for _line, record in read_jsonl(legal_text_path(law_id.replace("-", "_") + "_sections.jsonl")):
        assert record["law_id"] == law_id
        records[record["section"]] = record
    return records


@pytest.fixture(scope="module")
def glossary():
    return _load("glossary.json")


@pytest.fixture(scope="module")
def topics():
    return _load("topics.json")


@pytest.fixture(scope="module")
def regulations():
    return _load("regulations.json")


# ---------------------------------------------------------------- the helper itself


def test_sections_helper_reads_the_real_texts():
    assert "จำนวนรวมหนึ่งร้อยห้าสิบคน" in sections("constitution-2550")["111"]["text"]
    assert len(sections("constitution-2560")) == 279
    assert "อำนาจสูงสุดของประเทศ" in sections("constitution-2475-interim")["1"]["text"]
    with pytest.raises(FileNotFoundError):
        sections("constitution-2999")


# ---------------------------------------------------------------- glossary


def test_glossary_has_at_least_sixty_terms_in_both_languages(glossary):
    assert len(glossary) >= 60
    for term in glossary:
        assert set(term) >= {"slug", "term_th", "term_en", "aliases_th", "definition_th", "definition_en", "related"}
        assert THAI.search(term["term_th"]), term["slug"]
        assert term["term_en"].strip() and not THAI.search(term["term_en"]), term["slug"]
        assert THAI.search(term["definition_th"]) and len(term["definition_th"]) >= 80, term["slug"]
        assert len(term["definition_en"]) >= 80 and not THAI.search(term["definition_en"]), term["slug"]
        assert isinstance(term["aliases_th"], list)
        assert all(isinstance(a, str) and a.strip() and a != term["term_th"] for a in term["aliases_th"]), term["slug"]


def test_glossary_slugs_and_thai_headwords_are_unique(glossary):
    slugs = [t["slug"] for t in glossary]
    assert len(slugs) == len(set(slugs))
    assert all(SLUG.match(s) for s in slugs), [s for s in slugs if not SLUG.match(s)]
    heads = [t["term_th"] for t in glossary]
    assert len(heads) == len(set(heads))
    # An alias must not be another term's headword, or linking would be ambiguous.
    aliases = [a for t in glossary for a in t["aliases_th"]]
    assert not set(aliases) & set(heads)
    assert len(aliases) == len(set(aliases))


def test_every_glossary_reference_exists_in_shared_data(glossary):
    for term in glossary:
        assert term["related"], f"{term['slug']} cites no provision"
        seen = set()
        for ref in term["related"]:
            assert set(ref) == {"law_id", "section"}, term["slug"]
            key = (ref["law_id"], ref["section"])
            assert key not in seen, f"{term['slug']} cites {key} twice"
            seen.add(key)
            assert ref["section"] in sections(ref["law_id"]), f"{term['slug']}: {key} does not exist"


def test_each_term_occurs_in_at_least_one_provision_it_cites(glossary):
    # Definitions are "based on what the constitutions actually say": the headword (or one of
    # its aliases) must appear verbatim in a cited section, which also gives the automatic
    # glossary linking something to link.
    for term in glossary:
        words = [term["term_th"], *term["aliases_th"]]
        texts = [sections(r["law_id"])[r["section"]]["text"] for r in term["related"]]
        assert any(w in text for w in words for text in texts), term["slug"]


def test_glossary_covers_the_terms_the_issue_names(glossary):
    heads = {t["term_th"] for t in glossary}
    for word in (
        "รัฐสภา", "สภาผู้แทนราษฎร", "วุฒิสภา", "คณะรัฐมนตรี", "ศาลรัฐธรรมนูญ", "องค์กรอิสระ",
        "คณะกรรมการการเลือกตั้ง", "ผู้ตรวจการแผ่นดิน", "ร่างพระราชบัญญัติ", "พระราชบัญญัติประกอบรัฐธรรมนูญ",
        "พระราชกำหนด", "การตั้งกระทู้ถาม", "การอภิปรายไม่ไว้วางใจ", "การยุบสภา",
        "การแก้ไขเพิ่มเติมรัฐธรรมนูญ", "ญัตติ", "องค์ประชุม", "สมัยประชุม", "หลักนิติธรรม",
        "สิทธิและเสรีภาพ", "หน้าที่ของปวงชนชาวไทย", "แนวนโยบายแห่งรัฐ", "บทเฉพาะกาล",
        "ธรรมนูญการปกครอง", "รัฐธรรมนูญฉบับชั่วคราว",
    ):
        assert word in heads, word


# ---------------------------------------------------------------- topics and mappings


def test_exactly_ten_topics_with_unique_slugs(topics):
    assert len(topics) == 10
    slugs = [t["slug"] for t in topics]
    assert len(set(slugs)) == 10
    assert set(slugs) == REQUIRED_TOPICS
    assert len({t["name_th"] for t in topics}) == 10
    for topic in topics:
        assert THAI.search(topic["name_th"]) and topic["name_en"].strip()
        assert THAI.search(topic["description_th"]) and topic["description_en"].strip()


def test_topic_provisions_exist_for_all_three_constitutions(topics):
    for topic in topics:
        assert set(topic["provisions"]) == set(THREE), topic["slug"]
        for law_id, numbers in topic["provisions"].items():
            assert numbers, (topic["slug"], law_id)
            assert len(numbers) == len(set(numbers)), (topic["slug"], law_id)
            assert numbers == sorted(numbers, key=int), (topic["slug"], law_id)
            for number in numbers:
                assert number in sections(law_id), f"{topic['slug']}: {law_id} s.{number} does not exist"


def test_each_topic_has_three_or_more_mappings_that_exist(topics):
    for topic in topics:
        assert len(topic["mappings"]) >= 3, topic["slug"]
        labels = [m["label_en"] for m in topic["mappings"]]
        assert len(labels) == len(set(labels)), topic["slug"]
        for mapping in topic["mappings"]:
            assert THAI.search(mapping["label_th"]) and mapping["label_en"].strip()
            assert len(mapping["sections"]) >= 2, (topic["slug"], mapping["label_en"])
            assert set(mapping["sections"]) <= set(THREE)
            for law_id, number in mapping["sections"].items():
                assert isinstance(number, str)
                assert number in sections(law_id), f"{mapping['label_en']}: {law_id} s.{number} does not exist"
                # a mapped section is also tagged with the topic
                assert number in topic["provisions"][law_id], (topic["slug"], law_id, number)


def _mapping(topics, slug, label_en):
    topic = next(t for t in topics if t["slug"] == slug)
    return next(m for m in topic["mappings"] if m["label_en"] == label_en)


def test_senate_composition_mapping_is_121_111_107(topics):
    mapping = _mapping(topics, "senate", "Composition of the Senate")
    assert mapping["sections"] == {"constitution-2540": "121", "constitution-2550": "111", "constitution-2560": "107"}
    texts = {law_id: sections(law_id)[n]["text"] for law_id, n in mapping["sections"].items()}
    assert all(text.startswith("วุฒิสภาประกอบด้วยสมาชิก") for text in texts.values())
    assert "สองร้อยคน" in texts["constitution-2540"]
    assert "หนึ่งร้อยห้าสิบคน" in texts["constitution-2550"]
    assert "สองร้อยคน" in texts["constitution-2560"]


@pytest.mark.parametrize(
    ("slug", "label_en", "opening"),
    [
        ("house-of-representatives", "Composition of the House of Representatives", "สภาผู้แทนราษฎรประกอบด้วยสมาชิกจำนวน"),
        ("constitutional-court", "Composition of the Constitutional Court", "ศาลรัฐธรรมนูญประกอบด้วย"),
        ("council-of-ministers", "Composition of the Council of Ministers", "พระมหากษัตริย์ทรงแต่งตั้งนายกรัฐมนตรี"),
        ("elections", "Composition of the Election Commission", "คณะกรรมการการเลือกตั้ง"),
        ("monarchy", "Head of the Thai armed forces", "พระมหากษัตริย์ทรงดำรงตำแหน่งจอมทัพไทย"),
        ("courts", "Courts of Justice", "ศาลยุติธรรมมีอำนาจพิจารณาพิพากษาคดีทั้งปวง"),
    ],
)
def test_mapped_sections_really_correspond(topics, slug, label_en, opening):
    mapping = _mapping(topics, slug, label_en)
    assert set(mapping["sections"]) == set(THREE)
    for law_id, number in mapping["sections"].items():
        assert sections(law_id)[number]["text"].startswith(opening), (law_id, number)


def test_a_section_missing_in_one_constitution_is_left_out(topics):
    # 2540 had no individual petition to the Constitutional Court; the mapping says so by omission.
    mapping = _mapping(topics, "constitutional-court", "Petition by a person whose rights or liberties were violated")
    assert "constitution-2540" not in mapping["sections"]
    assert mapping["sections"] == {"constitution-2550": "212", "constitution-2560": "213"}


# ---------------------------------------------------------------- meeting regulation excerpts
# The text of the meeting regulations is not in shared/data. The seed carries only the clauses whose
# wording is the fixed formula of every such instrument (title and commencement), clearly labelled as
# a partial excerpt, rather than invented wording.


def test_three_labelled_regulation_excerpts(regulations):
    instruments = regulations["instruments"]
    assert len(instruments) == 3
    law_ids = [i["law_id"] for i in instruments]
    assert len(set(law_ids)) == 3
    assert "senate-rules-2562" in law_ids
    assert {i["chamber"] for i in instruments} == {"senate", "house", "parliament"}
    titles = " ".join(i["title_th"] for i in instruments)
    for body in ("ข้อบังคับการประชุมวุฒิสภา", "ข้อบังคับการประชุมสภาผู้แทนราษฎร", "ข้อบังคับการประชุมรัฐสภา"):
        assert body in titles
    for instrument in instruments:
        assert SLUG.match(instrument["law_id"])
        assert instrument["kind"] == "regulation"
        assert instrument["title_en"].strip() and not THAI.search(instrument["title_en"])
        # Clearly labelled as an excerpt, in both languages.
        assert "บางส่วน" in instrument["excerpt_notice_th"] and "ราชกิจจานุเบกษา" in instrument["excerpt_notice_th"]
        assert "excerpt" in instrument["excerpt_notice_en"].lower() and "Gazette" in instrument["excerpt_notice_en"]
        # The constitutional basis for making the rules exists and is about meeting rules.
        assert instrument["basis"]
        for ref in instrument["basis"]:
            assert "ข้อบังคับการประชุม" in sections(ref["law_id"])[ref["section"]]["text"]


def test_regulation_sections_are_well_formed(regulations):
    for instrument in regulations["instruments"]:
        provisions = instrument["sections"]
        assert 1 <= len(provisions) <= 10, instrument["law_id"]
        numbers = [p["section"] for p in provisions]
        assert len(numbers) == len(set(numbers)), instrument["law_id"]
        assert numbers == sorted(numbers, key=int), instrument["law_id"]
        for p in provisions:
            assert set(p) >= {"section", "section_th", "chapter_no", "chapter_label", "chapter_title", "paragraphs", "text"}
            assert p["section_th"] == p["section"].translate(THAI_DIGITS)
            assert p["paragraphs"] and all(THAI.search(par) for par in p["paragraphs"])
            assert p["text"] == " ".join(p["paragraphs"]), (instrument["law_id"], p["section"])
            if p["chapter_no"] is None:
                assert p["chapter_label"] is None and p["chapter_title"] is None
            else:
                assert p["chapter_label"] == f"หมวด {str(p['chapter_no']).translate(THAI_DIGITS)}"
        # Clause 1 names the instrument by its own title.
        first = provisions[0]
        assert first["section"] == "1"
        assert instrument["title_th"] in first["text"]


def test_regulations_file_stays_readable_line_by_line():
    # cms.laws.services.load_regulations reads the file line by line (JSON Lines); until it reads the
    # {"instruments": ...} object, the file must be a single JSON line so that load_demo does not refuse it.
    lines = [line for line in (DATA_DIR / "regulations.json").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 1
    assert "instruments" in json.loads(lines[0])
