"""Tests of the partner_list plugin on its own sample site (test_data/), with Pelican's default theme.

Full builds run `pelican` in a child process: plugins connect to Pelican's signals for the life of a process,
so a build "without the plugin" must not share a process with one that loaded it.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from partner_list.generator import PartnerGenerator
from partner_list.partner_list import add_default_settings
from partner_list.registry import Partner, svg_size

HERE = Path(__file__).resolve().parent
TEST_DATA = HERE / "test_data"
PLUGIN_PATH = HERE.parent


# --- helpers -----------------------------------------------------------------------------------------------


def copy_content(tmp_path, without_partners=False):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    if without_partners:
        shutil.rmtree(content / "partners")
        for path in content.rglob("*.md"):
            text = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("Partners:"))
            path.write_text(text.replace("<!-- partners side=north -->", "") + "\n")
    return content


def build(tmp_path, content, plugins=("partner_list",), extra=""):
    tmp_path.mkdir(parents=True, exist_ok=True)
    output = tmp_path / "output"
    settings = tmp_path / "settings.py"
    settings.write_text(
        (TEST_DATA / "settings.py").read_text()
        + f"\nPATH = {str(content)!r}\nPLUGIN_PATHS = [{str(PLUGIN_PATH)!r}]\nPLUGINS = {list(plugins)!r}\n"
        + extra
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ, COLUMNS="1000"),
    )
    return SimpleNamespace(returncode=result.returncode, log=result.stdout + result.stderr, output=output)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def generators_for(tmp_path, content):
    """Run the article, page and partner generators' reading stage in this process, as Pelican would."""
    # Pelican registers every imported BaseReader subclass (such as a site's own reader, imported by other tests in
    # this process) for its extensions; the plugin is tested with Pelican's own Markdown reader.
    readers = {extension: MarkdownReader for extension in MarkdownReader.file_extensions}
    settings = read_settings(str(TEST_DATA / "settings.py"),
                             override={"PATH": str(content), "PLUGINS": [], "READERS": readers})
    add_default_settings(SimpleNamespace(settings=settings))
    context = dict(settings, generated_content={}, static_links=set(), static_content={}, localsiteurl="")
    made = []
    for cls in (ArticlesGenerator, PagesGenerator, PartnerGenerator):
        generator = cls(context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"],
                        output_path=str(tmp_path / "output"))
        generator.generate_context()
        made.append(generator)
    return made


# --- the generator, in this process ------------------------------------------------------------------------


def test_registry_and_resolved_references(tmp_path):
    articles, pages, partners = generators_for(tmp_path, copy_content(tmp_path))
    registry = partners.context["partner_registry"]
    assert sorted(registry) == ["north-aid", "north-works", "south-city"]
    assert partners.problems == []
    for article in articles.articles:
        assert article.partners and all(isinstance(partner, Partner) for partner in article.partners)
        assert article.involved_partners == article.partners
    visit = next(article for article in articles.articles if article.slug == "first-visit")
    assert [partner.slug for partner in visit.partners] == ["south-city", "north-works"]
    about = pages.pages[0]
    assert [partner.slug for partner in about.partners] == ["north-aid"]


def test_activities_are_grouped_by_category_newest_first(tmp_path):
    _, _, partners = generators_for(tmp_path, copy_content(tmp_path))
    south = partners.context["partner_registry"]["south-city"]
    assert south.activity_count == 3
    assert [(category.slug, [a.slug for a in items]) for category, items in south.activities_by_group] == [
        ("visits", ["second-visit", "first-visit"]),
        ("deliveries", ["a-delivery"]),
    ]


def test_groups_follow_the_configured_order(tmp_path):
    _, _, partners = generators_for(tmp_path, copy_content(tmp_path))
    groups = partners.context["partner_groups"]
    assert [side for side, _, _ in groups] == ["north", "south"]
    assert [kind for kind, _, _ in groups[0][2]] == ["company", "charity"]
    assert str(groups[0][1]) == "Northern side"


def test_list_marker_is_replaced_by_the_partners_of_that_side(tmp_path):
    _, pages, _ = generators_for(tmp_path, copy_content(tmp_path))
    body = soup_from_text(pages.pages[0]._content)
    names = [link.get_text() for link in body.select("a[href*='partners/']")]
    assert names == ['"North" & <Sons> Works', "North Aid"]
    assert "<!--" not in pages.pages[0]._content


def test_only_a_comment_is_a_list_marker_not_text_that_looks_like_one(tmp_path):
    """The marker is a comment as the browser parses the body: the same characters in an attribute's value or in
    a code block are text, and stay as they were written."""
    content = copy_content(tmp_path)
    about = content / "pages" / "about.md"
    about.write_text(about.read_text().replace(
        "The end.", '<p title="<!-- partners side=south -->">Not a marker.</p>\n\n    <!-- partners side=south -->\n'))
    _, pages, _ = generators_for(tmp_path, content)
    body = soup_from_text(pages.pages[0]._content)
    assert body.select_one("p[title]")["title"] == "<!-- partners side=south -->"
    assert body.select_one("pre code").get_text().strip() == "<!-- partners side=south -->"
    names = [link.get_text() for link in body.select("a[href*='partners/']")]
    assert names == ['"North" & <Sons> Works', "North Aid"], "the real marker (side=north) is still replaced"


def soup_from_text(text):
    return BeautifulSoup(text, "html.parser")


# --- full builds -------------------------------------------------------------------------------------------


def test_full_build_of_the_sample_site(tmp_path):
    result = build(tmp_path, copy_content(tmp_path))
    assert result.returncode == 0, result.log
    overview = soup(result.output / "partners" / "index.html")
    headings = [heading.get_text() for heading in overview.select("h2, h3")]
    assert headings.index("Northern side") < headings.index("Companies") < headings.index("Charities")
    assert headings.index("Charities") < headings.index("Southern side") < headings.index("Cities")

    page = soup(result.output / "partners" / "south-city" / "index.html")
    assert page.select_one("article.partner h1").get_text() == "South City"
    activity_links = [link.get_text() for link in page.select("article.partner li a")]
    assert activity_links == ["Second visit", "First visit", "A delivery"]

    records = json.loads((result.output / "partners.json").read_text(encoding="utf-8"))
    by_slug = {record["short_name"]: record for record in records}
    assert by_slug["south-city"] == {
        "name": "South City", "short_name": "south-city", "kind": "city", "side": "south", "website": None,
        "url": "/partners/south-city/", "activity_count": 3,
    }
    assert by_slug["north-aid"]["activity_count"] == 1
    assert (result.output / "partners" / "north.svg").is_file()
    logo = soup(result.output / "partners" / "north-works" / "index.html").find("img")
    assert logo["src"].endswith("partners/north.svg") and logo["alt"] == 'The "North" & <Sons> logo'


def test_names_with_quotes_ampersands_and_angle_brackets_are_safe(tmp_path):
    result = build(tmp_path, copy_content(tmp_path))
    assert result.returncode == 0, result.log
    for path in result.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<Sons>" not in text, path
        parsed = soup(path)
        assert not parsed.find("sons"), path
    page = soup(result.output / "partners" / "north-works" / "index.html")
    assert page.select_one("article.partner h1").get_text() == '"North" & <Sons> Works'
    assert page.find("a", href="https://north.example/?a=1&b=2")
    raw_json = (result.output / "partners.json").read_text(encoding="utf-8")
    assert "<" not in raw_json and ">" not in raw_json and "&" not in raw_json
    names = [record["name"] for record in json.loads(raw_json)]
    assert '"North" & <Sons> Works' in names


def test_a_site_without_partners_is_unchanged_by_the_plugin(tmp_path):
    content = copy_content(tmp_path / "site", without_partners=True)
    without = build(tmp_path / "without", content, plugins=())
    with_plugin = build(tmp_path / "with", content)
    assert without.returncode == 0 and with_plugin.returncode == 0, with_plugin.log
    files_without = {p.relative_to(without.output): p.read_bytes() for p in without.output.rglob("*") if p.is_file()}
    files_with = {p.relative_to(with_plugin.output): p.read_bytes() for p in with_plugin.output.rglob("*") if p.is_file()}
    assert len(files_without) > 5
    assert files_with == files_without


# --- bad input ---------------------------------------------------------------------------------------------

BAD_PARTNERS = {
    "partners/no-name.md": "Kind: city\nSide: south\n\nNo name.\n",
    "partners/evil-link.md": "Name: Evil\nKind: city\nSide: south\nWebsite: javascript:alert(1)\n\nx\n",
    "partners/no-alt.md": "Name: No Alt\nKind: city\nSide: south\nLogo: north.svg\n\nx\n",
    "partners/twin.md": "Name: Twin\nSlug: north-aid\nKind: charity\nSide: north\n\nx\n",
    "partners/wrong-side.md": "Name: Wrong\nKind: city\nSide: west\n\nx\n",
    "partners/odd-field.md": "Name: Odd\nKind: city\nSide: south\nWebsit: https://odd.example\n\nx\n",
    "partners/lost-logo.md": "Name: Lost\nKind: city\nSide: south\nLogo: gone.svg\nLogo_alt: Lost logo\n\nx\n",
    "posts/2024-07-01-typo.md": "Title: Typo\nDate: 2024-07-01\nCategory: Visits\nPartners: south-cty\n\nx\n",
    "pages/bad-marker.md": "Title: Bad marker\n\n<!-- partners side=west -->\n",
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("bad")
    content = copy_content(tmp_path)
    for relative, text in BAD_PARTNERS.items():
        (content / relative).write_text(text, encoding="utf-8")
    return build(tmp_path, content)


def test_bad_input_fails_the_build(bad_build):
    assert bad_build.returncode != 0


@pytest.mark.parametrize(
    ("file", "field", "message"),
    [
        ("posts/2024-07-01-typo.md", "partners", "The partner “south-cty” is unknown — did you mean “south-city”?"),
        ("partners/no-name.md", "name", "The partner has no name — add a line “Name: …”"),
        ("partners/evil-link.md", "website", "“javascript:alert(1)” is not a web address"),
        ("partners/no-alt.md", "logo", "The logo has no alternative text"),
        ("partners/twin.md", "slug", "The short name “north-aid” is already used by content/partners/north-aid.md"),
        ("partners/wrong-side.md", "side", "“west” is not one of the allowed values — allowed: north, south."),
        ("partners/odd-field.md", "websit", "This field is unknown — did you mean “Website”?"),
        ("partners/lost-logo.md", "logo", "The logo file “gone.svg” does not exist"),
    ],
)
def test_each_problem_is_reported_with_file_and_field(bad_build, file, field, message):
    """All in one run. Pelican's own reader gives no line numbers; the site's strict reader does (see tests/)."""
    assert f"content/{file}: {field}: {message}" in bad_build.log, bad_build.log


def test_a_clash_of_short_names_is_one_message_at_the_later_file(bad_build):
    assert "content/partners/north-aid.md: slug:" not in bad_build.log, bad_build.log


def test_an_unreadable_list_marker_is_reported(bad_build):
    assert "content/pages/bad-marker.md: The partner list marker “<!-- partners side=west -->” is not understood" in (
        bad_build.log
    )


@pytest.mark.parametrize("svg, size", [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height=\'40.4\'/>', (120, 40)),
    # What is written in a comment before the root is not the logo's size.
    ('<!-- <svg width="9" height="9"> -->\n<svg xmlns="http://www.w3.org/2000/svg" width="12" height="4"/>', (12, 4)),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', None),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="50%" height="20"/>', None),
    ('<!DOCTYPE svg [<!ENTITY w "10">]><svg width="10" height="10"/>', None),
    ("kein SVG", None),
])
def test_an_svg_logos_size_comes_from_its_root_element(tmp_path, svg, size):
    logo = tmp_path / "logo.svg"
    logo.write_text(svg, encoding="utf-8")
    assert svg_size(logo) == size
