"""A few lines of SVG markup, written the same way every time (attribute order as given, numbers rounded).

Charts are inline SVG in HTML pages. Only what the site's output gate allows is written (sitebuild/output_gate.py,
THEME_ELEMENTS): no style attributes (the Content-Security-Policy forbids them; colours come from classes), no
links, no script.
"""

from html import escape

from markupsafe import Markup


def number(value):
    """A coordinate: at most two decimals, no trailing zeros ("12.5", "40", "33.33")."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value):
    return number(value) + "%"


def element(name, attributes, content=None):
    """`<name a="…">content</name>`; `content` is text (escaped) or a list of markup strings (kept)."""
    attrs = "".join(f' {key}="{escape(str(value), quote=True)}"' for key, value in attributes.items()
                    if value is not None)
    if content is None:
        return f"<{name}{attrs}/>" if name not in ("title", "desc", "text") else f"<{name}{attrs}></{name}>"
    inner = "".join(content) if isinstance(content, list) else escape(str(content), quote=False)
    return f"<{name}{attrs}>{inner}</{name}>"


def document(attributes, ident, title, desc, body):
    """The <svg> element of one chart: role="img", named by its <title>, described by its <desc>."""
    head = [element("title", {"id": f"{ident}-titel"}, title), element("desc", {"id": f"{ident}-beschreibung"}, desc)]
    attrs = {"role": "img", "aria-labelledby": f"{ident}-titel", "aria-describedby": f"{ident}-beschreibung",
             **attributes}
    return Markup(element("svg", attrs, head + body))
