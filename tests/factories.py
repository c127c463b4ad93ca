"""Builders of the site tree for tests: a Thai home page with its English
translation and a news index in both languages, as load_demo makes them but
small and fast."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
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
