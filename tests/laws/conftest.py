"""Real constitutions for the laws tests: the 2475 interim charter, 2540, 2550 and
2560 (with its 2564 amendment), plus the seeded glossary and topics, imported once per session
from ../shared/data and removed at the end."""

import pytest
from search.signals import paused

from cms.laws import services
from cms.laws.models import GlossaryTerm, Instrument, SectionMapping, Topic

FILES = {
    "constitution_2475_interim_sections.jsonl",
    "constitution_2540_sections.jsonl",
    "constitution_2550_sections.jsonl",
    "constitution_2560_sections.jsonl",
}


def _clear():
    with paused():
        _delete_all()


def _delete_all():
    SectionMapping.objects.all().delete()
    Topic.objects.all().delete()
    GlossaryTerm.objects.all().delete()
    Instrument.objects.all().delete()


@pytest.fixture(scope="session")
def laws_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _clear()
        glossary = services._load_json("glossary.json") or []
        services.glossary_import(entries=glossary, index=False)
        services.load_constitutions(only=FILES, index=False)
        services.glossary_import(entries=glossary, index=False)
        services.topics_import(entries=services._load_json("topics.json") or [])
    yield
    with django_db_blocker.unblock():
        _clear()


@pytest.fixture
def c2560(laws_data, db):
    return Instrument.objects.get(slug="constitution-2560")


@pytest.fixture
def interim2475(laws_data, db):
    return Instrument.objects.get(slug="constitution-2475-interim")
