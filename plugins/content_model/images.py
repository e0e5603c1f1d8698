"""What an image file is: its pixel size (so that every <img> gets width and height and the page does not jump),
its real format, and whether the build may publish it as a photo.

Raster formats are read by Pillow from the file's header (no pixels are decoded, so every language's build can
afford it); SVG files by their width/height or viewBox. The photos plugin (plugins/photos) turns the raster
formats in `PHOTO_FORMATS` into responsive sizes without metadata; the limits here keep it from being handed
files it cannot or should not process.
"""

import os
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from . import svg_policy


# Raster formats the build publishes (Pillow's names): what cameras, phones and image editors export and every
# current browser shows. Each becomes responsive sizes in modern formats, with its metadata removed.
# MPO is how Pillow names a JPEG with extra pictures (phones store depth maps so); browsers show its first.
PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "AVIF"}
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".avif"}
# Image formats editors meet that the build does not publish: browsers do not show them (HEIC, TIFF, raw
# files), or they cannot be made responsive without losing what they are (animated GIF). Their names, for the
# message that tells the editor to export a JPEG instead.
UNSUPPORTED_IMAGE_FORMATS = {
    ".heic": "HEIC", ".heif": "HEIF", ".tif": "TIFF", ".tiff": "TIFF", ".gif": "GIF", ".bmp": "BMP",
    ".dng": "DNG (Rohdaten)", ".cr2": "CR2 (Rohdaten)", ".cr3": "CR3 (Rohdaten)", ".nef": "NEF (Rohdaten)",
    ".arw": "ARW (Rohdaten)", ".orf": "ORF (Rohdaten)", ".raf": "RAF (Rohdaten)", ".rw2": "RW2 (Rohdaten)",
    ".psd": "Photoshop (PSD)", ".jp2": "JPEG 2000", ".jxl": "JPEG XL",
}
FORMAT_NAMES = {"TIFF": "TIFF", "GIF": "GIF", "BMP": "BMP",
                "JPEG2000": "JPEG 2000", "PSD": "Photoshop (PSD)"}
EXPORT_AS_JPEG = "exportieren Sie es als JPEG (Fotos) oder PNG (Grafiken) und geben Sie den neuen Dateinamen an."

# EXIF orientations that turn the picture by a quarter: width and height swap when it is shown upright.
QUARTER_TURNS = {5, 6, 7, 8}
ORIENTATION_TAG = 0x0112


@dataclass(frozen=True)
class RasterFacts:
    format: str  # Pillow's name of the real format, whatever the file name says
    width: int  # as shown, i.e. with the EXIF orientation applied
    height: int
    bytes: int
    alpha: bool = False  # has transparent pixels (or may have): it then needs a format that keeps them


@dataclass(frozen=True)
class PhotoLimits:
    """What an original may be at most (settings PHOTO_MAX_BYTES and PHOTO_MAX_SIDE); None means no limit."""

    max_bytes: int | None = None
    max_side: int | None = None

    @classmethod
    def from_settings(cls, settings):
        return cls(settings.get("PHOTO_MAX_BYTES"), settings.get("PHOTO_MAX_SIDE"))


def raster_facts(path):
    """RasterFacts of a raster image, or None when Pillow cannot read the file."""
    try:
        # A huge image is refused by our own limit with a clear message; Pillow's bomb check would only warn
        # (or raise without saying what to do).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.getexif().get(ORIENTATION_TAG) in QUARTER_TURNS:
                    width, height = height, width
                alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
                return RasterFacts(image.format, width, height, os.path.getsize(path), alpha)
    except Image.DecompressionBombError:
        return RasterFacts("", 10**9, 10**9, os.path.getsize(path))
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None


def image_size(path):
    """(width, height) in CSS pixels as the image is shown, or None when the file does not say."""
    if path.lower().endswith(".svg"):
        return svg_policy.read(path).size
    facts = raster_facts(path)
    return (facts.width, facts.height) if facts else None


def _megabytes(count, digits=1):
    """9400000 → "9,4"; 8000000 → "8" (German decimal comma; MB as file managers count them, 10^6 bytes)."""
    text = f"{count / 1_000_000:.{digits}f}".replace(".", ",")
    return text.rstrip("0").removesuffix(",")


def photo_problem(name, facts, limits):
    """(what is wrong, how to fix it) for an original the build must not publish, or None.

    `name` is the file as the editor wrote it; `facts` its RasterFacts (not None).
    """
    if facts.format and facts.format not in PHOTO_FORMATS:
        kind = FORMAT_NAMES.get(facts.format, facts.format)
        return f"Die Bilddatei „{name}“ ist im Format {kind} gespeichert, das die Website nicht veröffentlicht", \
            EXPORT_AS_JPEG
    side = limits.max_side
    if side and max(facts.width, facts.height) > side:
        if facts.format:
            message = (f"Das Bild „{name}“ ist {facts.width} × {facts.height} Pixel groß; erlaubt sind höchstens "
                       f"{side} Pixel an der längsten Seite")
        else:  # so many pixels that Pillow refused even to read the size
            message = f"Das Bild „{name}“ hat zu viele Pixel; erlaubt sind höchstens {side} Pixel an der längsten Seite"
        return (
            message,
            f"verkleinern Sie es beim Exportieren auf höchstens {side} Pixel Breite und Höhe "
            "(die Website erzeugt daraus selbst die Größen für Handy und Bildschirm).",
        )
    if limits.max_bytes and facts.bytes > limits.max_bytes:
        size, digits = _megabytes(facts.bytes), 1
        while size == _megabytes(limits.max_bytes, digits) and digits < 6:  # not "8 MB; allowed: 8 MB"
            digits += 1
            size = _megabytes(facts.bytes, digits)
        return (
            f"Die Bilddatei „{name}“ ist {size} MB groß; erlaubt sind höchstens "
            f"{_megabytes(limits.max_bytes, digits)} MB",
            "exportieren Sie das Foto erneut als JPEG, kleiner oder in geringerer Qualität "
            "(die Website erzeugt daraus selbst die Größen für Handy und Bildschirm).",
        )
    return None
