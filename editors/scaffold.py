"""New content files from the content model (`invoke new …`): the right folder, the right name, every field.

Each field of the kind comes with a note line (`# …`, skipped by the reader) that says what it means, whether it
is required, and gives an example, all taken from plugins/content_model/schema.py, so the files stay in step
with what the build checks. Required fields the editor must fill are left empty: until they are filled,
`invoke check` names them. New files start as drafts, so nothing half-written is published.
"""

import os
import re
from datetime import date

from content_model import schema, translations
from content_model.values import GERMAN_DATE, FieldError, parse_date
from unidecode import unidecode

GERMAN_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
# The reader skips note lines and the web editor drops them on saving: an editor never has to delete one, and a
# file is not finished later because someone forgot to.
NOTES_NOTE = "Zeilen, die mit # beginnen, sind Hinweise; sie erscheinen nirgends und dürfen stehen bleiben."
DRAFT_NOTE = "# Entwurf: wird nicht veröffentlicht. Löschen Sie diese Zeile, wenn der Text fertig ist."
BODY_HINT = schema.BODY_PLACEHOLDER


class ScaffoldError(Exception):
    """What the editor asked for cannot be created; the message says why and what to do."""


def german_slug(title, limit=60):
    """A file name from a German title, like the existing ones: „Müllfahrzeuge für Mykolajiw“ → muellfahrzeuge-…."""
    text = "".join(GERMAN_LETTERS.get(char, char) for char in title)
    text = unidecode(text).lower()  # other letters, Cyrillic too, as their closest Latin ones
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "text"


def _note(field, prefix="#"):
    need = "Pflicht" if field.required else "freiwillig"
    return f"{prefix} {field.name.capitalize()} ({need}): {_plain(field.meaning)}. Beispiel: {field.example}"


def _plain(text):
    return text.replace("`", "")


def _field_lines(fields, values, extra_notes=None):
    """Note and value lines for each field; optional fields without a value stay as a commented example."""
    lines = []
    extra_notes = extra_notes or {}
    for field in fields:
        if field.name == "lang":
            continue  # the file name says the language
        if field.name == "status":
            lines.append(DRAFT_NOTE)
            lines.append("Status: draft")
            continue
        lines.append(_note(field))
        lines.extend(extra_notes.get(field.name, []))
        if field.name in values:
            lines.append(f"{field.name.capitalize()}: {values[field.name]}".rstrip())
        elif field.required:
            lines.append(f"{field.name.capitalize()}:")
        else:
            lines.append(f"# {field.name.capitalize()}: {field.example}")
    return lines


def _units_note(settings):
    units = ", ".join(settings["ITEM_UNITS"])
    return [
        "#   Eine Zeile je Gut: Anzahl, Einheit, Beschreibung; weitere Zeilen um vier Leerzeichen einrücken.",
        "#   „ca. 40 tonnen …“ für ungefähre Angaben, „? generatoren …“ wenn die Quellen keine Zahl nennen.",
        f"#   Einheiten: {units}",
    ]


def _sources_note():
    return ["#   Eine Zeile je Quelle: Adresse, Leerzeichen, Bezeichnung; weitere Zeilen um vier Leerzeichen einrücken."]


def _write(path, text):
    if os.path.exists(path):
        raise ScaffoldError(f"{path} gibt es schon: wählen Sie einen anderen Titel oder bearbeiten Sie die Datei.")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def event_date(text):
    """The date an editor gives with --datum as the content model writes it: 2026-11-17 (also from 17.11.2026),
    or 2026-11 when only the month is known."""
    text = text.strip()
    german = GERMAN_DATE.match(text)
    if german:
        text = f"{german[3]}-{int(german[2]):02d}-{int(german[1]):02d}"
    try:
        return str(parse_date(text))
    except FieldError as error:
        raise ScaffoldError(f"--datum {text}: {error.message} — {error.fix}") from None


def new_article(settings, kind, title, day=None):
    kinds = settings["ARTICLE_KINDS"]
    if kind not in kinds:
        raise ScaffoldError(f"Die Art „{kind}“ gibt es nicht: wählen Sie {', '.join(kinds)}, seite, partner "
                            "oder uebersetzung.")
    if not title.strip():
        raise ScaffoldError("Geben Sie den Titel in Anführungszeichen an, z. B. invoke new lieferung \"Zehn Fahrzeuge\".")
    day = event_date(day) if day else date.today().isoformat()
    folder = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0], kinds[kind]["folder"])
    path = os.path.join(folder, f"{day}-{german_slug(title)}.md")
    values = {"title": title.strip(), "date": day, "kind": kind}
    notes = {"items": _units_note(settings), "sources": _sources_note(),
             "date": ["#   Nennen die Quellen nur den Monat, schreiben Sie JJJJ-MM, z. B. 2022-09."]}
    # The order an editor fills them in: what happened, then the kind's facts, then sources and the rest.
    common = {field.name: field for field in schema.ARTICLE_COMMON}
    fields = ([common[name] for name in ("title", "date", "kind", "summary")] + schema.KIND_FIELDS.get(kind, [])
              + [common[name] for name in ("sources", "source_note", "slug", "status")])
    header = [f"# Neu: {kinds[kind]['singular']}. {NOTES_NOTE}", "# Mehr dazu: docs/redaktionshandbuch.md"]
    lines = header + _field_lines(fields, values, notes)
    return _write(path, "\n".join(lines) + "\n\n" + BODY_HINT + "\n")


def new_page(settings, title):
    path = os.path.join(settings["PATH"], settings["PAGE_PATHS"][0], f"{german_slug(title)}.md")
    header = [f"# Neue Seite. {NOTES_NOTE}"]
    lines = header + _field_lines(schema.PAGE_FIELDS, {"title": title.strip()}, {"sources": _sources_note()})
    return _write(path, "\n".join(lines) + "\n\n" + BODY_HINT + "\n")


def new_partner(settings, name, short_name=None):
    short_name = short_name or german_slug(name, limit=30)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", short_name):
        raise ScaffoldError(f"Der Kurzname „{short_name}“ geht nicht: nur Kleinbuchstaben, Ziffern und Bindestriche, "
                            "z. B. --kurzname hanover-helps.")
    path = os.path.join(settings["PATH"], settings["PARTNER_PATHS"][0], f"{short_name}.md")
    kinds = ", ".join(settings["PARTNER_KINDS"])
    sides = ", ".join(settings["PARTNER_GROUPS"])
    lines = [
        f"# Neuer Partner „{short_name}“: Artikel nennen ihn mit diesem Kurznamen (Partners, Donors, Parties).",
        f"# {NOTES_NOTE}",
        "# Name (Pflicht): voller Name, wie ihn die Organisation selbst schreibt.",
        f"Name: {name.strip()}",
        "# Label (freiwillig): kurzer Name für Listen, z. B. hanova",
        "# Label: ",
        f"# Kind (Pflicht): Art der Organisation, eine von: {kinds}",
        "Kind:",
        f"# Side (Pflicht): Seite der Partnerschaft, eine von: {sides}",
        "Side:",
        "# Website (freiwillig): Internetseite der Organisation, mit https://",
        "# Website: https://",
        "# Sources (Pflicht): Belege für die Angaben über den Partner.",
        *_sources_note(),
        "Sources:",
    ]
    body = "Beschreiben Sie in zwei, drei Sätzen, wer die Organisation ist und was sie in der Partnerschaft tut."
    return _write(path, "\n".join(lines) + "\n\n" + body + "\n")


def new_translation(settings, original, lang):
    languages = [code for code in settings["SITE_LANGUAGES"] if code != settings["ORIGINAL_LANG"]]
    if lang not in languages:
        raise ScaffoldError(f"Die Sprache „{lang}“ gibt es nicht: wählen Sie --sprache {' oder --sprache '.join(languages)}.")
    if not os.path.isfile(original):
        raise ScaffoldError(f"{original} gibt es nicht: geben Sie den Pfad der deutschen Datei an, "
                            "z. B. content/artikel/lieferungen/2022-12-07-zehn-spezialfahrzeuge.md.")
    stem, file_lang = translations.split_language(original)
    if file_lang is not None:
        raise ScaffoldError(f"{original} ist selbst eine Übersetzung: geben Sie die deutsche Datei an.")
    path = f"{stem}.{lang}.md"
    fields = translations.original_header(original)
    with open(original, encoding="utf-8-sig") as handle:
        text = handle.read()
    body = text.split("\n\n", 1)[1].strip() if "\n\n" in text else ""
    is_partner = "name" in fields and "title" not in fields
    translatable = ["name", "label", "sources"] if is_partner else [
        name for name in ("title", "summary", "delegation", "subject", "items", "sources") if name in fields
    ]
    lines = [
        f"# Übersetzung ({lang}) von {os.path.basename(original)}. Übersetzen Sie jedes Feld und den Text.",
        "# Alles andere (Datum, Partner, Zahlen) nimmt der Build aus dem Original.",
        f"# {NOTES_NOTE}",
    ]
    for name in translatable:
        original_lines = fields[name].lines
        if name == "items":
            lines.append("# Items: Anzahl und Einheit bleiben wie im Original; übersetzen Sie nur die Beschreibungen.")
            lines.append(f"Items: {original_lines[0]}")
            lines.extend(f"    {line}" for line in original_lines[1:])
        elif name == "sources":
            lines.append("# Sources (freiwillig): nur, wenn es Quellen in dieser Sprache gibt; sonst gelten die des "
                         "Originals.")
            lines.extend(f"# {'Sources: ' if index == 0 else '    '}{line}" for index, line in enumerate(original_lines))
        elif name == "label":
            continue
        else:
            lines.append(f"# Deutsch: {' '.join(original_lines)}")
            lines.append(f"{name.capitalize()}:")
    lines.append(DRAFT_NOTE)
    lines.append("Status: draft")
    return _write(path, "\n".join(lines) + "\n\n" + body + "\n")
