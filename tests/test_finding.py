"""Finding things (issue 6): chronicle, delivery log, key figures, feeds, sitemap, link previews, open data.

Totals and counts are checked on a small site whose numbers are written here by hand, and on the real site
against the content folder; never against figures read back from the output.
"""

import csv
import io
import json
import re
from datetime import date
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from pelican.settings import read_settings

from conftest import ROOT, TEST_SITEURL, copy_fixture_site, originals, run_build

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
LANGUAGES = SETTINGS["SITE_LANGUAGES"]
KINDS = SETTINGS["ARTICLE_KINDS"]
SECTIONS = SETTINGS["SECTION_FOLDERS"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def prefix(lang):
    return "" if lang == SETTINGS["ORIGINAL_LANG"] else f"{lang}/"


def text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).replace("\xa0", " ").strip()


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_file(build, url):
    """The output file behind an absolute URL of the test site, or a root-relative one."""
    path = url[len(TEST_SITEURL):] if url.startswith(TEST_SITEURL) else url
    assert path.startswith("/"), url
    target = build.output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def article_sources(folder=None):
    folders = [folder] if folder else [kind["folder"] for kind in KINDS.values()]
    return [path for name in folders for path in originals((ROOT / "content" / "artikel" / name).glob("*.md"))]


def header(path, field):
    match = re.search(rf"^{field}:\s*(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1).strip() if match else None


def header_lines(path, field):
    """A header field's value and its indented continuation lines."""
    head = path.read_text(encoding="utf-8").split("\n\n")[0]
    match = re.search(rf"^{field}:(.*(?:\n[ \t]+.*)*)", head, re.MULTILINE)
    return [line.strip() for line in match.group(1).splitlines() if line.strip()] if match else []


def section_page(build, section, lang):
    return parse(build.output / f"{prefix(lang)}{SECTIONS[section][lang]}" / "index.html")


# --- A small site with hand-counted numbers ---------------------------------------------------------------------

MORE_DELIVERIES = {
    "2023-05-01-mehr-fahrzeuge.md": "Title: Drei Fahrzeuge und Generatoren\nDate: 2023-05-01\nKind: lieferung\n"
    "Summary: Mehr Hilfe.\nDonors: lhh\nItems: 3 fahrzeuge Löschfahrzeuge\n    5 generatoren\n"
    "Sources: https://example.org/mehr Quelle\n\nText.\n",
    "2024-02-01-noch-zwei.md": "Title: Noch zwei Fahrzeuge\nDate: 2024-02-01\nKind: lieferung\nSummary: Noch mehr.\n"
    "Donors: lhh\nItems: 2 fahrzeuge\nSources: https://example.org/noch Quelle\n\nText.\n",
}


@pytest.fixture(scope="module")
def counted_site(tmp_path_factory):
    """The minimal site (one delivery: 10 vehicles, about 40 t, generators without a number) plus two more."""
    root = tmp_path_factory.mktemp("counted")
    content = copy_fixture_site(root)
    for name, source in MORE_DELIVERIES.items():
        (content / "artikel" / "lieferungen" / name).write_text(source, encoding="utf-8")
    build = run_build(root / "output", content=content, settings="publishconf.py", siteurl=TEST_SITEURL)
    assert build.returncode == 0, build.stderr
    return build


def totals_table(page):
    return {
        text(row.th): [text(cell) for cell in row.find_all("td")]
        for row in page.select("#summen + div table tbody tr")
    }


def test_delivery_log_sums_the_items_of_all_deliveries(counted_site):
    log = counted_site.page("lieferliste/")
    # 10 + 3 + 2 vehicles in three deliveries; 5 generators plus some without a number; about 40 tonnes.
    assert totals_table(log) == {
        "Fahrzeuge": ["15", "3"],
        "Stromgeneratoren": ["mindestens 5", "2"],
        "Tonnen Hilfsgüter": ["mindestens 40", "1"],
    }
    assert "Die Summen umfassen nur, was auf dieser Website dokumentiert ist." in text(log.find("main"))
    rows = log.select("#alle + div table tbody tr")
    assert [row.find("time")["datetime"] for row in rows] == ["2024-02-01", "2023-05-01", "2022-12-07"]
    assert [row.find_all("a")[-1]["href"] for row in rows][0] == f"{TEST_SITEURL}/lieferungen/2024-02-01-noch-zwei/"


def test_delivery_log_speaks_every_language(counted_site):
    english = section_page(counted_site, "lieferliste", "en")
    assert totals_table(english)["vehicles"] == ["15", "3"]
    assert totals_table(english)["power generators"] == ["at least 5", "2"]
    ukrainian = section_page(counted_site, "lieferliste", "uk")
    assert ukrainian.html["lang"] == "uk"
    assert "щонайменше 5" in [cells[0] for cells in totals_table(ukrainian).values()]


def test_home_page_key_figures_count_the_articles(counted_site):
    figures = {
        text(item.find("span")): text(item.select_one(".key-figures__number"))
        for item in counted_site.page("").select(".key-figures li")
    }
    assert figures["Lieferungen"] == "3"
    assert figures["Besuche"] == "1"
    assert figures["Kooperationen"] == "1"
    assert figures["Fahrzeuge"] == "15"
    log_link = counted_site.page("").select_one(".key-figures__note a")
    assert page_file(counted_site, log_link["href"]).is_file()


def test_chronicle_has_every_activity_by_year_newest_first(counted_site):
    chronicle = counted_site.page("chronik/")
    years = [text(section.h2) for section in chronicle.select("section.chronicle-year")]
    assert years == ["2024", "2023", "2022"]
    for section in chronicle.select("section.chronicle-year"):
        dates = [entry.find("time")["datetime"] for entry in section.select(".chronicle__entry")]
        assert all(day.startswith(text(section.h2)) for day in dates), dates
        assert dates == sorted(dates, reverse=True)
    entries = chronicle.select(".chronicle__entry")
    assert len(entries) == 5  # three deliveries, one visit, one cooperation
    visit = next(entry for entry in entries if "Besuch zur Messe" in text(entry))
    assert "Besuch" in text(visit.select_one(".chronicle__meta"))
    partners = [link["href"] for link in visit.select(".chronicle__partners a")]
    assert sorted(partners) == [f"{TEST_SITEURL}/partner/lhh/", f"{TEST_SITEURL}/partner/mykolajiw/"]
    # Untranslated texts appear in the other languages' chronicles in German, marked as German.
    english = section_page(counted_site, "chronik", "en")
    links = english.select(".chronicle__title a")
    assert len(links) == 5 and all(link.get("lang") == "de" for link in links)


# --- The real site ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_chronicle_links_every_article_of_its_language(real_site, lang):
    chronicle = section_page(real_site, "chronik", lang)
    assert chronicle.html["lang"] == lang
    links = [link["href"] for link in chronicle.select(".chronicle__title a")]
    assert len(links) == len(set(links)) == len(article_sources())
    kind_folders = tuple(f"{TEST_SITEURL}/{prefix(lang)}{kind['slugs'][lang]}/" for kind in KINDS.values())
    for link in links:
        assert link.startswith(kind_folders), link
        assert page_file(real_site, link).is_file(), link
    years = [int(text(heading)) for heading in chronicle.select(".chronicle-year h2")]
    assert years == sorted(years, reverse=True)
    assert years[-1] == min(int(header(path, "Date")[:4]) for path in article_sources())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_delivery_log_lists_every_delivery(real_site, lang):
    log = section_page(real_site, "lieferliste", lang)
    rows = log.select("#alle + div table tbody tr")
    assert len(rows) == len(article_sources("lieferungen"))
    for row in rows:
        assert page_file(real_site, row.find_all("a")[-1]["href"]).is_file()
    # Every unit used in a German original has a row in the totals.
    units = {
        re.match(r"(?:ca\. )?(?:\d+|\?) (\w+)", line).group(1)
        for path in article_sources("lieferungen")
        for line in header_lines(path, "Items")
    }
    assert len(log.select("#summen + div table tbody tr")) == len(units)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_per_language_and_kind_are_valid_and_absolute(real_site, lang):
    newest = read_settings(str(ROOT / "publishconf.py"))["FEED_MAX_ITEMS"]
    feeds = {"all": min(newest, len(article_sources()))}
    feeds.update({kind["slugs"][lang]: min(newest, len(article_sources(kind["folder"]))) for kind in KINDS.values()})
    for name, expected in feeds.items():
        feed = feedparser.parse((real_site.output / prefix(lang) / "feeds" / f"{name}.atom.xml").read_bytes())
        assert not feed.bozo, (lang, name, feed.bozo_exception)
        assert feed.version == "atom10"
        assert len(feed.entries) == expected, (lang, name)
        updated = [entry.updated_parsed for entry in feed.entries]
        assert updated == sorted(updated, reverse=True), "newest first"
        assert feed.feed.link.startswith(TEST_SITEURL + "/")
        for entry in feed.entries:
            assert entry.link.startswith(f"{TEST_SITEURL}/{prefix(lang)}"), entry.link
            assert page_file(real_site, entry.link).is_file(), entry.link
            assert "src=\"/" not in entry.summary and "href=\"/" not in entry.summary, "relative URL in a feed"
    if lang != "de":
        german = feedparser.parse((real_site.output / "feeds" / "all.atom.xml").read_bytes()).feed.title
        assert feedparser.parse((real_site.output / prefix(lang) / "feeds" / "all.atom.xml").read_bytes()).feed.title != german


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_announce_their_feeds(real_site, lang):
    home = parse(real_site.output / prefix(lang) / "index.html")
    feeds = [link["href"] for link in home.select('link[rel="alternate"][type="application/atom+xml"]')]
    assert feeds == [f"{TEST_SITEURL}/{prefix(lang)}feeds/all.atom.xml"]
    for kind in KINDS.values():
        listing = parse(real_site.output / prefix(lang) / kind["slugs"][lang] / "index.html")
        hrefs = [link["href"] for link in listing.select('link[rel="alternate"][type="application/atom+xml"]')]
        assert f"{TEST_SITEURL}/{prefix(lang)}feeds/{kind['slugs'][lang]}.atom.xml" in hrefs
        assert all(page_file(real_site, href).is_file() for href in hrefs)


def test_sitemap_lists_every_page_with_its_alternates(real_site):
    tree = ElementTree.parse(real_site.output / "sitemap.xml")
    entries = {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in tree.getroot().findall(f"{SITEMAP}url")
    }
    pages = {
        f"{TEST_SITEURL}/{path.parent.relative_to(real_site.output).as_posix()}/".replace("/./", "/")
        for path in real_site.files("**/index.html")
    }
    assert set(entries) == pages
    translated = 0
    for loc, alternates in entries.items():
        if not alternates:
            continue
        translated += 1
        assert set(alternates) == set(LANGUAGES) | {"x-default"}, loc
        assert loc in alternates.values()
        for other in alternates.values():
            assert entries[other] == alternates, (loc, other)
    assert translated >= len(article_sources()) * len(LANGUAGES)


def test_robots_txt_allows_all_and_names_the_sitemap(real_site):
    robots = (real_site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {TEST_SITEURL}/sitemap.xml" in robots
    assert not any(line.startswith("Disallow: /") and line.strip() != "Disallow:" for line in robots)


def test_local_build_has_no_sitemap(real_site_local):
    """Without an absolute address there is nothing a search engine could use."""
    assert not (real_site_local.output / "sitemap.xml").exists()


def every_page(build):
    for path in build.files("**/index.html"):
        first = path.relative_to(build.output).parts[0]
        yield (first if first in LANGUAGES else SETTINGS["ORIGINAL_LANG"]), path


def article_urls(build):
    """Every language's URL of every article: the German ones from the content folder, the others their
    hreflang alternates."""
    urls = set()
    for source in article_sources():
        url = f"{TEST_SITEURL}/{source.parent.name}/{source.stem}/"
        urls.add(url)
        urls.update(link["href"] for link in build.page(f"{source.parent.name}/{source.stem}/")
                    .find_all("link", rel="alternate", hreflang=True))
    return urls


def test_every_page_has_canonical_url_and_link_preview(real_site):
    articles = article_urls(real_site)
    assert len(articles) == len(article_sources()) * len(LANGUAGES)
    for lang, path in every_page(real_site):
        page = parse(path)
        url = f"{TEST_SITEURL}/{path.parent.relative_to(real_site.output).as_posix()}/".replace("/./", "/")
        meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in page.find_all("meta")}
        assert page.find("link", rel="canonical")["href"] == url, path
        assert meta["og:url"] == url, path
        assert meta["og:title"] and meta["og:description"] and meta["twitter:title"], path
        assert meta["og:locale"].split("_")[0] == lang, path
        # A large image with every preview (plugins/share_images; tests/test_share_images_site.py checks the files).
        assert meta["twitter:card"] == "summary_large_image" and meta["og:image"].startswith(TEST_SITEURL + "/")
        assert meta["og:type"] == ("article" if url in articles else "website"), path


def structured(page):
    blocks = [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]
    assert len(blocks) <= 1
    return blocks[0] if blocks else None


def test_structured_data_describes_visits_articles_partners_and_the_partnership(real_site):
    for source in article_sources("besuche"):
        data = structured(real_site.page(f"besuche/{source.stem}/"))
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event", source
        assert data["startDate"] == header(source, "Start") and data["endDate"] == header(source, "End")
        assert data["url"] == f"{TEST_SITEURL}/besuche/{source.stem}/"
    for source in article_sources("lieferungen") + article_sources("kooperationen"):
        folder = source.parent.name
        data = structured(real_site.page(f"{folder}/{source.stem}/"))
        assert data["@type"] == "Article", source
        assert data["datePublished"] == header(source, "Date")
        assert data["inLanguage"] == "de"
    partner_files = originals((ROOT / "content" / "partner").glob("*.md"))
    for source in partner_files:
        data = structured(real_site.page(f"partner/{source.stem}/"))
        assert data["@type"] == "Organization" and data["name"] == header(source, "Name"), source
        if header(source, "Website"):
            assert data["sameAs"] == header(source, "Website")
    home = structured(real_site.page(""))
    organization = next(node for node in home["@graph"] if node["@type"] == "Organization")
    assert len(organization["member"]) == len(partner_files)
    english = structured(parse(real_site.output / "en" / "index.html"))
    assert next(node for node in english["@graph"] if node["@type"] == "WebSite")["inLanguage"] == "en"


# --- Open data --------------------------------------------------------------------------------------------------


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_open_data_matches_its_published_schema(real_site):
    data = real_site.output / "daten"
    activities, schema = load(data / "aktivitaeten.json"), load(data / "aktivitaeten.schema.json")
    Draft202012Validator.check_schema(schema)
    errors = [error.message for error in Draft202012Validator(schema).iter_errors(activities)]
    assert errors == []
    assert len(activities) == len(article_sources())
    assert {entry["id"] for entry in activities} == {
        path.relative_to(ROOT / "content").with_suffix("").as_posix() for path in article_sources()
    }
    partners, partner_schema = load(real_site.output / "partners.json"), load(data / "partner.schema.json")
    assert list(Draft202012Validator(partner_schema).iter_errors(partners)) == []
    assert len(partners) == len(originals((ROOT / "content" / "partner").glob("*.md")))


def test_open_data_urls_and_titles_match_the_pages(real_site):
    for entry in load(real_site.output / "daten" / "aktivitaeten.json"):
        assert set(entry["url"]) == set(LANGUAGES) == set(entry["title"]), entry["id"]
        for lang, url in entry["url"].items():
            page = parse(page_file(real_site, url))
            assert page.html["lang"] == lang
        source = ROOT / "content" / f"{entry['id']}.md"
        assert entry["title"]["de"] == header(source, "Title")
        assert entry["date"] == header(source, "Date")
        assert [item["url"] for item in entry["sources"]] == [line.split()[0] for line in header_lines(source, "Sources")]
        if entry["kind"] == "lieferung":
            assert entry["items"] and entry["donors"] == [name.strip() for name in header(source, "Donors").split(",")]


def test_open_data_csv_has_the_documented_columns_and_every_activity(real_site):
    with open(real_site.output / "daten" / "aktivitaeten.csv", encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    columns = ["id", "kind", "date", "title_de", "title_uk", "title_en", "url_de", "url_uk", "url_en",
               "partners", "items", "sources"]
    assert list(rows[0]) == columns
    by_id = {entry["id"]: entry for entry in load(real_site.output / "daten" / "aktivitaeten.json")}
    assert [row["id"] for row in rows] == list(by_id)
    for row in rows:
        assert row["url_en"] == by_id[row["id"]]["url"]["en"]
        assert date.fromisoformat(row["date"] if len(row["date"]) == 10 else row["date"] + "-01")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_explains_the_files_and_the_licence(real_site, lang):
    slug = {"de": "daten", "uk": "dani", "en": "data"}[lang]
    page = parse(real_site.output / prefix(lang) / slug / "index.html")
    hrefs = [link["href"] for link in page.select("main a")]
    for name in ("daten/aktivitaeten.json", "daten/aktivitaeten.csv", "daten/aktivitaeten.schema.json",
                 "partners.json", "daten/partner.schema.json"):
        href = next(href for href in hrefs if href.endswith(name))
        assert page_file(real_site, href).is_file(), href
    assert any("creativecommons.org/licenses/by/4.0" in href for href in hrefs)
    assert "CC BY 4.0" in text(page.find("main"))


def test_no_source_file_is_published(real_site):
    """Only what readers need: no Markdown, no editor files, in any language's site."""
    # The publish build's `_headers` (for Netlify and Cloudflare) and .br/.gz copies (for nginx): hosting/README.md.
    published = {path.suffix for path in real_site.files()
                 if path.name != "_headers" and path.suffix not in (".br", ".gz")}
    assert ".md" not in published
    assert published <= {".html", ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".xml", ".json", ".csv",
                         ".txt", ".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".ico", ".woff2"}, published
    compressed = {path.name[: -len(path.suffix)] for path in real_site.files() if path.suffix in (".br", ".gz")}
    assert {name.rsplit(".", 1)[-1] for name in compressed} <= {"html", "css", "js", "svg", "xml", "json", "csv", "txt"}


def test_json_is_safe_to_embed(real_site):
    for path in [real_site.output / "partners.json", *real_site.files("daten/*.json")]:
        raw = path.read_text(encoding="utf-8")
        assert "<" not in raw and ">" not in raw, path
        json.load(io.StringIO(raw))
