"""The preview shows a failed build in the browser (editors/preview_problems.py): the open page reloads with a
German box naming file, line, field, what is wrong and how to fix it, above the last good state of the page; the
box is in the HTML itself (no JavaScript needed) and disappears with the first good build."""

import time

from test_preview import ARTICLE, edit, preview  # noqa: F401 - `preview` is the fixture that starts the preview

BOX = "section.vorschau-probleme"


def wait_for(log, text, timeout=30):
    deadline = time.time() + timeout
    while text not in log.read_text(encoding="utf-8"):
        assert time.time() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)


def test_a_failed_build_shows_its_problems_on_the_open_page_until_fixed(browser, preview):  # noqa: F811
    project, url, log = preview
    article = project / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/{ARTICLE}")
    assert page.locator(BOX).count() == 0, "no box while the build is good"
    page.wait_for_timeout(300)  # the page's connection to the preview server is open

    edit(article, "Date: 2022-12-07", "Date: 7.12.2022")
    page.locator(BOX).wait_for(timeout=30000)
    box = page.locator(BOX)
    text = box.inner_text()
    assert "Ihre letzte Änderung ist noch nicht zu sehen" in text
    assert "content/artikel/lieferungen/2022-12-07-fahrzeuge.md, Zeile 2, Feld „date“:" in text, text
    assert "So beheben Sie es:" in text
    # Above the last good state of the page, styled although the page's CSP forbids inline styles in general.
    assert "Fahrzeuge für die" in page.locator("h1").first.inner_text()
    # In view after the reload, at the very top of the window (Chrome's scroll anchoring would otherwise keep the
    # old first line in place and push the box out of sight).
    assert box.evaluate("element => element.getBoundingClientRect().top") == 0
    assert box.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(255, 244, 229)"
    assert errors == [], errors

    # Without JavaScript the box is there as well: it is part of the HTML the preview sends.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{url}/impressum/")
    assert "Zeile 2" in plain.locator(BOX).inner_text()
    context.close()

    edit(article, "Date: 7.12.2022", "Date: 2022-12-07")
    page.locator(BOX).wait_for(state="detached", timeout=30000)
    assert "Fahrzeuge für die" in page.locator("h1").first.inner_text()
    page.close()


def test_the_box_escapes_what_the_editor_wrote(tmp_path):
    from editors import preview_problems

    output = tmp_path / "output"
    preview_problems.record(output, False, ["content/a.md:3: title: Der Titel „<script>x</script>“ ist zu lang — kürzen"])
    page = preview_problems.with_problems(b"<html><head></head><body><h1>Alt</h1></body></html>", output)
    assert b"<script>x" not in page and b"&lt;script&gt;x" in page
    assert page.index(b"vorschau-probleme") < page.index(b"<h1>Alt")
    preview_problems.record(output, True, [])
    assert preview_problems.with_problems(b"<body>ok</body>", output) == b"<body>ok</body>"
