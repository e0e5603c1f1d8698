"""The search page in headless Chromium: Pagefind's index per language, used by keyboard, safe without JavaScript.

The server sends the site's own Content-Security-Policies (tests/browser.py), so a search that needed more than
the search page's policy allows would fail here.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser import WCAG_TAGS, describe

REFUSE_TRUCKS = {
    "de": ("suche/", "Müllfahrzeuge", "/lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/"),
    "uk": ("uk/poshuk/", "сміттєвози", "/uk/postavky/2023-09-27-dva-smittievozy-y-multylift-dlia-mykolaieva/"),
    "en": ("en/search/", "refuse", "/en/deliveries/2023-09-27-two-refuse-vehicles-and-a-hook/"),
}


@pytest.fixture
def page(browser):
    """A page that records every console error, uncaught exception and CSP violation."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def search_by_keyboard(page, query):
    """Reach the search field with Tab alone, type, press Enter; wait until the status says what happened."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "suchfeld":
            break
    else:
        pytest.fail("the search field cannot be reached with the Tab key")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    status = page.locator("#suchstatus")
    status.filter(has_text=":").or_(status.filter(has_text=".")).wait_for(timeout=15000)
    return status.inner_text()


def result_links(page):
    return [link.get_attribute("href") for link in page.locator("#suchergebnisse a").all()]


def test_german_search_finds_the_refuse_truck_article(page, site_url):
    path, query, article = REFUSE_TRUCKS["de"]
    page.goto(f"{site_url}/{path}")
    status = search_by_keyboard(page, query)
    links = result_links(page)
    assert article in links, links
    shown = len(page.locator("#suchergebnisse li").all())
    assert 1 <= shown <= 25 and re.fullmatch(r"Treffer: \d+", status) and int(status.split()[1]) >= shown, status
    first = page.locator("#suchergebnisse li").first
    assert "Müllfahrzeuge" in first.locator("mark").first.inner_text()
    assert page.problems == []


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_each_language_searches_its_own_pages(page, site_url, lang):
    path, query, article = REFUSE_TRUCKS[lang]
    page.goto(f"{site_url}/{path}")
    search_by_keyboard(page, query)
    links = result_links(page)
    assert article in links, links
    assert all(link.startswith(f"/{lang}/") for link in links), links
    assert page.problems == []


def test_a_word_that_is_nowhere_says_so_and_points_to_the_chronicle(page, site_url):
    page.goto(f"{site_url}/suche/")
    status = search_by_keyboard(page, "Quarkstrudelxyz")
    assert status == "Keine Treffer. Versuchen Sie ein anderes Wort oder sehen Sie in der Chronik nach."
    assert result_links(page) == []
    assert page.locator("main a", has_text="Chronik").get_attribute("href") == "/chronik/"


def test_a_search_can_be_linked(page, site_url):
    """?q= in the address runs the search, so that a result list can be bookmarked or shared."""
    page.goto(f"{site_url}/suche/?q=Feuerwehr")
    page.locator("#suchergebnisse li").first.wait_for(timeout=15000)
    assert page.input_value("#suchfeld") == "Feuerwehr"
    assert any("feuerwehr" in link for link in result_links(page))


def test_results_are_announced_and_accessible(page, site_url):
    page.goto(f"{site_url}/suche/")
    assert page.get_attribute("#suchstatus", "role") == "status"
    assert page.locator("form[role=search] label[for=suchfeld]").inner_text() == "Suchbegriff"
    search_by_keyboard(page, "Generatoren")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert result.violations_count == 0, describe(result.response["violations"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#suchergebnisse') !== null")
    assert focused, "the first result link follows the search button in the Tab order"


def test_without_javascript_the_page_explains_itself_and_links_the_chronicle(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/uk/poshuk/")
    assert not page.locator("form[role=search]").is_visible(), "a form that cannot work is not shown"
    note = page.locator("noscript + *, main p", has_text="JavaScript").first
    assert note.is_visible()
    chronicle = note.locator("a")
    assert chronicle.get_attribute("href") == "/uk/khronika/"
    context.close()


def test_results_come_ten_at_a_time_and_focus_follows_the_next_ten(page, site_url):
    page.goto(f"{site_url}/suche/")
    status = search_by_keyboard(page, "Hannover")
    total = int(status.split()[1])
    assert total > 10, status
    assert len(result_links(page)) == 10
    page.keyboard.press("Tab")  # from the search field to its button
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "mehr-treffer":
            break
    page.keyboard.press("Enter")
    page.locator("#suchergebnisse li").nth(10).wait_for()
    assert len(result_links(page)) == min(total, 20)
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#suchergebnisse li')[10]")
    assert page.locator("#mehr-treffer").is_visible() == (total > 20)
    assert page.problems == []
