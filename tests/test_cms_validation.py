"""The web editor's form catches wrong goods and sources lines before saving (patterns in cms/config.yml, generated
by editors/cms_config.py from ITEM_UNITS): it must accept every value the real content has, as the form shows it,
and refuse the common mistakes. In Chromium the form's refusal is checked by tests/test_cms_first_article.py."""

import re

import pytest
import yaml

from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / "cms" / "config.yml").read_text(encoding="utf-8"))
CONTINUATION = re.compile(r"^ {4,}(.*)$")


def pattern(field_name):
    found = {field["pattern"][0] for collection in CONFIG["collections"] for field in collection["fields"]
             if field["name"] == field_name and "pattern" in field}
    assert len(found) == 1, found
    # A JavaScript pattern without flags; this one is also valid Python with the same meaning.
    return re.compile(found.pop())


def form_values(field_name):
    """Every value of the field in content/, as the web editor shows it: one line per continuation line."""
    values = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
        for index, line in enumerate(lines):
            if line.lower().startswith(f"{field_name}:"):
                value = [line.split(":", 1)[1].strip()]
                for following in lines[index + 1:]:
                    continuation = CONTINUATION.match(following)
                    if not continuation:
                        break
                    value.append(continuation[1].rstrip())
                values.append((path.relative_to(ROOT).as_posix(), "\n".join(value)))
    return values


@pytest.mark.parametrize("field_name", ["items", "sources"])
def test_the_form_accepts_every_value_the_content_has(field_name):
    values = form_values(field_name)
    assert len(values) > 5, values
    refused = [(path, value) for path, value in values if not pattern(field_name).search(value)]
    assert refused == []


@pytest.mark.parametrize("value", [
    "12 fahrzeug Spezialfahrzeuge",  # a unit not in the list (singular)
    "zwölf fahrzeuge Spezialfahrzeuge",  # the count in words
    "12 fahrzeuge Spezialfahrzeuge\nGeneratoren",  # a second line without count and unit
    "Spezialfahrzeuge",
])
def test_the_form_refuses_goods_the_build_refuses(value):
    assert not pattern("items").search(value)


@pytest.mark.parametrize("value", [
    "www.example.org/meldung Stadt Hannover, 2026",  # no https://
    "https://example.org/a Stadt\nNDR, 15. September 2022",  # a second line without an address
    "Pressemitteilung https://example.org/a",
])
def test_the_form_refuses_sources_without_an_address_first(value):
    assert not pattern("sources").search(value)


def test_the_goods_pattern_names_each_unit_of_the_settings():
    from pelican.settings import read_settings

    units = read_settings(str(ROOT / "pelicanconf.py"))["ITEM_UNITS"]
    for unit in units:
        assert pattern("items").search(f"3 {unit} Beschreibung"), unit
        assert not pattern("items").search(f"3 {unit}x Beschreibung"), unit
