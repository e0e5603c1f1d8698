"""Write docs/inhaltsmodell.md, the editors' reference of every header field, from the content model itself.

The schema in plugins/content_model/schema.py is the single definition; this page is generated from it so the
two cannot drift apart (tests/test_schema_doc.py fails when the committed page is not what this writes).
"""

import os

from sitebuild import site_settings

HEADER = """# Inhaltsmodell: alle Felder im Kopf einer Datei

*Diese Seite wird aus `plugins/content_model/schema.py` erzeugt (`invoke docs`). Bitte nicht von Hand ändern.*

Jede Datei beginnt mit einem Kopf aus Zeilen der Form `Feld: Wert`, dann folgt eine Leerzeile, dann der Text
in Markdown. Listen schreiben Sie mit Kommas in eine Zeile oder je Eintrag in eine eigene Zeile, die mit vier
Leerzeichen eingerückt ist. Groß- und Kleinschreibung der Feldnamen ist egal (`Title` = `title`).

Der Build prüft jedes Feld. Findet er einen Fehler, nennt er Datei, Zeile und Feld, sagt, was falsch ist und
wie es richtig geht, und veröffentlicht nichts.
"""


# The partner files' fields belong to the reusable partner_list plugin (documented there in English); this is
# their German description for editors. tests/test_schema_doc.py checks that no field of the plugin is missing.
PARTNER_FIELD_DOCS = {
    "name": (True, "Voller Name der Organisation; Anführungszeichen und & sind erlaubt", "hanova WOHNEN GmbH"),
    "label": (False, "Kurzer Anzeigename in Listen und Artikeln; ohne Angabe der Name", "hanova"),
    "slug": (False, "Kurzname, mit dem Artikel den Partner nennen; ohne Angabe der Dateiname", "hanova"),
    "kind": (True, "Art der Organisation (siehe Tabelle unten)", "kommunal"),
    "side": (True, "Seite der Partnerschaft (siehe Tabelle unten)", "hannover"),
    "website": (False, "Eigene Internetseite, beginnend mit https://", "https://hanova.de"),
    "logo": (False, "Logo-Datei neben der Partnerdatei; nur mit Nutzungsrecht", "hanova.svg"),
    "logo_alt": (False, "Alternativtext des Logos; Pflicht, wenn es ein Logo gibt", "Logo von hanova"),
    "sources": (False, "Belege für die Angaben in der Beschreibung (wie bei Artikeln)", "https://hanova.de/faq hanova"),
    "lang": (False, "Sprache des Textes; ohne Angabe Deutsch", "de"),
    "status": (False, "`draft`: noch nicht veröffentlichen", "draft"),
}


def _field_table(fields):
    rows = ["| Feld | Pflicht | Typ | Bedeutung | Beispiel |", "|---|---|---|---|---|"]
    for field in fields:
        required = "ja" if field.required else "nein"
        rows.append(
            f"| `{field.name.capitalize()}` | {required} | {field.type.name} | {field.meaning} | "
            f"`{field.name.capitalize()}: {field.example}` |"
        )
    return "\n".join(rows)


def render(root):
    settings = site_settings.load(root)  # also makes the plugins importable
    from content_model import schema

    parts = [HEADER]
    parts.append("## Artikel\n")
    parts.append(
        "Artikel liegen in `content/artikel/<ordner>/` und heißen `JJJJ-MM-TT-thema.md` (oder `JJJJ-MM-thema.md`, "
        "wenn nur der Monat bekannt ist). Es gibt drei Arten; jede hat einen eigenen Ordner und eine eigene "
        "Übersichtsseite:\n"
    )
    parts.append("| Art (`Kind`) | Ordner und Adresse | Übersicht |\n|---|---|---|")
    for kind, spec in settings.ARTICLE_KINDS.items():
        parts.append(f"| `{kind}` | `content/artikel/{spec['folder']}/` → `/{spec['folder']}/` | {spec['label']} |")
    parts.append("\n### Felder aller Artikel\n")
    parts.append(_field_table(schema.ARTICLE_COMMON))
    for kind, fields in schema.KIND_FIELDS.items():
        parts.append(f"\n### Zusätzliche Felder: {settings.ARTICLE_KINDS[kind]['singular']} (`Kind: {kind}`)\n")
        parts.append(_field_table(fields))
    parts.append("\n## Seiten\n")
    parts.append("Seiten liegen in `content/seiten/` und heißen wie ihre Adresse (`kontakt.md` → `/kontakt/`).\n")
    parts.append(_field_table(schema.PAGE_FIELDS))
    parts.append("\n## Partner\n")
    parts.append(
        "Jeder Partner ist eine Datei in `content/partner/`; ihr Name ohne `.md` ist der Kurzname, mit dem Artikel "
        "den Partner in `Partners`, `Donors` und `Parties` nennen (`content/partner/hanova.md` → `hanova`). "
        "Der Text unter dem Kopf ist die Beschreibung. Die Seite `/partner/` und je Partner eine Seite mit allen "
        "Artikeln, an denen er beteiligt war, entstehen daraus; Seiten können mit der Zeile "
        "`<!-- partners side=hannover kind=kommunal,zivilgesellschaft -->` eine Liste der Partner einfügen.\n"
    )
    rows = ["| Feld | Pflicht | Bedeutung | Beispiel |", "|---|---|---|---|"]
    for name, (required, meaning, example) in PARTNER_FIELD_DOCS.items():
        rows.append(f"| `{name.capitalize()}` | {'ja' if required else 'nein'} | {meaning} | "
                    f"`{name.capitalize()}: {example}` |")
    parts.append("\n".join(rows))
    parts.append("\n| Seite (`Side`) | Anzeige |\n|---|---|")
    for key, label in settings.PARTNER_GROUPS.items():
        parts.append(f"| `{key}` | {label} |")
    parts.append("\n| Art (`Kind`) | Anzeige |\n|---|---|")
    for key, label in settings.PARTNER_KINDS.items():
        parts.append(f"| `{key}` | {label} |")
    parts.append("\n## Übersetzungen\n")
    parts.append(
        "Eine Übersetzung liegt neben ihrem deutschen Original und heißt wie dieses, mit dem Sprachkürzel vor "
        "`.md`: `kontakt.md` → `kontakt.uk.md` (Ukrainisch), `kontakt.en.md` (Englisch). Sie enthält nur, was in "
        "ihrer Sprache anders lautet; alles andere (Datum, Art, Partner, Güter, Zeitraum …) übernimmt der Build "
        "aus dem Original. Ohne `Slug` entsteht die Adresse aus dem übersetzten Titel, ukrainische Titel in "
        "amtlicher Transliteration (Миколаїв → mykolaiv). Solange eine Übersetzung fehlt, zeigt die Website in "
        "dieser Sprache das deutsche Original mit einem Hinweis, und der Build nennt die fehlenden Übersetzungen.\n"
    )
    rows = ["| Art | Felder einer Übersetzung |", "|---|---|"]
    for kind_of_content, label in (("article", "Artikel"), ("page", "Seite"), ("other", "Partner")):
        names = ", ".join(f"`{name.capitalize()}`" for name in sorted(schema.TRANSLATABLE_FIELDS[kind_of_content]))
        rows.append(f"| {label} | {names} |")
    parts.append("\n".join(rows))
    parts.append(
        "\n`Items` und `Sources` einer Übersetzung haben dieselben Anzahlen, Einheiten und Adressen in derselben "
        "Reihenfolge wie im Original; übersetzt werden nur die Beschreibungen und Bezeichnungen."
    )
    parts.append("\n## Werte\n")
    types = {}
    for field in schema.ARTICLE_COMMON + schema.PAGE_FIELDS + [f for fs in schema.KIND_FIELDS.values() for f in fs]:
        types.setdefault(field.type.name, field.type.syntax)
    parts.append("| Typ | So schreiben Sie ihn |\n|---|---|")
    for name, syntax in types.items():
        parts.append(f"| {name} | {syntax} |")
    parts.append("\n## Einheiten für `Items`\n")
    parts.append("| Einheit | Anzeige (eins / mehrere) |\n|---|---|")
    for unit, labels in settings.ITEM_UNITS.items():
        parts.append(f"| `{unit}` | {labels['de']['one']} / {labels['de']['other']} |")
    parts.append("")
    return "\n".join(parts)


def write_schema_doc(root):
    path = os.path.join(root, "docs", "inhaltsmodell.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render(root))
    return path
