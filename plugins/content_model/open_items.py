"""Open items: what the city still has to supply or confirm before the site goes live, read from the content.

Two kinds of open items are collected, each as (file, line, text):

1. Markers in the Markdown text: an editor writes `<!-- offen: what is missing -->` where a text waits for
   something only the city can supply (an e-mail address, a name, a decision). HTML comments are not published;
   the page itself says in plain words what is still open ("Noch offen: …").
2. Addresses to check before launch: every source address (`Sources:`) and every link in a text of an original
   that the fact sheet (../shared/sources/facts.md) does not contain word for word. Many hannover.de addresses
   were completed from shortened paths ("…") in the fact sheet and cannot be verified offline; a link check must
   confirm each of them before launch. Without the fact sheet this part is skipped (and `format_items` says so).

The module is self-contained (no Pelican, no other module of the plugin), so the build report can call
`collect(content_root)`, and on the command line

    python -m content_model.open_items [content] [--facts ../shared/sources/facts.md]

(with `plugins` on the Python path) prints one line per item: `datei:zeile: offen: text`.
"""

import argparse
import os
import re
import sys
import unicodedata
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

MARKER = re.compile(r"<!--\s*offen:\s*(.*?)\s*-->", re.DOTALL)
URL = re.compile(r"https?://[^\s<>()\[\]\"]+")
MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
TRANSLATION = re.compile(r"\.[a-z]{2,3}\.md$")
TRAILING = ".,;:*`|"


class OpenItem(NamedTuple):
    file: str  # relative to the project folder, e.g. content/seiten/impressum.md
    line: int
    text: str


def _markdown_files(content_root):
    for folder, subfolders, files in os.walk(content_root):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.join(folder, name)


def _relative(path, content_root):
    return os.path.relpath(path, os.path.dirname(os.path.abspath(content_root))).replace(os.sep, "/")


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def markers(content_root):
    """Every `<!-- offen: … -->` in the content, at the line where it starts, its text on one line."""
    items = []
    for path in _markdown_files(content_root):
        text = _read(path)
        for match in MARKER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            items.append(OpenItem(_relative(path, content_root), line, " ".join(match[1].split())))
    return items


def _normal(url):
    """An address as a reader would type it: percent-escapes decoded, Unicode composed, no trailing slash."""
    return unicodedata.normalize("NFC", unquote(url.strip().rstrip(TRAILING))).rstrip("/")


def fact_sheet_urls(facts_path):
    """The addresses the fact sheet gives, normalised; shortened ones ("…") as (prefix, suffix) pairs."""
    exact, shortened, paths = set(), [], set()
    for url in URL.findall(_read(facts_path)):
        url = _normal(url)
        if "…" in url:
            prefix, _, suffix = url.partition("…")
            shortened.append((prefix, suffix))
        else:
            exact.add(url)
            paths.add(urlsplit(url).path.rstrip("/"))
    return exact, shortened, paths


def _addresses(path):
    """(line, url) of each source address and each link in the text of one content file."""
    found = []
    in_header, in_sources = True, False
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if in_header:
            if not line.strip():
                in_header = False
                continue
            field = re.match(r"^([A-Za-z_]+):", line)
            if field:
                in_sources = field[1].lower() == "sources"
                rest = line[field.end():]
            elif line.startswith((" ", "\t")) and in_sources:
                rest = line
            else:
                continue
            if in_sources and rest.split():
                found.append((number, rest.split()[0]))
            continue
        found.extend((number, match[1]) for match in MARKDOWN_LINK.finditer(line))
    return found


def unverified_addresses(content_root, facts_path):
    """Addresses of the originals that the fact sheet does not give word for word, one item per address, at its
    first place (the translations repeat the originals' source addresses; the build checks that they do)."""
    exact, shortened, paths = fact_sheet_urls(facts_path)
    places = {}
    for path in _markdown_files(content_root):
        if TRANSLATION.search(os.path.basename(path)):
            continue
        for line, url in _addresses(path):
            places.setdefault(url, []).append((_relative(path, content_root), line))
    items = []
    for url, where in places.items():
        normal = _normal(url)
        if normal in exact:
            continue
        if any(normal.startswith(prefix) and normal.endswith(suffix) for prefix, suffix in shortened):
            why = "aus einer gekürzten Adresse (…) der Faktensammlung ergänzt"
        elif urlsplit(normal).path.rstrip("/") in paths and urlsplit(normal).path.strip("/"):
            why = "Pfad aus der Faktensammlung, aber anderer Server"
        else:
            why = "steht so nicht in der Faktensammlung"
        files = len({file for file, _ in where})
        also = f"; in {files} Dateien" if files > 1 else ""
        file, line = where[0]
        items.append(OpenItem(file, line, f"Link vor dem Start prüfen: {url} ({why}{also})"))
    return sorted(items)


def default_facts_path(content_root):
    """../shared/sources/facts.md next to the project folder, as on a developer's machine."""
    return os.path.join(os.path.dirname(os.path.abspath(content_root)), "..", "shared", "sources", "facts.md")


def collect(content_root, facts_path=None):
    """All open items of the content: the markers, then (if the fact sheet is there) the addresses to check."""
    items = sorted(markers(content_root))
    facts_path = facts_path or default_facts_path(content_root)
    if os.path.isfile(facts_path):
        items += unverified_addresses(content_root, facts_path)
    return items


def format_items(items, facts_found=True):
    lines = [f"{item.file}:{item.line}: offen: {item.text}" for item in items]
    if not facts_found:
        lines.append(
            "(Faktensammlung nicht gefunden: Adressen, die vor dem Start zu prüfen sind, fehlen in dieser Liste.)"
        )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description="Was die Stadt vor dem Start noch liefern oder bestätigen muss.")
    parser.add_argument("content", nargs="?", default="content", help="Ordner der Inhalte (Vorgabe: content)")
    parser.add_argument("--facts", help="Faktensammlung (Vorgabe: ../shared/sources/facts.md neben dem Projekt)")
    arguments = parser.parse_args(argv)
    facts_path = arguments.facts or default_facts_path(arguments.content)
    items = collect(arguments.content, facts_path)
    for line in format_items(items, os.path.isfile(facts_path)):
        print(line)
    markers_count = sum(1 for item in items if not item.text.startswith("Link vor dem Start prüfen"))
    print(f"{markers_count} offene Angaben, {len(items) - markers_count} Adressen zu prüfen.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
