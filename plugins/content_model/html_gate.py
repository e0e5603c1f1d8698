"""The last check of a body before it is published: the allowlist, on the HTML exactly as it will be written.

The reader checks the body as Markdown renders it (body.py). Steps after it change the HTML again (typogrify's
spans, the language's quotes, the photos' `<picture>`); this gate runs on the result, so that what reaches pages,
feeds, the search index and the data files is what was checked. It returns the body serialized from the parsed
tree (html_tree), without comments.

A second, independent opinion: Ammonia (PyPI `nh3`, Rust, html5ever's parser) cleans the same body with the same
allowlist. Where it would remove something that our walk let through, the two parsers or the two readings of the
list disagree; that is refused too, naming what Ammonia would remove.
"""

from dataclasses import dataclass

import nh3

from . import html_policy
from .html_tree import Fragment, attributes

def _fingerprint():
    """What the gate's verdict depends on besides the HTML: its code and list, and the two parsers' versions."""
    import hashlib
    import os

    import selectolax

    digest = hashlib.sha256(f"{selectolax.__version__}|{nh3.__version__}".encode())
    for module in ("html_gate.py", "html_policy.py", "html_tree.py"):
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), module), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


# A text whose HTML passed the gate before (same HTML, same gate) passes again: HTML_GATE_CACHE_PATH keeps what it
# made of it, so that a build re-checks only what changed (plugin.py).
FINGERPRINT = _fingerprint()
_NH3_TAGS = set(html_policy.ELEMENTS)
_NH3_ATTRIBUTES = {name: allowed | html_policy.GLOBAL_ATTRIBUTES for name, allowed in html_policy.ELEMENTS.items()}


@dataclass(frozen=True)
class GateResult:
    html: str
    violations: list


def gate(html, site_url="", directives=()):
    """Check a body against the allowlist; return it as the browser will read it, and what is not allowed.
    `site_url`: absolute URLs of this site count as its own files (feeds make every URL absolute); comments that
    start with a word of `directives` are kept for the plugin that replaces them."""
    fragment = Fragment(html)
    fragment.remove_comments(keep=directives)
    violations = []
    refused = set()
    for element in fragment.elements():
        if element.parent is not None and element.parent.mem_id in refused:
            refused.add(element.mem_id)
            continue
        found = html_policy.element_violations(element.tag, attributes(element), site_url=site_url)
        violations.extend(found)
        if element.tag not in html_policy.ELEMENTS:
            refused.add(element.mem_id)
    checked = fragment.html()
    if not violations:
        # The site's own absolute URLs (feeds) may use its scheme, e.g. http: for a test server on localhost.
        own_scheme = {site_url.split(":", 1)[0]} if site_url.startswith(("http://", "https://")) else set()
        violations.extend(_second_opinion(checked, strip_comments=not directives,
                                          schemes=html_policy.LINK_SCHEMES | own_scheme))
    return GateResult(checked, violations)


def _second_opinion(html, strip_comments=True, schemes=html_policy.LINK_SCHEMES):
    cleaned = nh3.clean(html, tags=_NH3_TAGS, attributes=_NH3_ATTRIBUTES, url_schemes=schemes,
                        link_rel=None, strip_comments=strip_comments)
    # Ammonia serializes as lexbor does, so equal text is the usual answer; otherwise compare the parsed forms.
    if cleaned == html or Fragment(cleaned).html() == html:
        return []
    ours = [(element.tag, attributes(element)) for element in Fragment(html).elements()]
    theirs = [(element.tag, attributes(element)) for element in Fragment(cleaned).elements()]
    for (tag, attrs), other in zip(ours, theirs + [None] * len(ours)):
        if other is None or other[0] != tag:
            return [html_policy.Violation(f"Das HTML-Element <{tag}> ist hier nicht erlaubt", f"<{tag}",
                                          "schreiben Sie den Text mit Markdown statt mit HTML.")]
        removed = sorted(set(attrs) - set(other[1]))
        if removed or attrs != other[1]:
            name = removed[0] if removed else next(key for key in attrs if attrs[key] != other[1].get(key))
            return [html_policy.Violation(f"Das HTML-Attribut „{name}“ an <{tag}> ist nicht erlaubt", name,
                                          "löschen Sie es.")]
    return [html_policy.Violation("Der Text enthält HTML, das nicht erlaubt ist", "<",
                                  "schreiben Sie den Text mit Markdown statt mit HTML.")]
