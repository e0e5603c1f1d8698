"""The map of the way between two places, from a committed SVG file, labelled in the page's language.

The file (this site: theme/maps/hannover-mykolajiw.svg, made once by tools/map/make_map.mjs from Natural Earth)
holds the geometry: country outlines, the line, the two places and where their labels go. It must pass the site's
SVG policy (plugins/content_model/svg_policy.py). The build keeps only geometry, ids and classes from it (every
colour comes from the stylesheet's classes, so the map follows dark mode and print like the rest of the page)
and writes the labels, the title and the description in the page's language. The result is inline SVG in the
page: no request, no script, and the output gate checks it with the page.
"""

import os
import re
from functools import lru_cache
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import parse

from .svg import document, element

SVG = "{http://www.w3.org/2000/svg}"
# What is kept of the file: the elements that draw, and the attributes that place them.
KEPT_ELEMENTS = {"rect", "path", "circle", "text"}
KEPT_ATTRIBUTES = ("id", "class", "x", "y", "width", "height", "d", "cx", "cy", "r", "text-anchor")


class MapError(Exception):
    """The map file is missing, unsafe or not what the build expects."""


@lru_cache(maxsize=8)
def _read(path, modified):
    """(viewBox, [(element name, kept attributes, text)]) of the map file; `modified` keys the cache."""
    del modified
    try:
        root = parse(path, forbid_dtd=True).getroot()
    except (OSError, ParseError) as error:
        raise MapError(f"{path}: {error}") from error
    if root.tag != SVG + "svg" or "viewBox" not in root.attrib:
        raise MapError(f"{path}: kein <svg> mit viewBox")
    shapes = []
    for node in root:
        name = node.tag[len(SVG):] if node.tag.startswith(SVG) else node.tag
        if name not in KEPT_ELEMENTS:
            continue
        attributes = {key: node.attrib[key] for key in KEPT_ATTRIBUTES if key in node.attrib}
        shapes.append((name, attributes, node.text or ""))
    return root.attrib["viewBox"], shapes


def load(path):
    """Read (and cache) the map; the SVG policy must accept the file as it is."""
    from content_model import svg_policy

    problem = svg_policy.read(path).problem
    if problem:
        raise MapError(f"{path}: {problem}")
    return _read(path, os.stat(path).st_mtime_ns)


def distance_km(path):
    """The distance the map's file gives in the text with the id `…-entfernung` (e.g. "≈ 1700 km Luftlinie")."""
    _, shapes = load(path)
    for name, attributes, text in shapes:
        if name == "text" and attributes.get("id", "").endswith("entfernung"):
            digits = re.search(r"\d+", text.replace(".", "").replace(",", ""))
            if digits:
                return int(digits.group())
    raise MapError(f"{path}: keine Entfernung (<text id=\"…-entfernung\">)")


def render(path, labels, *, ident, title, desc, css="route-map"):
    """The inline SVG of the map at `path`; `labels` maps a <text>'s id to the text to show there (texts without
    one keep the file's text)."""
    view_box, shapes = load(path)
    body = []
    for name, attributes, text in shapes:
        attributes = dict(attributes)
        key = attributes.pop("id", None)
        if name == "text":
            body.append(element("text", attributes, labels.get(key, text)))
        else:
            body.append(element(name, attributes))
    return document({"class": css, "viewBox": view_box}, ident, title, desc, body)
