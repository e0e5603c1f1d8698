"""The preview (`make preview` → editors/preview.py) in Chromium: a saved file shows up in the open page by
itself; a mistake keeps the last good page and is explained in the terminal.
"""

import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import FIXTURES, copy_project
from processes import descendants, kill_all, survivors

ARTICLE = "lieferungen/2022-12-07-fahrzeuge/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_preview(project, log_path, port=None):
    """`invoke preview` in `project`, writing to `log_path`, in a session of its own: what the preview started is
    found even after the preview has ended."""
    with open(log_path, "w", encoding="utf-8") as log:
        return subprocess.Popen([str(project / ".venv" / "bin" / "invoke"), "preview", "--port",
                                 str(port or free_port())], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    port = free_port()
    process = start_preview(project, tmp_path / "preview.log", port)
    try:
        deadline = time.time() + 60
        while "Vorschau: http://127.0.0.1" not in (tmp_path / "preview.log").read_text(encoding="utf-8"):
            assert process.poll() is None and time.time() < deadline, (tmp_path / "preview.log").read_text("utf-8")
            time.sleep(0.1)
        yield project, f"http://127.0.0.1:{port}", tmp_path / "preview.log"
        started = descendants(process.pid)
        process.terminate()
        process.wait(timeout=30)
        left = survivors(started, session=process.pid)
        assert left == [], "the preview left processes behind:\n" + "\n".join(left)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        kill_all([], session=process.pid)


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_saved_change_reloads_the_open_page(browser, preview):
    project, url, _ = preview
    page = browser.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/{ARTICLE}")
    assert "Fahrzeuge für die" in page.locator("h1").inner_text()
    page.wait_for_timeout(300)  # the page's connection to the preview server is open

    edit(project / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md",
         "Title: Fahrzeuge für die Partnerstadt", "Title: Neue Fahrzeuge für Mykolajiw")
    page.locator("h1", has_text="Neue Fahrzeuge für").wait_for(timeout=20000)
    assert problems == [], "the reload script runs under the page's Content-Security-Policy"
    page.close()


def test_a_mistake_keeps_the_last_good_page_and_is_explained(browser, preview):
    project, url, log = preview
    page = browser.new_page()
    page.goto(f"{url}/{ARTICLE}")
    edit(project / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md",
         "Date: 2022-12-07", "Date: 7.12.2022")
    deadline = time.time() + 20
    while "Build fehlgeschlagen" not in log.read_text(encoding="utf-8"):
        assert time.time() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)
    assert "content/artikel/lieferungen/2022-12-07-fahrzeuge.md:2: date:" in log.read_text(encoding="utf-8")
    page.locator("section.vorschau-probleme").wait_for(timeout=20000)  # the page reloads with the problems on top
    assert "Fahrzeuge für die" in page.locator("h1").inner_text(), "the last good page is still served"
    page.close()


def test_unknown_addresses_get_the_sites_404_page(browser, preview):
    _, url, _ = preview
    page = browser.new_page()
    response = page.goto(f"{url}/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    page.close()


def test_a_translations_page_comes_back_before_the_other_languages(browser, preview):
    project, url, log = preview
    translation = project / "content" / "seiten" / "impressum.uk.md"
    translation.write_text("Title: Вихідні дані\n\nТекст сторінки.\n", encoding="utf-8")
    deadline = time.time() + 30
    while "Neu gebaut (uk, de, en)" not in log.read_text(encoding="utf-8"):
        assert time.time() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)
    loads = []
    ukrainian, german = browser.new_page(), browser.new_page()
    ukrainian.goto(f"{url}/uk/vykhidni-dani/")
    german.goto(f"{url}/impressum/")
    ukrainian.on("load", lambda: loads.append("uk"))
    german.on("load", lambda: loads.append("de"))
    ukrainian.wait_for_timeout(300)
    edit(translation, "Текст сторінки.", "Новий текст сторінки.")
    ukrainian.locator("main", has_text="Новий текст сторінки.").wait_for(timeout=20000)
    german.wait_for_timeout(3000)
    assert loads[:1] == ["uk"] and loads.count("de") <= 1, loads


def test_languages_are_rebuilt_in_the_order_of_what_changed():
    from editors.preview import languages_in_order

    order = lambda *paths: languages_in_order([(1, path) for path in paths], ["de", "uk", "en"], "de")  # noqa: E731
    assert order("content/seiten/kontakt.uk.md") == [["uk"], ["de", "en"]]
    assert order("content/seiten/kontakt.md") == [["de"], ["uk", "en"]]
    assert order("content/seiten/kontakt.en.md", "content/seiten/kontakt.uk.md") == [["uk", "en"], ["de"]]
    assert order("theme/static/css/site.css") == [["de"], ["uk", "en"]]
    # An article and its translations renamed (a new date): the language open in a browser first, alone.
    renamed = [(change, f"content/a/2023-01-0{day}-x{suffix}.md")
               for suffix in ("", ".uk", ".en") for change, day in ((3, 1), (1, 2))]
    assert languages_in_order(renamed, ["de", "uk", "en"], "de", {"uk"}) == [["uk"], ["de", "en"], []]
    assert languages_in_order(renamed, ["de", "uk", "en"], "de", {"de", "en"}) == [["de", "en"], ["uk"], []]
    assert languages_in_order(renamed, ["de", "uk", "en"], "de") == [["de", "uk", "en"], []]
    assert languages_in_order([(2, "content/seiten/kontakt.md")], ["de", "uk", "en"], "de", {"uk"}) == [
        ["de"], ["uk", "en"]]


def test_the_languages_of_open_pages():
    from editors.preview import viewed_languages

    assert viewed_languages(["index.html", "uk/index.html", "ueber/index.html", "uk-news/index.html"],
                            ["de", "uk", "en"], "de") == {"de", "uk"}


def test_a_changed_plugin_restarts_the_preview_with_its_new_code(preview):
    project, url, log = preview
    # A plugin's Python code, changed so that the pages show it: the builder had imported the old code.
    page = project / "output" / "lieferungen" / "2022-12-07-fahrzeuge" / "index.html"
    before = page.stat().st_mtime_ns
    plugin = project / "plugins" / "content_model" / "typography.py"
    plugin.write_text(plugin.read_text(encoding="utf-8").replace(
        '    return _educated_html(html, _base_language(lang))',
        '    return _educated_html(html, _base_language(lang)).replace("wurden", "wurden nachweislich")'),
        encoding="utf-8")
    deadline = time.time() + 60
    while log.read_text(encoding="utf-8").count("Vorschau: http://127.0.0.1") < 2:
        assert time.time() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)
    text = log.read_text(encoding="utf-8")
    assert "Der Code der Plugins hat sich geändert: die Vorschau startet neu." in text
    assert page.stat().st_mtime_ns > before and "wurden nachweislich" in page.read_text(encoding="utf-8")
    with urllib.request.urlopen(f"{url}/lieferungen/2022-12-07-fahrzeuge/", timeout=10) as response:
        assert "wurden nachweislich" in response.read().decode()
