"""Partners on the real site: every partner of the seed text and every counterpart has a page with its activities."""

import json
import re

from conftest import ROOT, TEST_SITEURL, originals

SEED_PARTNERS = {
    "hanova": "hanova",
    "enercity": "enercity",
    "ihk-hannover": "IHK Hannover",
    "luh": "Leibniz Universität Hannover",
    "land-niedersachsen": "Land Niedersachsen",
    "uvn": "Ukrainischer Verein in Niedersachsen e.V.",
    "hanover-helps": "Hanover Helps",
}
COUNTERPARTS = ["mykolajiw", "oblast-mykolajiw", "mykolaivkomuntrans", "mykolaivvodokanal", "dez-pilot",
                "mykolaivoblteploenergo", "svii-dim"]
REFERENCE_FIELD = re.compile(r"^(Partners|Donors|Parties):(.*)$", re.MULTILINE)


def text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).replace("\xa0", " ").strip()


def references_in_sources():
    """Which articles name which partner, read straight from the Markdown headers (independently of the build)."""
    named = {}
    for path in originals((ROOT / "content" / "artikel").rglob("*.md")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        for _, names in REFERENCE_FIELD.findall(header):
            for name in (part.strip() for part in names.split(",")):
                if name:
                    named.setdefault(name, set()).add(path.stem)
    return named


def partner_files():
    return sorted(path.stem for path in originals((ROOT / "content" / "partner").glob("*.md")))


def test_every_seed_partner_and_counterpart_has_a_page_listing_its_activities(real_site):
    named = references_in_sources()
    for slug in list(SEED_PARTNERS) + COUNTERPARTS:
        page = real_site.page(f"partner/{slug}/")
        listed = {link["href"].rstrip("/").split("/")[-1] for link in page.select(".partner-activities li a")}
        assert listed == named[slug], slug
        assert listed, f"{slug} has no activities"


def test_partner_names_on_their_pages(real_site):
    for slug, name in SEED_PARTNERS.items():
        page = real_site.page(f"partner/{slug}/")
        assert name in text(page.find("h1")) or name in text(page.find("title")), slug


def test_activities_are_grouped_by_kind_newest_first(real_site):
    page = real_site.page("partner/lhh/")
    headings = [text(h) for h in page.select(".partner-activities h3")]
    assert headings == ["Besuche", "Lieferungen", "Kooperationen"]
    for group in page.select(".partner-activities ul"):
        dates = [time["datetime"] for time in group.select("time")]
        assert dates == sorted(dates, reverse=True)


def test_overview_is_grouped_by_side_then_kind_and_lists_every_partner(real_site):
    page = real_site.page("partner/")
    sides = [text(h) for h in page.select("main h2")]
    assert sides == ["Hannover und Deutschland", "Mykolajiw und Ukraine"]
    linked = {link["href"].rstrip("/").split("/")[-1] for link in page.select("main .partner-list a[href*='/partner/']")}
    assert linked == set(partner_files())


def test_article_pages_link_their_partners(real_site):
    page = real_site.page("kooperationen/2025-10-13-hanova-svii-dim/")
    links = {link["href"] for link in page.select("dl.facts a")}
    assert f"{TEST_SITEURL}/partner/hanova/" in links and f"{TEST_SITEURL}/partner/svii-dim/" in links
    delivery = real_site.page("lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/")
    assert "BMZ" in [text(link) for link in delivery.select("dl.facts a")]


def test_the_partnership_page_list_comes_from_the_registry(real_site):
    page = real_site.page("partnerschaft/")
    inline = page.select_one(".partner-inline-list")
    assert inline is not None
    linked = {link["href"].rstrip("/").split("/")[-1] for link in inline.select("a[href*='/partner/']")}
    assert {"hanova", "enercity", "ihk-hannover", "luh", "land-niedersachsen", "uvn", "hanover-helps"} <= linked
    assert "<!--" not in (real_site.output / "partnerschaft" / "index.html").read_text(encoding="utf-8")


def test_partners_json(real_site):
    records = json.loads((real_site.output / "partners.json").read_text(encoding="utf-8"))
    assert sorted(record["short_name"] for record in records) == partner_files()
    named = references_in_sources()
    for record in records:
        assert set(record) == {"name", "short_name", "kind", "side", "website", "url", "activity_count"}
        assert record["url"] == f"{TEST_SITEURL}/partner/{record['short_name']}/"
        assert record["activity_count"] == len(named.get(record["short_name"], ()))
        assert record["side"] in ("hannover", "mykolajiw")
        assert record["website"] is None or record["website"].startswith("https://")
