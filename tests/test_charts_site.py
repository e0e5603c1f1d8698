"""The charts and the map on the real site (plugins/charts): what each language's pages say, and how they look and
read in Chromium at 360 and 1280 px, light and dark, with axe. Screenshots of every chart and the map go to
tests/artifacts/screenshots/charts/ for a human look.

The parts (SVG markup, numbers, the output gate) are tested in plugins/charts/test_charts.py.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT
from test_browser import WCAG_TAGS, describe

SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots" / "charts"
# Every page with a chart or the map, in each language: (URL path, what it shows).
PAGES = {
    "lieferliste": ("lieferliste/", ".chart--multiples"),
    "startseite": ("", ".chart--multiples"),
    "chronik": ("chronik/", ".chart--columns"),
    "partnerschaft": ("partnerschaft/", ".route-map"),
    "mykolajiw": ("mykolajiw/", ".route-map"),
    "uk-lieferliste": ("uk/perelik-postavok/", ".chart--multiples"),
    "uk-mykolajiw": ("uk/mykolaiv/", ".route-map"),
    "en-chronik": ("en/chronicle/", ".chart--columns"),
    "en-partnerschaft": ("en/partnership/", ".route-map"),
}
MAP_LABELS = {"": ["Hannover", "Mykolajiw", "≈ 1.700 km Luftlinie"],
              "uk/": ["Ганновер", "Миколаїв", "≈ 1\u00a0700 км по прямій"],
              "en/": ["Hannover", "Mykolaiv", "≈ 1,700 km as the crow flies"]}


def number(text):
    return int(re.sub(r"\D", "", text))


# --- what the pages say ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
def test_each_chart_is_an_image_with_title_and_description_in_the_page_language(real_site_local, kind):
    url, selector = PAGES[kind]
    page = real_site_local.page(url)
    [svg] = page.select(f"main svg{selector}")
    assert svg["role"] == "img"
    title = page.find(id=svg["aria-labelledby"])
    desc = page.find(id=svg["aria-describedby"])
    assert title.name == "title" and desc.name == "desc" and title.parent is svg and desc.parent is svg
    assert len(title.get_text()) > 10 and len(desc.get_text()) > 40
    lang = url.split("/")[0] if url.startswith(("uk/", "en/")) else "de"
    if lang == "uk":
        assert re.search("[а-яіїєґ]", desc.get_text()), desc.get_text()
    elif lang == "en":
        assert re.search(r"\b(the|per|and)\b", desc.get_text()), desc.get_text()
    assert not svg.select("[style], [fill], [stroke], script, foreignObject, a, use, image")


def test_the_delivery_chart_and_its_table_show_the_same_numbers(real_site_local):
    page = real_site_local.page("lieferliste/")
    figure = page.select_one("main figure.chart-figure")
    years = [th.get_text() for th in figure.select("thead th")][1:]
    assert years == [label.get_text() for label in figure.select("svg text.chart__label")]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in figure.select("tbody tr")}
    assert rows["Fahrzeuge"] == ["10", "3", "4", "2"]
    assert rows["Geschenkpakete"] == ["mindestens 1.000", "700", "–", "–"]
    assert rows["WLAN-Zugangspunkte"] == ["–", "–", "–", "keine Zahl bekannt"]
    # The chart draws the kinds with a number; its values in reading order are the table's, in short form.
    labels = [text.get_text() for text in figure.select("svg text.chart__row-label")]
    assert "WLAN-Zugangspunkte" not in labels and labels[0] == "Fahrzeuge"
    values = [text.get_text() for text in figure.select("svg text.chart__value")]
    assert values[:4] == ["10", "3", "4", "2"]
    assert "\u2265\u00a01.000" in values and "?" in values
    # The totals table above agrees with the sum per row.
    totals = {tr.th.get_text(): tr.select("td")[0].get_text() for tr in page.select("#summen + div table tbody tr")}
    assert number(totals["Fahrzeuge"]) == 10 + 3 + 4 + 2


def test_the_home_page_shows_the_three_kinds_delivered_most_often_with_a_table_behind_a_disclosure(real_site_local):
    figure = real_site_local.page("").select_one("main figure.chart-figure")
    labels = [text.get_text() for text in figure.select("svg text.chart__row-label")]
    assert len(labels) == 3 and labels[0] == "Fahrzeuge"
    details = figure.select_one("details")
    assert details.summary.get_text() == "Die Zahlen als Tabelle" and not details.has_attr("open")
    assert [tr.th.get_text() for tr in details.select("tbody tr")] == labels


def test_the_chronicle_chart_counts_what_the_chronicle_lists(real_site_local):
    page = real_site_local.page("chronik/")
    figure = page.select_one("main figure.chart-figure")
    totals = [number(text.get_text()) for text in figure.select("svg text.chart__total")]
    years = [text.get_text() for text in figure.select("svg text.chart__label")]
    listed = {section.h2.get_text(): len(section.select(".chronicle__entry"))
              for section in page.select("section.chronicle-year")}
    assert dict(zip(years, totals)) == listed
    assert years == sorted(years)
    table = {tr.th.get_text(): number(tr.select("td")[-1].get_text()) for tr in figure.select("tbody tr")}
    assert table == listed
    assert [li.get_text() for li in figure.select(".chart-legend li")] == ["Besuche", "Lieferungen", "Kooperationen"]


@pytest.mark.parametrize("prefix", MAP_LABELS)
def test_the_map_is_on_the_partnership_and_mykolajiw_pages_labelled_in_each_language(real_site_local, prefix):
    slugs = {"": ("partnerschaft/", "mykolajiw/"), "uk/": ("uk/partnerstvo/", "uk/mykolaiv/"),
             "en/": ("en/partnership/", "en/mykolaiv/")}[prefix]
    for url in slugs:
        page = real_site_local.page(url)
        [svg] = page.select("main svg.route-map")
        assert [text.get_text() for text in svg.select("text")] == MAP_LABELS[prefix]
        assert svg["viewbox"] == "0 0 460 300"  # (html.parser lowercases attribute names)
        assert len(str(svg).encode()) < 8_000
        assert "Natural Earth" in page.select_one(".route-map-figure figcaption").get_text()
    shown = set()
    for path in real_site_local.files(f"{prefix}**/index.html"):
        relative = path.relative_to(real_site_local.output)
        if (prefix or relative.parts[0] not in ("uk", "en")) and 'class="route-map"' in path.read_text(encoding="utf-8"):
            shown.add(relative.parent.as_posix() + "/")
    assert shown == set(slugs)


# --- in the browser ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_charts_and_map_are_visible_fit_the_screen_and_pass_axe(browser, site_url, width, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for kind, (url, selector) in PAGES.items():
        page.goto(f"{site_url}/{url}")
        figure = page.locator(f"figure:has({selector})")
        figure.scroll_into_view_if_needed()
        box = page.locator(f"svg{selector}").bounding_box()
        assert box["width"] > 250 and box["height"] > 80, (kind, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (kind, box)
        figure.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}-{scheme}.png"))
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                          "resultTypes": ["violations"]})
        assert result.violations_count == 0, (kind, describe(result.response["violations"]))
    context.close()


def test_chart_colours_come_from_the_tokens_in_light_dark_and_print(browser, site_url):
    fills = {}
    for scheme, media in (("light", "screen"), ("dark", "screen"), ("dark", "print")):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.emulate_media(media=media, color_scheme=scheme)
        page.goto(f"{site_url}/chronik/")
        fills[scheme, media] = page.evaluate(
            "[...document.querySelectorAll('.chart__segment')].map(e => getComputedStyle(e).fill)"
            ".filter((v, i, a) => a.indexOf(v) === i)")
        page.goto(f"{site_url}/mykolajiw/")
        fills[scheme, media, "map"] = page.evaluate("getComputedStyle(document.querySelector('.route-map__land')).fill")
        context.close()
    light, dark, printed = fills["light", "screen"], fills["dark", "screen"], fills["dark", "print"]
    assert light == ["rgb(0, 87, 183)", "rgb(29, 107, 58)", "rgb(176, 20, 29)"] or len(set(light)) == 3, light
    assert set(dark).isdisjoint(light), "dark mode has colours of its own"
    assert printed == light, "print uses the light colours, whatever the screen's scheme"
    assert fills["light", "screen", "map"] != fills["dark", "screen", "map"]
