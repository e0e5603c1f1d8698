"""The finished site, checked as a browser will see it, before it replaces the last good one.

Every text was checked where it was written (plugins/content_model/html_gate.py). This looks at what was really
written, templates and plugins included, with the same parser (lexbor, scripting on), and allows only what is
listed:

- files: only the types the site serves; no symbolic links, no hidden files;
- pages: only listed elements and attributes; no event handlers, no `<base>`, no `<meta http-equiv>` but the
  Content-Security-Policy; scripts only as JSON-LD data, or the search script on the search pages (and the web
  editor's own scripts on /admin/); everything a page loads (stylesheets, images, scripts, icons) from this site;
  links only to https, http, mailto and tel;
- feeds: every entry's HTML through the same gate as a text's body;
- SVG files: svg_policy's allowlist.

It runs in every build, the local one, the preview's and the publish build, so `invoke build`, `invoke publish`
and CI share it. A problem here is a bug in the theme or a plugin (or something the text checks missed): it fails
the build like an editor's mistake.
"""

import hashlib
import os
import sys
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml
from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))

from content_model import html_gate, html_policy, svg_policy  # noqa: E402 - plugins/ is not a package

# File types a published site consists of. Pagefind's index has its own; `_headers` is Netlify's and Cloudflare's.
# The publish build's .br/.gz copies are written after this check; a built site checked again may have them.
FILE_TYPES = {
    ".html", ".xml", ".css", ".js", ".json", ".csv", ".txt", ".svg", ".jpg", ".jpeg", ".png", ".webp", ".avif",
    ".pdf", ".pf_meta", ".pf_index", ".pf_fragment", ".pagefind",
}
FILE_NAMES = {"_headers"}
COMPRESSED = {".br", ".gz"}

# The theme's elements and attributes, on top of what a text's body may contain (html_policy).
THEME_ELEMENTS = {
    "html": set(), "head": set(), "body": set(), "title": set(),
    "meta": {"charset", "content", "name", "property", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "title", "sizes", "media"},
    "script": {"src", "type"},
    "header": set(), "nav": set(), "main": set(), "footer": set(), "article": set(), "section": set(),
    "aside": set(), "noscript": set(),
    "form": {"method", "action"}, "label": {"for"}, "button": {"type"},
    "input": {"type", "name", "autocomplete", "required", "placeholder", "value"},
    "a": {"rel", "aria-current"},
    # Inline SVG of the charts and the route map (plugins/charts): shapes and text placed by coordinates, coloured
    # by classes. No <use>, <image>, <foreignObject>, <a>, <style>, <script>, href or style attributes.
    "svg": {"width", "height", "viewBox"}, "desc": set(),
    "rect": {"x", "y", "width", "height"}, "line": {"x1", "y1", "x2", "y2"}, "path": {"d"}, "circle": {"cx", "cy", "r"},
    "text": {"x", "y", "text-anchor"},
}
THEME_GLOBAL_ATTRIBUTES = {"hidden", "tabindex", "role", "data-bundle", "data-search"}
THEME_ATTRIBUTE_PREFIXES = ("aria-", "data-pagefind-", "data-msg-")
LINK_RELATIONS = {"stylesheet", "icon", "canonical", "alternate"}
PAGE_LINK_SCHEMES = {"https", "http", "mailto", "tel"}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "action", "formaction", "background"}
ATOM = "{http://www.w3.org/2005/Atom}"


class OutputProblem(str):
    """One problem of the finished site, as a line of the build's report."""


def _fingerprint():
    """What a file's verdict depends on besides its bytes, its place and the site's address: this checker's code,
    the lists it uses, and the parsers' versions."""
    import selectolax

    digest = hashlib.sha256(f"{selectolax.__version__}|{html_gate.FINGERPRINT}".encode())
    for module in (__file__, svg_policy.__file__):
        with open(module, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


FINGERPRINT = _fingerprint()


class _Passed:
    """Files that passed this checker before, by a hash of their bytes, place and site address (a folder of empty
    marker files, like the other caches in .cache/): an unchanged page is not parsed again. Safe to delete."""

    def __init__(self, folder, site_url):
        self.folder = folder
        self.salt = f"{FINGERPRINT}|{site_url}".encode()

    def _marker(self, relative, data):
        key = hashlib.sha256(self.salt + b"|" + relative.encode() + b"|" + data).hexdigest()
        return os.path.join(self.folder, key[:2], key)

    def has(self, relative, data):
        return bool(self.folder) and os.path.exists(self._marker(relative, data))

    def add(self, relative, data):
        if not self.folder:
            return
        marker = self._marker(relative, data)
        try:
            os.makedirs(os.path.dirname(marker), exist_ok=True)
            open(marker, "w").close()
        except OSError:
            pass  # a cache that cannot be written only costs time


def check(site, settings, borrowed=(), prefix="", checked=frozenset(), seen=None, site_url=None):
    """Every problem of the built site in folder `site`, as lines for the report (empty when all is well).

    `borrowed`: top-level names that a partial build (the preview) links to the current site's other languages,
    checked when they were built. `prefix`: where `site` lies in the whole site ("uk/" for a language's own
    folder, checked by its build process, in parallel with the others). `checked`: files (relative to the whole
    site) checked that way already, left out here; `seen`, a set, gets the files checked now. `site_url`: the
    whole site's address (default: SITEURL of `settings`; a language's own site has …/uk there).
    """
    site_url = (settings.get("SITEURL", "") if site_url is None else site_url) or ""
    script_pages = _script_pages(settings)
    cache_folder = settings.get("HTML_GATE_CACHE_PATH")
    passed = _Passed(os.path.join(cache_folder, "output") if cache_folder else None, site_url)
    problems = []
    for folder, dirs, files in os.walk(site):
        for name in sorted(dirs + files):
            path = os.path.join(folder, name)
            relative = prefix + os.path.relpath(path, site).replace(os.sep, "/")
            if relative in checked or (relative in borrowed and os.path.islink(path)):
                continue
            if os.path.islink(path):
                problems.append(_problem(relative, "ist eine symbolische Verknüpfung"))
                continue
            if name.startswith("."):
                problems.append(_problem(relative, "ist eine versteckte Datei (beginnt mit einem Punkt)"))
                continue
            if name in files:
                problems.extend(_check_file(path, relative, site_url, script_pages, passed))
                if seen is not None:
                    seen.add(relative)
    return problems


def _check_file(path, relative, site_url, script_pages, passed):
    extension = os.path.splitext(relative)[1].lower()
    if extension in COMPRESSED and os.path.isfile(path[: -len(extension)]):
        return []  # the publish build's compressed copy of a file checked on its own
    if extension not in FILE_TYPES and os.path.basename(relative) not in FILE_NAMES:
        return [_problem(relative, f"Dateien vom Typ „{extension or os.path.basename(relative)}“ veröffentlicht die "
                                   "Website nicht")]
    is_feed = extension == ".xml" and (relative.startswith("feeds/") or "/feeds/" in relative)
    if extension not in (".html", ".svg") and not is_feed:
        return []
    with open(path, "rb") as handle:
        data = handle.read()
    if passed.has(relative, data):
        return []
    if extension == ".html":
        found = [_problem(relative, what)
                 for what in page_problems(data.decode("utf-8"), relative, site_url, script_pages)]
    elif extension == ".svg":
        unsafe = svg_policy.read(path).problem
        found = [_problem(relative, f"die Grafik ist nicht erlaubt: {unsafe}")] if unsafe else []
    else:
        found = [_problem(relative, what) for what in feed_problems(path, site_url)]
    if not found:
        passed.add(relative, data)
    return found


def _problem(relative, what):
    return OutputProblem(f"{relative}: {what} — das ist ein Fehler im Theme, in einem Plugin oder in der Prüfung der "
                         "Texte; melden Sie ihn den Entwicklern, veröffentlicht wurde nichts.")


def _script_pages(settings):
    """Pages that may run a script, and the scripts they may run (relative to the site's root)."""
    original = settings.get("ORIGINAL_LANG", settings.get("DEFAULT_LANG"))
    allowed = {}
    for lang, folder in settings.get("SECTION_FOLDERS", {}).get("suche", {}).items():
        prefix = "" if lang == original else f"{lang}/"
        allowed[f"{prefix}{folder}/index.html"] = {"theme/js/search.js"}
    allowed["admin/index.html"] = {"admin/cms.js", "admin/sveltia-cms.js"}
    return allowed


def _own_path(url, site_url, page):
    """The site path `url` leads to when it is on this site, else None."""
    cleaned = url.strip().replace("\t", "").replace("\n", "").replace("\r", "")
    if html_policy.is_own(cleaned, site_url):
        return urlsplit(cleaned[len(site_url.rstrip("/")):]).path.lstrip("/")
    if html_policy.url_scheme(cleaned) or cleaned.startswith(("//", "\\", "/\\")):
        return None
    base = "/" + page.rsplit("/", 1)[0] + "/" if "/" in page else "/"
    parts = urlsplit(cleaned)
    joined = os.path.normpath(os.path.join(base, parts.path)) if parts.path else "/" + page
    return joined.lstrip("/")


# Per element: every attribute it may have (the body's allowlist, the theme's, the global ones).
_ALLOWED = {
    name: html_policy.ELEMENTS.get(name, set()) | THEME_ELEMENTS.get(name, set()) | html_policy.GLOBAL_ATTRIBUTES
    | THEME_GLOBAL_ATTRIBUTES
    for name in set(html_policy.ELEMENTS) | set(THEME_ELEMENTS)
}


def page_problems(text, page, site_url="", script_pages=None):
    """What is not allowed in the HTML page `text` (saved as `page`, relative to the site's root)."""
    script_pages = script_pages or {}
    document = LexborHTMLParser(text, scripting=True)
    problems = []
    # Written for speed (every element of every page, thousands of pages): one dictionary lookup per element
    # and per attribute in the usual case, the closer look only where an attribute holds a URL.
    for element in document.root.traverse(include_text=False):
        name = element.tag
        allowed = _ALLOWED.get(name)
        if allowed is None:
            problems.append(f"das Element <{name}> ist nicht erlaubt")
            continue
        attrs = element.attributes
        for attribute, value in attrs.items():
            if attribute not in allowed and not attribute.startswith(THEME_ATTRIBUTE_PREFIXES):
                problems.append(f"das Attribut „{attribute}“ an <{name}> ist nicht erlaubt")
            elif attribute == "href":
                if not (value and (value[0] in "/#" or value.startswith(_PLAIN_LINKS))):
                    problems.extend(_href_problems(name, attrs, value or "", site_url, page))
                elif name == "link":
                    problems.extend(_href_problems(name, attrs, value, site_url, page))
            elif attribute in LOADING_ATTRIBUTES:
                value = value or ""
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
                for url in urls:
                    if _own_path(url, site_url, page) is None:
                        problems.append(f"<{name} {attribute}> lädt „{url[:80]}“ von einem anderen Server")
        equiv = (attrs.get("http-equiv") or "content-security-policy").lower() if name == "meta" else None
        if equiv not in (None, "content-security-policy"):
            problems.append(f"<meta http-equiv=\"{attrs['http-equiv']}\"> ist nicht erlaubt")
        elif name == "script":
            problems.extend(_script_problems(element, attrs, page, site_url, script_pages))
    return problems


# Links that need no closer look: the scheme is right there, with nothing before it.
_PLAIN_LINKS = ("https://", "http://", "mailto:", "tel:", "../")


def _href_problems(name, attrs, value, site_url, page):
    if name == "link":
        relations = set(attrs.get("rel", "").lower().split())
        if not relations or not relations <= LINK_RELATIONS:
            return [f"<link rel=\"{attrs.get('rel', '')}\"> ist nicht erlaubt"]
        if _own_path(value, site_url, page) is None:
            return [f"<link rel=\"{attrs.get('rel')}\"> lädt „{value[:80]}“ von einem anderen Server"]
        return []
    scheme = html_policy.url_scheme(value)
    if scheme and scheme not in PAGE_LINK_SCHEMES:
        return [f"der Link „{value[:80]}“ an <{name}> ist nicht erlaubt ({scheme}:)"]
    return []


def _script_problems(element, attrs, page, site_url, script_pages):
    if "src" not in attrs:
        if attrs.get("type") != "application/ld+json":
            return ["ein <script> mit Programmcode in der Seite ist nicht erlaubt"]
        if "<" in (element.text(deep=True) or ""):
            return ["die Daten in <script type=\"application/ld+json\"> enthalten „<“"]
        return []
    target = _own_path(attrs["src"], site_url, page)
    if target not in script_pages.get(page, set()):
        return [f"<script src=\"{attrs['src'][:80]}\"> ist auf dieser Seite nicht erlaubt"]
    return []


def feed_problems(path, site_url):
    """What is not allowed in the HTML of the entries of an Atom feed."""
    try:
        tree = parse_xml(path, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError) as error:
        return [f"der Feed ist kein sicheres XML ({error})"]
    problems = []
    for entry in tree.getroot().iter(ATOM + "entry"):
        title = entry.findtext(ATOM + "title", default="")
        for part in ("content", "summary"):
            node = entry.find(ATOM + part)
            if node is None or node.get("type") != "html":
                continue
            for violation in html_gate.gate(node.text or "", site_url=site_url).violations:
                problems.append(f"Eintrag „{title[:60]}“ ({part}): {violation.what}")
    return problems
