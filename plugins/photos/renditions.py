"""Which files a photo is published as, their pixel sizes and their URLs.

Each language's site is built in a process of its own, and only the original language's build writes files; the
other builds must link to exactly the files it writes. So everything here is computed from the original's path
and header (content_model.images.raster_facts) and from settings — never from what some build has written.
"""

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urljoin

MIME_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
# A configured width this close below the original's own is left out: two nearly equal files cost bytes and
# build time and give the browser no better choice (850 px wide → 480, 850, not 480, 800, 850).
NEARLY_SAME_WIDTH = 0.9


@dataclass(frozen=True)
class Rendition:
    path: str  # relative to the content folder, with "/": "artikel/lieferungen/foto.800w.webp"
    format: str  # Pillow's name of the format written
    width: int
    height: int


@dataclass(frozen=True)
class Photo:
    original: str  # the original's path relative to the content folder, with "/"
    format: str  # the original's real format (Pillow's name)
    width: int  # as shown, EXIF orientation applied
    height: int
    sources: tuple  # ((MIME type, (Rendition, …)), …): the modern formats, the one to prefer first
    fallback: tuple  # (Rendition, …) in JPEG or PNG, for browsers without those formats; the largest is <img src>

    @property
    def renditions(self):
        return [rendition for _, renditions in self.sources for rendition in renditions] + list(self.fallback)


def widths(original_width, wanted):
    """The widths to publish: the wanted ones below the original's width, and the original's width in place of
    all larger ones. Never larger than the original: upscaling adds bytes, not detail."""
    top = min(original_width, max(wanted))
    smaller = sorted(width for width in set(wanted) if width < top)
    if smaller and smaller[-1] >= top * NEARLY_SAME_WIDTH:
        smaller.pop()
    return smaller + [top]


def fallback_format(original_format, alpha):
    """JPEG for photos, PNG for what has transparency or was made as a PNG (graphics, screenshots)."""
    if original_format == "PNG" or alpha:
        return "PNG"
    return "JPEG"


def plan(original, facts, settings):
    """The Photo for the original at `original` (relative to the content folder) with RasterFacts `facts`."""
    stem = posixpath.splitext(original)[0]
    sizes = [(width, max(1, round(facts.height * width / facts.width))) for width in
             widths(facts.width, settings["PHOTO_WIDTHS"])]

    def renditions(image_format):
        return tuple(Rendition(f"{stem}.{width}w.{EXTENSIONS[image_format]}", image_format, width, height)
                     for width, height in sizes)

    modern = tuple((MIME_TYPES[name], renditions(name)) for name in (f.upper() for f in settings["PHOTO_FORMATS"]))
    return Photo(original, facts.format, facts.width, facts.height, modern,
                 renditions(fallback_format(facts.format, facts.alpha)))


def url(settings, path):
    """The URL of a published file, the way Pelican makes a static file's URL (STATIC_URL with {path}, joined
    to SITEURL): on the other languages' sites STATIC_URL points at the original language's site."""
    return urljoin(settings["SITEURL"].rstrip("/") + "/", settings["STATIC_URL"].format(path=quote(path)))


def save_as(settings, path):
    return settings["STATIC_SAVE_AS"].format(path=path)
