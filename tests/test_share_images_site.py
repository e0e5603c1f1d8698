"""Share images on the real site, built with the live settings (plugins/share_images): every page of every
language names an image in its link preview tags, the image exists, is a 1200 × 630 PNG, and pages with different
titles have different images."""

from collections import defaultdict

from PIL import Image

from conftest import TEST_SITEURL, copy_fixture_site, run_build


def previews(build):
    """{page: {property or name: content}} of every HTML page's <meta> tags in the built site."""
    found = {}
    for path in build.files("**/*.html"):
        relative = path.relative_to(build.output).as_posix()
        if relative.startswith("admin/"):
            continue
        page = build.page(relative)
        found[relative] = {meta.get("property") or meta.get("name"): meta.get("content")
                           for meta in page.select("head meta[content]")}
    return found


def test_every_page_has_a_1200_by_630_share_image_that_exists(real_site):
    pages = previews(real_site)
    assert len(pages) > 150
    for page, tags in pages.items():
        url = tags.get("og:image")
        assert url and url.startswith(TEST_SITEURL + "/") and url.endswith(".png"), (page, url)
        assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630",
                                                                                          "image/png"), page
        assert len(tags["og:image:alt"]) > 10, page
        assert tags["twitter:card"] == "summary_large_image", page
        path = real_site.output / url[len(TEST_SITEURL) + 1:]
        assert path.is_file(), (page, url)
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), (page, url)
        language = page.split("/")[0] if page.split("/")[0] in ("uk", "en") else ""
        assert path.relative_to(real_site.output).as_posix().startswith(f"{language}/share/" if language
                                                                        else "share/"), page


def test_different_titles_have_different_images_and_the_same_title_the_same(real_site):
    by_title = defaultdict(set)
    for page, tags in previews(real_site).items():
        by_title[tags["og:title"]].add(tags["og:image"])
    images = [next(iter(urls)) for urls in by_title.values()]
    assert len(set(images)) == len(images), "two titles share an image"
    contents = {(real_site.output / url[len(TEST_SITEURL) + 1:]).read_bytes() for url in images}
    assert len(contents) == len(images), "two different images have the same bytes"
    # Pages with the same title (a listing's page 2 has its own) share one image.
    assert all(len(urls) == 1 for urls in by_title.values())


def test_an_article_image_says_kind_date_and_title_in_its_language(real_site):
    pages = previews(real_site)
    german = pages["lieferungen/2022-12-07-zehn-spezialfahrzeuge/index.html"]
    assert german["og:image:alt"].startswith("Lieferung · 7. Dezember 2022: Zehn")
    ukrainian = [tags for page, tags in pages.items() if page.startswith("uk/postavky/2022-12-07")]
    assert ukrainian and ukrainian[0]["og:image:alt"].startswith("Поставка · 7 грудня 2022")
    assert ukrainian[0]["og:image"] != german["og:image"]


def test_no_unused_share_image_is_published(real_site):
    named = {tags["og:image"][len(TEST_SITEURL) + 1:] for tags in previews(real_site).values()}
    published = {path.relative_to(real_site.output).as_posix() for path in real_site.files("**/share/*.png")}
    assert published == named


def test_local_builds_and_the_preview_draw_no_share_images(tmp_path):
    """Only the live site is shared: a build with the local settings (as the preview's) draws nothing and names
    no image it did not write."""
    build = run_build(tmp_path / "output", content=copy_fixture_site(tmp_path / "site"), cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert not list(build.output.glob("**/share/*.png"))
    for page, tags in previews(build).items():
        assert "og:image" not in tags and tags["twitter:card"] == "summary", page
