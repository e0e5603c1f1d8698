"""The open-items report (plugins/content_model/open_items.py): what the city still has to supply, as
`datei:zeile: offen: text`, from `<!-- offen: … -->` markers and from source addresses the fact sheet does not
give word for word."""

import os
import subprocess
import sys

from conftest import ROOT, copy_fixture_site, run_build
from content_model import open_items

FACTS = """# Facts
- [S5] hannover.de — https://www.hannover.de/Meldungen/Jede-Unterstützung-ist-willkommen
- [S7] hannover.de — https://www.hannover.de/…/Meldungen-und-Berichte/Hannover-unterstützt-Mykolajiw
- [S3] mirror — https://bekanntmachungen.region-hannover.de./Leben/Solidaritätspartnerschaft (canonical on www)
| Official site | **https://mkrada.gov.ua** (city council) |
"""

ARTICLE = """Title: Eine Lieferung
Date: 2023-09-27
Kind: lieferung
Summary: Beispiel.
Items: 2 fahrzeuge Müllfahrzeuge
Sources: https://www.hannover.de/Meldungen/Jede-Unterst%C3%BCtzung-ist-willkommen Stadt, 2022
    https://www.hannover.de/Leben/Verwaltung/Meldungen-und-Berichte/Hannover-unterstützt-Mykolajiw Stadt, 2023
    https://www.hannover.de/Leben/Solidaritätspartnerschaft Stadt
    https://example.org/erfunden Beispiel

Text mit einem [Link](https://mkrada.gov.ua) und einem [zweiten](https://example.org/anders).

<!-- offen: Impressum:
     E-Mail-Adresse des Büros -->
"""


def make_site(tmp_path):
    content = tmp_path / "projekt" / "content"
    (content / "artikel" / "lieferungen").mkdir(parents=True)
    (content / "seiten").mkdir()
    (content / "artikel" / "lieferungen" / "2023-09-27-eine-lieferung.md").write_text(ARTICLE, encoding="utf-8")
    # A translation repeats the original's sources; it is not reported a second time.
    (content / "artikel" / "lieferungen" / "2023-09-27-eine-lieferung.en.md").write_text(
        "Title: A delivery\nSources: https://example.org/erfunden Example\n\nText.\n<!-- offen: English -->\n",
        encoding="utf-8",
    )
    (content / "seiten" / "kontakt.md").write_text(
        "Title: Kontakt\n\nTelefon.\n\nE-Mail: noch offen.\n<!-- offen: Kontakt: E-Mail -->\n", encoding="utf-8"
    )
    facts = tmp_path / "shared" / "sources" / "facts.md"
    facts.parent.mkdir(parents=True)
    facts.write_text(FACTS, encoding="utf-8")
    return content, facts


def test_markers_are_found_with_file_and_line_and_their_text_on_one_line(tmp_path):
    content, _ = make_site(tmp_path)
    items = open_items.markers(content)
    assert items == [
        ("content/artikel/lieferungen/2023-09-27-eine-lieferung.en.md", 5, "English"),
        ("content/artikel/lieferungen/2023-09-27-eine-lieferung.md", 13, "Impressum: E-Mail-Adresse des Büros"),
        ("content/seiten/kontakt.md", 6, "Kontakt: E-Mail"),
    ]


def test_addresses_not_in_the_fact_sheet_are_listed_once_with_the_reason(tmp_path):
    content, facts = make_site(tmp_path)
    found = open_items.unverified_addresses(content, facts)
    items = {item.text.split(": ", 1)[1].split(" (")[0]: item for item in found}
    # Word for word in the fact sheet (after decoding %C3%A4 and the like): not listed.
    assert not any("Jede-Unterst" in url for url in items)
    assert "https://mkrada.gov.ua" not in items
    completed = items["https://www.hannover.de/Leben/Verwaltung/Meldungen-und-Berichte/Hannover-unterstützt-Mykolajiw"]
    assert "gekürzten Adresse" in completed.text and completed.line == 7
    assert "anderer Server" in items["https://www.hannover.de/Leben/Solidaritätspartnerschaft"].text
    invented = items["https://example.org/erfunden"]
    assert "steht so nicht in der Faktensammlung" in invented.text
    assert invented.file == "content/artikel/lieferungen/2023-09-27-eine-lieferung.md"  # not the translation
    assert items["https://example.org/anders"].line == 11  # a link in the text
    assert len(items) == 4


def test_collect_and_the_report_lines(tmp_path):
    content, facts = make_site(tmp_path)
    items = open_items.collect(content)  # finds ../shared/sources/facts.md next to the project by itself
    assert items[:3] == open_items.markers(content)
    assert len(items) == 3 + 4
    lines = open_items.format_items(items)
    assert lines[0] == "content/artikel/lieferungen/2023-09-27-eine-lieferung.en.md:5: offen: English"
    assert all(": offen: " in line for line in lines)
    os.remove(facts)
    assert open_items.collect(content) == open_items.markers(content)
    assert "Faktensammlung nicht gefunden" in open_items.format_items([], facts_found=False)[-1]


def test_the_command_prints_the_real_sites_open_items():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    completed = subprocess.run(
        [sys.executable, "-m", "content_model.open_items", "content"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert any(line.startswith("content/seiten/impressum.md:") and "Aufsichtsbehörde" in line for line in lines)
    assert any(line.startswith("content/seiten/datenschutz.md:") and "Datenschutzbeauftragten" in line
               for line in lines)
    assert "offene Angaben" in completed.stderr


def test_every_build_ends_with_what_the_city_must_still_supply(real_site):
    items = open_items.collect(str(ROOT / "content"))
    addresses = sum(1 for item in items if item.text.startswith("Link vor dem Start prüfen"))
    assert len(items) - addresses >= 5, "the legal pages wait for the city"
    if os.path.isfile(open_items.default_facts_path(str(ROOT / "content"))):
        checked = f"Adressen vor dem Start zu prüfen: {addresses}"
    else:  # a clone without ../shared/sources (as in CI)
        checked = "Adressen nicht mit der Faktensammlung verglichen (nicht gefunden)"
    assert (f"Offene Angaben für die Stadt: {len(items) - addresses}, {checked} "
            "(die Liste: invoke offen).") in real_site.stdout


def test_without_the_fact_sheet_the_build_does_not_claim_the_addresses_were_checked(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / "seiten" / "impressum.md").write_text(
        (content / "seiten" / "impressum.md").read_text(encoding="utf-8") + "\n<!-- offen: Name bestätigen -->\n",
        encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert ("Offene Angaben für die Stadt: 1, Adressen nicht mit der Faktensammlung verglichen (nicht gefunden) "
            "(die Liste: invoke offen).") in build.stdout
