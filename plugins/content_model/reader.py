"""The Markdown reader that enforces the content model.

It replaces Pelican's MarkdownReader for `.md` files. For each file it
1. decodes it as UTF-8 (or reports the line with the first byte that is not),
2. splits header and body (header.py), checks every field against the schema (schema.py) and turns values
   into typed ones (values.py),
3. renders the body, checks it (body.py) and sets it typographically for its language (typography.py),
4. hands Pelican the metadata it knows (title, date, category, slug, lang, status, summary) plus the typed
   fields of the content model.

Every problem goes into the build's problem log; the file is then handed on with harmless placeholder values
so that Pelican raises no follow-up warnings and the build can report all problems at once.
"""

import html
import os

from markdown import Markdown
from pelican.readers import BaseReader
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from . import header, schema, state, typography
from .body import BodyChecker
from .values import SLUG_PATTERN, FieldError, PartialDate, Source, quoted, suggest

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
# Folders whose Markdown files are not articles or pages (e.g. partners) are read without the article
# schema; the plugin that owns them checks their fields.
ARTICLE, PAGE, OTHER = "article", "page", "other"


def content_type(source_path, settings):
    relative = os.path.relpath(source_path, settings["PATH"]).replace(os.sep, "/")
    for kind, setting in ((ARTICLE, "ARTICLE_PATHS"), (PAGE, "PAGE_PATHS")):
        for folder in settings[setting]:
            if relative == folder or relative.startswith(folder.rstrip("/") + "/"):
                return kind, relative[len(folder.rstrip("/")) + 1 :]
    return OTHER, relative


def reserved_slugs(settings):
    """First URL segments that pages must not take, because the site uses them already."""
    taken = {kind["folder"] for kind in settings["ARTICLE_KINDS"].values()}
    taken.update({"theme", "feeds", "entwuerfe", "seite"})
    taken.update(path.split("/")[0] for path in settings["STATIC_PATHS"])
    taken.update(settings.get("SITE_LANGUAGES", []))
    for setting in ("PARTNERS_INDEX_URL", "PARTNERS_JSON_SAVE_AS"):
        if settings.get(setting):
            taken.add(settings[setting].strip("/").split("/")[0])
    return taken


def _set_defaults(metadata):
    """Optional fields are always present, so templates need no `is defined` tests."""
    for name in schema.PARTNER_FIELDS + ("sources", "items"):
        metadata.setdefault(name, [])
    for name in ("nav", "order", "delegation", "start", "end", "signed", "subject"):
        metadata.setdefault(name, None)


class ContentModelReader(BaseReader):
    enabled = True
    file_extensions = list(MARKDOWN_EXTENSIONS)

    def __init__(self, settings):
        super().__init__(settings)
        config = dict(settings["MARKDOWN"])
        extensions = list(config.get("extensions", []))
        extensions += [name for name in config.get("extension_configs", {}) if name not in extensions]
        # The header is parsed by header.py; the `meta` extension would swallow body lines that look like fields.
        config["extensions"] = [name for name in extensions if name != "markdown.extensions.meta"]
        self._markdown_config = config
        self._markdown = None

    # --- entry point called by Pelican ---------------------------------------------------------------------

    def read(self, source_path):
        self.problems = []
        text = self._decode(source_path)
        if text is None:
            return "", self._placeholder_metadata(source_path, {})
        parsed = header.parse(text)
        self._field_lines = {name: raw.line for name, raw in parsed.fields.items()}
        for problem in parsed.problems:
            self._problem(problem.line, problem.field, problem.message, problem.fix)

        kind_of_content, relative = content_type(source_path, self.settings)
        if kind_of_content == OTHER:
            metadata = self._read_plain(parsed)
        else:
            metadata = self._read_fields(parsed, kind_of_content, relative, source_path)

        metadata["field_lines"] = self._field_lines
        lang = metadata.get("lang") or self.settings["DEFAULT_LANG"]
        content = self._render(parsed.body)
        checker = BodyChecker(source_path, self.settings["PATH"], self.settings["STATIC_PATHS"])
        content = checker.check(content)
        for problem in checker.problems:
            self._problem(self._find_line(text, problem.needle, parsed), problem.field, problem.message, problem.fix)
        if kind_of_content != OTHER:
            self._check_slug(metadata, kind_of_content, source_path)
        content = typography.educate(content, lang)

        log = state.current.problems
        for line, field, message, fix in self.problems:
            log.add(source_path, line, field, message, fix)
        if self.problems and kind_of_content != OTHER:
            return "", self._placeholder_metadata(source_path, metadata)
        return content, metadata

    # --- steps ---------------------------------------------------------------------------------------------

    def _problem(self, line, field, message, fix):
        self.problems.append((line, field, message, fix))

    def _decode(self, source_path):
        with open(source_path, "rb") as handle:
            data = handle.read()
        try:
            return data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self._problem(
                line,
                "",
                "Die Datei ist nicht in UTF-8 gespeichert (Umlaute und kyrillische Buchstaben gehen sonst verloren)",
                "speichern Sie sie im Editor mit der Kodierung „UTF-8“.",
            )
            state.current.problems.add(source_path, *self.problems[-1])
            return None

    def _render(self, body):
        if not body.strip():
            return ""
        # One Markdown instance per reader, reset between files: building it costs more than converting a text.
        if self._markdown is None:
            self._markdown = Markdown(**self._markdown_config)
        return self._markdown.reset().convert(body)

    def _read_plain(self, parsed):
        """Fields of files outside articles and pages (e.g. partners), checked by the plugin that owns them.

        Values are strings (one line) or lists (several lines), as Pelican's own reader gives them; only
        `sources`, which means the same everywhere on this site, is checked and typed here.
        """
        metadata = {}
        for name, raw in parsed.fields.items():
            values = [line for line in raw.lines if line.strip()] or [""]
            metadata[name] = values[0].strip() if len(values) == 1 else [value.strip() for value in values]
        if "sources" in parsed.fields:
            raw = parsed.fields["sources"]
            try:
                sources = schema.SOURCES.type.parse(raw.lines, self.settings)
                lang = metadata.get("lang") or self.settings["DEFAULT_LANG"]
                metadata["sources"] = [Source(source.url, typography.educate_text(source.label, lang))
                                       for source in sources]
            except FieldError as error:
                self._problem(raw.line + error.line_offset, "sources", error.message, error.fix)
                metadata["sources"] = []
        return metadata

    def _read_fields(self, parsed, kind_of_content, relative, source_path):
        raw_fields = parsed.fields
        kind = None
        if kind_of_content == ARTICLE:
            kind_raw = raw_fields.get("kind")
            kinds = self.settings["ARTICLE_KINDS"]
            if kind_raw and kind_raw.lines[0].strip() in kinds:
                kind = kind_raw.lines[0].strip()
            fields = schema.article_fields(kind)
            known_names = schema.all_article_field_names()
        else:
            fields = schema.PAGE_FIELDS
            known_names = {field.name for field in fields}

        values = {}
        for field in fields:
            raw = raw_fields.get(field.name)
            if raw is None:
                values[field.name] = None
                if field.required:
                    self._problem(
                        1,
                        field.name,
                        "Das Pflichtfeld fehlt",
                        f"ergänzen Sie im Kopf eine Zeile „{field.name.capitalize()}: …“ ({field.type.syntax}), "
                        f"z. B. „{field.name.capitalize()}: {field.example}“.",
                    )
                continue
            try:
                values[field.name] = field.type.parse(raw.lines, self.settings)
            except FieldError as error:
                values[field.name] = None
                self._problem(raw.line + error.line_offset, field.name, error.message, error.fix)

        for name, raw in raw_fields.items():
            if any(field.name == name for field in fields):
                continue
            if name in known_names:
                self._problem(
                    raw.line,
                    name,
                    f"Dieses Feld gibt es nur bei anderen Arten von Artikeln, nicht bei {quoted(kind)}",
                    "löschen Sie die Zeile oder prüfen Sie das Feld „Kind“.",
                )
                continue
            close = suggest(name, [field.name for field in fields])
            hint = f"meinten Sie „{close[0].capitalize()}“? " if close else ""
            self._problem(
                raw.line,
                name,
                "Dieses Feld ist unbekannt",
                f"{hint}Erlaubte Felder: {', '.join(field.name.capitalize() for field in fields)}.",
            )

        if kind_of_content == ARTICLE:
            self._check_article(values, relative, raw_fields)
        return self._pelican_metadata(values, kind_of_content, source_path)

    def _check_article(self, values, relative, raw_fields):
        kinds = self.settings["ARTICLE_KINDS"]
        folder = relative.split("/")[0] if "/" in relative else ""
        kind = values.get("kind")
        expected = {spec["folder"]: name for name, spec in kinds.items()}
        if kind and folder != kinds[kind]["folder"]:
            where = f"im Ordner „{folder}“" if folder in expected else "in keinem der Ordner für Artikel"
            self._problem(
                raw_fields["kind"].line,
                "kind",
                f"Die Datei liegt {where}, ist aber ein Artikel der Art {quoted(kind)}",
                f"verschieben Sie sie nach content/artikel/{kinds[kind]['folder']}/ oder korrigieren Sie „Kind“.",
            )
        start, end = values.get("start"), values.get("end")
        if start and end and end.as_date() < start.as_date() or (
            start and end and start.precision == end.precision == "month" and (end.year, end.month) < (start.year, start.month)
        ):
            self._problem(
                raw_fields["end"].line,
                "end",
                f"Der Besuch endet ({end}) vor seinem Beginn ({start})",
                "prüfen Sie die Felder „Start“ und „End“.",
            )

    def _check_slug(self, metadata, kind_of_content, source_path):
        slug = metadata.get("slug")
        if slug is None:
            basename = os.path.splitext(os.path.basename(source_path))[0]
            if not SLUG_PATTERN.match(basename):
                self._problem(
                    1,
                    "",
                    f"Der Dateiname {quoted(basename)} ergibt keine saubere Adresse",
                    "benennen Sie die Datei um: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, "
                    "z. B. 2022-12-07-zehn-spezialfahrzeuge.md.",
                )
                return
            slug = basename
        slug_line = self._field_lines.get("slug", 1)
        if kind_of_content == PAGE and slug in reserved_slugs(self.settings):
            self._problem(
                slug_line,
                "slug",
                f"Die Adresse /{slug}/ ist schon vergeben (Übersicht, Bilder oder Sprache)",
                "wählen Sie einen anderen Dateinamen oder ein anderes „Slug“.",
            )
        key = (kind_of_content, metadata.get("lang") or self.settings["DEFAULT_LANG"], slug)
        holders = state.current.slugs.setdefault(key, [])
        holders.append((source_path, slug_line))
        if len(holders) > 1:
            # Reported for every holder once all files are read (plugin.py); a unique stand-in keeps Pelican
            # from warning about the same clash in its own words.
            metadata["slug"] = f"{slug}-doppelt-{len(holders)}"

    # --- what Pelican gets ---------------------------------------------------------------------------------

    def _pelican_metadata(self, values, kind_of_content, source_path):
        lang = values.get("lang") or self.settings["DEFAULT_LANG"]
        metadata = {}
        for name, value in values.items():
            if value is None:
                continue
            if name in schema.TEXT_FIELDS:
                value = typography.educate_text(value, lang)
            metadata[name] = value
        for name in ("items",):
            if values.get(name):
                metadata[name] = [
                    item.__class__(
                        item.count,
                        item.approximate,
                        item.unit,
                        typography.educate_text(item.description, lang),
                    )
                    for item in values[name]
                ]
        if values.get("sources"):
            metadata["sources"] = [
                source.__class__(source.url, typography.educate_text(source.label, lang))
                for source in values["sources"]
            ]
        _set_defaults(metadata)
        if kind_of_content == ARTICLE:
            event_date = values.get("date")
            if event_date:
                metadata["event_date"] = event_date
                metadata["date"] = SafeDatetime(event_date.year, event_date.month, event_date.day or 1)
            kind = values.get("kind")
            if kind:
                metadata["category"] = Category(self.settings["ARTICLE_KINDS"][kind]["label"], self.settings)
        metadata["content_type"] = kind_of_content
        return metadata

    def _placeholder_metadata(self, source_path, metadata):
        """Valid stand-in values for a file with problems: the build stops before anything is written."""
        metadata = dict(metadata)
        basename = os.path.splitext(os.path.basename(source_path))[0]
        metadata.setdefault("title", html.escape(basename))
        metadata.setdefault("date", SafeDatetime(1970, 1, 1))
        metadata.setdefault("event_date", PartialDate(1970, 1, 1))
        metadata["slug"] = f"fehlerhaft-{abs(hash(source_path))}"
        metadata.setdefault("content_type", content_type(source_path, self.settings)[0])
        if metadata["content_type"] == ARTICLE:
            first_kind, spec = next(iter(self.settings["ARTICLE_KINDS"].items()))
            metadata.setdefault("kind", first_kind)
            metadata.setdefault("category", Category(spec["label"], self.settings))
        metadata["has_problems"] = True
        _set_defaults(metadata)
        return metadata

    def _find_line(self, text, needle, parsed):
        """Best guess at the line of `needle` (a string or a regular expression) in the body of the source."""
        body_start = len("\n".join(text.split("\n")[: parsed.body_first_line - 1]))
        if isinstance(needle, str):
            index = text.find(needle, body_start) if needle else -1
        else:
            match = needle.search(text, body_start)
            index = match.start() if match else -1
        if index >= 0:
            return text.count("\n", 0, index) + 1
        return parsed.body_first_line
