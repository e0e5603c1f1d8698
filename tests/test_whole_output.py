"""The whole published output, checked as CI checks it before publishing (hosting/verify.py, `invoke verify`).

The build checks the links editors write; these checks look at everything that ends up online — links from
templates, feeds and the sitemap, `#anchors`, images — so that a broken link fails CI before publication.
"""

import shutil

import pytest

from conftest import TEST_SITEURL
from hosting.verify import broken_links


@pytest.fixture(scope="module")
def link_report(real_site):
    return broken_links(real_site.output, TEST_SITEURL)


def test_every_link_anchor_image_feed_and_sitemap_entry_of_the_published_site_resolves(link_report):
    problems, report = link_report
    assert problems == [], "\n".join(map(str, problems[:30]))
    # The check really looked: thousands of links, nearly all of them mapped from SITEURL to the output folder.
    assert report["total"] > 3000 and report["remaps"] > 3000, report


@pytest.fixture(scope="module")
def sabotaged_site(real_site, tmp_path_factory):
    """A copy of the published site with one mistake of each kind the check must find."""
    copy = tmp_path_factory.mktemp("sabotaged") / "output"
    shutil.copytree(real_site.output, copy)
    english_home = copy / "en" / "index.html"
    english_home.write_text(english_home.read_text(encoding="utf-8").replace(
        "</main>",
        f'<a href="{TEST_SITEURL}/en/no-such-page/">a</a><a href="#no-such-anchor">b</a>'
        f'<a href="{TEST_SITEURL}/kontakt/#no-such-heading">c</a><img src="/bilder/no-such-image.jpg" alt="d"></main>',
    ), encoding="utf-8")
    sitemap = copy / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(
        "</urlset>", f"<url><loc>{TEST_SITEURL}/no-such-entry/</loc></url></urlset>"), encoding="utf-8")
    feed = next(copy.glob("feeds/*.atom.xml"))
    feed.write_text(feed.read_text(encoding="utf-8").replace(
        "</feed>", f'<entry><link href="{TEST_SITEURL}/no-such-article/"/></entry></feed>'), encoding="utf-8")
    return copy


def test_the_check_finds_each_kind_of_broken_link(sabotaged_site):
    problems, _ = broken_links(sabotaged_site, TEST_SITEURL)
    found = "\n".join(map(str, problems))
    for where, target in [
        ("en/index.html", "/en/no-such-page/"),
        ("en/index.html", "#no-such-anchor"),
        ("en/index.html", "/kontakt/#no-such-heading"),
        ("en/index.html", "/bilder/no-such-image.jpg"),
        ("sitemap.xml", "/no-such-entry/"),
        ("feeds/", "/no-such-article/"),
    ]:
        assert any(line.startswith(where) and target in line for line in found.splitlines()), (where, target, found)
    assert len(problems) == 6, found
