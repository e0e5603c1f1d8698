"""Every statement of the city's seed text is on the site's "Die Partnerschaft" page, in our own words.

Each sentence of ../shared/sources/seed-hannover-mykolajiw.txt (a copy lives in tests/fixtures/seed.txt, so
the suite runs on a clean clone) is mapped to the phrases that carry its facts on the page. A new or changed
sentence in the seed text that has no mapping fails the first test; a fact missing from the page fails the
second.
"""

import re

import pytest

from conftest import FIXTURES

SEED = (FIXTURES / "seed.txt").read_text(encoding="utf-8")

# (a fragment that identifies the seed sentence, phrases that must be on the page)
STATEMENTS = [
    ("Beschluss über diese Solidaritätspartnerschaft einstimmig", ["Rat der Landeshauptstadt Hannover", "einstimmig beschlossen"]),
    ("bedarfsorientierte Hilfslieferungen", ["Hilfslieferungen", "was vor Ort gebraucht wurde", "Not lindern", "russische Angriffskrieg"]),
    ("nicht von kurzfristiger Dauer", ["von Beginn an", "kurzfristige Hilfe", "freundschaftliche Beziehung", "auf lange Sicht"]),
    ("Es handelt sich dabei um eine Städtekooperation", ["Zusammenarbeit zweier Städte", "gezielt", "Bedarf", "Infrastruktur", "wieder aufzubauen"]),
    ("Seit 2023 sind neben dem Bürgermeister", ["Seit 2023", "Bürgermeister", "Führungskräfte", "Verwaltung des Stadtrats", "städtischer Unternehmen", "Wirtschaft", "nach Hannover"]),
    ("Sie besuchten die Hannover Messe", ["Hannover Messe", "Müllfahrzeuge", "Stadtplanung", "Wasserversorgung", "kommunaler und sozialer Wohnungsbau"]),
    ("Daraus haben sich Kooperationen entwickelt", ["Kooperationen entstanden", "beim Wiederaufbau helfen"]),
    ("Hauptinstrumente sind Fachaustausche", ["Austausch zwischen Fachleuten", "Beratung", "gezielte Anschaffungen"]),
    ("die demokratische Ordnung in Europa zu verteidigen", ["Leben der Menschen in Mykolajiw verbessern", "demokratische Ordnung in Europa zu verteidigen"]),
    ("Teil der gelebten Solidarität", ["gelebte Solidarität", "Beitrag zur Stabilität", "Diplomatie"]),
    ("Ansprechpartner*in innerhalb der Landeshauptstadt Hannover", ["Zuständig in der Stadtverwaltung"]),
    ("ist zentrale*r Ansprechpartner*in", ["Büro für internationale Angelegenheiten im Büro des Oberbürgermeisters", "zentrale Anlaufstelle", "Maßnahmen und Hilfen", "offiziellen Austausch mit Mykolajiw"]),
    ("Kooperationspartner*innen", ["Partnerinnen und Partner in Hannover"]),
    ("arbeitet die Landeshauptstadt Hannover eng zusammen", ["hanova", "enercity", "Industrie- und Handelskammer Hannover", "Leibniz Universität Hannover", "Land Niedersachsen", "Zivilgesellschaft", "Ukrainischen Verein in Niedersachsen", "Hanover Helps", "Internetseiten anderer Anbieter"]),
    ("Sie möchten sich /Du möchtest Dich engagieren?", ["Machen Sie mit"]),
    ("Jedes Engagement und Unterstützung sind willkommen", ["Engagement und Unterstützung ist willkommen", "lebendiger", "weiterzuentwickeln"]),
    ("Unterstützung und Engagement von vielen Seiten", ["großes Gewicht", "drei Jahre Krieg, Zerstörung, Zermürbung und seelische Belastung", "2.000", "an ihrer Seite"]),
    ("Alle, die sich engagieren möchten", ["an das Büro für internationale Angelegenheiten wenden"]),
    ("Wir vernetzen und beraten gerne", ["bringt Menschen und Organisationen zusammen", "berät", "Anregungen", "Fördermöglichkeiten", "gebraucht wird"]),
]

PARTNER_SITES = [
    "https://hanova.de",
    "https://www.enercity.de",
    "https://www.ihk.de/hannover",
    "https://www.uni-hannover.de",
    "https://www.stk.niedersachsen.de",
    "https://uvnev.de",
    "https://hanover-helps.de",
]


def seed_sentences():
    sentences = []
    for line in SEED.replace("e. V.", "e.V.").splitlines():
        sentences += [part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", line) if part.strip()]
    return sentences


def page_text(real_site):
    main = real_site.page("partnerschaft/").find("main")
    return re.sub(r"\s+", " ", main.get_text(" ")).replace("\xa0", " ")


def test_the_copy_of_the_seed_text_is_current():
    """The fixture is a verbatim copy; if ../shared is there (as on a developer's machine), they must agree."""
    shared = FIXTURES.parent.parent.parent / "shared" / "sources" / "seed-hannover-mykolajiw.txt"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == SEED


def test_every_seed_sentence_is_mapped():
    sentences = seed_sentences()
    assert len(sentences) >= 18
    for sentence in sentences:
        matches = [fragment for fragment, _ in STATEMENTS if fragment in sentence]
        assert len(matches) == 1, f"seed sentence without exactly one mapping: {sentence!r}"


@pytest.mark.parametrize(("fragment", "phrases"), STATEMENTS, ids=[fragment[:40] for fragment, _ in STATEMENTS])
def test_each_statement_is_on_the_partnership_page(real_site, fragment, phrases):
    text = page_text(real_site)
    for phrase in phrases:
        assert phrase in text, f"{fragment!r}: {phrase!r} is not on /partnerschaft/"


def test_the_partners_are_linked_to_their_own_sites(real_site):
    hrefs = {link["href"] for link in real_site.page("partnerschaft/").select("main a")}
    for site in PARTNER_SITES:
        assert site in hrefs
