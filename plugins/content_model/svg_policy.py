"""What an SVG file may contain before the site publishes it: drawing, text and paint, nothing that runs or loads.

An SVG shown with `<img>` runs no script and loads nothing, but the same file opened on its own is a document of
the site's origin: its `<script>`, event handlers, `<foreignObject>` HTML, links and references to other servers
would run and load there (GitHub Pages sends no Content-Security-Policy that would stop them). So an SVG is read as
XML without entity expansion or DTDs (defusedxml) and every element and attribute must be on the lists below;
anything else refuses the file, with a message that says how to export a clean one. Files are refused, not
rewritten: a graphic that silently loses parts would be published looking different from what was approved.
"""

import re
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML = "{http://www.w3.org/XML/1998/namespace}"

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
}
ATTRIBUTES = {
    # structure and geometry
    "id", "class", "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1",
    "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "pathLength",
    # paint
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display",
    "visibility", "overflow", "clip-path", "clip-rule", "mask", "paint-order", "vector-effect", "shape-rendering",
    "text-rendering", "image-rendering", "color-interpolation", "color-interpolation-filters", "isolation",
    "mix-blend-mode", "marker-start", "marker-mid", "marker-end", "style",
    # text
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "text-decoration", "writing-mode", "dx", "dy", "rotate", "textLength", "lengthAdjust", "lang",
    # gradients, patterns, clips, markers
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits",
    "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth",
    "markerHeight", "markerUnits", "refX", "refY", "orient",
    # accessibility
    "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "focusable",
    # references within the file (checked below)
    "href", XLINK + "href", XML + "space", XML + "lang",
}
# url(#id) points into the file; any other url() loads something.
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)
_FORBIDDEN_IN_VALUES = ("javascript:", "@import", "expression(", "\\")

EXPORT_CLEAN = ("exportieren Sie die Grafik als „Optimiertes SVG“ oder „Normales SVG“ (Inkscape) bzw. mit "
                "„Präsentationsattributen“ ohne eingebettete Bilder (Illustrator), oder als PNG.")


@dataclass(frozen=True)
class SvgFacts:
    size: tuple | None  # (width, height) in CSS pixels, or None when the file does not say
    problem: str | None  # what is not allowed in it, or None


def read(path):
    """Read an SVG file: its size, and the first thing in it that is not allowed."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return SvgFacts(None, f"die Datei lässt sich nicht lesen ({error.strerror})")
    builder = _Builder()
    try:
        parser = XMLParser(target=builder, forbid_dtd=True)
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return SvgFacts(None, "sie enthält eine Dokumenttyp-Deklaration (DTD) oder Entitäten")
    except ParseError as error:
        return SvgFacts(None, f"sie ist kein gültiges XML ({error})")
    if builder.instructions:
        return SvgFacts(_size(root), "sie enthält eine Verarbeitungsanweisung (<?…?>), die Stile von anderswo "
                                     "laden kann")
    return SvgFacts(_size(root), _first_problem(root))


class _Builder(TreeBuilder):
    """Notes processing instructions wherever they are (ElementTree drops those before the root element)."""

    def __init__(self):
        super().__init__()
        self.instructions = []

    def pi(self, target, text=None):
        self.instructions.append(target)
        return super().pi(target, text)


def _first_problem(root):
    if root.tag != SVG + "svg":
        return "sie beginnt nicht mit einem <svg>-Element im SVG-Namensraum"
    for element in root.iter():
        name = element.tag[len(SVG):] if element.tag.startswith(SVG) else element.tag
        if not element.tag.startswith(SVG) or name not in ELEMENTS:
            return f"das Element <{_local(element.tag)}> ist in Grafiken nicht erlaubt"
        for attribute, value in element.attrib.items():
            if attribute not in ATTRIBUTES:
                return f"das Attribut „{_local(attribute)}“ an <{name}> ist nicht erlaubt"
            if attribute in ("href", XLINK + "href") and not value.strip().startswith("#"):
                return f"<{name}> verweist auf „{value[:60]}“ außerhalb der Datei"
            lowered = value.lower()
            if any(forbidden in lowered for forbidden in _FORBIDDEN_IN_VALUES):
                return f"der Wert von „{_local(attribute)}“ an <{name}> ist nicht erlaubt"
            for match in _URL.finditer(value):
                if not match.group(2).strip().startswith("#"):
                    return f"„{_local(attribute)}“ an <{name}> lädt „{match.group(2)[:60]}“"
    return None


def _local(name):
    return name.rsplit("}", 1)[-1]


_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def _size(root):
    lengths = {}
    for name in ("width", "height"):
        match = _LENGTH.match(root.attrib.get(name, ""))
        if match:
            lengths[name] = round(float(match.group(1)))
    if len(lengths) == 2:
        return lengths["width"], lengths["height"]
    box = root.attrib.get("viewBox", "").replace(",", " ").split()
    try:
        return (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else None
    except ValueError:
        return None
