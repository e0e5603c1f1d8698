"""After the build has written every page: do the links in articles and pages lead somewhere?

Pelican checks only `{filename}` links. An ordinary link such as `[Besuche](/besuche/)` or
`[Bericht](../2023-04-17-messe/)` to a page that does not exist passes silently, and so does a link to an
anchor (`#abschnitt`) that no heading has. This check resolves every link of every article and page
against the files actually written, so it also catches URLs that change when settings change.
"""

import os
import re
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit

from .body import start_tags

ID_ATTRIBUTE = re.compile(r"""\sid=["']?([^"'\s>]+)""")


@lru_cache(maxsize=None)
def _ids_in(path):
    with open(path, encoding="utf-8") as handle:
        return frozenset(ID_ATTRIBUTE.findall(handle.read()))


def forget_written_files():
    """Call before checking a new build: the same paths hold new files."""
    _ids_in.cache_clear()


def _output_file(output_path, url_path):
    path = unquote(url_path).lstrip("/")
    candidate = os.path.join(output_path, path)
    if url_path.endswith("/") or not path:
        candidate = os.path.join(candidate, "index.html")
    elif not os.path.splitext(path)[1] and os.path.isdir(candidate):
        candidate = os.path.join(candidate, "index.html")
    return candidate


def broken_links(content, output_path, siteurl):
    """Yield (link as the editor wrote it, message, fix) for every link of `content` that leads nowhere.

    The rendered body has Pelican's `{filename}` links replaced by URLs; the tags of the raw body come in the
    same order, so each rendered link is paired with what the editor wrote, to find it in the source file.
    """
    base = (siteurl.rstrip("/") or "http://site.invalid") + "/"
    page_url = urljoin(base, content.url)
    own_file = os.path.join(output_path, content.save_as)
    rendered_tags = start_tags(content.content or "")
    written_tags = start_tags(content._content or "")
    if len(written_tags) != len(rendered_tags):
        written_tags = rendered_tags
    for tag, written in zip(rendered_tags, written_tags, strict=True):
        for attribute in ("href", "src"):
            link = tag.attrs.get(attribute)
            if not link:
                continue
            as_written = written.attrs.get(attribute) or link
            absolute = urljoin(page_url, link)
            if not absolute.startswith(base) and not link.startswith("#"):
                continue  # another website, mail or phone: not ours to resolve
            parts = urlsplit(absolute)
            target = own_file if link.startswith("#") else _output_file(output_path, parts.path)
            if not os.path.isfile(target):
                yield as_written, f"Der Link „{as_written}“ führt zu keiner Seite dieser Website", (
                    "prüfen Sie die Adresse; für Artikel und Seiten schreiben Sie besser "
                    "{filename}../ordner/datei.md, dann prüft der Build das Ziel."
                )
                continue
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in _ids_in(target):
                yield as_written, f"Den Abschnitt „#{parts.fragment}“ gibt es auf der Zielseite nicht", (
                    "prüfen Sie den Teil nach # (er entsteht aus der Zwischenüberschrift)."
                )
