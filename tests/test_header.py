"""The header on a phone (issue 18): at 360–390 px it takes at most a quarter of the first screen, the menu is a
disclosure (<details>, no script) that keyboards and screen readers can use; on a wide screen nothing changes."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_browser import WCAG_TAGS, describe

PHONES = [(360, 640), (390, 844)]
PAGES = {"": "Menü", "uk/": "Меню", "en/partnership/": "Menu", "lieferungen/": "Menü"}


def menu_in_accessibility_tree(page, name):
    """The menu button as Chromium's accessibility tree has it (what a screen reader gets): (role, expanded)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    for node in nodes:
        if node.get("name", {}).get("value") == name and not node.get("ignored"):
            properties = {item["name"]: item["value"].get("value") for item in node.get("properties", [])}
            return node["role"]["value"], properties.get("expanded")
    return None


@pytest.mark.parametrize(("width", "height"), PHONES)
@pytest.mark.parametrize("url", PAGES)
def test_on_a_phone_the_header_takes_at_most_a_quarter_of_the_first_screen(browser, site_url, url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}/{url}")
    header = page.locator(".site-header").bounding_box()
    assert header["y"] == 0 and header["height"] <= height / 4, header
    assert page.locator(".site-menu__toggle").is_visible()
    assert not page.locator(".main-nav a").first.is_visible(), "the menu starts closed"
    heading = page.locator("h1").bounding_box()
    assert heading["y"] + heading["height"] <= height
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_the_menu_opens_and_closes_by_keyboard_and_tells_screen_readers_its_state(browser, site_url, url):
    name = PAGES[url]
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{site_url}/{url}")
    assert menu_in_accessibility_tree(page, name) == ("DisclosureTriangle", False)
    for _ in range(12):  # skip link, site name, the other languages, then the menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent") == name
    closed = page.locator(".site-menu__toggle").bounding_box()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused menu button shows its focus"
    page.keyboard.press("Enter")
    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator(".site-menu__toggle").bounding_box() == closed, "the button stays where it was tapped"
    assert menu_in_accessibility_tree(page, name) == ("DisclosureTriangle", True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-nav') !== null"), "Tab goes on into the menu"
    links = page.locator(".main-nav a").count()
    boxes = [page.locator(".main-nav a").nth(index).bounding_box() for index in range(links)]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 360 for box in boxes)
    nav = page.locator(".main-nav").bounding_box()
    assert nav["width"] >= 300 and nav["y"] >= page.locator(".site-menu__toggle").bounding_box()["y"] + 40, (
        "the open menu gets a row of its own under the button, as wide as the header")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    assert not page.locator(".main-nav a").first.is_visible(), "Space closes it again"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_menu_passes_axe(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    for url in PAGES:
        page.goto(f"{site_url}/{url}")
        page.locator(".site-menu__toggle").click()
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                          "resultTypes": ["violations"]})
        assert result.violations_count == 0, (url, describe(result.response["violations"]))
    context.close()


def test_on_a_wide_screen_the_menu_is_always_shown_without_a_button(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}/")
    assert not page.locator(".site-menu__toggle").is_visible()
    links = page.locator(".main-nav a")
    assert links.count() >= 8 and all(links.nth(index).is_visible() for index in range(links.count()))
    assert page.locator(".site-header").bounding_box()["height"] < 160
    assert menu_in_accessibility_tree(page, "Menü") is None, "no button for screen readers either"
    context.close()
