"""Titles and other text fields are text: markup typed into them is shown, never executed, in pages and feeds."""

import csv
import json

import feedparser
from bs4 import BeautifulSoup

from conftest import TEST_SITEURL, copy_fixture_site, run_build

NASTY = '<script>alert(1)</script> & <b onmouseover=alert(2)> "fett"</b>'
# What a reader must see: the same characters, with German quotes.
SHOWN = "<script>alert(1)</script> & <b onmouseover=alert(2)> „fett“</b>"


def test_markup_in_text_fields_is_escaped_everywhere(tmp_path):
    content = copy_fixture_site(tmp_path)
    (content / "artikel" / "kooperationen" / "2024-01-01-boese.md").write_text(
        f"Title: {NASTY}\nDate: 2024-01-01\nKind: kooperation\nSummary: {NASTY}\n"
        f"Parties: lhh, mykolajiw\nSigned: 2024-01-01\nSubject: {NASTY}\n"
        f"Sources: https://example.org/?a=1&b=<x> {NASTY}\n\nText.\n",
        encoding="utf-8",
    )
    (content / "artikel" / "lieferungen" / "2024-01-02-boese.md").write_text(
        f"Title: Lieferung\nDate: 2024-01-02\nKind: lieferung\nSummary: S\nDonors: lhh\n"
        f"Items: 1 fahrzeuge {NASTY}\nSources: https://example.org/ Q\n\nText.\n",
        encoding="utf-8",
    )
    (content / "partner" / "boese.md").write_text(
        f"Name: {NASTY}\nLabel: {NASTY}\nKind: stadt\nSide: hannover\nWebsite: https://example.org/?a=1&b=2\n\nText.\n",
        encoding="utf-8",
    )
    (content / "artikel" / "besuche" / "2024-01-03-boese.md").write_text(
        f"Title: Besuch\nDate: 2024-01-03\nKind: besuch\nSummary: S\nPartners: lhh, boese\nDelegation: {NASTY}\n"
        "Start: 2024-01-03\nEnd: 2024-01-04\nSources: https://example.org/ Q\n\nText.\n",
        encoding="utf-8",
    )
    build = run_build(tmp_path / "output", content=content, settings="publishconf.py", siteurl=TEST_SITEURL)
    assert build.returncode == 0, build.stderr

    for path in build.files():
        if path.suffix in (".html", ".xml"):
            raw = path.read_text(encoding="utf-8")
            assert "<script>alert" not in raw, path
            assert "<b onmouseover" not in raw, path
            if path.suffix == ".html":
                soup = BeautifulSoup(raw, "html.parser")
                scripts = soup.find_all("script")
                assert all(script.get("type") in ("application/ld+json", "module") for script in scripts), path
                assert not soup.find("b"), path
                assert not soup.find(attrs={"onmouseover": True}), path
                for script in scripts:
                    if script.get("type") == "application/ld+json":
                        # The data block cannot be ended early by a title: no "<" in it at all.
                        assert "<" not in script.string, path
                        json.loads(script.string)

    page = build.page("kooperationen/2024-01-01-boese/")
    shown = lambda element: element.get_text().replace("\xa0", " ")  # noqa: E731
    assert shown(page.find("h1")) == SHOWN
    assert shown(page.title).startswith(SHOWN)
    assert page.find("meta", attrs={"name": "description"})["content"].replace("\xa0", " ") == SHOWN
    # Link previews and search engines get the same characters, in attributes and in JSON-LD.
    assert page.find("meta", attrs={"property": "og:title"})["content"].replace("\xa0", " ").startswith(SHOWN)
    assert page.find("meta", attrs={"name": "twitter:title"})["content"].replace("\xa0", " ").startswith(SHOWN)
    structured = json.loads(page.find("script", type="application/ld+json").string)
    assert structured["name"].replace("\xa0", " ") == SHOWN
    assert structured["description"].replace("\xa0", " ") == SHOWN
    assert SHOWN in shown(page.select_one("dl.facts"))
    source_link = page.select_one(".sources a")
    assert shown(source_link) == SHOWN
    assert source_link["href"] == "https://example.org/?a=1&b=<x>"
    assert SHOWN in shown(build.page("lieferungen/2024-01-02-boese/").select_one("dl.facts"))
    assert SHOWN in shown(build.page("besuche/2024-01-03-boese/").select_one("dl.facts"))
    listing = build.page("kooperationen/")
    assert any(shown(card) == SHOWN for card in listing.select(".article-card__title"))

    # Partner names are shown as typed (no typography: names are names), in text and in attributes.
    as_typed = NASTY
    partner_page = build.page("partner/boese/")
    assert shown(partner_page.find("h1")) == as_typed
    assert shown(partner_page.title).startswith(as_typed)
    assert json.loads(partner_page.find("script", type="application/ld+json").string)["name"] == as_typed
    home_data = json.loads(build.page("").find("script", type="application/ld+json").string)
    members = [member["name"] for node in home_data["@graph"] for member in node.get("member", [])]
    assert as_typed in members
    assert any(shown(link) == as_typed for link in build.page("besuche/2024-01-03-boese/").select("dl.facts a"))
    assert any(shown(link) == as_typed for link in build.page("partner/").select("main a"))
    records = json.loads((build.output / "partners.json").read_text(encoding="utf-8"))
    assert as_typed in [record["name"] for record in records]
    assert "<" not in (build.output / "partners.json").read_text(encoding="utf-8")

    # The open data carry the title as typed (data, not typeset text); the chronicle shows it like the page.
    activities_file = (build.output / "daten" / "aktivitaeten.json").read_text(encoding="utf-8")
    assert NASTY in [entry["title"]["de"] for entry in json.loads(activities_file)]
    assert "<" not in activities_file
    with open(build.output / "daten" / "aktivitaeten.csv", encoding="utf-8", newline="") as table:
        assert NASTY in [row["title_de"] for row in csv.DictReader(table)]
    chronicle = build.page("chronik/")
    assert any(shown(link) == SHOWN for link in chronicle.select(".chronicle__title a"))

    for feed_file in ("all.atom.xml", "kooperationen.atom.xml"):
        feed = feedparser.parse((build.output / "feeds" / feed_file).read_bytes())
        assert not feed.bozo
        titles = [entry.title.replace("\xa0", " ") for entry in feed.entries]
        assert SHOWN in titles, titles
