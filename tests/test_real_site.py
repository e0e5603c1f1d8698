"""The real site, built with the live site's settings into a temporary folder, inspected as HTML."""

import re
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, TEST_SITEURL, originals

KINDS = {"besuche": "Besuche", "lieferungen": "Lieferungen", "kooperationen": "Kooperationen"}
PAGES = {
    "partnerschaft": "Die Partnerschaft",
    "mykolajiw": "Mykolajiw",
    "mitmachen": "Mitmachen & Spenden",
    "kontakt": "Kontakt",
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    "leichte-sprache": "Leichte Sprache",
}


def text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).replace("\xa0", " ").strip()


def source_files(folder):
    return originals((ROOT / "content" / "artikel" / folder).glob("*.md"))


def html_pages(build):
    """The German site's pages (the other languages' sites live in /uk/ and /en/; see test_languages.py)."""
    return [path for path in build.files("**/*.html") if path.relative_to(build.output).parts[0] not in ("uk", "en")]


def test_at_least_fifteen_articles_from_the_timeline():
    assert sum(len(source_files(folder)) for folder in KINDS) >= 15
    for folder in KINDS:
        assert source_files(folder), folder


@pytest.mark.parametrize("folder", KINDS)
def test_every_article_of_a_kind_has_a_page_and_is_listed(real_site, folder):
    slugs = {path.stem for path in source_files(folder)}
    built = {path.parent.name for path in (real_site.output / folder).glob("*/index.html")}
    assert built == slugs
    listed = set()
    listing = real_site.page(f"{folder}/")
    pages = [listing] + [real_site.page(f"{folder}/seite/{n}/") for n in range(2, 10)
                         if (real_site.output / folder / "seite" / str(n)).exists()]
    for number, page in enumerate(pages, start=1):
        assert text(page.find("h1")) == (KINDS[folder] if number == 1 else f"{KINDS[folder]} – Seite {number}")
        for link in page.select(".article-card__title a"):
            listed.add(urlsplit(link["href"]).path.strip("/").split("/")[-1])
    assert listed == slugs


def test_the_home_page_shows_the_latest_of_each_kind(real_site):
    home = real_site.page("")
    assert text(home.find("h1")) == "Solidaritätspartnerschaft Hannover – Mykolajiw"
    for folder, label in KINDS.items():
        section = home.find(id=f"neueste-{folder}").parent
        cards = section.select(".article-card")
        assert 1 <= len(cards) <= 3
        dates = [card.find("time")["datetime"] for card in cards]
        assert dates == sorted(dates, reverse=True), label
        newest_source = max(source_files(folder), key=lambda path: path.stem).stem
        assert newest_source in cards[0].find("a")["href"]


@pytest.mark.parametrize(("slug", "title"), PAGES.items())
def test_every_page_exists_with_its_title(real_site, slug, title):
    page = real_site.page(f"{slug}/")
    assert text(page.find("h1")) == title
    assert page.title.get_text().replace("\xa0", " ").startswith(title)


def test_every_page_has_language_landmarks_skip_link_and_one_h1(real_site):
    for path in html_pages(real_site):
        soup = real_site.page(str(path.relative_to(real_site.output)))
        assert soup.html["lang"] == "de", path
        assert len(soup.find_all("h1")) == 1, path
        for landmark in ("header", "nav", "main", "footer"):
            assert soup.find(landmark), (path, landmark)
        first_link = soup.body.find("a")
        assert first_link["href"] == "#inhalt" and "skip-link" in first_link["class"], path
        assert soup.find("main")["id"] == "inhalt"
        assert soup.title.get_text().strip(), path


def test_navigation_reaches_the_three_kinds_and_the_pages(real_site):
    for path in html_pages(real_site):
        soup = real_site.page(str(path.relative_to(real_site.output)))
        targets = {urlsplit(link["href"]).path for link in soup.select("nav a")}
        for folder in KINDS:
            assert f"/{folder}/" in targets, (path, folder)
        for slug in PAGES:
            assert f"/{slug}/" in targets, (path, slug)


def test_every_article_shows_kind_date_facts_and_sources(real_site):
    for folder in KINDS:
        for source in source_files(folder):
            page = real_site.page(f"{folder}/{source.stem}/")
            assert page.select_one(".kind-badge"), source
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", page.select_one(".article__meta time")["datetime"])
            assert page.select_one("dl.facts dd"), source
            links = page.select(".sources a")
            assert links, source
            for link in links:
                assert link["href"].startswith(("https://", "http://")), (source, link["href"])
                assert text(link), source


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        ("lieferungen/2022-09-erster-hilfstransport/", ["40 Tonnen Hilfsgüter", "September 2022", "enercity", "hanova"]),
        ("lieferungen/2022-12-07-zehn-spezialfahrzeuge/", ["10 Fahrzeuge", "7. Dezember 2022", "Anzahl nicht bekannt"]),
        ("lieferungen/2022-12-09-geschenkaktion-schulen/", ["rund 1.000 Geschenkpakete", "18 Schulen"]),
        ("lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/", ["27. September 2023", "Mykolaivkomuntrans", "aha"]),
        ("besuche/2023-04-17-buergermeister-hannover-messe/", ["17.–20. April 2023", "Hannover Messe", "Sienkevych"]),
        ("besuche/2024-12-delegation-stadtplanung/", ["Dezember 2024 – 7. Dezember 2024", "Stöcken"]),
        ("kooperationen/2022-09-15-solidaritaetspartnerschaft-unterzeichnet/", ["15. September 2022", "einstimmig"]),
        ("kooperationen/2024-02-19-partnerschaft-land-oblast/", ["19. Februar 2024", "Stephan Weil", "2 Millionen Euro"]),
        ("kooperationen/2025-11-06-enercity-wasserversorgung/", ["Datum nicht bekannt", "Mykolaivvodokanal", "Pumpen"]),
    ],
)
def test_facts_from_the_fact_sheet_are_on_their_pages(real_site, url, facts):
    page_text = text(real_site.page(url).find("main"))
    for fact in facts:
        assert fact in page_text, (url, fact)


def test_names_follow_the_glossary(real_site):
    """Mykolajiw in German; never the Russian forms; the mayor always as Sienkevych."""
    for path in html_pages(real_site):
        page = path.read_text(encoding="utf-8")
        assert "Nikolaev" not in page and "Mikolajiw" not in page, path
        body = text(real_site.page(str(path.relative_to(real_site.output))).find("main"))
        for spelling in ("Syenkevych", "Synkevych", "Senkewytsch"):
            assert spelling not in body or path.parent.name == "mykolajiw", (path, spelling)


def test_cyrillic_passages_are_marked_as_ukrainian(real_site):
    for path in html_pages(real_site):
        soup = real_site.page(str(path.relative_to(real_site.output)))
        for string in soup.find("main").find_all(string=re.compile("[А-Яа-яҐґЄєІіЇї]")):
            assert string.find_parent(attrs={"lang": "uk"}), (path, string)


def test_no_delivery_article_publishes_routes_places_or_times(real_site):
    forbidden = re.compile(r"Grenze|Grenzübergang|Przemyśl|Bornum|Rumän|\d{1,2}[.:]\d{2}\s*Uhr|Lager in")
    for source in source_files("lieferungen"):
        body = text(real_site.page(f"lieferungen/{source.stem}/").select_one(".article__body"))
        assert not forbidden.search(body), (source, forbidden.search(body))


def test_no_bank_details_and_donations_go_to_the_associations(real_site):
    iban = re.compile(r"\bDE\d{2}(?:\s?\d{4}){4}\s?\d{2}\b|IBAN|BIC\b")
    for path in html_pages(real_site):
        assert not iban.search(path.read_text(encoding="utf-8")), path
    hrefs = {link["href"] for link in real_site.page("mitmachen/").select("main a")}
    assert {"https://uvnev.de", "https://hanover-helps.de", "https://betterplace.org/en/projects/118174"} <= hrefs


def test_no_scripts_no_inline_styles_no_third_party_resources(real_site):
    """Scripts: JSON-LD data blocks on every page; one script file, on the search page only."""
    for path in html_pages(real_site):
        soup = real_site.page(str(path.relative_to(real_site.output)))
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert not script.get("src"), path
                continue
            assert path.parent.name == "suche", (path, script)
            assert script.get("type") == "module" and script["src"] == f"{TEST_SITEURL}/theme/js/search.js"
            assert not script.string, "no inline script"
        assert not soup.find(attrs={"style": True}), path
        assert not soup.find("style"), path
        for element in soup.find_all(["img", "link", "source", "iframe", "video", "audio"]):
            url = element.get("src") or element.get("href") or ""
            if element.name == "link" and "stylesheet" not in element.get("rel", []):
                continue
            assert not url.startswith(("http", "//")) or url.startswith(TEST_SITEURL), (path, url)


def test_contact_details_are_the_published_ones(real_site):
    for slug in ("kontakt", "impressum", "barrierefreiheit"):
        main = real_site.page(f"{slug}/").find("main")
        assert "+49 511 168-40167" in text(main), slug
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text(main)), f"{slug}: an e-mail address was invented"
    impressum = text(real_site.page("impressum/").find("main"))
    assert "§ 5" in impressum and "DDG" in impressum and "§ 18" in impressum and "MStV" in impressum
    assert "TMG" not in impressum


def test_accessibility_statement_links_the_schlichtungsstelle(real_site):
    page = real_site.page("barrierefreiheit/")
    assert "§ 9d NBGG" in text(page.find("main")) or "§ 9d" in text(page.find("main"))
    assert any("behindertenbeauftragter-niedersachsen.de" in link["href"] for link in page.select("main a"))


def test_local_build_has_root_relative_links_and_no_feeds(real_site_local):
    home = real_site_local.page("")
    assert home.select_one(".main-nav a")["href"].startswith("/")
    assert not (real_site_local.output / "feeds").exists()
