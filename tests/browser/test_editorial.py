"""The editorial workflow as editors live it: the news team drafts and
submits, a moderator approves (publishing) or asks for changes with a
comment, and a translator brings the article into English."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale, Page


def _news_index_id(django_db_blocker):
    from cms.news.models import NewsIndexPage

    with django_db_blocker.unblock():
        return NewsIndexPage.objects.get(locale__language_code="th").pk


def _draft_and_submit(tab, server_url, index_id, title, summary):
    tab.goto(f"{server_url}/admin/pages/add/news/newspage/{index_id}/")
    tab.fill("#id_title", title)
    tab.fill("#id_summary", summary)
    tab.get_by_role("button", name="การดำเนินการอื่น").click()
    tab.get_by_role("button", name=re.compile("ส่งไปยัง ตรวจทานและเผยแพร่")).click()
    expect(tab.locator(".messages")).to_contain_text(title)


def test_news_team_submits_and_moderator_approves(browser, server_url, login, django_db_blocker):
    index_id = _news_index_id(django_db_blocker)
    title = "วุฒิสภาเปิดรับฟังความคิดเห็นร่างกฎหมายว่าด้วยการศึกษา"
    editor_context = browser.new_context(locale="th-TH")
    editor = login(editor_context.new_page(), "newsdesk")
    _draft_and_submit(editor, server_url, index_id, title, "คณะกรรมาธิการเปิดรับฟังความคิดเห็นของประชาชน")

    with django_db_blocker.unblock():
        page = Page.objects.get(title=title)
        assert not page.live
        assert page.current_workflow_state.status == "in_progress"
        slug = page.slug
    # Not public before approval.
    response = editor.request.get(f"{server_url}/th/news/{slug}/")
    assert response.status == 404

    moderator_context = browser.new_context(locale="th-TH")
    moderator = login(moderator_context.new_page(), "moderator")
    moderator.get_by_role("link", name=title).click()
    moderator.get_by_role("button", name="การดำเนินการอื่น").click()
    moderator.get_by_role("button", name="ยืนยัน และเผยแพร่").click()
    expect(moderator.locator(".messages")).to_contain_text(title)

    with django_db_blocker.unblock():
        page.refresh_from_db()
        assert page.live
    public = browser.new_context(locale="th-TH").new_page()
    public.goto(f"{server_url}/th/news/{slug}/")
    expect(public.get_by_role("heading", level=1)).to_have_text(title)
    expect(public.locator(".meta time")).to_have_text(re.compile(r" ๒๕[๐-๙]{2} เวลา "))
    for context in (editor_context, moderator_context, public.context):
        context.close()


def test_moderator_requests_changes_with_a_comment(browser, server_url, login, django_db_blocker):
    index_id = _news_index_id(django_db_blocker)
    title = "ร่างข่าวที่ต้องแก้ไขก่อนเผยแพร่"
    editor_context = browser.new_context(locale="th-TH")
    editor = login(editor_context.new_page(), "newsdesk")
    _draft_and_submit(editor, server_url, index_id, title, "สรุปที่ยังไม่ครบถ้วน")

    moderator_context = browser.new_context(locale="th-TH")
    moderator = login(moderator_context.new_page(), "moderator")
    moderator.get_by_role("link", name=title).click()
    moderator.get_by_role("button", name="การดำเนินการอื่น").click()
    moderator.get_by_role("button", name="ขอให้แก้ไข").click()
    dialog = moderator.get_by_role("dialog")
    dialog.locator("textarea").fill("กรุณาเพิ่มวันที่จัดงานและสถานที่")
    dialog.get_by_role("button", name="ขอให้แก้ไข").click()
    expect(moderator.locator(".messages")).to_contain_text(title)

    with django_db_blocker.unblock():
        page = Page.objects.get(title=title)
        assert not page.live
        state = page.workflow_states.latest("created_at")
        assert state.status == "needs_changes"
        comments = [task_state.comment for task_state in state.task_states.all()]
        assert "กรุณาเพิ่มวันที่จัดงานและสถานที่" in comments
    editor_context.close()
    moderator_context.close()


def test_translator_translates_a_published_article_into_english(browser, server_url, login, django_db_blocker):
    from cms.news.models import NewsPage

    with django_db_blocker.unblock():
        source = NewsPage.objects.get(slug="committee-hearing", locale__language_code="th")
        # Start from an article that has no English version yet.
        existing = source.get_translation_or_none(Locale.objects.get(language_code="en"))
        if existing is not None:
            existing.delete()
        source_id = source.pk

    moderator_context = browser.new_context(locale="th-TH")
    moderator = login(moderator_context.new_page(), "moderator")
    moderator.goto(f"{server_url}/admin/localize/submit/page/{source_id}/")
    moderator.get_by_label("อังกฤษ").check()
    moderator.locator("form [type=submit]").last.click()
    moderator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    edit_url = moderator.url

    translator_context = browser.new_context(locale="th-TH")
    translator = login(translator_context.new_page(), "translator")
    translator.goto(edit_url)
    for text in ("Committee hears the public on a bill", "A Senate committee is hearing citizens before it considers a bill."):
        translator.get_by_role("button", name="Translate").first.click()
        translator.locator("textarea").first.fill(text)
        translator.get_by_role("button", name="Save").first.click()
        expect(translator.get_by_text(text)).to_be_visible()
    translator.get_by_role("button", name="Publish in English").click()
    translator.wait_for_load_state()

    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{server_url}/en/news/committee-hearing/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Committee hears the public on a bill")
    expect(reader.get_by_role("note")).to_have_count(0)
    for context in (moderator_context, translator_context, reader.context):
        context.close()
