"""Unit tests of the content model: header parsing and the value types of the schema."""

import pytest

from content_model import header, schema
from content_model.values import (
    DateOrUnknown,
    FieldError,
    Item,
    Items,
    NameList,
    PartialDate,
    Sources,
    Text,
    parse_date,
)

SETTINGS = {"ITEM_UNITS": {"fahrzeuge": {}, "tonnen": {}, "generatoren": {}}}


def test_header_fields_with_line_numbers_and_continuations():
    parsed = header.parse("Title: A\nSources: https://a.example x\n    https://b.example y\n\nBody: not a field\n")
    assert parsed.fields["title"].line == 1
    assert parsed.fields["sources"].lines == ["https://a.example x", "https://b.example y"]
    assert parsed.body_first_line == 4
    assert "Body: not a field" in parsed.body
    assert "body" not in parsed.fields
    assert parsed.problems == []


def test_note_lines_in_the_header_are_skipped_and_lines_keep_their_numbers():
    text = "# Hinweis: die Überschrift\nTitle: A\n# Belege\nSources: https://a.example x\n# noch ein Hinweis\n" \
        "    https://b.example y\n\n# Überschrift im Text\n"
    parsed = header.parse(text)
    assert set(parsed.fields) == {"title", "sources"}
    assert parsed.fields["sources"].line == 4
    assert parsed.fields["sources"].lines == ["https://a.example x", "https://b.example y"]
    assert parsed.body.strip() == "# Überschrift im Text"
    assert parsed.problems == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Title: A\nTitle: B\n\nx", 2, "doppelt"),
        ("Title: A\nkein Feld\n\nx", 2, "kein Feld"),
        ("Nur Text\n", 1, "beginnt nicht mit dem Kopf"),
        ("Sources: https://a.example x\nhttps://b.example y\n\nx", 2, "Zeilenanfang"),
    ],
)
def test_header_problems(text, line, message):
    problems = header.parse(text).problems
    assert [problem.line for problem in problems] == [line]
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [("2022-09-15", PartialDate(2022, 9, 15), "day"), ("2022-09", PartialDate(2022, 9), "month")],
)
def test_dates(text, expected, precision):
    value = parse_date(text)
    assert value == expected
    assert value.precision == precision
    assert str(value) == text


@pytest.mark.parametrize("text", ["2022-13-01", "2023-02-29", "15.09.2022", "2022/09/15", "2022-9-15", "1899-01-01", ""])
def test_invalid_dates(text):
    with pytest.raises(FieldError):
        parse_date(text)


def test_signed_may_be_unknown():
    assert DateOrUnknown().parse(["unbekannt"], {}) is None
    assert DateOrUnknown().parse(["2025-10"], {}) == PartialDate(2025, 10)


def test_items():
    items = Items().parse(["10 fahrzeuge Spezialfahrzeuge", "ca. 1.000 tonnen", "? generatoren Solar"], SETTINGS)
    assert items == [
        Item(10, False, "fahrzeuge", "Spezialfahrzeuge"),
        Item(1000, True, "tonnen", ""),
        Item(None, False, "generatoren", "Solar"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("zehn fahrzeuge", "nicht die Form"),
        ("10 autos", "unbekannt"),
        ("0 fahrzeuge", "0"),
        ("1,5 tonnen", "keine ganze Zahl"),
        ("1,5", "nicht die Form"),
        ("ca. ? fahrzeuge", "widersprüchlich"),
    ],
)
def test_invalid_items(line, message):
    with pytest.raises(FieldError) as error:
        Items().parse([line], SETTINGS)
    assert message in error.value.message


def test_sources_need_a_full_url_and_a_label():
    assert Sources().parse(["https://example.org/a NDR, 15. September 2022"], {})[0].label == "NDR, 15. September 2022"
    for line in ["https://example.org/a", "example.org/a Label", "javascript:alert(1) Label", "https://example.org/…/a L"]:
        with pytest.raises(FieldError):
            Sources().parse([line], {})


@pytest.mark.parametrize("rest", ["bericht.pdf", "teil/zwei.html", "seite?id=3", "archiv/2023/"])
def test_a_source_address_cut_at_a_space_is_refused(rest):
    with pytest.raises(FieldError) as error:
        Sources().parse([f"https://example.org/mein {rest} Stadt Hannover, 2023"], {})
    assert "Leerzeichen" in error.value.message


@pytest.mark.parametrize("label", ["Stadt/Region Hannover, 2023", "NDR/ARD, 15. September 2022", "<b>fett</b> 2023"])
def test_labels_with_slashes_or_markup_are_labels(label):
    assert Sources().parse([f"https://example.org/a {label}"], {})[0].label == label


def test_name_lists_accept_commas_and_lines_and_refuse_duplicates():
    assert NameList().parse(["lhh, enercity", "hanova"], {}) == ["lhh", "enercity", "hanova"]
    with pytest.raises(FieldError):
        NameList().parse(["lhh, lhh"], {})
    with pytest.raises(FieldError):
        NameList().parse(["Stadt Hannover"], {})


def test_text_is_one_line_of_bounded_length():
    assert Text(10).parse(["kurz"], {}) == "kurz"
    with pytest.raises(FieldError):
        Text(10).parse(["viel zu lang für das Feld"], {})
    with pytest.raises(FieldError):
        Text(10).parse(["a", "b"], {})


def test_every_kind_has_the_fields_the_site_is_computed_from():
    names = {kind: {field.name for field in schema.article_fields(kind)} for kind in schema.KIND_FIELDS}
    common = {"title", "date", "kind", "summary", "sources", "partners"}
    assert common <= names["besuch"] and common <= names["lieferung"] and common <= names["kooperation"]
    assert {"delegation", "start", "end"} <= names["besuch"]
    assert {"items", "donors"} <= names["lieferung"]
    assert {"parties", "signed", "subject"} <= names["kooperation"]
    required = {field.name for field in schema.article_fields("besuch") if field.required}
    assert {"title", "date", "kind", "summary", "sources", "delegation", "start", "end"} <= required


def test_rendered_texts_are_kept_by_text_and_settings_across_builds(tmp_path):
    from content_model.rendered import open_cache, save_all

    config = {"extensions": ["markdown.extensions.toc"], "output_format": "html5"}
    cache = open_cache(str(tmp_path), config, "de")
    assert cache.get("# Titel\n\nText") is None
    cache.put("# Titel\n\nText", "<h1>Titel</h1>")
    cache.put("# Alt\n\nText", "<h1>Alt</h1>")
    assert cache.get("# Titel\n\nText") == "<h1>Titel</h1>"
    assert cache.get("# Titel\n\nText.") is None, "another text must not hit"
    assert open_cache(str(tmp_path), config, "de") is cache, "one cache per build for all readers"
    save_all()
    assert len(list(tmp_path.glob("*-de.json"))) == 1, "one file per build, not one per text"

    # The next build finds what the last one made; what it does not use drops out of the file it writes.
    again = open_cache(str(tmp_path), config, "de")
    assert again is not cache and again.get("# Titel\n\nText") == "<h1>Titel</h1>"
    save_all()
    assert open_cache(str(tmp_path), config, "de").get("# Alt\n\nText") is None
    other_settings = open_cache(str(tmp_path), dict(config, output_format="xhtml"), "de")
    assert other_settings.get("# Titel\n\nText") is None, "other Markdown settings must not hit"
    save_all()
