"""Tests of the share images' parts, without a build (fast): the drawing, its determinism, text fitting, the
cache and the Jinja helper. The images of the built site (every page has one, 1200 × 630, different titles give
different images) are tested in tests/test_share_images_site.py."""

import io
from types import SimpleNamespace

from PIL import Image, ImageFont

from share_images import plugin, render

CARD = render.Card("Zehn Spezialfahrzeuge für Mykolajiw", "Lieferung · 7. Dezember 2022",
                   "Solidaritätspartnerschaft Hannover – Mykolajiw")


def test_an_image_is_a_1200_by_630_png_without_metadata():
    data = render.render(CARD)
    assert data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)
        assert image.info == {}
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"):
        assert chunk not in data


def test_the_same_card_gives_the_same_bytes_and_another_title_other_bytes():
    assert render.render(CARD) == render.render(CARD)
    assert render.render(CARD) != render.render(render.Card("Neun Spezialfahrzeuge", CARD.eyebrow, CARD.footer))


def test_the_fonts_cover_german_and_ukrainian():
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        face = ImageFont.truetype(f"{render.FONTS}/{name}", 40)
        missing = face.getmask("\uffff").getbbox()  # what the font draws for a character it lacks
        for character in "ÄÖÜäöüßẞ„“–…€ҐґЄєІіЇїʼЙйЩщЮюЯя№":
            assert face.getmask(character).getbbox() != missing, (name, character)


def test_long_titles_shrink_then_end_in_an_ellipsis():
    bold = f"{render.FONTS}/NotoSans-Bold.ttf"
    size, lines = render.title_layout("Kurz", bold)
    assert (size, lines) == (render.TITLE_SIZES[0], ["Kurz"])
    size, lines = render.title_layout(" ".join(["Solidaritätspartnerschaft"] * 8), bold)
    assert size < render.TITLE_SIZES[0]
    size, lines = render.title_layout(" ".join(["Wort"] * 200), bold)
    assert size == render.TITLE_SIZES[-1] and lines[-1].endswith("…")
    assert len(lines) * size * render.LINE_HEIGHT <= render.TITLE_BOTTOM - render.TITLE_TOP
    face = render.font(bold, 44)
    assert all(face.getlength(line) <= 1200 - 2 * render.MARGIN for line in lines)


def generator(tmp_path, **settings):
    defaults = {"SITENAME": "Partnerschaft", "SITEURL": "https://example.org/uk", "SHARE_IMAGE_FOLDER": "share",
                "SHARE_IMAGE_FONTS": render.FONTS, "SHARE_IMAGE_CACHE_PATH": str(tmp_path / "cache")}
    return SimpleNamespace(settings={**defaults, **settings}, context={}, output_path=str(tmp_path / "out"),
                           env=SimpleNamespace(globals={}))


def test_the_helper_names_the_file_by_what_is_on_it_and_describes_it(tmp_path):
    fake = generator(tmp_path)
    plugin.install_helper(fake)
    share_image = fake.env.globals["share_image"]
    first = share_image("Zehn Fahrzeuge – Partnerschaft", "Lieferung", "7. Dezember 2022")
    assert first["url"].startswith("https://example.org/uk/share/") and first["url"].endswith(".png")
    assert (first["width"], first["height"]) == (1200, 630)
    assert first["alt"] == "Lieferung · 7. Dezember 2022: Zehn Fahrzeuge – Partnerschaft"
    assert share_image("Zehn Fahrzeuge", "Lieferung", "7. Dezember 2022") == first  # the site's name is cut off
    assert share_image("Neun Fahrzeuge", "Lieferung", "7. Dezember 2022")["url"] != first["url"]
    assert share_image("Zehn <span class=\"caps\">Fahrzeuge</span> &amp; mehr")["alt"].startswith("Zehn Fahrzeuge & mehr")
    assert len(fake.context[plugin.CONTEXT_KEY]) == 3


def test_images_are_drawn_once_and_then_copied_from_the_cache(tmp_path, monkeypatch):
    fake = generator(tmp_path)
    plugin.install_helper(fake)
    url = fake.env.globals["share_image"]("Zehn Fahrzeuge")["url"]
    writer = plugin.ShareImageGenerator.__new__(plugin.ShareImageGenerator)
    writer.settings, writer.context, writer.output_path = fake.settings, fake.context, fake.output_path
    drawn = []
    original = render.render
    monkeypatch.setattr(render, "render", lambda *args: drawn.append(args) or original(*args))
    writer.generate_output(None)
    path = tmp_path / "out" / url.split("/uk/", 1)[1]
    first = path.read_bytes()
    path.unlink()
    writer.generate_output(None)
    assert len(drawn) == 1 and path.read_bytes() == first
