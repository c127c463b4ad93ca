"""Editors' dashboard: their own drafts, and for reviewers the pages awaiting
their review (Wagtail's panel), in Thai."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from tests.factories import add_article, make_site

pytestmark = pytest.mark.django_db


def panels(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    return response.content.decode()


def draft(parent, *, title, slug, owner):
    page = add_article(parent, title=title, slug=slug, live=False)
    Page.objects.filter(pk=page.pk).update(owner=owner)
    page.save_revision(user=owner)
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def newsroom(django_user_model):
    site = make_site()
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    people = {}
    for name, group in (("editor", editors), ("editor2", editors), ("moderator", moderators)):
        people[name] = django_user_model.objects.create_user(name, password="x")
        people[name].groups.add(group)
    return site, people


def drafts_panel(html):
    found = re.search(r'aria-labelledby="panel-chandra-drafts">(.*?)</section>', html, re.S)
    return found.group(1) if found else None


def test_an_editor_sees_their_own_drafts_only(newsroom, client):
    site, people = newsroom
    draft(site["news_th"], title="ร่างข่าวการประชุม", slug="draft-meeting", owner=people["editor"])
    draft(site["news_th"], title="ร่างของคนอื่น", slug="draft-other", owner=people["editor2"])
    panel = drafts_panel(panels(client, people["editor"]))
    assert "ฉบับร่างของคุณ" in panel and "ร่างข่าวการประชุม" in panel and "ร่างของคนอื่น" not in panel


def test_a_published_page_leaves_the_drafts(newsroom, client):
    site, people = newsroom
    page = draft(site["news_th"], title="ข่าวที่เผยแพร่แล้ว", slug="published", owner=people["editor"])
    page.get_latest_revision().publish()
    assert "ข่าวที่เผยแพร่แล้ว" not in drafts_panel(panels(client, people["editor"]))
    assert "คุณไม่มีฉบับร่าง" in drafts_panel(panels(client, people["editor"]))


def test_a_reviewer_sees_what_awaits_their_review_in_thai(newsroom, client):
    site, people = newsroom
    page = draft(site["news_th"], title="ข่าวรอตรวจทาน", slug="in-review", owner=people["editor"])
    page.get_workflow().start(page, people["editor"])
    html = panels(client, people["moderator"])
    assert "รอการตรวจทานจากคุณ" in html and "ข่าวรอตรวจทาน" in html
    assert "Awaiting your review" not in html
    # The author sees it among their drafts, not as something to review.
    author = panels(client, people["editor"])
    assert "ข่าวรอตรวจทาน" in drafts_panel(author) and "รอการตรวจทานจากคุณ" not in author
