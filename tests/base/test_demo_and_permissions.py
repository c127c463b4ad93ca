"""The demo content and the editorial groups, as load_demo sets them up."""

import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page, Workflow

from cms.base import demo as base_demo
from cms.news import demo as news_demo
from cms.news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    base_demo.load(stdout=io.StringIO())
    news_demo.load(stdout=io.StringIO())


def _counts():
    return (Page.objects.count(), get_user_model().objects.count(), Workflow.objects.filter(active=True).count())


def test_loading_twice_duplicates_nothing(demo_site):
    before = _counts()
    base_demo.load(stdout=io.StringIO())
    news_demo.load(stdout=io.StringIO())
    assert _counts() == before
    assert NewsPage.objects.filter(locale__language_code="th").count() == len(news_demo.ARTICLES)
    # All but one article are translated, so the English fallback has something to show.
    assert NewsPage.objects.filter(locale__language_code="en").count() == len(news_demo.ARTICLES) - 1


def test_demo_accounts_can_log_in(client, demo_site):
    for username, spec in base_demo.DEMO_ACCOUNTS.items():
        assert client.login(username=username, password=spec["password"]), username
        assert client.get("/admin/").status_code == 200
        client.logout()


def _tester(username, page):
    return page.permissions_for_user(get_user_model().objects.get(username=username))


def test_each_group_may_do_what_its_role_needs_and_no_more(demo_site):
    about = Page.objects.get(slug="about", locale__language_code="th")
    about_en = Page.objects.get(slug="about", locale__language_code="en")
    news = NewsIndexPage.objects.get(locale__language_code="th")
    article = news.get_children().first()
    # Editors draft anywhere but do not publish; moderators publish.
    assert _tester("editor", about).can_edit()
    assert not _tester("editor", about).can_publish()
    assert _tester("moderator", about).can_publish()
    # The news team edits only news, and does not publish either.
    assert _tester("newsdesk", news).can_add_subpage()
    assert _tester("newsdesk", article).can_edit()
    assert not _tester("newsdesk", about).can_edit()
    assert not _tester("newsdesk", article).can_publish()
    # Translators work in the English tree, with wagtail-localize's permission.
    assert get_user_model().objects.get(username="translator").has_perm("wagtail_localize.submit_translation")
    assert _tester("translator", about_en).can_edit()
    assert not _tester("translator", about).can_edit()
    # One review workflow, done by the moderators, covers the whole site.
    workflow = Workflow.objects.get(active=True)
    assert Page.objects.get(slug="chandra").get_workflow() == workflow
    assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == ["Moderators"]


def test_submitting_and_approving_publishes_the_page(demo_site):
    User = get_user_model()
    news = NewsIndexPage.objects.get(locale__language_code="th")
    article = NewsPage(title="ข่าวรอตรวจ", slug="pending", summary="สรุป")
    news.add_child(instance=article)
    article.live = False
    article.save()
    revision = article.save_revision(user=User.objects.get(username="newsdesk"))
    workflow = article.get_workflow()
    state = workflow.start(article, User.objects.get(username="newsdesk"))
    assert state.current_task_state.task.specific.user_can_access_editor(article, User.objects.get(username="moderator"))
    assert not state.current_task_state.task.specific.user_can_access_editor(article, User.objects.get(username="editor"))
    state.current_task_state.task.specific.on_action(state.current_task_state, User.objects.get(username="moderator"), "approve")
    article.refresh_from_db()
    assert article.live
    assert article.live_revision_id is not None and article.live_revision_id >= revision.pk
