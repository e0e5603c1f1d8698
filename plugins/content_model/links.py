"""After the build has written every page: do the links in articles and pages lead somewhere?

Pelican checks only `{filename}` links. An ordinary link such as `[Besuche](/besuche/)` or
`[Bericht](../2023-04-17-messe/)` to a page that does not exist passes silently, and so does a link to an
anchor (`#abschnitt`) that no heading has. This check resolves every link of every article and page
against the files actually written, so it also catches URLs that change when settings change.
"""

import os
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .dry_run import has_unknown_ids
from .html_tree import Fragment, attributes
from .selected_pages import is_stand_in


@lru_cache(maxsize=None)
def _ids_in(path):
    """The ids in a written page, as the browser finds them; None if a check run (CHECK_ONLY) could not know them."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if has_unknown_ids(text):
        return None
    page = LexborHTMLParser(text, scripting=True)
    return frozenset(node.attributes["id"] for node in page.css("[id]"))


def _linking_elements(html):
    """The attributes of every element of a body, in document order."""
    return [attributes(element) for element in Fragment(html).elements()]


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


def check_file(target, fragment):
    """What is wrong with a link to `target` (an output file) and `#fragment`, or None."""
    if not os.path.isfile(target):
        return "Der Link „{link}“ führt zu keiner Seite dieser Website"
    ids = _ids_in(target) if fragment and target.endswith(".html") else None
    if ids is not None and unquote(fragment) not in ids:
        return f"Den Abschnitt „#{fragment}“ gibt es auf der Zielseite nicht"
    return None


def check_site_path(site_root, path):
    """For links into another language's site, checked once all sites are built: `path` is site-relative."""
    parts = urlsplit(path)
    return check_file(_output_file(site_root, parts.path), parts.fragment)


FIXES = {
    "Der Link": "prüfen Sie die Adresse; für Artikel und Seiten schreiben Sie besser {filename}../ordner/datei.md, "
    "dann prüft der Build das Ziel.",
    "Den Abschnitt": "prüfen Sie den Teil nach # (er entsteht aus der Zwischenüberschrift).",
}


def links_to_check(content, output_path, siteurl, main_siteurl, public_siteurl="", earlier_output=None):
    """Yield (link as the editor wrote it, problem or None, path in the whole site or None, the output file it
    leads to or None) for each link.

    A link into this build's own site is checked now (problem or None); a link into another language's site
    (same host, outside this site's folder) comes back with its site-relative path, to be checked when all
    sites exist. The rendered body has Pelican's `{filename}` links replaced by URLs; the tags of the raw body
    come in the same order, so each rendered link is paired with what the editor wrote. An absolute link to the
    public site (`public_siteurl`, PUBLIC_SITEURL) is a link into this site too, in every build.
    With `earlier_output` (the preview's quick run, selected_pages.py), a page this run did not render, or a file it
    did not write, is looked up there.
    """

    def file_for(url_path):
        target = _output_file(output_path, url_path)
        if earlier_output and (not os.path.exists(target) or is_stand_in(target)):
            return _output_file(earlier_output, url_path)
        return target

    public = public_siteurl.rstrip("/") + "/" if public_siteurl else None
    base = (siteurl.rstrip("/") or "http://site.invalid") + "/"
    root = (main_siteurl.rstrip("/") or "http://site.invalid") + "/"
    if not siteurl.startswith(("http://", "https://")):
        base = "http://site.invalid" + (siteurl.rstrip("/") + "/" if siteurl else "/")
        root = "http://site.invalid" + (main_siteurl.rstrip("/") + "/" if main_siteurl else "/")
    page_url = urljoin(base, content.url)
    own_file = os.path.join(output_path, content.save_as)
    if earlier_output and (not os.path.exists(own_file) or is_stand_in(own_file)):
        own_file = os.path.join(earlier_output, content.save_as)
    rendered_tags = _linking_elements(content.content or "")
    written_tags = _linking_elements(content._content or "")
    if len(written_tags) != len(rendered_tags):
        written_tags = rendered_tags
    for tag, written in zip(rendered_tags, written_tags, strict=True):
        for attribute in ("href", "src"):
            link = tag.get(attribute)
            if not link:
                continue
            as_written = written.get(attribute) or link
            if public and link.startswith(public) and not link.startswith(base):
                link = "/" + link[len(public):]  # the public address of a page of this site
            absolute = urljoin(page_url, link)
            parts = urlsplit(absolute)
            if link.startswith("#"):
                yield as_written, check_file(own_file, parts.fragment), None, own_file
            elif absolute.startswith(base):
                target = file_for(absolute[len(base) - 1 :].split("#")[0])
                yield as_written, check_file(target, parts.fragment), None, target
            elif absolute.startswith(root):
                yield as_written, None, absolute[len(root):], None
            # else: another website, mail or phone: not ours to resolve
