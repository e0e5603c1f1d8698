"""German typography: quotes „…“ ‚…‘, apostrophes ’, dashes – —, ellipsis …, in body text and in titles."""

import html
import re

import pytest
from bs4 import BeautifulSoup

from conftest import copy_fixture_site, run_build
from content_model.typography import educate, educate_text

# (typed by an editor, expected on the page)
GERMAN_CASES = [
    ('"Hallo"', "„Hallo“"),
    ('Er sagte "ja".', "Er sagte „ja“."),
    ("Das ist 'einfach' so", "Das ist ‚einfach‘ so"),
    ("\"Er sagte 'nein' dazu\"", "„Er sagte ‚nein‘ dazu“"),
    ("Wie geht's weiter", "Wie geht’s weiter"),
    ("Hans' Auto fährt", "Hans’ Auto fährt"),
    ("Hannover - Mykolajiw", "Hannover – Mykolajiw"),
    ("2022--2024", "2022–2024"),
    ("Ende --- Anfang", "Ende — Anfang"),
    ("Und dann...", "Und dann…"),
    ('Klammer ("so") zu', "Klammer („so“) zu"),
    ('Das Unternehmen "Свій Дім"', "Das Unternehmen „Свій Дім“"),
    ('Motto: "Hilfe & Hoffnung"', "Motto: „Hilfe & Hoffnung“"),
    ('"Zitat" - und \'Halbzitat\'...', "„Zitat“ – und ‚Halbzitat‘…"),
    ("Schon „richtig“ gesetzt", "Schon „richtig“ gesetzt"),
    ("ein Bindestrich-Wort bleibt", "ein Bindestrich-Wort bleibt"),
]


@pytest.mark.parametrize(("typed", "expected"), GERMAN_CASES)
def test_body_text(typed, expected):
    # A body is HTML: "&" in the text is "&amp;" there, as the Markdown renderer and the HTML gate write it.
    assert educate(f"<p>{html.escape(typed, quote=False)}</p>", "de") == f"<p>{html.escape(expected, quote=False)}</p>"


@pytest.mark.parametrize(("typed", "expected"), GERMAN_CASES)
def test_title_text(typed, expected):
    """Titles are plain text: set, then escaped for HTML."""
    result = educate_text(typed, "de")
    assert html.unescape(result) == expected
    assert "<" not in result


def test_code_is_left_as_typed():
    assert educate('<p>Schreiben Sie <code>"Slug: x"</code> und "y"</p>', "de") == (
        '<p>Schreiben Sie <code>"Slug: x"</code> und „y“</p>'
    )
    assert educate("<pre><code>Title: 'a' -- b...</code></pre>", "de") == "<pre><code>Title: 'a' -- b...</code></pre>"


def test_quotes_around_markup():
    assert educate('<p>"<em>kursiv</em>" und "<a href="/x/">Link</a>"</p>', "de") == (
        '<p>„<em>kursiv</em>“ und „<a href="/x/">Link</a>“</p>'
    )


def test_attributes_are_not_touched():
    assert educate('<p><a href="/a\'b/" title="x -- y">"z"</a></p>', "de") == (
        '<p><a href="/a\'b/" title="x -- y">„z“</a></p>'
    )


def test_a_quote_in_an_attribute_value_is_never_taken_for_a_quotation_mark():
    """docutils' tokenizer ends a tag at the first ">", also one inside a quoted attribute value; it then set the
    attribute's closing quote as „ and the browser read the rest of the paragraph into the attribute."""
    body = BeautifulSoup(educate('<p><a href="/x/" title="1>2">Text "zitiert"</a> und "mehr"</p>', "de"),
                         "html.parser")
    assert body.a["title"] == "1>2" and body.a.get_text() == "Text „zitiert“"
    assert body.p.get_text() == "Text „zitiert“ und „mehr“"


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("uk", '"Свій Дім"', "«Свій Дім»"),
        ("uk", "п'ять", "пʼять"),
        ("uk", "Київ - місто", "Київ — місто"),
        ("en", "\"It's 'fine'\"", "“It’s ‘fine’”"),
        ("en", "Hannover - Mykolaiv", "Hannover – Mykolaiv"),
    ],
)
def test_other_languages(lang, typed, expected):
    assert educate(typed, lang) == expected


def _text(element):
    return re.sub(r"\s+", " ", element.get_text()).replace("\xa0", " ").strip()


def test_in_a_real_build_titles_and_bodies_are_set_in_german(tmp_path):
    """One article per case: the case is its title and its body; the built page shows the expected text."""
    content = copy_fixture_site(tmp_path)
    folder = content / "artikel" / "besuche"
    for number, (typed, _) in enumerate(GERMAN_CASES):
        (folder / f"2020-01-{number + 1:02d}-fall-{number}.md").write_text(
            f"Title: {typed}\nDate: 2020-01-{number + 1:02d}\nKind: besuch\nSummary: Fall {number}\n"
            "Partners: lhh\nDelegation: Test\nStart: 2020-01-01\nEnd: 2020-01-01\n"
            "Sources: https://example.org/ Quelle\n\n"
            f"{typed}\n",
            encoding="utf-8",
        )
    build = run_build(tmp_path / "output", content=content)
    assert build.returncode == 0, build.stderr
    for number, (_, expected) in enumerate(GERMAN_CASES):
        page = BeautifulSoup(
            (tmp_path / "output" / "besuche" / f"2020-01-{number + 1:02d}-fall-{number}" / "index.html").read_text(
                encoding="utf-8"
            ),
            "html.parser",
        )
        assert _text(page.find("h1")) == expected
        assert _text(page.select_one(".article__body p")) == expected
        assert page.title.get_text().replace("\xa0", " ").startswith(expected + " – ")
