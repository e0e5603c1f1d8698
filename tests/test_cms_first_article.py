"""The web path of docs/schnellstart-web.md, driven in Chromium: from the web editor's start page, through a new
delivery with an uploaded photo and two partners, to the saved files, which pass the check.

Sveltia CMS's test backend keeps the repository in the browser's own file system (no GitHub, no network), so the
steps after saving (pull request, checks, publishing) are not part of this test; the check run on the saved files
is the one those steps run. The screenshots the test takes are the quick start's pictures: with
UPDATE_SCREENSHOTS=1 they are written to docs/bilder/schnellstart-web/."""

import base64
import os
import re
import shutil
import time

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import ROOT, copy_fixture_site, run_check
from test_cms import (READ_BROWSER_FILES, admin_browser_page, admin_site, open_test_repository,  # noqa: F401
                      problems_in, serve_admin, sveltia, wait_for_browser_file, write_photo)

SHOTS = ROOT / "docs" / "bilder" / "schnellstart-web"
QUICK_START = ROOT / "docs" / "schnellstart-web.md"
# What the quick start tells an editor to click, in the order the test clicks it.
CLICKED = ["Lieferungen", "Neu", "Bild", "Durchsuchen", "Hochladen", "Einfügen", "Alternativtext", "Speichern"]
NEW_FILE = "content/artikel/lieferungen/2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt.md"
ALT = "Ein Radlader auf einem Tieflader vor dem Rathaus"


def refusal_after_saving(page, typed):
    """Click "Speichern" and wait for the form's refusal of the one wrong field. On a busy machine the new entry's
    form can still be initialising when the first field is typed, and an empty title is a second error ("Mehrere
    Felder …"; seen once in CI-like runs): so the typed fields are checked first and typed again if the form lost
    them, and a click that did nothing is repeated, after making sure it did not save. Fails with a screenshot in
    tests/artifacts/."""
    alert = page.get_by_role("alert").filter(has_text="Ein Feld enthält einen Fehler")
    for _ in range(3):
        for box, value in typed.items():
            if box.input_value() != value:
                box.fill(value)
        page.get_by_role("button", name="Speichern").click()
        try:
            alert.wait_for(timeout=10_000)
            return alert
        except PlaywrightTimeoutError:
            assert not page.evaluate(READ_BROWSER_FILES).get(NEW_FILE), "the form saved a wrong unit"
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "cms-no-refusal.png"), full_page=True)
    raise AssertionError("three clicks on Speichern, and the form neither refused nor saved "
                         "(screenshot: tests/artifacts/cms-no-refusal.png)")


def test_the_quick_start_names_what_the_test_clicks():
    text = QUICK_START.read_text(encoding="utf-8")
    positions = [text.find(f"**{name}**") for name in CLICKED]
    assert -1 not in positions, dict(zip(CLICKED, positions))
    assert positions == sorted(positions)
    for shot in re.findall(r"\]\((bilder/schnellstart-web/[^)]+)\)", text):
        assert (QUICK_START.parent / shot).is_file(), shot


def test_a_first_delivery_from_the_start_page_to_checked_files(admin_site, browser, tmp_path):  # noqa: F811
    started = time.monotonic()
    fixture = copy_fixture_site(tmp_path / "site")
    files = {f"content/{path.relative_to(fixture).as_posix()}": base64.b64encode(path.read_bytes()).decode()
             for path in sorted(fixture.rglob("*")) if path.is_file()}
    test_config = yaml.safe_load((admin_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    test_config["backend"] = {"name": "test-repo"}
    del test_config["publish_mode"]  # the test backend saves directly: it has no pull requests
    photo = tmp_path / "radlader.jpg"
    write_photo(photo)
    shots = tmp_path / "shots"
    shots.mkdir()

    with serve_admin(admin_site) as url, admin_browser_page(browser, url) as (page, log):
        # The start page, then the collection and its "Neu" button, as the quick start says.
        open_test_repository(page, url, test_config, files)
        page.get_by_text("Lieferungen", exact=True).first.click(timeout=15_000)
        page.get_by_role("button", name="Neu").first.click()
        editor = page.get_by_role("group", name=re.compile("Deutsch.-Inhalt bearbeiten"))
        typed = {editor.get_by_role("textbox", name="Titel (Title)"): "Zwölf Fahrzeuge für die Partnerstadt",
                 editor.get_by_role("textbox", name="Datum (Date)"): "2026-11-20",
                 editor.get_by_role("textbox", name="Zusammenfassung (Summary)"):
                     "Hannover schickt Fahrzeuge und Stromgeneratoren nach Mykolajiw.",
                 editor.get_by_role("textbox", name="Quellen (Sources)"):
                     "https://example.org/meldung Pressemitteilung der Stadt, November 2026"}
        for box, value in typed.items():
            box.fill(value)
        partners = editor.get_by_role("group", name="Beteiligte Partner (Partners)", exact=True)
        partners.get_by_role("checkbox", name="Stadt Mykolajiw").check()
        partners.get_by_role("checkbox", name="Stadt Hannover").check()
        editor.get_by_role("group", name="Spender (Donors)", exact=True).get_by_role(
            "checkbox", name="Stadt Hannover").check()
        editor.get_by_role("textbox", name="Güter (Items)").fill("12 fahrzeuge Spezialfahrzeuge, darunter zwei Radlader")
        page.screenshot(path=str(shots / "1-formular.png"))

        # The text, and the photo through the toolbar: Bild → Durchsuchen → Hochladen → Einfügen, then its alt text.
        text = editor.get_by_role("group", name=re.compile("Feld „.Text.“"))
        text.get_by_role("button", name="In Markdown bearbeiten").click()
        text.get_by_role("textbox").first.click()
        page.keyboard.type("Die Fahrzeuge kamen im November an.")
        page.keyboard.press("Enter")
        text.get_by_role("button", name="Bild").click()
        image = text.get_by_role("group", name="Bild")
        image.get_by_role("button", name="Durchsuchen").click()
        dialog = page.get_by_role("dialog", name="Bild auswählen")
        with page.expect_file_chooser() as chooser:
            dialog.get_by_role("button", name="Hochladen").click()
        chooser.value.set_files(str(photo))
        dialog.get_by_role("option", name="radlader.jpg").wait_for()
        page.screenshot(path=str(shots / "2-foto-hochladen.png"))
        dialog.get_by_role("button", name="Einfügen").click()
        image.get_by_role("textbox", name="Alternativtext").fill(ALT)
        image.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "3-alternativtext.png"))

        # A unit not in the list: the form refuses to save and says why, next to the field (cms_config.py).
        items = editor.get_by_role("textbox", name="Güter (Items)")
        items.fill("12 fahrzeug Spezialfahrzeuge, darunter zwei Radlader")
        alert = refusal_after_saving(page, typed)
        alert.get_by_role("button").click()  # "Show Errors": the review panel names the field and the rule
        page.get_by_text(re.compile("eine Einheit aus der Liste")).first.wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "4-pruefung-im-formular.png"))
        assert not page.evaluate(READ_BROWSER_FILES).get(NEW_FILE), "the form saved a wrong unit"
        items.fill("12 fahrzeuge Spezialfahrzeuge, darunter zwei Radlader")

        page.get_by_role("button", name="Speichern").click()
        wait_for_browser_file(page, NEW_FILE, "radlader.jpg")
        written = {path: base64.b64decode(data) for path, data in page.evaluate(READ_BROWSER_FILES).items()}
    seconds = time.monotonic() - started
    print(f"\nweb path from the start page to the saved files: {seconds:.1f} s")
    assert log["outside"] == []
    # Nothing the admin page's policy blocks (an uploaded photo is read back from its blob: address), and only the
    # known blemish of Sveltia CMS 0.221.1 that test_cms.py describes.
    known = ("pageerror: Cannot convert undefined or null to object",)
    assert [line for line in problems_in(log) if not line.startswith(known)] == []
    assert log["failed"] == []

    article = written[NEW_FILE].decode()
    assert "Partners: mykolajiw, lhh\n" in article and "Donors: lhh\n" in article
    assert f"![{ALT}](radlader.jpg)" in article, article
    assert written["content/artikel/lieferungen/radlader.jpg"] == photo.read_bytes(), "the photo lies beside the file"

    site = tmp_path / "from-cms"
    for path, data in written.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    check = run_check(site / "content", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "keine Probleme" in check.stdout

    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        for shot in shots.iterdir():
            shutil.copy2(shot, SHOTS / shot.name)
