"""The pixel size of an image file, so that every <img> gets width and height and the page does not jump.

Raster formats are read by Pillow (only the header is read); SVG files by their width/height or viewBox.
"""

import re

from PIL import Image, UnidentifiedImageError

SVG_SIZE = re.compile(r"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
SVG_LENGTH = re.compile(r"""\b(width|height)\s*=\s*["']\s*([0-9.]+)\s*(px)?\s*["']""")
SVG_VIEWBOX = re.compile(r"""\bviewBox\s*=\s*["']\s*[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)\s*["']""")


def image_size(path):
    """(width, height) in CSS pixels, or None when the file does not say."""
    if path.lower().endswith(".svg"):
        with open(path, encoding="utf-8", errors="replace") as handle:
            match = SVG_SIZE.search(handle.read(8192))
        if not match:
            return None
        lengths = dict((name, value) for name, value, _ in SVG_LENGTH.findall(match.group(0)))
        if "width" in lengths and "height" in lengths:
            return round(float(lengths["width"])), round(float(lengths["height"]))
        viewbox = SVG_VIEWBOX.search(match.group(0))
        return (round(float(viewbox.group(1))), round(float(viewbox.group(2)))) if viewbox else None
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None
