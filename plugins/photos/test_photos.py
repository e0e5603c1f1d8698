"""Tests of the photos plugin's parts, without a build (fast): which widths and formats a photo gets, the HTML,
the encoding (metadata removed, upright, colours, transparency), the cache and the plugin's file checks.

The plugin on a whole site (build, languages, cache between builds, messages, check run, browser) is tested in
tests/test_photos_site.py, which builds with the content_model plugin the photos plugin relies on. Test photos
are made here with Pillow; the helpers below (`camera_jpeg` …) are used by those tests too.
"""

import io
import os
import random
import re
import struct
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from content_model.problems import report as report_of
from content_model.images import PhotoLimits, RasterFacts, photo_problem, raster_facts
from photos import encoding, markup, plugin, renditions
from photos.cache import EncodedFiles, digest
from photos.generator import Output, outputs

SETTINGS = {
    "PHOTO_WIDTHS": [480, 800, 1200],
    "PHOTO_FORMATS": ["avif", "webp"],
    "PHOTO_QUALITY": {"avif": 55, "webp": 80, "jpeg": 82},
    "SITEURL": "",
    "STATIC_URL": "{path}",
    "STATIC_SAVE_AS": "{path}",
}

# --- test photos (also used by tests/test_photos_site.py) ----------------------------------------------------

# What a phone writes into a photo and the website must not publish; each is searched for in the files' bytes.
SECRETS = {
    "camera make": b"Phonemaker",
    "camera serial number": b"SERIAL-4711",
    "XMP": b"XMP-CITY-HANNOVER",
    "JPEG comment": b"COMMENT-SECRET",
}
MARKER = (255, 0, 0)  # a red block in the top left corner of the pixels as stored


def camera_jpeg(path, size=(1000, 750), orientation=6, icc_profile=None):
    """A JPEG as a phone writes it: pixels stored landscape plus EXIF orientation, camera make and serial
    number, the GPS position, XMP and a comment; with a red block in the top left corner of the stored pixels."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 10, size[1] // 10), fill=MARKER)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = SECRETS["camera make"].decode()
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SECRETS["camera serial number"].decode()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (9.0, 44.0, 10.0)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="'
        + SECRETS["XMP"] + b'"/></rdf:RDF></x:xmpmeta>'
    )
    icc_profile = icc_profile or ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=90, exif=exif, xmp=xmp, comment=SECRETS["JPEG comment"],
               icc_profile=icc_profile)
    with Image.open(path) as written:  # the test photo really has what the tests say it has
        assert {"exif", "xmp", "comment", "icc_profile"} <= set(written.info)
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return path


def transparent_png(path, size=(600, 400)):
    """A graphic with transparency: opaque white left half, fully transparent right half."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=(255, 255, 255, 255))
    image.save(path, "PNG")
    return path


def noise_jpeg(path, size, quality=95, seed=1):
    """A JPEG of random pixels: as many bytes as a JPEG of that size can have."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    Image.frombytes("RGB", size, data).save(path, "JPEG", quality=quality)
    return path


def swapped_primaries_profile():
    """An RGB colour profile that is not sRGB: sRGB with red and green swapped. Red pixels in a photo with this
    profile are green in sRGB, so a test sees whether the colours were converted."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", profile[128:132])[0]
    entries = {bytes(profile[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, green = entries[b"rXYZ"], entries[b"gXYZ"]
    red_entry, green_entry = profile[red + 4 : red + 12], profile[green + 4 : green + 12]
    profile[red + 4 : red + 12], profile[green + 4 : green + 12] = green_entry, red_entry
    name = profile.find("sRGB".encode("utf-16-be"))
    profile[name : name + 2] = "x".encode("utf-16-be")  # "xRGB built-in": no longer taken for sRGB
    return bytes(profile)


def metadata_left(data):
    """What of a photo's metadata an encoded file still carries: [] when it is clean."""
    found = [name for name, secret in SECRETS.items() if secret in data]
    with Image.open(io.BytesIO(data)) as image:
        found += [key for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile") if image.info.get(key)]
        exif = image.getexif()
        if exif:
            found.append(f"EXIF tags {sorted(exif)}")
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("GPS")
    return found


# --- which widths and formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original_width", "expected"),
    [
        (4032, [480, 800, 1200]),  # a phone photo: the configured widths
        (1200, [480, 800, 1200]),
        (1210, [480, 800, 1200]),  # wider than the largest width: that width, not the original's
        (1199, [480, 800, 1199]),  # 800 is far enough below 1199
        (1100, [480, 800, 1100]),
        (900, [480, 800, 900]),  # 800 ≥ 0.9 × 900 would be 810: kept
        (850, [480, 850]),  # 800 ≥ 0.9 × 850 = 765: nearly the same as the original's width, left out
        (800, [480, 800]),
        (750, [480, 750]),
        (534, [480, 534]),  # 480 < 0.9 × 534 = 480.6: kept
        (533, [533]),  # 480 ≥ 0.9 × 533 = 479.7: left out
        (500, [500]),
        (480, [480]),
        (300, [300]),  # narrower than the smallest width: only the original's width, never upscaled
        (4, [4]),
    ],
)
def test_widths_never_exceed_the_original_nor_the_largest_setting(original_width, expected):
    assert renditions.widths(original_width, [480, 800, 1200]) == expected


def test_widths_of_unsorted_settings_with_duplicates():
    assert renditions.widths(2000, [1200, 480, 800, 480]) == [480, 800, 1200]


@pytest.mark.parametrize(
    ("original_format", "alpha", "expected"),
    [
        ("JPEG", False, "JPEG"),
        ("MPO", False, "JPEG"),  # a phone's JPEG with a depth map
        ("WEBP", False, "JPEG"),
        ("AVIF", False, "JPEG"),
        ("PNG", False, "PNG"),  # graphics and screenshots stay sharp-edged
        ("PNG", True, "PNG"),
        ("WEBP", True, "PNG"),  # transparency needs a format that keeps it
        ("AVIF", True, "PNG"),
    ],
)
def test_fallback_format(original_format, alpha, expected):
    assert renditions.fallback_format(original_format, alpha) == expected


def test_plan_names_sizes_and_order_of_the_files():
    facts = SimpleNamespace(format="JPEG", width=900, height=1200, alpha=False)
    photo = renditions.plan("artikel/besuche/hafen.jpg", facts, SETTINGS)
    assert [mime for mime, _ in photo.sources] == ["image/avif", "image/webp"]  # AVIF first: smaller
    avif = photo.sources[0][1]
    assert [(r.path, r.format, r.width, r.height) for r in avif] == [
        ("artikel/besuche/hafen.480w.avif", "AVIF", 480, 640),
        ("artikel/besuche/hafen.800w.avif", "AVIF", 800, 1067),
        ("artikel/besuche/hafen.900w.avif", "AVIF", 900, 1200),
    ]
    assert [r.path for r in photo.fallback] == [f"artikel/besuche/hafen.{w}w.jpg" for w in (480, 800, 900)]
    assert len(photo.renditions) == 9


def test_urls_and_file_names():
    assert renditions.url(SETTINGS, "artikel/ä b.480w.avif") == "/artikel/%C3%A4%20b.480w.avif"
    assert renditions.url(dict(SETTINGS, SITEURL="https://example.org"), "a/b.jpg") == "https://example.org/a/b.jpg"
    # Another language's site (sitebuild/languages.py): its own SITEURL, STATIC_URL pointing at the original's.
    other = dict(SETTINGS, SITEURL="https://example.org/uk", STATIC_URL="https://example.org/{path}")
    assert renditions.url(other, "a/b.jpg") == "https://example.org/a/b.jpg"
    assert renditions.url(dict(other, SITEURL="/uk", STATIC_URL="/{path}"), "a/b.jpg") == "/a/b.jpg"
    assert renditions.save_as(SETTINGS, "a/b.480w.avif") == "a/b.480w.avif"


# --- HTML ------------------------------------------------------------------------------------------------------


def test_picture_markup():
    facts = SimpleNamespace(format="PNG", width=600, height=400, alpha=True)
    photo = renditions.plan("bilder/logo.png", facts, SETTINGS)
    html = markup.picture(
        photo,
        {"alt": 'Logo "A & B"', "title": "<Titel>", "src": "{static}logo.png", "width": "1", "onclick": "x()"},
        lambda path: "/" + path,
        "100vw",
    )
    assert html == (
        '<picture>'
        '<source type="image/avif" srcset="/bilder/logo.480w.avif 480w, /bilder/logo.600w.avif 600w" sizes="100vw">'
        '<source type="image/webp" srcset="/bilder/logo.480w.webp 480w, /bilder/logo.600w.webp 600w" sizes="100vw">'
        '<img src="/bilder/logo.600w.png" srcset="/bilder/logo.480w.png 480w, /bilder/logo.600w.png 600w" '
        'sizes="100vw" alt="Logo &quot;A &amp; B&quot;" title="&lt;Titel&gt;" width="600" height="400" '
        'loading="lazy" decoding="async">'
        '</picture>'
    )


# --- encoding --------------------------------------------------------------------------------------------------


def test_open_upright_applies_the_orientation_and_forgets_the_metadata(tmp_path):
    path = camera_jpeg(tmp_path / "foto.jpg", size=(400, 300), orientation=6)
    image = encoding.open_upright(path)
    assert image.size == (300, 400)
    assert image.info == {}
    # Orientation 6: the camera was turned clockwise; shown upright, the stored top left is the top right.
    assert image.getpixel((299 - 5, 5)) == pytest.approx(MARKER, abs=8)
    for corner in ((5, 5), (5, 399 - 5), (299 - 5, 399 - 5)):
        red, green, blue = image.getpixel(corner)
        assert abs(red - green) < 8 and abs(green - blue) < 8, f"{corner} should be grey"


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP", "AVIF", "PNG"])
def test_encoded_files_carry_no_metadata(tmp_path, image_format):
    image = encoding.open_upright(camera_jpeg(tmp_path / "foto.jpg", size=(400, 300)))
    data = encoding.encode(image, image_format, 80)
    assert metadata_left(data) == []
    with Image.open(io.BytesIO(data)) as encoded:
        assert encoded.format == image_format
        assert encoded.size == (300, 400)


def test_colours_are_converted_to_srgb_and_no_profile_is_written(tmp_path):
    path = tmp_path / "weite-farben.jpg"
    Image.new("RGB", (64, 64), (255, 0, 0)).save(path, "JPEG", quality=95, icc_profile=swapped_primaries_profile())
    image = encoding.open_upright(path)
    red, green, blue = image.getpixel((32, 32))
    assert green > 200 and red < 40 and blue < 40, "the profile says these pixels are green"
    assert "icc_profile" not in Image.open(io.BytesIO(encoding.encode(image, "JPEG", 80))).info


def test_an_unreadable_profile_is_taken_as_srgb(tmp_path):
    path = tmp_path / "kaputt.jpg"
    Image.new("RGB", (16, 16), (200, 10, 10)).save(path, "JPEG", quality=95, icc_profile=b"not a profile" * 20)
    assert encoding.open_upright(path).getpixel((8, 8)) == pytest.approx((200, 10, 10), abs=6)


def test_transparency_survives_and_edges_do_not_darken(tmp_path):
    image = encoding.open_upright(transparent_png(tmp_path / "logo.png", size=(600, 400)))
    assert image.mode == "RGBA"
    small = encoding.resized(image, 301, 201)  # an odd size: edge pixels mix white and transparent
    alphas = {small.getpixel((x, 100))[3] for x in range(small.width)}
    assert 0 in alphas and 255 in alphas and len(alphas) > 2, "the edge is partly transparent"
    for x in range(small.width):
        r, g, b, a = small.getpixel((x, 100))
        if a:
            assert min(r, g, b) >= 250, f"pixel {x} with alpha {a} is ({r}, {g}, {b}): a dark fringe"
    for image_format in ("PNG", "WEBP", "AVIF"):
        with Image.open(io.BytesIO(encoding.encode(small, image_format, 80))) as encoded:
            assert "A" in encoded.mode, image_format
            assert encoded.getpixel((small.width - 1, 100))[3] == 0, image_format


def test_a_palette_png_with_transparency_becomes_rgba(tmp_path):
    path = tmp_path / "palette.png"
    image = Image.new("P", (32, 32), 0)
    image.putpalette([0, 0, 0, 255, 255, 255])
    ImageDraw.Draw(image).rectangle((0, 0, 15, 31), fill=1)
    image.save(path, transparency=0)
    assert raster_facts(path).alpha
    opened = encoding.open_upright(path)
    assert opened.mode == "RGBA" and opened.getpixel((31, 0))[3] == 0 and opened.getpixel((0, 0))[3] == 255


# --- cache -----------------------------------------------------------------------------------------------------


def test_cache_finds_a_file_by_original_and_recipe(tmp_path):
    cache = EncodedFiles(tmp_path / "cache")
    original = tmp_path / "foto.jpg"
    original.write_bytes(b"photo")
    key = digest(original)
    assert cache.get(key, "AVIF|480x640|q55") is None
    path = cache.put(key, "AVIF|480x640|q55", b"encoded")
    assert cache.get(key, "AVIF|480x640|q55") == path
    assert Path(path).read_bytes() == b"encoded"
    assert cache.get(key, "AVIF|480x640|q60") is None, "another quality is another file"
    original.write_bytes(b"photo, edited")
    assert cache.get(digest(original), "AVIF|480x640|q55") is None, "an edited photo is another photo"
    assert not [name for _, _, names in os.walk(tmp_path / "cache") for name in names if name.startswith(".part")]


def test_outputs_original_first_then_largest_first_with_their_qualities():
    facts = SimpleNamespace(format="JPEG", width=900, height=600, alpha=False)
    photo = renditions.plan("a/foto.jpg", facts, SETTINGS)
    files = outputs(photo, "a/foto.jpg", SETTINGS)
    assert files[0] == Output("a/foto.jpg", "JPEG", 900, 600, 90, original=True)
    assert [output.width for output in files[1:]] == [900] * 3 + [800] * 3 + [480] * 3
    assert {output.format: output.quality for output in files[1:]} == {"AVIF": 55, "WEBP": 80, "JPEG": 82}
    assert len({output.recipe for output in files}) == len(files)
    # The original and the same-sized JPEG rendition are encoded differently, so they are different files.
    assert files[0].recipe != next(output for output in files[1:] if output.format == "JPEG").recipe


# --- the plugin's checks of files ------------------------------------------------------------------------------


def test_file_problems(tmp_path):
    settings = dict(SETTINGS, PHOTO_MAX_BYTES=100_000, PHOTO_MAX_SIDE=1000)
    (tmp_path / "scan.tif").write_bytes(b"II*\x00")
    (tmp_path / "handy.heic").write_bytes(b"\x00")
    (tmp_path / "kaputt.jpg").write_bytes(b"not a jpeg")
    Image.new("RGB", (1001, 10)).save(tmp_path / "breit.png")
    noise_jpeg(tmp_path / "gross.jpg", (300, 300))  # 109 040 bytes
    Image.new("RGB", (10, 10)).save(tmp_path / "getarnt.jpg", "TIFF")  # a TIFF named .jpg
    Image.new("RGB", (1000, 10)).save(tmp_path / "gut.jpg")

    def problem(name):
        found = plugin._file_problem(str(tmp_path / name), settings)
        return found and found[0]

    assert "im Format TIFF" in problem("scan.tif")
    assert "im Format HEIC" in problem("handy.heic")
    assert "nicht lesen" in problem("kaputt.jpg")
    assert problem("breit.png") == ("Das Bild „breit.png“ ist 1001 × 10 Pixel groß; erlaubt sind höchstens 1000 "
                                    "Pixel an der längsten Seite")
    expected = r"Die Bilddatei „gross\.jpg“ ist 0,1\d MB groß; erlaubt sind höchstens 0,1 MB"
    assert re.fullmatch(expected, problem("gross.jpg"))
    assert "im Format TIFF" in problem("getarnt.jpg")
    assert problem("gut.jpg") is None
    assert plugin._file_problem(str(tmp_path / "text.pdf"), settings) is None  # not an image: not ours


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (9_400_000, 8_000_000, "ist 9,4 MB groß; erlaubt sind höchstens 8 MB"),
        (8_040_000, 8_000_000, "ist 8,04 MB groß; erlaubt sind höchstens 8 MB"),  # not "8 MB … höchstens 8 MB"
        (8_000_300, 8_000_000, "ist 8,0003 MB groß; erlaubt sind höchstens 8 MB"),
        (12_345_678, 10_000_000, "ist 12,3 MB groß; erlaubt sind höchstens 10 MB"),
    ],
)
def test_the_byte_limit_message_shows_that_the_file_is_larger(size, limit, expected):
    facts = RasterFacts("JPEG", 100, 100, size)
    message, fix = photo_problem("foto.jpg", facts, PhotoLimits(max_bytes=limit))
    assert message == f"Die Bilddatei „foto.jpg“ {expected}"
    assert "exportieren Sie" in fix


def test_the_side_limit_counts_the_side_as_shown(tmp_path):
    path = camera_jpeg(tmp_path / "hoch.jpg", size=(300, 200), orientation=6)
    facts = raster_facts(path)
    assert (facts.width, facts.height) == (200, 300)
    assert plugin._photo(str(path), dict(SETTINGS, PATH=str(tmp_path), PHOTO_MAX_SIDE=299)) is None
    photo = plugin._photo(str(path), dict(SETTINGS, PATH=str(tmp_path), PHOTO_MAX_SIDE=300))
    assert (photo.original, photo.width, photo.height) == ("hoch.jpg", 200, 300)


def test_linked_file():
    content = SimpleNamespace(settings={"PATH": "/site/content"}, source_path="/site/content/artikel/a/text.md")
    assert plugin._linked_file(content, "{static}foto.jpg") == "/site/content/artikel/a/foto.jpg"
    assert plugin._linked_file(content, "{static}../b/mein%20foto.jpg?x=1") == "/site/content/artikel/b/mein foto.jpg"
    assert plugin._linked_file(content, "{static}/bilder/logo.png") == "/site/content/bilder/logo.png"
    assert plugin._linked_file(content, "{filename}foto.jpg") is None
    assert plugin._linked_file(content, "https://example.org/foto.jpg") is None


def _static_generator(tmp_path, names, **settings):
    statics = [SimpleNamespace(source_path=str(tmp_path / name), save_as=name) for name in names]
    return SimpleNamespace(
        settings=dict(SETTINGS, PATH=str(tmp_path), PHOTO_MAX_BYTES=None, PHOTO_MAX_SIDE=None, **settings),
        context={"static_content": {static.save_as: static for static in statics}},
        staticfiles=list(statics),
    )


def test_the_plugin_takes_the_photos_from_the_static_generator(tmp_path):
    Image.new("RGB", (900, 600)).save(tmp_path / "foto.jpg")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF")
    generator = _static_generator(tmp_path, ["foto.jpg", "plan.pdf"])
    plugin.take_over_photos(generator)
    assert [static.save_as for static in generator.staticfiles] == ["plan.pdf"]
    [(source, save_as, photo)] = generator.context["photos"]
    assert (source, save_as, photo.original) == (str(tmp_path / "foto.jpg"), "foto.jpg", "foto.jpg")
    assert report_of(generator.settings).problems == []


def test_another_languages_build_takes_nothing(tmp_path):
    Image.new("RGB", (900, 600)).save(tmp_path / "foto.jpg")
    generator = _static_generator(tmp_path, ["foto.jpg"], WRITE_STATIC_FILES=False)
    plugin.take_over_photos(generator)
    assert "photos" not in generator.context
    assert report_of(generator.settings).problems == []


@pytest.mark.parametrize(
    ("names", "message"),
    [
        # A file named like a rendition of a photo.
        (["foto.jpg", "foto.480w.avif"], "„foto.480w.avif“ ist für eine verkleinerte Fassung"),
        # Two photos with the same name in different formats would write the same renditions.
        (["foto.jpg", "foto.png"], "foto.png: Dieses Foto und „foto.jpg“ ergäben gleichnamige verkleinerte"),
    ],
    ids=["a-file-named-like-a-rendition", "two-photos-with-the-same-stem"],
)
def test_clashing_file_names_are_refused(tmp_path, names, message):
    for name in names:
        Image.new("RGB", (900, 600)).save(tmp_path / name)
    generator = _static_generator(tmp_path, names)
    plugin.take_over_photos(generator)
    found = [str(problem) for problem in report_of(generator.settings).problems]
    assert len(found) == 1 and message in found[0], found
    assert len(generator.context["photos"]) == 1, "the other photo is published"
