"""Builders of the site tree for tests: a Thai home page with its English
translation and a news index in both languages, as load_demo makes them but
small and fast."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.news.models import NewsCategory, NewsIndexPage, NewsPage
from home.models import HomePage

BANGKOK = ZoneInfo("Asia/Bangkok")


def locales():
    th, _ = Locale.objects.get_or_create(language_code="th")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return th, en


def publish(page):
    page.save_revision().publish()
    return page


def translate(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated)


def make_site(*, tiles=None):
    """Thai and English home pages as the default site, each with a news index."""
    th, en = locales()
    root = Page.get_first_root_node()
    home = HomePage(title="จันทรา", slug="test-home", locale=th, tiles=tiles or [])
    root.add_child(instance=home)
    publish(home)
    Site.objects.update(is_default_site=False)
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Chandra")
    home_en = translate(home, en, title="Chandra")
    news = NewsIndexPage(title="ข่าวสาร", slug="news", locale=th, show_in_menus=True)
    home.add_child(instance=news)
    publish(news)
    news_en = translate(news, en, title="News")
    return {"th": home, "en": home_en, "news_th": news, "news_en": news_en}


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory

    name = factory.Sequence(lambda n: f"หมวด {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(lambda: locales()[0])


def add_article(index, *, title, slug, date=None, category=None, tags=(), summary="สรุปข่าว", live=True):
    article = NewsPage(
        title=title, slug=slug, summary=summary, category=category,
        date=date or dt.datetime(2026, 11, 1, 9, 0, tzinfo=BANGKOK),
    )
    index.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    if live:
        publish(article)
    else:
        article.live = False
        article.save_revision()
        article.save()
    return article


# Legislation ------------------------------------------------------------------------------

def _legislation():
    from cms.legislation import models

    return models


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.Committee"

    name = factory.Sequence(lambda n: f"คณะกรรมาธิการทดสอบ {n}")
    kind = "standing"


class SenatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.Senator"

    term = 13
    title = "นาย"
    first_name = factory.Sequence(lambda n: f"ทดสอบ{n}")
    last_name = "สมมติ"


class BillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.Bill"

    title = factory.Sequence(lambda n: f"ร่างพระราชบัญญัติทดสอบ {n} พ.ศ. ....")
    kind = "act"
    proposer = "คณะรัฐมนตรี"
    introduced_on = dt.date(2026, 1, 5)


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.Sitting"

    kind = "senate"
    date = dt.date(2026, 3, 2)
    number = factory.Sequence(lambda n: f"ครั้งที่ {n}")


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.Vote"

    date = dt.date(2026, 3, 2)
    title = factory.Sequence(lambda n: f"ญัตติทดสอบ {n}")
    yes, no, abstain, not_voting = 150, 20, 10, 5
    passed = True


def legislative_staff(django_user_model, username="clerk"):
    """A user in the Legislative staff group with the permission to move bills."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Legislative staff")
    group.permissions.add(Permission.objects.get(codename="move_bill"),
                          Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(username=username, password="pw-clerk-1234")
    user.groups.add(group)
    return user


# Live sittings and follows ----------------------------------------------------------------

class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legislation.AgendaItem"

    sitting = factory.SubFactory(SittingFactory)
    order = factory.Sequence(lambda n: n)
    number = factory.Sequence(lambda n: f"{n}.1")
    title = factory.Sequence(lambda n: f"ร่างพระราชบัญญัติวาระทดสอบ {n}")


class LiveSittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "live.LiveSitting"

    sitting = factory.SubFactory(SittingFactory)
    on_air = True


class FollowerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "records.Follower"

    email = factory.Sequence(lambda n: f"follower{n}@example.com")
    language = "th"
    confirmed_at = factory.LazyFunction(timezone.now)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "records.Subscription"

    follower = factory.SubFactory(FollowerFactory)
    feed = factory.LazyAttribute(lambda o: _records().Feed.objects.get_or_create(key=o.feed_key)[0])
    frequency = "immediate"

    class Params:
        feed_key = "bill:0"


def _records():
    from cms.records import models

    return models
