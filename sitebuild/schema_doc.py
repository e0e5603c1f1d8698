"""Write docs/inhaltsmodell.md, the editors' reference of every header field, from the content model itself.

The schema in plugins/content_model/schema.py is the single definition; this page is generated from it so the
two cannot drift apart (tests/test_schema_doc.py fails when the committed page is not what this writes).
"""

import importlib.util
import os
import sys

HEADER = """# Inhaltsmodell: alle Felder im Kopf einer Datei

*Diese Seite wird aus `plugins/content_model/schema.py` erzeugt (`invoke docs`). Bitte nicht von Hand ändern.*

Jede Datei beginnt mit einem Kopf aus Zeilen der Form `Feld: Wert`, dann folgt eine Leerzeile, dann der Text
in Markdown. Listen schreiben Sie mit Kommas in eine Zeile oder je Eintrag in eine eigene Zeile, die mit vier
Leerzeichen eingerückt ist. Groß- und Kleinschreibung der Feldnamen ist egal (`Title` = `title`).

Der Build prüft jedes Feld. Findet er einen Fehler, nennt er Datei, Zeile und Feld, sagt, was falsch ist und
wie es richtig geht, und veröffentlicht nichts.
"""


def _load_settings(root):
    spec = importlib.util.spec_from_file_location("_pelicanconf_for_docs", os.path.join(root, "pelicanconf.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    sys.path.insert(0, os.path.join(root, "plugins"))
    from content_model import schema

    settings = _load_settings(root)
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
