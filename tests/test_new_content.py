"""`invoke new …` (editors/scaffold.py): files in the right place, with every field, that the check explains.

A new file names every field of its kind and leaves the required ones empty: the check must name exactly those,
and once they are filled the file builds, as a draft that the preview shows and the live site does not.
"""

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from conftest import ROOT, TEST_SITEURL, copy_fixture_site, run_build, run_check
from content_model import schema
from editors import scaffold

# Values an editor would type, valid in the minimal fixture site (its partners are lhh and mykolajiw).
TYPED = {
    "summary": "Ein Satz über das Ereignis.",
    "sources": "https://example.org/quelle Beispielquelle, November 2026",
    "partners": "lhh, mykolajiw",
    "delegation": "Eine Delegation aus Mykolajiw",
    "start": "2026-11-20",
    "end": "2026-11-21",
    "items": "12 generatoren Stromgeneratoren",
    "donors": "lhh",
    "parties": "lhh, mykolajiw",
    "signed": "2026-11-20",
    "subject": "Zusammenarbeit der Verwaltungen",
    "kind": "stadt",
    "side": "hannover",
    "title": "Машини для міста-партнера",
}


def settings_for(content):
    return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})


def fill(path, fields):
    text = path.read_text(encoding="utf-8")
    for name in fields:
        text, count = re.subn(rf"^{name.capitalize()}:$", f"{name.capitalize()}: {TYPED[name]}", text, flags=re.M)
        assert count == 1, f"no empty {name} line to fill"
    path.write_text(text, encoding="utf-8")


def reported_fields(check, path):
    name = path.as_posix().split("/content/", 1)[1]
    return {match.group(1) for match in re.finditer(rf"^content/{re.escape(name)}:\d+: (\w+):", check.stderr, re.M)}


@pytest.mark.parametrize("kind", list(schema.KIND_FIELDS))
def test_a_new_article_names_every_field_and_the_check_names_what_is_missing(kind, tmp_path):
    content = copy_fixture_site(tmp_path)
    path = scaffold.new_article(settings_for(content), kind, "Neue Sache für Mykolajiws Schulen", "2026-11-20")
    folder = SETTINGS_KINDS[kind]
    assert path == str(content / "artikel" / folder / "2026-11-20-neue-sache-fuer-mykolajiws-schulen.md")
    text = (content / "artikel" / folder / "2026-11-20-neue-sache-fuer-mykolajiws-schulen.md").read_text("utf-8")
    for field in schema.article_fields(kind):
        if field.name != "lang":
            assert re.search(rf"^#? ?{field.name.capitalize()}( \((Pflicht|freiwillig)\))?:", text, re.M), field.name
    assert "Title: Neue Sache für Mykolajiws Schulen" in text and "Date: 2026-11-20" in text and f"Kind: {kind}" in text
    assert "Status: draft" in text

    empty_required = {field.name for field in schema.article_fields(kind) if field.required} - {"title", "date", "kind"}
    check = run_check(content, cwd=tmp_path)
    assert check.returncode == 1
    assert reported_fields(check, Path(path)) == empty_required

    fill(Path(path), sorted(empty_required))
    check = run_check(content, cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    preview = run_build(tmp_path / "preview", content=content, cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert (tmp_path / "preview" / "entwuerfe" / "2026-11-20-neue-sache-fuer-mykolajiws-schulen" / "index.html").is_file()
    live = run_build(tmp_path / "live", content=content, settings="publishconf.py", siteurl=TEST_SITEURL, cwd=tmp_path)
    assert live.returncode == 0, live.stderr
    assert not list((tmp_path / "live").rglob("2026-11-20-neue-sache-fuer-mykolajiws-schulen*")), "a draft is not published"


SETTINGS_KINDS = {kind: spec["folder"] for kind, spec in read_settings(str(ROOT / "pelicanconf.py"))["ARTICLE_KINDS"].items()}


def test_a_new_partner_can_be_named_by_articles_once_filled(tmp_path):
    content = copy_fixture_site(tmp_path)
    path = Path(scaffold.new_partner(settings_for(content), "Beispiel-Verein für Mykolajiw e. V.", "beispiel-verein"))
    assert path == content / "partner" / "beispiel-verein.md"
    check = run_check(content, cwd=tmp_path)
    assert reported_fields(check, path) == {"kind", "side", "sources"}
    fill(path, ["kind", "side", "sources"])
    article = content / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    article.write_text(article.read_text("utf-8").replace("Donors: lhh", "Donors: lhh, beispiel-verein"), "utf-8")
    check = run_check(content, cwd=tmp_path)
    assert check.returncode == 0, check.stderr


def test_a_new_translation_stays_a_draft_and_the_site_keeps_the_original_until_it_is_finished(tmp_path):
    content = copy_fixture_site(tmp_path)
    original = content / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    path = Path(scaffold.new_translation(settings_for(content), str(original), "uk"))
    assert path == original.with_name("2022-12-07-fahrzeuge.uk.md")
    text = path.read_text("utf-8")
    assert "# Deutsch: Fahrzeuge für die Partnerstadt" in text
    assert "Items: 10 fahrzeuge Spezialfahrzeuge\n    ca. 40 tonnen Hilfsgüter\n    ? generatoren" in text
    assert "Date:" not in text and "Donors:" not in text, "what comes from the original is not repeated"
    check = run_check(content, cwd=tmp_path)
    assert reported_fields(check, path) == {"title", "summary"}

    fill(path, ["title", "summary"])
    preview = run_build(tmp_path / "preview", content=content, cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    published = (tmp_path / "preview" / "uk" / "postavky" / "2022-12-07-fahrzeuge" / "index.html").read_text("utf-8")
    assert '<h1 lang="de">' in published, "the Ukrainian site shows the German original while the translation is a draft"
    drafts = list((tmp_path / "preview" / "uk" / "entwuerfe").glob("*/index.html"))
    assert len(drafts) == 1 and "Машини для" in drafts[0].read_text("utf-8")
    assert "artikel/lieferungen/2022-12-07-fahrzeuge.uk.md fehlt" in preview.stdout

    path.write_text(path.read_text("utf-8").replace("Status: draft\n", ""), "utf-8")
    finished = run_build(tmp_path / "finished", content=content, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    page = next((tmp_path / "finished" / "uk" / "postavky").glob("2022-12-07-*/index.html")).read_text("utf-8")
    assert "Машини для" in page


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, c: scaffold.new_article(s, "flugzeug", "X"), "Die Art „flugzeug“ gibt es nicht"),
        (lambda s, c: scaffold.new_article(s, "lieferung", "  "), "Geben Sie den Titel"),
        (lambda s, c: scaffold.new_partner(s, "X", "Groß"), "Der Kurzname „Groß“ geht nicht"),
        (lambda s, c: scaffold.new_translation(s, str(c / "artikel" / "fehlt.md"), "uk"), "gibt es nicht"),
        (lambda s, c: scaffold.new_translation(s, str(c / "seiten" / "impressum.md"), "fr"), "Die Sprache „fr“"),
    ],
)
def test_requests_that_cannot_work_are_refused_with_a_reason(call, message, tmp_path):
    content = copy_fixture_site(tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match=message):
        call(settings_for(content), content)


def test_an_existing_file_is_never_overwritten(tmp_path):
    content = copy_fixture_site(tmp_path)
    settings = settings_for(content)
    scaffold.new_page(settings, "Über uns")
    with pytest.raises(scaffold.ScaffoldError, match="gibt es schon"):
        scaffold.new_page(settings, "Über uns")
    original = content / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    scaffold.new_translation(settings, str(original), "en")
    with pytest.raises(scaffold.ScaffoldError, match="gibt es schon"):
        scaffold.new_translation(settings, str(original), "en")
    with pytest.raises(scaffold.ScaffoldError, match="selbst eine Übersetzung"):
        scaffold.new_translation(settings, str(original.with_name("2022-12-07-fahrzeuge.en.md")), "uk")


def test_the_command_line_explains_a_wrong_kind_and_writes_nothing():
    before = sorted((ROOT / "content").rglob("*"))
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "invoke"), "new", "flugzeug", "Ein Titel"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Die Art „flugzeug“ gibt es nicht: wählen Sie besuch, lieferung, kooperation" in result.stderr
    assert sorted((ROOT / "content").rglob("*")) == before


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Zwölf Müllfahrzeuge für Mykolajiw", "zwoelf-muellfahrzeuge-fuer-mykolajiw"),
     ("Straße & Brücke: „Neubau“ 2026", "strasse-bruecke-neubau-2026"),
     ("Свій Дім", "svii-dim"), ("!!!", "text")],
)
def test_file_names_from_german_titles(title, slug):
    assert scaffold.german_slug(title) == slug


def test_a_finished_new_article_needs_no_note_deleted_but_its_own_text(tmp_path):
    """Notes need no deleting: a new delivery with every note line still in it is published without a trace of
    them. The example text is refused once the draft line is gone, until the editor has written their own."""
    content = copy_fixture_site(tmp_path)
    path = Path(scaffold.new_article(settings_for(content), "lieferung", "Generatoren für Schulen", "2026-11-20"))
    fill(path, ["summary", "items", "donors", "sources"])
    text = path.read_text(encoding="utf-8")
    assert scaffold.NOTES_NOTE in text and "löschen Sie sie" not in text
    notes = [line for line in text.splitlines() if line.startswith("#")]
    text = text.replace(scaffold.DRAFT_NOTE + "\n", "").replace("Status: draft\n", "")
    path.write_text(text, encoding="utf-8")

    check = run_check(content, cwd=tmp_path)
    assert check.returncode == 1
    assert re.search(rf"^content/{re.escape(path.relative_to(content).as_posix())}:\d+: Text: .*Platzhaltertext",
                     check.stderr, re.M), check.stderr

    path.write_text(text.replace(scaffold.BODY_HINT, "Die Generatoren kamen im November an."), encoding="utf-8")
    check = run_check(content, cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "output" / "lieferungen" / "2026-11-20-generatoren-fuer-schulen" / "index.html").read_text("utf-8")
    page = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())  # typography joins words with nbsp
    assert "Die Generatoren kamen im November an." in page
    assert len(notes) > 5 and not any(note.lstrip("# ")[:30] in page for note in notes if len(note) > 12)
