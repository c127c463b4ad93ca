"""Importing the shared JSON Lines format: structure, idempotency and refusal of a bad file."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cms.laws import services
from cms.laws.importer import ImportRefused, open_text, parse_thai_date
from cms.laws.models import Division, Instrument, Provision

def _lines(name):
    with open_text(services.legal_text_path(name)) as handle:
        return handle.read().splitlines()


def test_2560_is_imported_with_its_structure(c2560):
    assert c2560.provisions.count() == 279
    assert c2560.kind == "constitution" and c2560.sequence == 20
    s83 = c2560.provisions.select_related("division__parent").get(number="83")
    assert s83.division.label == "ส่วนที่ ๒" and s83.division.title == "สภาผู้แทนราษฎร"
    assert s83.division.parent.label == "หมวด ๗" and s83.division.parent.title == "รัฐสภา"
    transitory = c2560.provisions.filter(transitory=True)
    assert sorted(int(p.number) for p in transitory) == list(range(262, 280))
    assert Division.objects.get(instrument=c2560, label="บทเฉพาะกาล").transitory


def test_interim_charter_and_its_checked_end(interim2475):
    assert interim2475.kind == "interim" and interim2475.provisions.count() == 39
    assert interim2475.ended.isoformat() == "1932-12-10" and interim2475.end_kind == "replaced"
    assert interim2475.dates_verified and interim2475.public_ended == interim2475.ended
    assert interim2475.note == ""  # the catalogue's English remarks are not shown to readers


def test_a_missing_legal_text_is_an_error(db, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "LEGAL_TEXTS_DIR", tmp_path)
    with pytest.raises(services.MissingDataFile, match="thai_constitutions.jsonl"):
        services.load_constitutions(index=False)


def test_import_is_idempotent(c2560):
    before = Provision.objects.count()
    services.load_constitutions(only={"constitution_2560_sections.jsonl"}, index=False)
    assert Provision.objects.count() == before
    assert c2560.amendments.count() == 1
    assert Provision.objects.get(instrument=c2560, number="83").versions.count() == 2


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_command_imports_a_file(tmp_path):
    path = _write(tmp_path, "constitution_2519_sections.jsonl", _lines("constitution_2519_sections.jsonl"))
    out = io.StringIO()
    call_command("import_laws", str(path), stdout=out)
    instrument = Instrument.objects.get(slug="constitution-2519")
    assert instrument.provisions.count() == 29
    assert instrument.title == "รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๑๙"  # metadata from thai_constitutions.jsonl
    assert "imported" in out.getvalue()


@pytest.mark.django_db
def test_duplicate_provision_is_refused_whole(tmp_path):
    lines = _lines("constitution_2519_sections.jsonl")
    path = _write(tmp_path, "bad_2519.jsonl", lines[:10] + [lines[4]] + lines[10:])
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_laws", str(path), stderr=err)
    assert "provision 5 appears 2 times (lines 5, 11)" in err.getvalue()
    assert not Instrument.objects.filter(slug="constitution-2519").exists()
    assert not Provision.objects.filter(instrument__slug="constitution-2519").exists()


@pytest.mark.django_db
def test_missing_provision_is_refused_whole(tmp_path):
    lines = _lines("constitution_2519_sections.jsonl")
    del lines[6]  # section 7
    record = json.loads(lines[0])
    record["section"] = ""
    path = _write(tmp_path, "bad_2519.jsonl", [json.dumps(record, ensure_ascii=False)] + lines[1:])
    with pytest.raises(ImportRefused) as refused:
        services.instrument_import_file(path=path)
    report = refused.value.report()
    assert "line 1: the provision has no number" in report
    assert "missing provision number(s): 1, 7" in report
    assert not Instrument.objects.filter(slug="constitution-2519").exists()


@pytest.mark.django_db
def test_invalid_json_is_refused(tmp_path):
    path = _write(tmp_path, "broken.jsonl", ['{"law_id": "x", "section": "1"', ""])
    with pytest.raises(ImportRefused, match="line 1: not valid JSON"):
        services.instrument_import_file(path=path)


@pytest.mark.django_db
def test_acts_import_inserted_sections_and_footnotes():
    services.load_acts(index=False)
    parties = Instrument.objects.get(slug="krisdika-793682")
    assert parties.kind == "act" and parties.provisions.count() == 153
    inserted = parties.provisions.get(number="141/1")
    assert inserted.get_absolute_url().endswith("/krisdika-793682/141-1/")
    senators = Instrument.objects.get(slug="krisdika-812364")
    assert senators.promulgated.isoformat() == "2018-09-12"
    assert senators.provisions.get(number="2").footnotes


def test_thai_date_parsing():
    assert parse_thai_date("ให้ไว้ ณ วันที่ ๑๒ กันยายน พ.ศ. ๒๕๖๑").isoformat() == "2018-09-12"
    assert parse_thai_date("๒๑ พฤศจิกายน ๒๕๖๔").isoformat() == "2021-11-21"
    assert parse_thai_date("no date here") is None
