import pytest

from cases.models import RoutingRule

from .factories import CategoryFactory, DepartmentFactory, make_officer


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = str(tmp_path / "private")


@pytest.fixture
def world(db):
    """Two departments, a category routed to the first, and one person per role."""
    roads = DepartmentFactory(name="สำนักงานคณะกรรมาธิการการคมนาคม", code="transport")
    other = DepartmentFactory(name="สำนักงานคณะกรรมาธิการการศึกษา", code="education")
    category = CategoryFactory(name="คมนาคม", slug="transport")
    RoutingRule.objects.create(category=category, province="", department=roads)
    return {
        "roads": roads, "other": other, "category": category,
        "intake": make_officer("intake", group="Case intake"),
        "officer": make_officer("officer", department=roads),
        "officer2": make_officer("officer2", department=roads),
        "outsider": make_officer("outsider", department=other),
        "supervisor": make_officer("supervisor", group="Case supervisors", department=roads),
    }
