"""The two quick starts (docs/schnellstart-web.md, docs/schnellstart-lokal.md) are read in five minutes, use no
jargon, are linked where editors arrive, and what they tell editors to type works as they say."""

import re
import subprocess

import pytest

from conftest import FIXTURES, ROOT, copy_project
from test_published_files import write_photo

QUICK_STARTS = [ROOT / "docs" / "schnellstart-web.md", ROOT / "docs" / "schnellstart-lokal.md"]
# About 180 words a minute for an instruction read carefully: five minutes.
WORD_LIMIT = 900
# Words an editor should not meet on the first page: terms of the trade, template syntax, program internals.
JARGON = [r"Exit-?Code", r"\bCI\b", r"\{filename\}", r"Traceback", r"\bstderr\b", r"\bstdout\b", r"\bYAML\b",
          r"Continuous Integration", r"\bpytest\b", r"\bPelican\b"]


def words(text):
    return len(text.split())


@pytest.mark.parametrize("path", QUICK_STARTS, ids=lambda path: path.name)
def test_a_quick_start_is_read_in_five_minutes(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Ihr erster Artikel")
    assert words(text) <= WORD_LIMIT, f"{path.name}: {words(text)} words, more than {WORD_LIMIT}"


@pytest.mark.parametrize("path", QUICK_STARTS, ids=lambda path: path.name)
def test_a_quick_start_uses_no_jargon(path):
    text = path.read_text(encoding="utf-8")
    found = [pattern for pattern in JARGON if re.search(pattern, text)]
    assert found == [], f"{path.name} uses {found}"


def test_the_jargon_check_would_catch_jargon():
    text = "Der Befehl endet mit dem Exit-Code 1, die CI meldet {filename}."
    assert [pattern for pattern in JARGON if re.search(pattern, text)] == [r"Exit-?Code", r"\bCI\b", r"\{filename\}"]


@pytest.mark.parametrize("path", QUICK_STARTS, ids=lambda path: path.name)
def test_every_link_of_a_quick_start_leads_somewhere(path):
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+\.md)(#[^)]+)?\)", text):
        file, anchor = target
        assert (path.parent / file).is_file(), f"{path.name} links to {file}"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", (path.parent / file).read_text(encoding="utf-8"), re.MULTILINE)
            slugs = {re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-") for heading in headings}
            assert anchor[1:] in slugs, f"{path.name} links to {file}{anchor}"


def test_the_quick_starts_are_linked_at_the_top_of_the_guide_and_in_the_readme():
    top = "\n".join((ROOT / "docs" / "redaktionshandbuch.md").read_text(encoding="utf-8").splitlines()[:10])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in QUICK_STARTS:
        assert f"]({path.name})" in top
        assert f"](docs/{path.name})" in readme


def test_the_local_quick_start_works_as_written(tmp_path):
    """Its new delivery, filled as it says with one wrong unit, gives the very line it shows, and once fixed,
    passes the check."""
    text = (ROOT / "docs" / "schnellstart-lokal.md").read_text(encoding="utf-8")
    project = copy_project(tmp_path / "website", FIXTURES / "minimal" / "content")
    invoke = str(project / ".venv" / "bin" / "invoke")
    command = re.search(r'^invoke neu lieferung "([^"]+)" --datum (\S+)$', text, re.MULTILINE)
    new = subprocess.run([invoke, "neu", "lieferung", command[1], "--datum", command[2]], cwd=project,
                         capture_output=True, text=True, timeout=300)
    assert new.returncode == 0, new.stderr
    shown_path = re.search(r"legt `(content/artikel/lieferungen/[^`]+\.md)` an", text)[1]
    article = project / shown_path
    assert article.is_file(), new.stdout
    write_photo(article.parent / "radlader.jpg")  # the photo beside the file, as the quick start says
    photo_line = re.search(r"`(!\[[^]]+\]\(radlader\.jpg\))`", text)[1]
    source = article.read_text(encoding="utf-8")
    filled = (source.replace("Summary:\n", "Summary: Hannover schickt zwölf Fahrzeuge nach Mykolajiw.\n")
              .replace("Items:\n", "Items: 12 fahrzeug Spezialfahrzeuge, darunter zwei Radlader\n")
              .replace("Donors:\n", "Donors: lhh\n")
              .replace("# Partners: lhh, mykolajiw", "Partners: mykolajiw, lhh")
              .replace("Sources:\n", "Sources: https://example.org/meldung Pressemitteilung der Stadt, November 2026\n"))
    body_start = filled.index("\n\n") + 2
    filled = filled[:body_start] + f"Die Fahrzeuge kamen im November an.\n\n{photo_line}\n"
    article.write_text(filled, encoding="utf-8")

    check = subprocess.run([invoke, "pruefen"], cwd=project, capture_output=True, text=True, timeout=300)
    assert check.returncode == 1
    example = re.search(r"```text\n(.+?)\n```", text)[1]
    shown = example.split("?")[0]
    assert any(line.startswith(shown) for line in check.stderr.splitlines()), (example, check.stderr)

    article.write_text(filled.replace("12 fahrzeug ", "12 fahrzeuge "), encoding="utf-8")
    check = subprocess.run([invoke, "pruefen"], cwd=project, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
