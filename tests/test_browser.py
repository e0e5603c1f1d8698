"""The theme in a real browser: Debian's headless Chromium, driven by Playwright, on the real site.

Every kind of page is checked for WCAG 2.x A and AA with axe-core in light and dark mode, for horizontal
scrolling at 320 px, for requests to other hosts, for Content-Security-Policy violations, and photographed at
360, 768 and 1280 px into tests/artifacts/screenshots/.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from browser import widths_at_320_px
from conftest import ROOT

PAGE_KINDS = {
    "startseite": "",
    "besuch": "besuche/2023-04-17-buergermeister-hannover-messe/",
    "lieferung": "lieferungen/2022-12-07-zehn-spezialfahrzeuge/",
    "kooperation": "kooperationen/2022-09-15-solidaritaetspartnerschaft-unterzeichnet/",
    "uebersicht": "lieferungen/",
    "uebersicht-seite-2": "lieferungen/seite/2/",
    "seite": "partnerschaft/",
    "leichte-sprache": "leichte-sprache/",
    "partner-uebersicht": "partner/",
    "partner": "partner/hanova/",
    "nicht-gefunden": "gibt-es-nicht/",
    "uk-startseite": "uk/",
    "uk-partner": "uk/partnery/svii-dim/",
    "en-lieferung": "en/deliveries/2022-12-07-ten-special-vehicles-and-power-generators/",
    "en-seite": "en/partnership/",
    "chronik": "chronik/",
    "lieferliste": "lieferliste/",
    "suche": "suche/",
    "uk-chronik": "uk/khronika/",
    "en-suche": "en/search/",
}
SEARCH_PAGES = {"suche", "en-suche"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def describe(violations):
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in violations
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_wcag_violations(browser, site_url, kind, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE_KINDS[kind]}")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    context.close()
    assert result.violations_count == 0, describe(result.response["violations"])
    assert result.response["passes"], "axe ran no checks at all"


def test_the_dark_scheme_really_changes_the_colours(browser, site_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + "/")
        colours[scheme] = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        context.close()
    assert colours["light"] == "rgb(255, 255, 255)"
    assert colours["dark"] != colours["light"]


def test_the_skip_link_is_first_and_moves_focus_to_the_main_content(page, site_url):
    page.goto(f"{site_url}/{PAGE_KINDS['lieferung']}")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#inhalt"]
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 10, "the focused skip link must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main, "after the skip link, the next Tab stays in the main content"


@pytest.mark.parametrize("kind", ["startseite", "lieferung", "partner-uebersicht"])
def test_keyboard_reaches_every_link_with_a_visible_focus(page, site_url, kind):
    """Tab through the whole page: each link (and each disclosure's summary, such as the home page's "Die Zahlen
    als Tabelle") gets focus in turn, and each shows a focus outline. The menu's button, hidden on wide screens,
    is not counted."""
    page.goto(f"{site_url}/{PAGE_KINDS[kind]}")
    links = page.evaluate("[...document.querySelectorAll('a[href], summary')]"
                          ".filter(e => e.getClientRects().length).length")
    reached = []
    for _ in range(links + 1):
        page.keyboard.press("Tab")
        element = page.evaluate(
            """() => {
                const e = document.activeElement, s = getComputedStyle(e);
                return {tag: e.tagName, html: e.outerHTML.slice(0, 90), outline: s.outlineStyle,
                        width: parseFloat(s.outlineWidth)};
            }"""
        )
        if element["tag"] == "BODY":
            break
        assert element["outline"] != "none" and element["width"] >= 2, element
        reached.append(element["html"])
    assert len(reached) == links, f"{len(reached)} of {links} links reached by Tab"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_horizontal_scrolling_at_320_px(browser, site_url, kind):
    widths = widths_at_320_px(browser, f"{site_url}/{PAGE_KINDS[kind]}")
    assert widths[0] <= widths[1], f"{kind}: page is {widths[0]} px wide in a 320 px window"


def test_no_request_leaves_localhost_and_no_csp_violation(page, site_url):
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    for kind, url in PAGE_KINDS.items():
        page.goto(f"{site_url}/{url}")
        if kind in SEARCH_PAGES:
            # Only the search pages run a script, which may fetch more after `load`; the others are complete then.
            page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).netloc for url in requests}
    assert hosts == {urlsplit(site_url).netloc}, hosts
    # The 404 page is served with status 404, which Chromium reports on the console, once; nothing else may appear.
    assert [problem for problem in problems if "404" not in problem] == []
    assert len([problem for problem in problems if "404" in problem]) == 1, problems
    assert len(requests) >= len(PAGE_KINDS) * 2, "pages and their stylesheet were requested"


def test_pages_have_no_scripts_and_images_have_their_size(page, site_url):
    """No page but the search page runs a script (JSON-LD blocks are data, not scripts)."""
    for kind, url in PAGE_KINDS.items():
        page.goto(f"{site_url}/{url}")
        scripts = page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json').length")
        assert scripts == (1 if kind in SEARCH_PAGES else 0), kind
        assert page.evaluate("[...document.images].filter(i => !i.getAttribute('width') || !i.getAttribute('height')).length") == 0


def test_print_stylesheet_hides_navigation(page, site_url):
    page.goto(f"{site_url}/{PAGE_KINDS['lieferung']}")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.main-nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") != "none"


def test_reduced_motion_is_honoured(browser, site_url):
    behaviours = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(site_url + "/")
        behaviours[motion] = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        context.close()
    assert behaviours == {"no-preference": "smooth", "reduce": "auto"}


def test_the_404_page_is_served_as_404(page, site_url):
    response = page.goto(f"{site_url}/{PAGE_KINDS['nicht-gefunden']}")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"


def luminance_median(image):
    grey = image.convert("L")
    histogram, total, seen = grey.histogram(), grey.width * grey.height, 0
    for value, count in enumerate(histogram):
        seen += count
        if seen * 2 >= total:
            return value
    return 255


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_screenshots_of_every_kind_of_page(browser, site_url, width):
    """Each kind of page, photographed whole (kept in tests/artifacts/screenshots/ for a human look): exactly as
    wide as the window, its heading on the first screen, text on it, and light or dark as asked."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    schemes = ("light", "dark") if width == 360 else ("light",)
    for scheme in schemes:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for kind, url in PAGE_KINDS.items():
            path = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
            page.goto(f"{site_url}/{url}")
            heading = page.locator("h1").bounding_box()
            assert heading and heading["height"] > 0 and heading["y"] + heading["height"] <= 900, (kind, heading)
            page.screenshot(path=str(path), full_page=True)
            with Image.open(path) as image:
                image.load()
            assert image.width == width and image.height >= 900, (kind, image.size)
            # Not blank: a page of text has many shades (anti-aliased letters), a failed render a handful.
            assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50, kind
            median = luminance_median(image)
            assert (median > 200) if scheme == "light" else (median < 60), (kind, scheme, median)
        context.close()
