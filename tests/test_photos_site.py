"""Photos on a built site (plugins/photos): what is published, what the pages say, what is refused.

One site with a phone photo (EXIF orientation, GPS, serial number, XMP, comment) and a transparent PNG is built
once for the module (`python -m sitebuild`, all three languages); a second site with every kind of photo problem
is built and checked once. Each build gets its own settings file (pelicanconf.py plus a cache folder in tmp, and
small limits for the problems), so the tests never touch the project's .cache/. The test photos are made with
Pillow (plugins/photos/test_photos.py).
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from PIL import Image

from browser import serve, widths_at_320_px
from conftest import ROOT, Build, copy_fixture_site, run_build
from pelicanconf import PHOTO_SIZES
from photos.test_photos import MARKER, camera_jpeg, metadata_left, noise_jpeg, transparent_png
from test_browser import WCAG_TAGS, describe

FOLDER = "artikel/besuche"
ARTICLE_URL = "besuche/2023-05-02-hafen/"
ARTICLE = """\
Title: Besuch im Hafen
Date: 2023-05-02
Kind: besuch
Summary: Eine Delegation besucht den Hafen.
Partners: mykolajiw, lhh
Delegation: Eine Delegation aus der Partnerstadt
Start: 2023-05-02
End: 2023-05-03
Sources: https://example.org/hafen Beispielquelle, Mai 2023

Die Delegation besuchte den Hafen.

![Kräne im Hafen, hochkant fotografiert](hafen.jpg)

Das Zeichen der Partnerschaft:

![Logo der Partnerschaft](logo.png)
"""
TRANSLATION = """\
Title: Візит до порту
Summary: Делегація відвідує порт.
Delegation: Делегація з міста-партнера
Sources: https://example.org/hafen Приклад джерела, травень 2023 р.

Делегація відвідала порт.

![Крани в порту](hafen.jpg)
"""
# The phone photo: stored 1400 × 1050 with orientation 6, i.e. shown upright 1050 × 1400; published in the widths
# 480 and 800 of PHOTO_WIDTHS and its own 1050 (never wider); each as AVIF, WebP and JPEG.
PHOTO_WIDTHS = {480: 640, 800: 1067, 1050: 1400}
LOGO_WIDTHS = {480: 320, 600: 400}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".heic"}


def write_settings(folder, cache, **extra):
    """pelicanconf.py with photos cached in `cache` (and `extra` settings), as a settings file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = folder / "settings.py"
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        f"PHOTO_CACHE_PATH = {str(cache)!r}",
    ] + [f"{name} = {value!r}" for name, value in extra.items()]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return settings


def run_check_with(settings, content, cwd):
    """`python -m sitebuild --check` like conftest.run_check, with another settings file."""
    command = [sys.executable, "-m", "sitebuild", "--check", "--settings", str(settings), "--content", str(content)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return Build(completed.returncode, completed.stdout, completed.stderr, None)


def files_in(folder):
    return sorted(path for path in Path(folder).rglob("*") if path.is_file()) if Path(folder).exists() else []


def pictures(page):
    """[(source types, {type: srcset}, <img>, [<source>])] of every <picture> in a parsed page's <main>."""
    found = []
    for picture in page.select("main picture"):
        sources = picture.find_all("source")
        found.append(([source["type"] for source in sources], {s["type"]: s["srcset"] for s in sources},
                      picture.find("img"), sources))
    return found


def srcset_entries(srcset):
    """"/a.480w.avif 480w, /a.800w.avif 800w" → [("/a.480w.avif", 480), ("/a.800w.avif", 800)]"""
    entries = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        entries.append((url, int(descriptor.removesuffix("w"))))
    return entries


def page_with_photo(output, folder):
    """The article page in a language's folder (output/uk/…) that shows the photo (not a listing, whose card shows
    it too)."""
    for path in sorted((output / folder).rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if "hafen.480w.avif" in text and 'class="article__body"' in text:
            return BeautifulSoup(text, "html.parser")
    raise AssertionError(f"no page under {folder}/ shows the photo")


@dataclass
class Site:
    root: Path
    content: Path
    settings: Path
    cache: Path
    build: Build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photo-site")
    content = copy_fixture_site(root / "site")
    folder = content / FOLDER
    camera_jpeg(folder / "hafen.jpg", size=(1400, 1050), orientation=6)
    transparent_png(folder / "logo.png", size=(600, 400))
    (folder / "2023-05-02-hafen.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "2023-05-02-hafen.uk.md").write_text(TRANSLATION, encoding="utf-8")
    cache = root / "cache"
    settings = write_settings(root, cache)
    build = run_build(root / "output", content=content, settings=settings, cwd=root / "site")
    assert build.returncode == 0, build.stderr
    return Site(root, content, settings, cache, build)


# --- what is published -------------------------------------------------------------------------------------


def test_the_phone_photo_is_published_upright_in_every_width_and_format_without_metadata(site):
    published = {path.name: path for path in site.build.files(f"{FOLDER}/hafen*")}
    expected = {"hafen.jpg"} | {f"hafen.{width}w.{ext}" for width in PHOTO_WIDTHS for ext in ("avif", "webp", "jpg")}
    assert set(published) == expected
    for name, path in published.items():
        data = path.read_bytes()
        assert metadata_left(data) == [], f"{name} still has {metadata_left(data)}"
        width = 1050 if name == "hafen.jpg" else int(name.split(".")[1].removesuffix("w"))
        with Image.open(path) as image:
            assert image.format == {"jpg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[name.rsplit(".", 1)[1]]
            assert image.size == (width, PHOTO_WIDTHS.get(width, 1400)), name
            # Upright: the block in the top left corner of the pixels as stored is now top right.
            rgb = image.convert("RGB")
            assert rgb.getpixel((width - 3, 3)) == pytest.approx(MARKER, abs=40), name
            red, green, blue = rgb.getpixel((3, 3))
            assert abs(red - green) < 20 and abs(green - blue) < 20, f"{name}: the top left corner should be grey"
    assert published["hafen.jpg"].stat().st_size > published["hafen.1050w.jpg"].stat().st_size, (
        "the original is kept at a higher quality than the page's JPEG"
    )


def test_the_article_shows_a_picture_with_modern_formats_and_a_fallback(site):
    page = site.build.page(ARTICLE_URL)
    [(types, srcsets, img, sources), _logo] = pictures(page)
    assert types == ["image/avif", "image/webp"]
    for mime, extension in (("image/avif", "avif"), ("image/webp", "webp")):
        assert srcset_entries(srcsets[mime]) == [(f"/{FOLDER}/hafen.{w}w.{extension}", w) for w in PHOTO_WIDTHS]
    assert {source["sizes"] for source in sources} == {PHOTO_SIZES}
    assert srcset_entries(img["srcset"]) == [(f"/{FOLDER}/hafen.{w}w.jpg", w) for w in PHOTO_WIDTHS]
    assert img["src"] == f"/{FOLDER}/hafen.1050w.jpg"
    assert (img["alt"], img["width"], img["height"]) == ("Kräne im Hafen, hochkant fotografiert", "1050", "1400")
    assert (img["loading"], img["sizes"]) == ("lazy", PHOTO_SIZES)
    assert not page.select("main img:not(picture img)"), "every photo became a <picture>"


def test_every_url_of_every_picture_exists(site):
    urls = set()
    for page_path in site.build.files("**/index.html"):
        page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
        for _, srcsets, img, _ in pictures(page):
            for srcset in [*srcsets.values(), img["srcset"]]:
                urls.update(url for url, _ in srcset_entries(srcset))
            urls.add(img["src"])
    assert len(urls) >= 3 * len(PHOTO_WIDTHS) + 3 * len(LOGO_WIDTHS)
    missing = [url for url in urls if not (site.build.output / url.lstrip("/")).is_file()]
    assert missing == []


def test_a_transparent_png_keeps_its_transparency(site):
    page = site.build.page(ARTICLE_URL)
    [_, (types, srcsets, img, _)] = pictures(page)
    assert srcset_entries(img["srcset"]) == [(f"/{FOLDER}/logo.{w}w.png", w) for w in LOGO_WIDTHS]
    assert (img["width"], img["height"]) == ("600", "400")
    for width, height in LOGO_WIDTHS.items():
        for extension in ("png", "webp", "avif"):
            with Image.open(site.build.output / FOLDER / f"logo.{width}w.{extension}") as image:
                assert image.size == (width, height)
                assert "A" in image.mode, f"logo.{width}w.{extension} lost its alpha channel"
                rgba = image.convert("RGBA")
                assert rgba.getpixel((width - 1, height // 2))[3] == 0, "the right half stays transparent"
                assert rgba.getpixel((0, height // 2)) == pytest.approx((255, 255, 255, 255), abs=6)
    with Image.open(site.build.output / FOLDER / "logo.png") as original:
        assert original.mode == "RGBA" and original.getpixel((599, 0))[3] == 0


def test_other_languages_link_to_the_files_of_the_german_site(site):
    output = site.build.output
    german = {(mime, srcset) for _, srcsets, _, _ in pictures(site.build.page(ARTICLE_URL)) for mime, srcset in
              srcsets.items()}
    for lang, alt in (("uk", "Крани в порту"), ("en", "Kräne im Hafen, hochkant fotografiert")):
        page = page_with_photo(output, lang)
        found = pictures(page)
        [(_, _, img, _)] = [picture for picture in found if "hafen" in picture[2]["src"]]
        assert img["alt"] == alt, lang  # the uk site shows the translation, the en site the German original
        srcsets = {(mime, srcset) for _, sets, _, _ in found for mime, srcset in sets.items()}
        assert srcsets <= german, lang
        assert img["src"] == f"/{FOLDER}/hafen.1050w.jpg"
        # (Each language draws its own share images, plugins/share_images; those are not photos.)
        images = [path for path in files_in(output / lang) if path.suffix.lower() in IMAGE_SUFFIXES
                  and path.parent.name != "share"]
        assert images == [], f"the {lang} site has copies of photos: {images[:3]}"


def test_the_first_photo_leads_the_article_once_and_the_text_goes_on_without_it(site):
    page = site.build.page(ARTICLE_URL)
    lead = page.select("main header .article__photo picture img")
    assert [img["alt"] for img in lead] == ["Kräne im Hafen, hochkant fotografiert"]
    assert lead[0]["sizes"] == PHOTO_SIZES
    body = [img["src"] for img in page.select("main .article__body picture img")]
    assert body == [f"/{FOLDER}/logo.600w.png"], "the lead photo is not repeated in the text; the second one stays"
    assert "Die Delegation besuchte den Hafen." in page.select_one(".article__body").get_text().replace("\xa0", " ")
    uk = page_with_photo(site.build.output, "uk/vizyty")
    assert [img["alt"] for img in uk.select("main header .article__photo img")] == ["Крани в порту"]


def test_cards_on_the_home_page_and_the_listing_show_the_first_photo_small(site):
    for url in ("", "besuche/", "uk/"):
        page = site.build.page(url)
        cards = [card for card in page.select(".article-card") if card.select_one(".article-card__photo img[src*=hafen]")]
        assert len(cards) == 1, url  # (the fixture's delivery shows its own photo, bild.png, in its card)
        img = cards[0].select_one(".article-card__photo picture img")
        assert img["sizes"] == "(min-width: 26rem) 22rem, calc(100vw - 4rem)"
        assert img["alt"] in ("Kräne im Hafen, hochkant fotografiert", "Крани в порту")
        assert (img["width"], img["height"], img["loading"]) == ("1050", "1400", "lazy")
    others = [card for card in site.build.page("").select(".article-card")
              if not card.select_one(".article-card__photo")]
    assert others and not any(card.select("picture, img") for card in others), "no photo, no change"


# --- the browser -------------------------------------------------------------------------------------------


def test_a_phone_loads_a_small_modern_file_and_the_page_passes_axe(site, browser):
    with serve(site.build.output) as url:
        context = browser.new_context(viewport={"width": 360, "height": 640})
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{url}/{ARTICLE_URL}")
        photo = page.locator("main picture img").first
        photo.scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.querySelectorAll('main picture img')]"
                               ".every(img => img.complete && img.naturalWidth > 0)")
        current = photo.evaluate("img => img.currentSrc")
        assert current.endswith(f"/{FOLDER}/hafen.480w.avif"), current
        box = photo.bounding_box()
        assert 300 <= box["width"] <= 360 and box["height"] == pytest.approx(box["width"] * 1400 / 1050, abs=2)
        photos = [request for request in requested if f"/{FOLDER}/" in request]
        assert photos and all(request.endswith(".avif") for request in photos), photos
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert result.violations_count == 0, describe(result.response["violations"])
        context.close()

        widths = widths_at_320_px(browser, f"{url}/{ARTICLE_URL}")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a 320 px window"


# --- cache and check run -------------------------------------------------------------------------------------


def test_a_check_run_passes_and_encodes_nothing(site, tmp_path):
    cache = tmp_path / "cache"
    check = run_check_with(write_settings(tmp_path, cache), site.content, cwd=site.content.parent)
    assert check.returncode == 0, check.stderr
    assert "keine Probleme" in check.stdout
    assert files_in(cache) == []


def test_a_second_build_encodes_nothing_and_publishes_the_same_files(site):
    """Runs last among the tests of `site`: it builds the site again into the same output folder. Every file of
    the output (pages, photos, search index) comes out byte for byte the same."""
    encoded = {path: path.stat().st_mtime_ns for path in files_in(site.cache)}
    # One cached file per published file: the photo's 10, the logo's 7, and the minimal site's 4 × 3 px bild.png.
    assert len(encoded) == 1 + 3 * len(PHOTO_WIDTHS) + 1 + 3 * len(LOGO_WIDTHS) + 4
    output = site.build.output
    before = {path.relative_to(output): path.read_bytes() for path in files_in(output)}
    again = run_build(output, content=site.content, settings=site.settings, cwd=site.content.parent)
    assert again.returncode == 0, again.stderr
    assert {path: path.stat().st_mtime_ns for path in files_in(site.cache)} == encoded, "something was encoded again"
    after = {path.relative_to(output): path.read_bytes() for path in files_in(output)}
    assert after.keys() == before.keys()
    assert [str(path) for path in after if after[path] != before[path]] == []


# --- what is refused -----------------------------------------------------------------------------------------

PROBLEMS_ARTICLE = """\
Title: Fotos mit Problemen
Date: 2023-05-03
Kind: besuch
Summary: Jedes Foto hier hat ein Problem.
Partners: mykolajiw, lhh
Delegation: Eine Delegation aus der Partnerstadt
Start: 2023-05-03
End: 2023-05-03
Sources: https://example.org/probleme Beispielquelle, Mai 2023

Ein Foto ohne Beschreibung:

![](ohne-alt.jpg)

![Ein Foto vom Handy](handy.heic)

![Ein großes Foto](gross.jpg)

![Ein breites Foto](breit.jpg)
"""
ARTICLE_PATH = f"content/{FOLDER}/2023-05-03-probleme.md"
# Settings of the problem site: limits small enough for small test files.
LIMITS = {"PHOTO_MAX_BYTES": 100_000, "PHOTO_MAX_SIDE": 1600}
EXPECTED_PROBLEMS = [
    f"{ARTICLE_PATH}:13: Text: Das Bild „ohne-alt.jpg“ hat keinen Alternativtext",
    f"{ARTICLE_PATH}:15: Text: Das Bild „handy.heic“ ist im Format HEIC gespeichert",
    f"{ARTICLE_PATH}:17: Text: Die Bilddatei „gross.jpg“ ist 0,1",
    f"{ARTICLE_PATH}:19: Text: Das Bild „breit.jpg“ ist 1700 × 100 Pixel groß; erlaubt sind höchstens 1600",
    # scan.tif and riesig.png lie in the folder too, but no text shows them: they are not published and not
    # reported (tests/test_published_files.py).
]


@pytest.fixture(scope="module")
def problem_site(tmp_path_factory):
    """The problem site, built once (into an output folder holding a previous site) and checked once."""
    root = tmp_path_factory.mktemp("photo-problems")
    content = copy_fixture_site(root / "site")
    folder = content / FOLDER
    (folder / "2023-05-03-probleme.md").write_text(PROBLEMS_ARTICLE, encoding="utf-8")
    Image.new("RGB", (200, 150), (40, 90, 160)).save(folder / "ohne-alt.jpg")
    (folder / "handy.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    noise_jpeg(folder / "gross.jpg", (320, 320))  # about 120 kB
    Image.new("RGB", (1700, 100), (200, 200, 200)).save(folder / "breit.jpg")
    Image.new("RGB", (16, 16)).save(folder / "scan.tif")
    Image.new("RGB", (2000, 10)).save(folder / "riesig.png")
    output = root / "output"
    output.mkdir()
    (output / "previous-build.html").write_text("the last good site", encoding="utf-8")
    build = run_build(output, content=content, settings=write_settings(root / "build", root / "cache", **LIMITS),
                      cwd=root / "site")
    check_cache = root / "check-cache"
    check = run_check_with(write_settings(root / "check", check_cache, **LIMITS), content, cwd=root / "site")
    return root, build, check, check_cache


def problem_lines(stderr):
    return sorted(line for line in stderr.splitlines() if " — " in line)


def test_every_photo_problem_is_reported_in_one_build_with_path_line_and_fix(problem_site):
    root, build, _, _ = problem_site
    assert build.returncode == 1, build.stdout + build.stderr
    lines = problem_lines(build.stderr)
    for expected in EXPECTED_PROBLEMS:
        matching = [line for line in lines if line.startswith(expected)]
        assert len(matching) == 1, f"expected one line starting with\n  {expected}\ngot:\n{build.stderr}"
        assert len(matching[0].split(" — ", 1)[1]) > 20, matching[0]
    # Each file once: the HEIC file a text shows is not reported again without its line.
    assert len(lines) == len(EXPECTED_PROBLEMS), "\n".join(lines)
    assert sorted(path.name for path in (root / "output").iterdir()) == ["previous-build.html"]
    assert not [path for path in root.iterdir() if path.name.startswith(".output-")]


def test_a_check_run_reports_the_same_problems_without_encoding(problem_site):
    _, build, check, check_cache = problem_site
    assert check.returncode == 1
    assert problem_lines(check.stderr) == problem_lines(build.stderr)
    assert re.search(r"Prüfung: \d+ Problem\(e\)", check.stderr)
    assert files_in(check_cache) == [], "a check run encodes no photo"
