"""Generate a synthetic site of N valid articles, for benchmarks (bench/build_time.py).

The articles follow the content model (so our build accepts them) and look like real ones: German text with
quotes, dashes and ellipses for the typography step, a subheading, a list, links to other articles and to a
page. Bare Pelican reads the same files; it ignores the fields it does not know.
"""

import random
from pathlib import Path

KINDS = [("besuch", "besuche"), ("lieferung", "lieferungen"), ("kooperation", "kooperationen")]
WORDS = (
    "Hannover Mykolajiw Partnerschaft Delegation Lieferung Stadt Verwaltung Wiederaufbau Wasserversorgung "
    "Fahrzeuge Schulen Unterstützung Austausch Beratung Energie Wohnungsbau Hilfsgüter Kooperation Rathaus "
    "Unternehmen Fachleute Vereinbarung Besuch Generatoren Zusammenarbeit Solidarität Bürgermeister"
).split()


def _sentence(rng):
    words = [rng.choice(WORDS).lower() if i else rng.choice(WORDS) for i in range(rng.randint(8, 16))]
    if rng.random() < 0.3:
        words[2] = f'"{words[2]}"'
    if rng.random() < 0.2:
        words[4] = f"{words[4]} -"
    return " ".join(words) + rng.choice([".", ".", "...", "!"])


def _paragraph(rng, sentences=5):
    return " ".join(_sentence(rng) for _ in range(sentences))


def article(rng, number, day, kind, folder, names, partners):
    date = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
    fields = [
        f"Title: {rng.choice(WORDS)} und {rng.choice(WORDS)} – Bericht {number}",
        f"Date: {date}",
        f"Kind: {kind}",
        f"Summary: {_sentence(rng)}",
    ]
    if kind == "besuch":
        fields += [f"Partners: {', '.join(rng.sample(partners, 2))}", "Delegation: Eine Delegation aus Mykolajiw",
                   f"Start: {date}", f"End: {date}"]
    elif kind == "lieferung":
        fields += [f"Items: {rng.randint(1, 40)} fahrzeuge Fahrzeuge\n    ? generatoren",
                   f"Donors: {rng.choice(partners)}"]
    else:
        fields += [f"Parties: {partners[0]}, {partners[1]}", f"Signed: {date}", "Subject: Zusammenarbeit"]
    fields.append(f"Sources: https://example.org/quelle/{number} Beispielquelle {number}")
    other_kind, other_folder = KINDS[(number + 1) % 3]
    other = names[other_folder][number % len(names[other_folder])]
    body = [
        _paragraph(rng),
        "## Hintergrund",
        _paragraph(rng, 4),
        "- " + _sentence(rng) + "\n- " + _sentence(rng) + "\n- " + _sentence(rng),
        f"Mehr dazu im Bericht [{other}]({{filename}}../{other_folder}/{other}.md) und auf der Seite "
        "[Über uns]({filename}/seiten/ueber.md).",
        _paragraph(rng, 3),
    ]
    return "\n".join(fields) + "\n\n" + "\n\n".join(body) + "\n"


def write_partners(content, count, rng):
    """`count` partner files, alternating sides, so that every cooperation can name one party per side."""
    kinds = ["stadt", "kommunal", "kammer", "wissenschaft", "zivilgesellschaft"]
    slugs = []
    for number in range(count):
        slug = f"partner-{number:03d}"
        side = "hannover" if number % 2 == 0 else "mykolajiw"
        path = content / "partner" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Name: Partnerorganisation {number}\nKind: {kinds[number % len(kinds)]}\nSide: {side}\n"
            f"Website: https://partner-{number}.example\n\n{_paragraph(rng, 2)}\n",
            encoding="utf-8",
        )
        slugs.append(slug)
    return slugs


UK_WORDS = "місто партнерство делегація поставка допомога відбудова вода школа генератор співпраця".split()
EN_WORDS = "city partnership delegation delivery aid rebuilding water school generator cooperation".split()


def translation(rng, number, words, kind):
    title = f"{rng.choice(words).capitalize()} {rng.choice(words)} {number}"
    fields = [f"Title: {title}", f"Summary: {' '.join(rng.choice(words) for _ in range(12))}."]
    if kind == "besuch":
        fields.append(f"Delegation: {' '.join(rng.choice(words) for _ in range(4))}")
    elif kind == "kooperation":
        fields.append(f"Subject: {' '.join(rng.choice(words) for _ in range(4))}")
    body = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(4))
    return "\n".join(fields) + "\n\n" + body + "\n"


def generate(destination, count, seed=2022, partner_count=50, translations=()):
    """Write `count` articles, `partner_count` partners and one page under `destination`/content; with
    `translations` (e.g. ("uk", "en")), every article also gets a translation into each of those languages."""
    rng = random.Random(seed)
    content = Path(destination) / "content"
    partners = write_partners(content, partner_count, rng)
    names = {folder: [] for _, folder in KINDS}
    plan = []
    for number in range(count):
        kind, folder = KINDS[number % 3]
        day = number // 3
        name = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}-bericht-{number:05d}"
        names[folder].append(name)
        plan.append((number, day, kind, folder, name))
    for number, day, kind, folder, name in plan:
        path = content / "artikel" / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(rng, number, day, kind, folder, names, partners), encoding="utf-8")
        for lang in translations:
            words = UK_WORDS if lang == "uk" else EN_WORDS
            path.with_suffix(f".{lang}.md").write_text(translation(rng, number, words, kind), encoding="utf-8")
    page = content / "seiten" / "ueber.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("Title: Über uns\nNav: main\nOrder: 1\n\n" + _paragraph(rng) + "\n", encoding="utf-8")
    return content
