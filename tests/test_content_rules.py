"""Rules for the content that a program can check (issue 17).

- A unit's label names only what the items were: a label that names several kinds of things ("Laptops und
  Tablets") is used only by deliveries whose own text names each of them.
- Where a partner's translation gives a name, the German name does not appear on that language's site
  (except inside an element marked lang="de").
- A translation of a text with a "Zu den Quellen" note (Source_note) has its own note.
- Leichte Sprache (content/seiten/leichte-sprache.md), rules of the Netzwerk Leichte Sprache that a program
  can check: short sentences, no "nicht"/"kein", no "&", no "man", no subordinate clauses after a comma,
  long compounds from a word list only with a Mediopunkt, and the Mediopunkt only inside nouns.
- The legal pages say in plain words what the city still has to supply, and mark it for the build report.
"""

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, originals
from content_model import open_items

CONTENT = ROOT / "content"
LANGUAGES = ("uk", "en")


def header(path):
    """The header fields of a content file as {name: value} (continuation lines are ignored)."""
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {match[1].lower(): match[2].strip() for match in re.finditer(r"^([A-Za-z_]+):(.*)$", head, re.M)}


def body(path):
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def items(path):
    """(unit, description) of each line of a delivery's Items field."""
    text = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    block = re.search(r"^Items:(.*(?:\n    .*)*)", text, re.M)
    found = []
    for line in block[1].splitlines() if block else []:
        words = line.split()
        if words and words[0] == "ca.":
            words = words[1:]
        if len(words) >= 2:
            found.append((words[1], " ".join(words[2:])))
    return found


# --- Units: a label does not add things the items were not ----------------------------------------------------

CONJUNCTIONS = {"de": r" und | oder ", "uk": r" і | та | або ", "en": r" and | or "}


def things_named(label, lang):
    """The kinds of things a unit label names: "Laptop oder Tablet" → ["laptop", "tablet"]."""
    return [part.strip().lower() for part in re.split(CONJUNCTIONS[lang], label) if part.strip()]


def delivery_files(lang=None):
    folder = CONTENT / "artikel" / "lieferungen"
    for original in originals(folder.glob("*.md")):
        yield original if lang is None else original.with_suffix(f".{lang}.md")


def article_text(path):
    fields = header(path)
    described = " ".join(description for _, description in items(path))
    return " ".join([fields.get("title", ""), fields.get("summary", ""), described, body(path)]).lower()


def test_units_name_only_what_their_deliveries_were():
    import pelicanconf

    checked = 0
    for lang in ("de",) + LANGUAGES:
        for path in delivery_files(None if lang == "de" else lang):
            units = {unit for unit, _ in items(path if lang == "de" else path.with_name(
                path.name.replace(f".{lang}.md", ".md")))}
            text = article_text(path)
            for unit in units:
                things = things_named(pelicanconf.ITEM_UNITS[unit][lang]["one"], lang)
                if len(things) < 2:
                    continue
                checked += 1
                for thing in things:
                    stem = thing[:-1] if lang == "uk" and len(thing) > 5 else thing
                    assert stem in text, (
                        f"{path.relative_to(ROOT)}: the unit „{unit}“ reads "
                        f"„{pelicanconf.ITEM_UNITS[unit][lang]['other']}“, but the article names no {thing}"
                    )
    assert checked, "no unit names several kinds of things: the rule checked nothing"


def test_the_2024_laptops_are_shown_as_laptops_only(real_site):
    page = real_site.page("lieferungen/2024-04-29-laptops-fuer-schulen/")
    delivered = page.select_one("dl.facts").get_text(" ").replace("\xa0", " ")
    assert "50 Laptops" in delivered and "Tablet" not in delivered


# --- Partner names on the Ukrainian and English sites --------------------------------------------------------


def visible_text(path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for element in soup.select('[lang="de"], script, style'):
        element.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" ")).replace("\xa0", " ")


def german_names_to_avoid(lang):
    """{German name: partner} for each partner whose translation into `lang` gives its own name or label.
    A German label (an abbreviation such as "BMZ") counts only where the translation gives its own label;
    a German string that the translated name itself contains ("IHK Hannover" in "… (IHK Hannover)") is kept."""
    avoid = {}
    for original in originals((CONTENT / "partner").glob("*.md")):
        translation = original.with_suffix(f".{lang}.md")
        if not translation.is_file():
            continue
        german, own = header(original), header(translation)
        translated = [own[field] for field in ("name", "label") if field in own]
        candidates = [german["name"]] if translated else []
        if "label" in own and "label" in german:
            candidates.append(german["label"])
        for name in candidates:
            if not any(name in text for text in translated):
                avoid[name] = original.stem
    return avoid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_german_partner_name_where_a_translation_exists(real_site, lang):
    avoid = german_names_to_avoid(lang)
    assert "Feuerwehr Hannover" in avoid, "the fire department's translation gives no name"
    pages = sorted((real_site.output / lang).rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        text = visible_text(path)
        for name, partner in avoid.items():
            assert name not in text, (
                f"{path.relative_to(real_site.output)}: German name „{name}“ of partner {partner} "
                f"(content/partner/{partner}.{lang}.md gives a {lang} name; mark German on purpose with lang=\"de\")"
            )


# --- "Zu den Quellen" ------------------------------------------------------------------------------------------


def test_every_translation_of_a_text_with_a_source_note_has_its_own():
    notes = 0
    for original in originals(CONTENT.rglob("*.md")):
        if "source_note" not in header(original):
            continue
        notes += 1
        for lang in LANGUAGES:
            translation = original.with_suffix(f".{lang}.md")
            assert "source_note" in header(translation), f"{translation.relative_to(ROOT)} has no Source_note"
    assert notes >= 5


def test_the_source_note_is_shown_under_the_sources(real_site):
    page = real_site.page("besuche/2024-12-delegation-stadtplanung/")
    note = page.select_one(".sources .source-note")
    assert note and "Zu den Quellen" in note.get_text() and "2. Dezember" in note.get_text()
    body_text = page.select_one(".article__body").get_text(" ")
    assert "2. Dezember" not in body_text, "the dispute is argued in the body again"


# --- Leichte Sprache -----------------------------------------------------------------------------------------

LEICHTE_SPRACHE = CONTENT / "seiten" / "leichte-sprache.md"
MAX_WORDS = 12
# Long compounds a reader in Leichter Sprache needs split (Netzwerk Leichte Sprache: "Bundes·tag"). Written
# without the Mediopunkt, any form of them fails the test.
COMPOUNDS = [
    "Partnerschaft", "Stadtrat", "Bürgermeister", "Lastwagen", "Geschenkpaket", "Internetseite", "Telefonnummer",
    "Trinkwasser", "Wasserleitung", "Datenschutz", "Barrierefreiheit", "Schlichtungsstelle", "Computerprogramm",
    "Zusammenarbeit", "Hilfsgüter", "Stromgenerator", "Militärverwaltung", "Wohnungsbau", "Stadtplanung",
    "Oberbürgermeister", "Stadtverwaltung", "Rettungswagen", "Müllfahrzeug", "Feuerwehrauto",
]
SUBORDINATE = re.compile(r",\s*(dass|weil|wenn|ob|wie|was|wer|wo|der|die|das|den|dem|deren|dessen|welche\w*)\b")
NEGATION = re.compile(r"\b(nicht|kein\w*|nie|niemand|nichts)\b", re.IGNORECASE)


def leichte_sprache_text():
    """Title, summary and text of the page, with link targets removed (they are addresses, not words)."""
    fields = header(LEICHTE_SPRACHE)
    text = "\n".join([fields["title"], fields["summary"], body(LEICHTE_SPRACHE)])
    text = re.sub(r"\]\([^)]*\)", "]", text)  # [words](target) → [words]
    return text.replace("**", "")


def leichte_sprache_sentences():
    sentences = []
    for line in leichte_sprache_text().splitlines():
        line = re.sub(r"^\s*(#+|-)\s*", "", line).strip()
        sentences += [part.strip() for part in re.split(r"(?<=[.?!:])\s+", line) if part.strip()]
    return sentences


def test_leichte_sprache_sentences_are_short():
    sentences = leichte_sprache_sentences()
    assert len(sentences) > 60
    for sentence in sentences:
        words = re.findall(r"[\w·]+", sentence)
        assert len(words) <= MAX_WORDS, f"{len(words)} words: {sentence}"


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("no avoidable negation", NEGATION),
        ("no &", re.compile("&")),
        ('no "man"', re.compile(r"\bman\b")),
        ("no subordinate clause", SUBORDINATE),
    ],
)
def test_leichte_sprache_rules(rule, pattern):
    for sentence in leichte_sprache_sentences():
        assert not pattern.search(sentence), f"{rule}: {sentence}"


def test_leichte_sprache_splits_long_compounds_and_only_nouns():
    text = leichte_sprache_text()
    for compound in COMPOUNDS:
        assert not re.search(compound, text, re.IGNORECASE), f"„{compound}“ without Mediopunkt"
    split = re.findall(r"[\w]+(?:·[\w]+)+", text)
    assert len(split) >= 10
    for word in split:
        first, *rest = word.split("·")
        assert first[0].isupper(), f"Mediopunkt outside a noun: {word}"
        assert all(part[0].islower() for part in rest), f"after a Mediopunkt the word goes on in lower case: {word}"


def test_leichte_sprache_claims_no_more_than_the_accessibility_statement():
    text = leichte_sprache_text()
    assert "halten uns an die Regeln" not in text
    statement = body(CONTENT / "seiten" / "barrierefreiheit.md")
    assert "teilweise vereinbar" in statement and "nur zum Teil" in text


# --- Legal pages: what the city must supply -------------------------------------------------------------------

VISIBLY_OPEN = {"de": "noch offen", "uk": "ще бракує", "en": "still to be added"}


def test_the_legal_pages_list_what_the_city_must_supply():
    found = open_items.markers(CONTENT)
    by_page = {}
    for item in found:
        by_page.setdefault(item.file, []).append(item.text)
    impressum = " ".join(by_page["content/seiten/impressum.md"])
    for needed in ("E-Mail", "Aufsichtsbehörde", "§ 18 Abs. 2 MStV"):
        assert needed in impressum, needed
    datenschutz = " ".join(by_page["content/seiten/datenschutz.md"])
    for needed in ("Datenschutzbeauftragten", "Hosting", "Speicherdauer", "außerhalb der EU"):
        assert needed in datenschutz, needed
    assert "elektronische Kontaktmöglichkeit" in " ".join(by_page["content/seiten/barrierefreiheit.md"])
    for file in by_page:
        original = ROOT / file
        for lang, words in VISIBLY_OPEN.items():
            path = original if lang == "de" else original.with_suffix(f".{lang}.md")
            assert words in body(path).lower(), f"{path.relative_to(ROOT)} does not say visibly what is open"


def test_the_postal_address_is_the_administrations():
    for page in ("impressum", "kontakt"):
        text = body(CONTENT / "seiten" / f"{page}.md")
        assert "Trammplatz 2, 30159 Hannover" in text
        assert "nennt Ihnen das Büro telefonisch" not in text
