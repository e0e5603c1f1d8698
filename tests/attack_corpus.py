"""The attack corpus (tests/fixtures/attacks/): hostile and legitimate inputs, written into a site as articles.

attacks.yaml holds what a compromised editor account or a careless paste could commit, gathered from the OWASP XSS
Filter Evasion Cheat Sheet, PortSwigger's XSS cheat sheet and html5sec.org (each entry names its source), plus the
file, text and CSV cases of issue 13. legitimate.yaml holds the HTML and Markdown editors really write.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from conftest import FIXTURES, copy_fixture_site

CORPUS = FIXTURES / "attacks"
HEADER_LINES = 8  # the body starts on line 9 of every corpus article


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    source: str
    markdown: str
    title: str | None
    expect: str

    @property
    def file_name(self):
        return f"2024-01-01-{self.id}.md"


def load(name):
    entries = []
    for raw in yaml.safe_load((CORPUS / name).read_text(encoding="utf-8")):
        entries.append(Entry(raw["id"], raw["class"], raw.get("source", "own"), raw.get("markdown") or "",
                             raw.get("title"), raw.get("expect", "")))
    return entries


ATTACKS = load("attacks.yaml")
LEGITIMATE = load("legitimate.yaml")
FOLDER = Path("artikel") / "lieferungen"


def article(entry):
    """A valid delivery whose title (if the entry has one) and body are the entry's."""
    title = entry.title if entry.title is not None else f"Beitrag {entry.id}"
    return (f"Title: {title}\nDate: 2024-01-01\nKind: lieferung\nSummary: Ein Beitrag.\nDonors: lhh\n"
            f"Items: 1 fahrzeuge Ein Fahrzeug\nSources: https://example.org/quelle Beispielquelle\n\n"
            f"{entry.markdown or 'Text.'}\n")


def write_site(destination, entries):
    """A content folder: the minimal site plus one article per entry. Returns {entry id: path in content/}."""
    content = copy_fixture_site(destination)
    paths = {}
    for entry in entries:
        path = content / FOLDER / entry.file_name
        path.write_bytes(article(entry).encode("utf-8"))
        paths[entry.id] = path
    return content, paths


PROBLEM = re.compile(r"^(?P<path>\S+?\.md):(?P<line>\d+): (?P<rest>.*)$")


def refusals(stderr):
    """{file name: [(line, message)]} of every problem the build printed."""
    found = {}
    for line in stderr.splitlines():
        match = PROBLEM.match(line)
        if match:
            found.setdefault(Path(match["path"]).name, []).append((int(match["line"]), match["rest"]))
    return found
