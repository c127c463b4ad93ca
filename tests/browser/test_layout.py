"""Every page type, in Thai and English, on a 390 px phone: nothing wider than the
screen, no text within 12 px of its edge, every aria-describedby pointing at an
element that exists, and no serious or critical axe violation. The desktop pass
runs axe again at 1366 px, where the menu and the footer lay out differently."""

import pytest

from cases.demo import DEMO_PIN

EDGE = 12

PAGES = [
    "/", "/about/", "/news/", "/news/sitting-budget-bill/",
    "/laws/", "/laws/constitution-2560/", "/laws/constitution-2560/83/", "/laws/constitution-2560/83/history/",
    "/laws/compare/?c=constitution-2550&c=constitution-2560", "/laws/regulations/", "/laws/senate-rules-2562/",
    "/laws/glossary/", "/laws/glossary/senate/",
    "/cases/", "/cases/new/", "/cases/track/", "/cases/statistics/",
    "/search/?q=วุฒิสภา", "/no-such-page/",
]

# Visible text nodes, except those for screen readers only and those inside a box that
# scrolls sideways on its own (a wide comparison table is read by scrolling it).
TEXT_NEAR_EDGE = """(edge) => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const inScroller = (element) => {
    for (let box = element; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && box.scrollWidth > box.clientWidth) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element || element.closest('.visually-hidden, .skip-link, [hidden], script, style, details:not([open]) > :not(summary)') || inScroller(element)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.left < edge || rect.right > width - edge) {
        problems.push(`${text.slice(0, 40)} [${Math.round(rect.left)}–${Math.round(rect.right)} of ${width}]`);
        break;
      }
    }
  }
  return problems.slice(0, 10);
}"""

DANGLING_DESCRIBEDBY = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(element =>
  element.getAttribute('aria-describedby').split(/\\s+/).filter(id => id && !document.getElementById(id))
    .map(id => `${element.tagName.toLowerCase()}#${element.id}: ${id}`))"""


def _tracking_path(django_db_blocker):
    from cases.models import Case

    with django_db_blocker.unblock():
        return Case.objects.order_by("pk").values_list("code", flat=True).first()


def _check(tab, url, axe_violations):
    response = tab.goto(url)
    assert response.status in (200, 404), f"{url}: HTTP {response.status}"
    scroll_width = tab.evaluate("document.documentElement.scrollWidth")
    client_width = tab.evaluate("document.documentElement.clientWidth")
    assert scroll_width <= client_width, f"{url}: the page is {scroll_width} px wide on a {client_width} px screen"
    assert tab.evaluate(DANGLING_DESCRIBEDBY) == [], url
    assert axe_violations(tab) == [], url


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_type_fits_a_phone(phone_tab, server_url, axe_violations, language):
    for path in PAGES:
        url = f"{server_url}/{language}{path}"
        _check(phone_tab, url, axe_violations)
        assert phone_tab.evaluate(TEXT_NEAR_EDGE, EDGE) == [], f"{url}: text within {EDGE} px of the edge"


@pytest.mark.parametrize("language", ["th", "en"])
def test_forms_with_errors_and_the_tracking_page_fit_a_phone(phone_tab, server_url, axe_violations, django_db_blocker, language):
    # The filing form sent empty: every field's errors are tied to it.
    phone_tab.goto(f"{server_url}/{language}/cases/new/")
    phone_tab.locator("form button[type=submit]").last.click()
    phone_tab.wait_for_load_state()
    assert phone_tab.locator(".error-summary").count() == 1
    assert phone_tab.evaluate(DANGLING_DESCRIBEDBY) == []
    assert axe_violations(phone_tab) == []
    assert phone_tab.evaluate(TEXT_NEAR_EDGE, EDGE) == []
    # A case tracked with its code and PIN.
    phone_tab.goto(f"{server_url}/{language}/cases/track/")
    phone_tab.fill("input[name=code]", _tracking_path(django_db_blocker))
    phone_tab.fill("input[name=pin]", DEMO_PIN)
    phone_tab.locator("form button[type=submit]").last.click()
    phone_tab.wait_for_url("**/cases/track/*/")
    assert phone_tab.evaluate(DANGLING_DESCRIBEDBY) == []
    assert axe_violations(phone_tab) == []
    assert phone_tab.evaluate(TEXT_NEAR_EDGE, EDGE) == []
    assert phone_tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_every_page_type_on_a_desktop(tab, server_url, axe_violations):
    for language in ("th", "en"):
        for path in PAGES:
            _check(tab, f"{server_url}/{language}{path}", axe_violations)


def test_every_service_is_in_the_menu_and_the_footer(phone_tab, server_url):
    phone_tab.goto(f"{server_url}/th/")
    menu = set(phone_tab.eval_on_selector_all(".services-menu a", "links => links.map(a => a.getAttribute('href'))"))
    footer = set(phone_tab.eval_on_selector_all(".footer-services a", "links => links.map(a => a.getAttribute('href'))"))
    assert {"/th/laws/", "/th/cases/", "/th/cases/statistics/", "/th/search/"} <= menu
    assert menu == footer
    phone_tab.click("[data-menu-toggle]")
    phone_tab.click("[data-services-menu] summary")
    phone_tab.click(".services-menu a[href='/th/cases/statistics/']")
    assert phone_tab.url.endswith("/th/cases/statistics/")
