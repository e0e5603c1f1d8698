"""Unit tests of the computations; tests/test_finding.py checks them on built sites."""

import csv
import io
from datetime import date
from types import SimpleNamespace

from activity_data import figures, open_data


def item(count, unit, approximate=False):
    return SimpleNamespace(count=count, unit=unit, approximate=approximate, description="")


def delivery(year, *items):
    return SimpleNamespace(kind="lieferung", date=date(year, 1, 1), items=list(items))


def test_totals_add_up_and_say_when_they_are_a_minimum():
    articles = [
        delivery(2022, item(10, "fahrzeuge"), item(40, "tonnen", approximate=True)),
        delivery(2024, item(3, "fahrzeuge"), item(None, "generatoren")),
        SimpleNamespace(kind="besuch", date=date(2023, 5, 1)),
    ]
    result = figures.compute(articles, ["besuch", "lieferung", "kooperation"], ["fahrzeuge", "tonnen", "generatoren"])
    assert result.per_kind == {"besuch": 1, "lieferung": 2, "kooperation": 0}
    assert result.activities == 3
    assert (result.units["fahrzeuge"].count, result.units["fahrzeuge"].lower_bound) == (13, False)
    assert (result.units["tonnen"].count, result.units["tonnen"].lower_bound) == (40, True)
    assert (result.units["generatoren"].count, result.units["generatoren"].lower_bound) == (0, True)
    assert (result.first_year, result.last_year) == (2022, 2024)


def test_csv_has_a_column_per_language_and_quotes_what_needs_quoting():
    entry = {"id": "artikel/x", "kind": "lieferung", "date": "2024-01", "title": {"de": 'A, "B"'},
             "url": {"de": "https://e.org/x/", "en": "https://e.org/en/x/"}, "partners": ["lhh", "uvn"],
             "items": [{"unit": "fahrzeuge", "count": None, "approximate": False, "description": ""}],
             "sources": [{"url": "https://s.org/1", "label": "S"}]}
    rows = list(csv.DictReader(io.StringIO(open_data.as_csv([entry], ["de", "en"]))))
    assert list(rows[0]) == ["id", "kind", "date", "title_de", "title_en", "url_de", "url_en", "partners", "items",
                             "sources"]
    assert rows[0]["title_de"] == 'A, "B"' and rows[0]["title_en"] == ""
    assert rows[0]["items"] == "? fahrzeuge" and rows[0]["partners"] == "lhh, uvn"


def test_schema_lists_the_site_languages_and_requires_the_original():
    schema = open_data.activities_schema(["de", "pl"], "de")
    assert schema["$defs"]["per_language"]["properties"] == {"de": {"type": "string"}, "pl": {"type": "string"}}
    assert schema["$defs"]["per_language"]["required"] == ["de"]
    assert open_data.ACTIVITIES_SCHEMA["$defs"]["per_language"]["properties"] == {}, "the template stays unchanged"
