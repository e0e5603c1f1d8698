"""All activities as open data: JSON and CSV, each described by a JSON Schema, written by the original language's
build into /daten/ (OPEN_DATA_FOLDER). Titles and URLs in every language come from sitebuild's pre-pass
(LANGUAGE_TITLES, LANGUAGE_MAP); everything else from the articles themselves.
"""

import csv
import html
import io
import json
import os

SCHEMA_ID = "aktivitaeten.schema.json"
PARTNER_SCHEMA_ID = "partner.schema.json"

PARTNERS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": PARTNER_SCHEMA_ID,
    "title": "Partner der Solidaritätspartnerschaft Hannover – Mykolajiw (/partners.json)",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "short_name", "kind", "side", "website", "url", "activity_count"],
        "properties": {
            "name": {"type": "string", "description": "Voller Name, wie ihn die Organisation führt"},
            "short_name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                           "description": "Kurzname; so nennen die Aktivitäten ihre Partner"},
            "kind": {"type": "string", "description": "Art der Organisation"},
            "side": {"enum": ["hannover", "mykolajiw"]},
            "website": {"type": ["string", "null"], "format": "uri"},
            "url": {"type": "string", "format": "uri", "description": "Seite des Partners auf dieser Website"},
            "activity_count": {"type": "integer", "minimum": 0},
        },
    },
}

ACTIVITIES_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Aktivitäten der Solidaritätspartnerschaft Hannover – Mykolajiw",
    "description": "Jeder Besuch, jede Lieferung und jede Kooperation, die diese Website dokumentiert.",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "kind", "date", "date_precision", "title", "url", "partners", "sources"],
        "properties": {
            "id": {"type": "string", "description": "Stabiler Schlüssel: Pfad der deutschen Quelldatei ohne .md"},
            "kind": {"enum": ["besuch", "lieferung", "kooperation"]},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
                     "description": "Datum des Ereignisses; JJJJ-MM, wenn die Quellen nur den Monat nennen"},
            "date_precision": {"enum": ["day", "month"]},
            "title": {"$ref": "#/$defs/per_language",
                      "description": "Titel je Sprache; nur Sprachen, in die der Text übersetzt ist (Deutsch immer)"},
            "url": {"$ref": "#/$defs/per_language",
                    "description": "Adresse je Sprache; ohne Übersetzung zeigt sie den deutschen Text"},
            "partners": {"type": "array", "items": {"$ref": "#/$defs/short_name"},
                         "description": "Alle beteiligten Partner (Kurznamen, siehe partners.json)"},
            "donors": {"type": "array", "items": {"$ref": "#/$defs/short_name"}},
            "parties": {"type": "array", "items": {"$ref": "#/$defs/short_name"}},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["unit", "count", "approximate", "description"],
                    "properties": {
                        "unit": {"type": "string"},
                        "count": {"type": ["integer", "null"], "minimum": 1,
                                  "description": "null, wenn die Quellen keine Zahl nennen"},
                        "approximate": {"type": "boolean"},
                        "description": {"type": "string"},
                    },
                },
            },
            "start": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
            "end": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
            "signed": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["url", "label"],
                    "properties": {"url": {"type": "string", "format": "uri"}, "label": {"type": "string"}},
                },
            },
        },
    },
    "$defs": {
        "per_language": {
            "type": "object",
            "required": ["de"],
            "additionalProperties": False,
            "properties": {},  # one string per site language, filled in by activities_schema()
        },
        "short_name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    },
}

def activities_schema(languages, original):
    schema = json.loads(json.dumps(ACTIVITIES_SCHEMA))
    per_language = schema["$defs"]["per_language"]
    per_language["properties"] = {lang: {"type": "string"} for lang in languages}
    per_language["required"] = [original]
    return schema


def csv_columns(languages):
    return (["id", "kind", "date"] + [f"title_{lang}" for lang in languages] + [f"url_{lang}" for lang in languages]
            + ["partners", "items", "sources"])


def _slugs(partners):
    return [getattr(partner, "slug", partner) for partner in partners or []]


def record(article, titles, urls, root):
    key = article.translation_key
    entry = {
        "id": key,
        "kind": article.kind,
        "date": str(article.event_date),
        "date_precision": article.event_date.precision,
        "title": titles.get(key) or {"de": article.title},
        "url": {lang: f"{root}/{path}" for lang, path in urls.get(key, {}).items()},
        "partners": _slugs(getattr(article, "involved_partners", None) or article.partners),
        "sources": [{"url": source.url, "label": html.unescape(source.label)} for source in article.sources],
    }
    if article.kind == "lieferung":
        entry["donors"] = _slugs(article.donors)
        entry["items"] = [
            {"unit": item.unit, "count": item.count, "approximate": item.approximate, "description": item.description}
            for item in getattr(article, "items", None) or []
        ]
    elif article.kind == "besuch":
        entry["start"], entry["end"] = str(article.start), str(article.end)
    elif article.kind == "kooperation":
        entry["parties"] = _slugs(article.parties)
        entry["signed"] = str(article.signed) if article.signed else None
    return entry


def records(articles, settings):
    titles = settings.get("LANGUAGE_TITLES") or {}
    urls = settings.get("LANGUAGE_MAP") or {}
    root = settings.get("MAIN_SITEURL", settings["SITEURL"]).rstrip("/")
    ordered = sorted(articles, key=lambda article: (article.date, article.translation_key), reverse=True)
    return [record(article, titles, urls, root) for article in ordered]


def _safe_json(data):
    # Written as \u003c etc., so that the file is harmless even if someone embeds it in an HTML page.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


# A cell that starts with one of these is read as a formula by spreadsheet programs: a title "=HYPERLINK(…)" would
# be a live link, "@SUM(…)|cmd" worse. As OWASP's "CSV Injection" page recommends, such a cell gets a leading
# apostrophe, which spreadsheets show as text (content/seiten/daten.md says so to the data's users).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell):
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _SpreadsheetSafeWriter:
    def __init__(self, buffer):
        self._writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row):
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def as_csv(entries, languages):
    buffer = io.StringIO()
    writer = _SpreadsheetSafeWriter(buffer)
    writer.writerow(csv_columns(languages))
    for entry in entries:
        items = "; ".join(
            f"{'ca. ' if item['approximate'] else ''}{item['count'] if item['count'] is not None else '?'} {item['unit']}"
            for item in entry.get("items", [])
        )
        writer.writerow(
            [entry["id"], entry["kind"], entry["date"]]
            + [entry["title"].get(lang, "") for lang in languages]
            + [entry["url"].get(lang, "") for lang in languages]
            + [", ".join(entry["partners"]), items, " ".join(source["url"] for source in entry["sources"])]
        )
    return buffer.getvalue()


def write(output_path, folder, entries, languages, original):
    target = os.path.join(output_path, folder)
    os.makedirs(target, exist_ok=True)
    files = {
        "aktivitaeten.json": _safe_json(entries),
        "aktivitaeten.csv": as_csv(entries, languages),
        SCHEMA_ID: _safe_json(activities_schema(languages, original)),
        PARTNER_SCHEMA_ID: _safe_json(PARTNERS_SCHEMA),
    }
    for name, text in files.items():
        with open(os.path.join(target, name), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return sorted(files)
