"""Pixels in, files out: an original made upright, in sRGB and without metadata, and its smaller renditions.

Why each step:
- The EXIF orientation is applied to the pixels first: phones store a portrait photo as landscape pixels plus
  an "orientation" tag, and the tag goes with the rest of the metadata.
- Nothing of the original's metadata is written: EXIF (with the GPS position where the photo was taken, the
  camera's serial number, the time), XMP, IPTC, comments. Pillow carries some of them over on its own (a JPEG's
  comment, a WebP's or AVIF's EXIF and XMP from `info`), so the decoded image's `info` is emptied and every save
  is given only what it needs.
- Colours are converted to sRGB, the colour space of the web, and no ICC profile is embedded: a profile adds
  up to a few kilobytes to every small file, and browsers assume sRGB without one.
- Shrinking happens in premultiplied alpha, so that transparent edges do not turn dark.
"""

import io

from PIL import Image, ImageCms, ImageOps

# Encoder settings per format (qualities are settings: PHOTO_QUALITY). AVIF at speed 8 took a third of the time
# of the default speed 6 for a file of the same size (measured on a 1200 × 1600 photo: 0.35 s against 1.2 s).
SAVE_OPTIONS = {
    "AVIF": {"speed": 8},
    "WEBP": {"method": 6},
    "JPEG": {"optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
# The full-size original is not progressive: that took six times as long for a 12-megapixel photo (0.44 s).
ORIGINAL_OPTIONS = {"JPEG": {"optimize": True}, "PNG": {}}
# The published original is re-encoded at a higher quality: it is what "show full size" links to.
ORIGINAL_QUALITY = {"AVIF": 80, "WEBP": 90, "JPEG": 90}
# Formats Pillow names differently when reading than when writing.
WRITTEN_AS = {"MPO": "JPEG"}

_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image, icc_profile):
    """The image in sRGB; as it is if it has no profile or one that cannot be read (then it is taken as sRGB)."""
    mode = "RGBA" if "A" in image.mode else "RGB"
    if icc_profile:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            if "srgb" not in ImageCms.getProfileDescription(profile).lower():
                return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image if image.mode == mode else image.convert(mode)


def open_upright(path):
    """The original's pixels, upright, in sRGB (RGB or RGBA), with no metadata left in `info`."""
    with Image.open(path) as original:
        original.seek(0)  # an MPO's or animated WebP's first picture is the photo
        icc_profile = original.info.get("icc_profile")
        has_transparency = "transparency" in original.info or "A" in original.mode
        image = ImageOps.exif_transpose(original)
    if image.mode in ("P", "PA", "1", "I", "I;16", "F") or (image.mode in ("L", "RGB") and has_transparency):
        image = image.convert("RGBA" if has_transparency else "RGB")
    image = _to_srgb(image, icc_profile)
    image.info = {}
    return image


def resized(image, width, height):
    if image.size == (width, height):
        return image
    if image.mode == "RGBA":
        return image.convert("RGBa").resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0).convert("RGBA")
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def save_options(image_format, original=False):
    image_format = WRITTEN_AS.get(image_format, image_format)
    return (ORIGINAL_OPTIONS if original and image_format in ORIGINAL_OPTIONS else SAVE_OPTIONS)[image_format]


def encode(image, image_format, quality, original=False):
    """The bytes of `image` in `image_format` (Pillow's name), metadata-free."""
    written_as = WRITTEN_AS.get(image_format, image_format)
    if written_as == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    options = dict(save_options(written_as, original))
    if written_as != "PNG":
        options["quality"] = quality
    buffer = io.BytesIO()
    image.save(buffer, written_as, **options)
    return buffer.getvalue()


def original_quality(image_format):
    return ORIGINAL_QUALITY.get(WRITTEN_AS.get(image_format, image_format))
