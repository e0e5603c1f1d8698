"""Tests of the charts plugin's parts, without a build (fast): the SVG each chart writes, its numbers per language,
its accessibility markup, that the site's output gate accepts it, and the route map. The charts on the built site
(every language, the tables next to them, light and dark mode in Chromium, axe) are tested in tests/test_charts_site.py.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from selectolax.lexbor import LexborHTMLParser

from activity_data import figures
from charts import bars, plugin, route_map, svg
from sitebuild import output_gate

ROOT = Path(__file__).resolve().parent.parent.parent
MAP = ROOT / "theme" / "maps" / "hannover-mykolajiw.svg"
UNITS = {"fahrzeuge": {"de": {"other": "Fahrzeuge"}, "en": {"other": "vehicles"},
                       "uk": {"one": "транспортний засіб", "few": "транспортні засоби",
                              "many": "транспортних засобів", "other": "транспортного засобу"}},
         "pakete": {"de": {"other": "Geschenkpakete"}}, "tonnen": {"de": {"other": "Tonnen"}},
         "router": {"de": {"other": "Router"}}}


def page_with(markup):
    return f"<!doctype html><html lang=de><head><title>t</title></head><body><main>{markup}</main></body></html>"


def elements(markup):
    main = LexborHTMLParser(page_with(markup)).css_first("main")
    return [(node.tag, dict(node.attributes)) for node in main.traverse(include_text=False) if node.tag != "main"]


def columns_chart(lang="de", counts=((1, 3, 0), (2, 4, 0), (3, 2, 1))):
    return bars.stacked_columns([(2021 + index, list(row)) for index, row in enumerate(counts)],
                                [("besuch", "besuch"), ("lieferung", "lieferung"), ("kooperation", "kooperation")],
                                ident="c", title="Titel", desc="Beschreibung", lang=lang)


def test_a_chart_is_one_image_named_by_its_title_and_described_by_its_desc():
    markup = columns_chart()
    tags = elements(markup)
    assert tags[0][0] == "svg"
    assert tags[0][1]["role"] == "img"
    assert tags[0][1]["aria-labelledby"] == "c-titel" and tags[0][1]["aria-describedby"] == "c-beschreibung"
    assert ("title", {"id": "c-titel"}) in tags and ("desc", {"id": "c-beschreibung"}) in tags
    assert "<title id=\"c-titel\">Titel</title><desc id=\"c-beschreibung\">Beschreibung</desc>" in markup


def test_the_site_output_gate_accepts_every_chart_and_the_map():
    charts = [columns_chart(), columns_chart("uk"),
              bars.small_multiples([("Fahrzeuge", [bars.Value(10), None, bars.Value(3, True)]),
                                    ("Pakete", [bars.Value(None, True), bars.Value(1000, True), None])],
                                   ["2022", "2023", "2024"], ident="m", title="T", desc="D", lang="de"),
              route_map.render(str(MAP), {"karte-hannover": "Ганновер"}, ident="k", title="T", desc="D")]
    for markup in charts:
        assert output_gate.page_problems(page_with(markup), "x/index.html") == []


def test_the_gate_still_refuses_what_charts_never_need():
    for markup in ('<svg><script>alert(1)</script></svg>', '<svg><foreignObject></foreignObject></svg>',
                   '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
                   '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', '<svg onload="alert(1)"></svg>',
                   '<svg><rect style="fill:red"/></svg>', '<svg><use href="#a"/></svg>',
                   '<svg><image href="https://example.org/x.png"/></svg>', '<svg><style>*{}</style></svg>'):
        assert output_gate.page_problems(page_with(markup), "x/index.html"), markup


def test_no_style_attribute_and_no_colour_in_the_markup():
    """Colours come from the stylesheet's classes (CSP: no inline styles; dark mode and print by tokens)."""
    markup = columns_chart() + route_map.render(str(MAP), {}, ident="k", title="T", desc="D")
    assert not re.search(r'\s(style|fill|stroke|color)=', markup)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", markup)


@pytest.mark.parametrize(("lang", "expected"), [("de", "1.234"), ("uk", "1\u00a0234"), ("en", "1,234")])
def test_numbers_are_formatted_by_babel_and_years_are_not(lang, expected):
    markup = columns_chart(lang, counts=((1234, 0, 0), (1, 0, 0)))
    assert f">{expected}<" in markup
    assert ">2021<" in markup and ">2.021<" not in markup


def test_stacked_columns_draw_a_part_per_nonzero_count_in_proportion():
    markup = columns_chart(counts=((1, 3, 0), (2, 4, 0), (3, 2, 1)))
    heights = [float(attrs["height"]) for tag, attrs in elements(markup) if tag == "rect"]
    assert len(heights) == 7  # the zero counts are not drawn
    assert heights[0] * 3 == pytest.approx(heights[1])
    totals = re.findall(r'class="chart__total"[^>]*>(\d+)<', markup)
    assert totals == ["4", "6", "6"]


def test_small_multiples_scale_each_row_and_mark_at_least_and_unknown():
    markup = bars.small_multiples([("Fahrzeuge", [bars.Value(10), bars.Value(5), None]),
                                   ("Pakete", [bars.Value(None, True), bars.Value(1000, True), None])],
                                  ["2022", "2023", "2024"], ident="m", title="T", desc="D", lang="de")
    widths = [float(attrs["width"].rstrip("%")) for tag, attrs in elements(markup) if tag == "rect"]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.02)  # 10 and 5 in the same row (2 decimals)
    assert widths[2] == pytest.approx(widths[0])  # a row's largest value fills its column, whatever it counts
    assert "\u2265\u00a01.000" in markup and ">?<" in markup
    assert 'class="chart__bar chart__bar--at-least"' in markup


def test_output_is_deterministic():
    assert str(columns_chart()) == str(columns_chart())
    assert str(route_map.render(str(MAP), {}, ident="k", title="T", desc="D")) == str(
        route_map.render(str(MAP), {}, ident="k", title="T", desc="D"))


def item(count, unit, approximate=False):
    return SimpleNamespace(count=count, unit=unit, approximate=approximate)


def delivery(year, *items):
    from datetime import date

    return SimpleNamespace(kind="lieferung", date=date(year, 6, 1), items=list(items))


def by_year(*articles):
    years = sorted({article.date.year for article in articles})
    return [(year, figures.compute([a for a in articles if a.date.year == year], ["lieferung"], list(UNITS)))
            for year in years]


def test_delivery_rows_come_from_the_figures_of_each_year():
    data = by_year(delivery(2022, item(10, "fahrzeuge"), item(None, "router")),
                   delivery(2023, item(3, "fahrzeuge"), item(1000, "pakete", approximate=True)),
                   delivery(2023, item(2, "fahrzeuge")))
    rows = plugin.delivery_rows(data, UNITS, "de")
    assert [unit for unit, _, _ in rows] == ["fahrzeuge", "pakete", "router"]
    assert rows[0][2] == [bars.Value(10), bars.Value(5)]
    assert rows[1][2] == [None, bars.Value(1000, True)]
    assert rows[2][2] == [bars.Value(None, True), None]
    assert [unit for unit, _, _ in plugin.delivery_rows(data, UNITS, "de", counted_only=True)] == ["fahrzeuge",
                                                                                                   "pakete"]
    assert [unit for unit, _, _ in plugin.delivery_rows(data, UNITS, "de", limit=1)] == ["fahrzeuge"]
    assert plugin.delivery_rows(data, UNITS, "en")[0][1] == "vehicles"
    assert plugin.delivery_rows(data, UNITS, "uk")[0][1] == "транспортні засоби"  # nominative plural, not genitive


def test_the_committed_map_is_small_safe_and_labelled_per_language():
    assert MAP.stat().st_size < 8_000
    from content_model import svg_policy

    assert svg_policy.read(str(MAP)).problem is None
    markup = route_map.render(str(MAP), {"karte-hannover": "Ганновер", "karte-mykolajiw": "Миколаїв",
                                         "karte-entfernung": "≈ 1 700 км"}, ident="k", title="Карта", desc="Опис")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", markup)
    assert texts == ["Ганновер", "Миколаїв", "≈ 1 700 км"]
    assert 'viewBox="0 0 460 300"' in markup and "<title id=\"k-titel\">Карта</title>" in markup
    assert route_map.distance_km(str(MAP)) == 1700


def test_an_unsafe_map_file_is_refused(tmp_path):
    bad = tmp_path / "map.svg"
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>')
    with pytest.raises(route_map.MapError, match="script"):
        route_map.render(str(bad), {}, ident="k", title="T", desc="D")


def test_numbers_are_rounded_for_short_stable_markup():
    assert [svg.number(value) for value in (12.5, 40.0, 100 / 3, -0.0, 0.004)] == ["12.5", "40", "33.33", "0", "0"]
