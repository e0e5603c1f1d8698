"""The preview's quick answer to a saved text (sitebuild.build.render_pages, plugins/content_model/selected_pages.py):
the pages open in a browser, and the saved text's own page, are rendered before the language's full rebuild, with
every check of that build, and only when they are what the full build makes.

The claims, each tested: the pages it replaces are byte for byte the full build's; it replaces nothing else; it
declines (replaces nothing, and the full rebuild answers) when a file was added, when a text has a mistake, and when
a link of another text would break; a link to a page it did not render is checked against the earlier build; and
in the running preview an open page reloads once per save, from the quick answer, not again after the full rebuild.
"""

import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURES, copy_project
from test_preview import edit, preview  # noqa: F401 - the fixture

ARTICLE = "content/artikel/lieferungen/2022-12-07-fahrzeuge.md"
ARTICLE_PAGE = "lieferungen/2022-12-07-fahrzeuge/index.html"
LISTING_PAGE = "lieferungen/index.html"
ABOUT = "content/seiten/ueber.md"
PREVIEW_OVERRIDES = "{'SEARCH_INDEX': False, 'FINISHING_STEPS': []}"  # as tasks.py `preview` builds


def run_python(project, code, *arguments):
    result = subprocess.run([sys.executable, "-c", code, *arguments], cwd=project, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def full_build(project, output):
    run_python(project, "import sys; from sitebuild.build import build; "
               f"sys.exit(0 if build('pelicanconf.py', output_path=sys.argv[1], overrides={PREVIEW_OVERRIDES}).ok "
               "else 1)", str(output))


def render_pages(project, pages, saved):
    out = run_python(project, "import json, sys; from sitebuild.build import render_pages; "
                     "print(json.dumps(render_pages('pelicanconf.py', 'de', json.loads(sys.argv[1]), "
                     f"json.loads(sys.argv[2]), overrides={PREVIEW_OVERRIDES})))",
                     json.dumps(pages), json.dumps([str(project / path) for path in saved]))
    return sorted(json.loads(out.splitlines()[-1]))


def snapshot(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def built(tmp_path):
    """The minimal site, with a section in the article that the About page links to, built as the preview does."""
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    edit(project / ARTICLE, 'Zehn Fahrzeuge wurden "übergeben".',
         'Zehn Fahrzeuge wurden "übergeben".\n\n## Übergabe\n\nIm Dezember.')
    edit(project / ABOUT, "Zu den [Besuchen](/besuche/).",
         "Zu den [Besuchen](/besuche/) und zur [Übergabe](/lieferungen/2022-12-07-fahrzeuge/#ubergabe).")
    full_build(project, project / "output")
    return project


@pytest.mark.parametrize("open_pages", [[ARTICLE_PAGE, LISTING_PAGE, "uk/index.html"], [LISTING_PAGE]],
                         ids=["article and listing open", "only the listing open"])
def test_the_open_pages_and_the_saved_texts_page_are_the_full_builds(built, tmp_path, open_pages):
    edit(built / ARTICLE, "Title: Fahrzeuge für die Partnerstadt", "Title: Elf Fahrzeuge")
    before = snapshot(built / "output")

    replaced = render_pages(built, open_pages, [ARTICLE])

    # The Ukrainian page is another language's site: not this run's. The article's page always comes along.
    assert replaced == sorted([LISTING_PAGE, ARTICLE_PAGE])
    after = snapshot(built / "output")
    assert set(after) == set(before)
    assert {path for path in after if after[path] != before[path]} == set(replaced)
    full_build(built, tmp_path / "full")
    for page in replaced:
        assert (tmp_path / "full" / page).read_bytes() == after[page], page
    for page in (ARTICLE_PAGE, LISTING_PAGE):
        assert "Elf Fahrzeuge" in " ".join(LexborHTMLParser(after[page].decode()).body.text().split()), page


def test_a_link_to_a_page_it_did_not_render_is_checked_against_the_earlier_build(built):
    # The About page and its section are not rendered by this run: found in the earlier build's output.
    edit(built / ARTICLE, "Im Dezember.", "Im Dezember. Mehr [über uns](/ueber/#wer-wir-sind).")
    assert render_pages(built, [ARTICLE_PAGE], [ARTICLE]) == [ARTICLE_PAGE]


DECLINED = {
    "a new file": lambda project: (project / "content/artikel/lieferungen/2023-01-10-generatoren.md").write_text(
        (project / ARTICLE).read_text(encoding="utf-8").replace("Title: Fahrzeuge für die Partnerstadt",
                                                                "Title: Generatoren")
        .replace("Date: 2022-12-07", "Date: 2023-01-10"), encoding="utf-8"),
    "a mistake in the saved text": lambda project: edit(project / ARTICLE, "Date: 2022-12-07", "Date: 7.12.2022"),
    "a broken link in the saved text": lambda project: edit(project / ARTICLE, "Im Dezember.",
                                                            "Im [Dezember](/gibt-es-nicht/)."),
    # The About page links to this section: removing it breaks a link of a text that was not saved.
    "a section another text links to removed": lambda project: edit(project / ARTICLE, "## Übergabe\n\n", ""),
}


@pytest.mark.parametrize("change", DECLINED.values(), ids=DECLINED.keys())
def test_it_replaces_nothing_when_the_full_build_could_differ_or_fail(built, change):
    change(built)
    before = snapshot(built / "output")
    saved = [ARTICLE, "content/artikel/lieferungen/2023-01-10-generatoren.md"]
    assert render_pages(built, [ARTICLE_PAGE, LISTING_PAGE], [path for path in saved if (built / path).exists()]) == []
    assert snapshot(built / "output") == before


class EventStream:
    """A browser tab as the preview sees it: the page's event stream, opened with the version it was served in;
    counts the reloads the preview asks for."""

    def __init__(self, url, page):
        html = urllib.request.urlopen(f"{url}/{page}", timeout=10).read().decode()
        stand = LexborHTMLParser(html).css_first("script[data-stand]").attributes["data-stand"]
        host, port = url.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        self.connection.request("GET", f"/__vorschau/ereignisse?seite=/{page.removesuffix('index.html')}"
                                       f"&stand={stand}")
        self.response = self.connection.getresponse()
        self.reloads = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for line in self.response:
                if line.startswith(b"event: reload"):
                    self.reloads += 1
        except (OSError, ValueError):
            pass

    def close(self):
        self.connection.close()


def test_an_open_page_reloads_once_per_save_from_the_quick_answer(preview):
    project, url, log = preview
    article, listing = EventStream(url, ARTICLE_PAGE), EventStream(url, LISTING_PAGE)
    try:
        time.sleep(0.3)  # both streams are registered as open pages
        edit(project / ARTICLE, "Title: Fahrzeuge für die Partnerstadt", "Title: Elf Fahrzeuge")
        deadline = time.time() + 60
        while "Neu gebaut" not in log.read_text(encoding="utf-8"):
            assert time.time() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        time.sleep(1)  # a second reload would have been asked for when the rebuild was in place, before the line
        text = log.read_text(encoding="utf-8")
        assert "Zuerst neu: 2 offene Seite(n)" in text, text
        assert text.index("Zuerst neu") < text.index("Neu gebaut")
        # Once each: the full rebuild wrote the same bytes, so neither page reloaded again.
        assert (article.reloads, listing.reloads) == (1, 1)
    finally:
        article.close()
        listing.close()

