"""What an article's body may contain: an allowlist of elements, attributes, classes and link targets.

Everything that is not listed here is refused, whatever it is called: a new element or attribute that browsers
learn next year is refused too. The list is what editors need for text (headings, lists, tables, quotes,
`<span lang>`, `<abbr>`, `<details>`, figures, footnotes) and what our own steps add to it (Markdown's footnotes
and tables, typogrify's `<span class="caps">`, the photos plugin's `<picture>`).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Attributes every allowed element may have. `class` only with the values in CLASSES; `dir` for a quotation in a
# language written from right to left.
GLOBAL_ATTRIBUTES = {"lang", "title", "id", "class", "dir"}

# Element → attributes it may have besides the global ones.
ELEMENTS = {
    # text
    "p": set(), "br": set(), "hr": set(), "wbr": set(),
    "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(),
    "a": {"href", "hreflang"},
    "strong": set(), "em": set(), "b": set(), "i": set(), "u": set(), "s": set(), "small": set(), "mark": set(),
    "sub": set(), "sup": set(), "abbr": set(), "dfn": set(), "cite": set(), "q": {"cite"}, "kbd": set(),
    "code": set(), "samp": set(), "var": set(), "pre": set(), "span": set(), "bdi": set(),
    "time": {"datetime"}, "data": {"value"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    # blocks
    "div": set(), "blockquote": {"cite"}, "figure": set(), "figcaption": set(), "address": set(),
    "details": {"open"}, "summary": set(),
    "ul": set(), "ol": {"start", "reversed", "type"}, "li": {"value"},
    "dl": set(), "dt": set(), "dd": set(),
    "table": set(), "caption": set(), "colgroup": {"span"}, "col": {"span"},
    "thead": set(), "tbody": set(), "tfoot": set(), "tr": set(),
    "th": {"colspan", "rowspan", "scope", "headers", "abbr"}, "td": {"colspan", "rowspan", "headers"},
    # images: only files of this site (see URL_ATTRIBUTES)
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "picture": set(), "source": {"srcset", "sizes", "type"},
}

# Classes our own steps set; an editor has no use for others (the theme decides how things look).
CLASSES = {
    "amp", "caps", "dquo", "quo",  # typogrify
    "footnote", "footnote-ref", "footnote-backref",  # Markdown's footnotes
    "align-left", "align-center", "align-right",  # table columns aligned in Markdown (|:--|--:|)
    "toc",  # Markdown's [TOC]
}
CODE_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#-]{1,30}$")  # fenced code: ```python

# Attributes that hold a URL, and what it may lead to.
LINK, SITE_FILE, URL_LIST = "link", "site file", "url list"
URL_ATTRIBUTES = {"href": LINK, "cite": LINK, "src": SITE_FILE, "srcset": URL_LIST}
# Where links may lead: web pages (https), e-mail and phone; relative and in-page links have no scheme.
LINK_SCHEMES = {"https", "mailto", "tel"}
# Pelican's placeholders for links to files of the site, replaced by their URLs when the page is written.
SITE_PLACEHOLDERS = ("{filename}", "{static}", "{attach}", "{index}", "{category}", "{author}", "{tag}")

ENUMERATED = {
    **{(name, "dir"): {"ltr", "rtl", "auto"} for name in ELEMENTS},
    ("ol", "type"): {"1", "a", "A", "i", "I"},
    ("th", "scope"): {"row", "col", "rowgroup", "colgroup"},
    ("img", "loading"): {"lazy", "eager"},
    ("img", "decoding"): {"async", "sync", "auto"},
    ("source", "type"): {"image/avif", "image/webp", "image/jpeg", "image/png"},
}
NUMERIC = {("ol", "start"), ("li", "value"), ("img", "width"), ("img", "height"), ("th", "colspan"),
           ("th", "rowspan"), ("td", "colspan"), ("td", "rowspan"), ("col", "span"), ("colgroup", "span")}


@dataclass(frozen=True)
class Violation:
    """One thing in a body that is not allowed: what it is (for the editor), and text to find its line by."""

    what: str
    needle: str
    fix: str


# Characters that a browser removes from a URL before reading it (WHATWG URL standard: leading and trailing C0
# controls and spaces; tabs and newlines anywhere): "java\tscript:" is "javascript:".
_STRIPPED_AROUND = "".join(chr(code) for code in range(0x21))
_REMOVED_INSIDE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url):
    """The scheme a browser reads in `url` ('' for a relative or in-page URL)."""
    cleaned = url.strip(_STRIPPED_AROUND).translate(_REMOVED_INSIDE)
    if cleaned.startswith(SITE_PLACEHOLDERS):
        return ""
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else ""


def is_own(url, site_url):
    """Whether `url` (as the browser cleans it) is an absolute URL of this site (`site_url`, e.g. in feeds)."""
    cleaned = url.strip(_STRIPPED_AROUND).translate(_REMOVED_INSIDE)
    return bool(site_url) and site_url.startswith(("https://", "http://")) and \
        cleaned.lower().startswith(site_url.rstrip("/").lower() + "/")


def url_violation(element, attribute, value, site_url=""):
    """What is wrong with a URL in `attribute` of `element`, or None. URLs of `site_url` count as relative."""
    kind = URL_ATTRIBUTES[attribute]
    urls = [part.strip().split(" ")[0] for part in value.split(",")] if kind == URL_LIST else [value]
    for url in urls:
        if is_own(url, site_url):
            continue
        scheme = url_scheme(url)
        cleaned = url.strip(_STRIPPED_AROUND).translate(_REMOVED_INSIDE)
        if kind == LINK and scheme in ("http", "https") and _is_this_computer(cleaned):
            return Violation(
                f"Der Link „{_short(url)}“ führt auf diesen Computer (etwa zur Vorschau), nicht zu einer Seite im "
                "Internet", url,
                "verlinken Sie Seiten dieser Website mit {filename}../ordner/datei.md oder mit ihrer Adresse auf "
                "der öffentlichen Website.")
        if kind == LINK:
            if scheme and scheme not in LINK_SCHEMES:
                return Violation(
                    f"Der Link „{_short(url)}“ ist nicht erlaubt ({scheme}:)",
                    url, "verlinken Sie nur Web-Adressen (https://…), E-Mail (mailto:) oder Telefon (tel:).")
            if scheme == "https" and not cleaned[len("https:"):].startswith("//"):
                return Violation(f"Der Link „{_short(url)}“ ist unvollständig", url,
                                 "schreiben Sie die ganze Adresse: https://…")
        elif scheme or cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
            return Violation(
                f"<{element} {attribute}> lädt „{_short(url)}“ von einem anderen Server (Datenschutz)",
                url, "speichern Sie die Datei neben dem Artikel und geben Sie nur den Dateinamen an.")
    return None


def _is_this_computer(url):
    """Whether `url` names this computer: localhost, 127.x.x.x, ::1, 0.0.0.0 (the preview, a test server)."""
    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.endswith(".localhost") or host.startswith("127.")


def _short(text, length=60):
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[: length - 1] + "…"


def element_violations(name, attributes, skip=(), site_url=""):
    """Everything not allowed about one element (given its attributes, as the browser reads them); attributes in
    `skip` are left to the caller, which checks them with a message of its own. Absolute URLs of `site_url` are
    the site's own (feeds make every URL absolute)."""
    if name not in ELEMENTS:
        return [Violation(f"Das HTML-Element <{name}> ist nicht erlaubt", f"<{name}",
                          _ELEMENT_FIXES.get(name, _TEXT_ONLY))]
    found = []
    allowed = ELEMENTS[name] | GLOBAL_ATTRIBUTES
    for attribute, value in attributes.items():
        if attribute in skip:
            continue
        if attribute not in allowed:
            found.append(Violation(
                f"Das HTML-Attribut „{attribute}“ ist an <{name}> nicht erlaubt", attribute,
                "löschen Sie es; das Aussehen bestimmt das Theme, Programmcode gibt es auf dieser Website nicht."))
        elif attribute == "class":
            unknown = [token for token in value.split()
                       if token not in CLASSES and not (name == "code" and CODE_LANGUAGE_CLASS.match(token))]
            if unknown:
                found.append(Violation(f"Die Klasse „{unknown[0]}“ an <{name}> ist nicht erlaubt", unknown[0],
                                       "löschen Sie das Attribut class; das Aussehen bestimmt das Theme."))
        elif attribute in URL_ATTRIBUTES:
            violation = url_violation(name, attribute, value, site_url)
            if violation:
                found.append(violation)
        elif (name, attribute) in ENUMERATED and value not in ENUMERATED[name, attribute]:
            found.append(Violation(f"„{attribute}=\"{_short(value, 30)}\"“ an <{name}> ist nicht erlaubt", attribute,
                                   f"erlaubt: {', '.join(sorted(ENUMERATED[name, attribute]))}."))
        elif (name, attribute) in NUMERIC and not value.strip().isdigit():
            found.append(Violation(f"„{attribute}“ an <{name}> muss eine Zahl sein", attribute,
                                   "schreiben Sie eine ganze Zahl oder löschen Sie das Attribut."))
    return found


_EMBEDDING = ("verlinken Sie Videos, Karten und Formulare als normalen Link (Datenschutz: nichts wird von anderen "
              "Servern geladen).")
_TEXT_ONLY = ("löschen Sie es: im Text sind nur Absätze, Überschriften, Listen, Tabellen, Zitate, Links und Bilder "
              "erlaubt (Grafiken als Bilddatei neben dem Artikel).")
_ELEMENT_FIXES = {
    "script": "löschen Sie es: Programmcode gibt es auf dieser Website nicht.",
    "style": "löschen Sie es: das Aussehen bestimmt das Theme.",
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet", "video", "audio", "track", "portal"),
                    _EMBEDDING),
}
