"""The Markdown reader that enforces the content model.

It replaces Pelican's MarkdownReader for `.md` files. For each file it
1. decodes it as UTF-8 (or reports the line with the first byte that is not),
2. splits header and body (header.py), checks every field against the schema (schema.py) and turns values
   into typed ones (values.py),
3. renders the body, checks it (body.py) and sets it typographically for its language (typography.py),
4. hands Pelican the metadata it knows (title, date, category, slug, lang, status, summary) plus the typed
   fields of the content model.

A translation (`kontakt.uk.md`) says only what is said differently in its language (title, summary, …); the
reader takes everything else from its original (`kontakt.md`), so that dates, kinds and partners are written
once. Each language is built as a site of its own (see sitebuild/languages.py); `DEFAULT_LANG` is the language
of the site being built, `ORIGINAL_LANG` the language of the originals.

Every problem goes into the build's problem log; the file is then handed on with harmless placeholder values
so that Pelican raises no follow-up warnings and the build can report all problems at once.
"""

import html
import os

from markdown import Markdown
from pelican.readers import BaseReader
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from . import characters, dry_run, header, problems, schema, state, translations, typography
from .body import BodyChecker
from .images import PhotoLimits
from .rendered import open_cache
from .source_lines import Occurrences, find_line
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


def reserved_slugs(settings, lang):
    """First URL segments that pages must not take, because the site of `lang` uses them already."""
    taken = {kind["slugs"].get(lang, kind["folder"]) for kind in settings["ARTICLE_KINDS"].values()}
    taken.update(settings.get("RESERVED_SLUGS", []))
    taken.update(settings.get("PAGINATION_FOLDERS", {}).values())
    taken.update(folders.get(lang, "") for folders in settings.get("SECTION_FOLDERS", {}).values())
    taken.add(settings.get("PARTNER_FOLDERS", {}).get(lang, ""))
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
    for name in ("nav", "order", "delegation", "start", "end", "signed", "subject", "source_note"):
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
        cache = settings.get("MARKDOWN_CACHE_PATH")
        self._rendered = open_cache(cache, config, settings.get("DEFAULT_LANG", "all")) if cache else None

    # --- entry point called by Pelican ---------------------------------------------------------------------

    def read(self, source_path):
        self.problems = []
        self._inherited = set()
        text = self._decode(source_path)
        if text is None:
            return "", self._placeholder_metadata(source_path, {})
        parsed = header.parse(text)
        self._field_lines = {name: raw.line for name, raw in parsed.fields.items()}
        for problem in parsed.problems:
            self._problem(problem.line, problem.field, problem.message, problem.fix)
        self._check_characters(text, parsed)

        if parsed.problems and not parsed.fields:
            # No header at all: "Pflichtfeld fehlt" for every field would count one mistake many times.
            self._log_problems(source_path)
            return "", self._placeholder_metadata(source_path, {})
        kind_of_content, relative = content_type(source_path, self.settings)
        lang, original = self._language(source_path, parsed)
        if any(problem[1] == "lang" for problem in self.problems):
            # A file in no language of the site claims no address and no version: one mistake, one message.
            self._log_problems(source_path)
            return "", self._placeholder_metadata(source_path, {"lang": lang})
        fields = self._with_original_fields(parsed, original, kind_of_content) if original else parsed.fields
        if kind_of_content == OTHER:
            metadata = self._read_plain(fields, lang)
        else:
            metadata = self._read_fields(fields, kind_of_content, relative, source_path, lang)
        metadata["lang"] = lang
        metadata["translation_key"] = self._claim_version(
            translations.translation_key(original or source_path, self.settings["PATH"]), lang, source_path
        )
        metadata["field_lines"] = self._field_lines
        if kind_of_content == OTHER:
            # Partners and the like keep their short name in every language: it is how content names them.
            own = fields["slug"].lines[0].strip() if "slug" in fields and fields["slug"].lines else ""
            metadata["slug"] = own or os.path.basename(translations.split_language(source_path)[0])
        elif "slug" not in metadata:
            title = parsed.fields["title"].lines[0] if "title" in parsed.fields else ""
            metadata["slug"] = translations.default_slug(source_path, title, lang, kind_of_content == ARTICLE)

        self._check_placeholder(parsed, fields)
        if self._shown_in_other_language(source_path, original):
            # This site shows the translation instead; the original's facts reach it through the translation.
            return "", {"status": "skip", "title": "", "lang": lang}
        content = self._render(parsed.body)
        checker = BodyChecker(source_path, self.settings["PATH"], self.settings["STATIC_PATHS"],
                              PhotoLimits.from_settings(self.settings),
                              self.settings.get("HTML_COMMENT_DIRECTIVES", ()),
                              drafts_published=bool(self.settings.get("DRAFT_SAVE_AS")),
                              page_ids=dry_run.template_ids(self.settings["THEME"]))
        content = checker.check(content)
        problems.report(self.settings).checked_files.extend(checker.images)
        occurrences = Occurrences()
        for problem in checker.problems:
            needle = problem.needle
            line = find_line(text, needle, parsed.body_first_line, occurrences.next(source_path, needle))
            self._problem(line, problem.field, problem.message, problem.fix)
        content = translations.localize_links(content, source_path, self.settings)
        content = typography.educate(content, lang)
        if kind_of_content != OTHER:
            self._check_slug(metadata, kind_of_content, source_path)

        self._log_problems(source_path)
        if self.problems and kind_of_content != OTHER:
            return "", self._placeholder_metadata(source_path, metadata)
        return content, metadata

    # --- languages -----------------------------------------------------------------------------------------

    def _check_placeholder(self, parsed, fields):
        """`invoke new`'s placeholder text is fine in a draft, never in a text about to be published."""
        status = fields["status"].lines[0].strip() if "status" in fields and fields["status"].lines else ""
        first = schema.BODY_PLACEHOLDER.split("\n")[0]
        if status != "draft" and first in parsed.body:
            line = parsed.body_first_line + parsed.body[: parsed.body.index(first)].count("\n")
            self._problem(line, "Text", "Hier steht noch der Platzhaltertext von „invoke new“",
                          "ersetzen Sie ihn durch Ihren Text (oder lassen Sie „Status: draft“ stehen, bis er fertig ist).")

    def _log_problems(self, source_path):
        report = problems.report(self.settings)
        for line, field, message, fix in self.problems:
            report.add_problem(source_path, line, field, message, fix)

    def _claim_version(self, key, lang, source_path):
        """The translation key, unless another file is this text in this language already (reported later)."""
        holders = state.current.versions.setdefault((key, lang), [])
        if source_path not in holders:
            holders.append(source_path)
        # A unique stand-in keeps Pelican from warning about the same clash in its own words.
        return key if holders[0] == source_path else f"{key}#doppelt-{len(holders)}"

    def _language(self, source_path, parsed):
        """The file's language (from its name) and, for a translation, the path of its original."""
        original_lang = self.settings.get("ORIGINAL_LANG", self.settings["DEFAULT_LANG"])
        languages = self.settings.get("SITE_LANGUAGES", [original_lang])
        _, file_lang = translations.split_language(source_path)
        if file_lang is None:
            lang, original = original_lang, None
        elif file_lang != file_lang.lower() and file_lang.lower() in languages:
            name = os.path.basename(source_path)
            self._problem(1, "lang", f"Das Sprachkürzel „{file_lang}“ im Dateinamen ist großgeschrieben",
                          f"benennen Sie die Datei in „{name.replace('.' + file_lang + '.', '.' + file_lang.lower() + '.')}“"
                          " um: Sprachkürzel werden klein geschrieben.")
            lang, original = original_lang, None
        elif file_lang == original_lang or file_lang not in languages:
            name = os.path.basename(source_path)
            fix = (
                f"das Original heißt ohne Sprachkürzel ({name.replace('.' + file_lang, '')})."
                if file_lang == original_lang
                else f"Sprachen dieser Website: {', '.join(languages)}; benennen Sie die Datei entsprechend um."
            )
            self._problem(1, "lang", f"Die Sprache „{file_lang}“ im Dateinamen gibt es hier nicht", fix)
            lang, original = original_lang, None
        else:
            lang, original = file_lang, translations.original_path(source_path)
            if not os.path.isfile(original):
                self._problem(
                    1,
                    "",
                    f"Zu dieser Übersetzung gibt es kein Original {quoted(os.path.basename(original))}",
                    "eine Übersetzung liegt neben ihrem deutschen Original und heißt wie dieses, mit dem "
                    "Sprachkürzel vor .md (kontakt.md → kontakt.uk.md); prüfen Sie den Dateinamen.",
                )
                original = None
        typed = parsed.fields.get("lang")
        if typed and typed.lines[0].strip() != lang:
            self._problem(
                typed.line,
                "lang",
                f"„{typed.lines[0].strip()}“ passt nicht zum Dateinamen (Sprache „{lang}“)",
                "löschen Sie die Zeile: die Sprache ergibt sich aus dem Dateinamen.",
            )
        return lang, original

    def _with_original_fields(self, parsed, original, kind_of_content):
        """The translation's own fields over its original's; fields only an original may have are problems."""
        allowed = schema.TRANSLATABLE_FIELDS[kind_of_content]
        for name, raw in parsed.fields.items():
            if name not in allowed:
                self._problem(
                    raw.line,
                    name,
                    "Dieses Feld steht nur im Original, nicht in einer Übersetzung",
                    f"löschen Sie die Zeile; übersetzbar sind: {', '.join(sorted(f.capitalize() for f in allowed))}.",
                )
        original_fields = translations.original_header(original)
        own_fields = ("slug", "lang") if kind_of_content != OTHER else ("lang",)
        fields = {name: raw for name, raw in original_fields.items() if name not in own_fields}
        # Inherited fields are checked where they are written, in the original; here they only supply values.
        self._inherited = {name for name in fields if name not in parsed.fields}
        for name, raw in parsed.fields.items():
            if name in allowed:
                fields[name] = raw
        self._check_same_as_original(parsed.fields, original_fields)
        return fields

    def _check_same_as_original(self, own, original_fields):
        """Items and sources of a translation may differ from the original only in their words."""

        def counts_and_units(field):
            # "ca. 1000 pakete Beschreibung" → ("ca.", "1000", "pakete"); the description may differ.
            result = []
            for line in field.lines:
                words = line.split()
                if words:
                    approximate = words[0] == "ca."
                    result.append((approximate, *words[int(approximate) : int(approximate) + 2]))
            return result

        def urls(field):
            return [line.split()[0] for line in field.lines if line.strip()]

        if "items" in own and "items" in original_fields:
            if counts_and_units(own["items"]) != counts_and_units(original_fields["items"]):
                self._problem(
                    own["items"].line,
                    "items",
                    "Anzahlen und Einheiten weichen vom Original ab",
                    "übernehmen Sie Anzahl und Einheit jeder Zeile unverändert und übersetzen Sie nur die Beschreibung.",
                )
        if "sources" in own and "sources" in original_fields:
            if urls(own["sources"]) != urls(original_fields["sources"]):
                self._problem(
                    own["sources"].line,
                    "sources",
                    "Die Adressen der Quellen weichen vom Original ab",
                    "übernehmen Sie alle Adressen des Originals in derselben Reihenfolge; übersetzen Sie nur "
                    "die Bezeichnungen.",
                )

    def _shown_in_other_language(self, source_path, original):
        """An original whose translation this site shows: Pelican skips it, so each text has one version here."""
        site_lang = self.settings["DEFAULT_LANG"]
        if original or site_lang == self.settings.get("ORIGINAL_LANG", site_lang):
            return False
        return translations.published_translation(source_path, site_lang) is not None

    # --- steps ---------------------------------------------------------------------------------------------

    def _problem(self, line, field, message, fix):
        self.problems.append((line, field, message, fix))

    def _check_characters(self, text, parsed):
        """Control and direction characters, one problem per line that has them (characters.py)."""
        for line, column, names in characters.problems(text):
            field = next((name for name, raw in parsed.fields.items()
                          if raw.line <= line < raw.line + max(len(raw.lines), 1)), "")
            if not field and line >= parsed.body_first_line:
                field = "Text"
            self._problem(
                line, field,
                f"Die Zeile enthält unsichtbare Zeichen, die nicht erlaubt sind ({', '.join(names)}, ab Spalte "
                f"{column})",
                "löschen Sie sie: tippen Sie die Stelle neu oder fügen Sie den Text ohne Formatierung ein "
                "(z. B. mit Strg+Umschalt+V).")

    def _decode(self, source_path):
        with open(source_path, "rb") as handle:
            data = handle.read()
        try:
            return characters.normalized(header.normalized_lines(data.decode("utf-8-sig")))
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self._problem(
                line,
                "",
                "Die Datei ist nicht in UTF-8 gespeichert (Umlaute und kyrillische Buchstaben gehen sonst verloren)",
                "speichern Sie sie im Editor mit der Kodierung „UTF-8“.",
            )
            problems.add(self.settings, source_path, *self.problems[-1])
            return None

    def _render(self, body):
        if not body.strip():
            return ""
        # One Markdown instance per reader, reset between files: building it costs more than converting a text.
        html = self._rendered.get(body) if self._rendered else None
        if html is None:
            if self._markdown is None:
                self._markdown = Markdown(**self._markdown_config)
            html = self._markdown.reset().convert(body)
            if self._rendered:
                self._rendered.put(body, html)
        return html

    def _read_plain(self, fields, lang):
        """Fields of files outside articles and pages (e.g. partners), checked by the plugin that owns them.

        Values are strings (one line) or lists (several lines), as Pelican's own reader gives them; only
        `sources`, which means the same everywhere on this site, is checked and typed here.
        """
        metadata = {}
        for name, raw in fields.items():
            values = [characters.plain_spaces(line) for line in raw.lines if line.strip()] or [""]
            if lang == "uk":
                values = [typography.ukrainian_apostrophes(value) for value in values]
            metadata[name] = values[0].strip() if len(values) == 1 else [value.strip() for value in values]
        if "sources" in fields:
            raw = fields["sources"]
            try:
                sources = schema.SOURCES.type.parse(raw.lines, self.settings)
                metadata["sources"] = [Source(source.url, typography.educate_text(source.label, lang))
                                       for source in sources]
            except FieldError as error:
                self._problem(raw.line + error.line_offset, "sources", error.message, error.fix)
                metadata["sources"] = []
        return metadata

    def _read_fields(self, raw_fields, kind_of_content, relative, source_path, lang):
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
                if field.required and not self._inherited:
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
                fix = error.fix
                if error.empty and field.required:
                    # Deleting the line of a required field would only lead to the next message.
                    fix = f"tragen Sie einen Wert ein (Pflichtfeld), z. B. „{field.name.capitalize()}: {field.example}“."
                if field.name not in self._inherited:
                    self._problem(raw.line + error.line_offset, field.name, error.message, fix)

        for name, raw in raw_fields.items():
            if any(field.name == name for field in fields) or name in self._inherited:
                continue
            if name in known_names and kind is None:
                continue  # the kind is missing or unknown (reported): which fields belong to it cannot be said
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

        if kind_of_content == ARTICLE and not self._inherited:
            self._check_article(values, relative, raw_fields)
        values["lang"] = lang
        return self._pelican_metadata(values, kind_of_content, source_path)

    def _check_article(self, values, relative, raw_fields):
        kinds = self.settings["ARTICLE_KINDS"]
        folder = relative.split("/")[0] if "/" in relative else ""
        self._check_file_name_date(values.get("date"), relative, raw_fields)
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

    def _check_file_name_date(self, date, relative, raw_fields):
        """An article's file name starts with its date (JJJJ-MM-TT-…): the URL shows it, so it must be Date's."""
        name = os.path.basename(relative)
        written = translations.DATE_PREFIX.match(name)
        if date is None or not written or written.group(1) == str(date):
            return
        renamed = f"{date}-{name[len(written.group(0)):]}"
        self._problem(
            raw_fields["date"].line,
            "date",
            f"Das Datum im Dateinamen ({written.group(1)}) ist ein anderes als im Feld „Date“ ({date})",
            f"korrigieren Sie eines von beiden; stimmt „Date“, benennen Sie die Datei in „{renamed}“ um "
            "(der Dateiname ist die Adresse des Artikels).",
        )

    def _check_slug(self, metadata, kind_of_content, source_path):
        slug = metadata.get("slug")
        if "slug" not in self._field_lines:
            basename = os.path.basename(translations.split_language(source_path)[0])
            if not SLUG_PATTERN.match(basename):
                self._problem(
                    1,
                    "",
                    f"Der Dateiname {quoted(basename)} ergibt keine saubere Adresse",
                    "benennen Sie die Datei um: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, "
                    "z. B. 2022-12-07-zehn-spezialfahrzeuge.md.",
                )
                return
        slug_line = self._field_lines.get("slug", 1)
        lang = metadata["lang"]
        if kind_of_content == PAGE and slug in reserved_slugs(self.settings, lang):
            self._problem(
                slug_line,
                "slug",
                f"Die Adresse /{slug}/ ist schon vergeben (Übersicht, Bilder oder Sprache)",
                "wählen Sie einen anderen Dateinamen oder ein anderes „Slug“.",
            )
        key = (kind_of_content, lang, slug)
        holders = state.current.slugs.setdefault(key, [])
        holders.append((source_path, slug_line))
        if len(holders) > 1:
            # Reported for every holder once all files are read (plugin.py); a unique stand-in keeps Pelican
            # from warning about the same clash in its own words.
            metadata["slug"] = f"{slug}-doppelt-{len(holders)}"

    # --- what Pelican gets ---------------------------------------------------------------------------------

    def _pelican_metadata(self, values, kind_of_content, source_path):
        lang = values["lang"]
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
                metadata["category"] = self._category(kind)
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
            metadata.setdefault("kind", next(iter(self.settings["ARTICLE_KINDS"])))
            metadata.setdefault("category", self._category(metadata["kind"]))
        metadata.setdefault("lang", self.settings.get("ORIGINAL_LANG", self.settings["DEFAULT_LANG"]))
        # A key of its own: Pelican must not take a broken file for a version of another text.
        metadata["translation_key"] = f"{translations.translation_key(source_path, self.settings['PATH'])}#fehlerhaft"
        metadata["has_problems"] = True
        _set_defaults(metadata)
        return metadata

    def _category(self, kind):
        """The kind's category on the site being built: German label (a msgid for templates), local URL slug."""
        spec = self.settings["ARTICLE_KINDS"][kind]
        category = Category(spec["label"], self.settings)
        category.slug = spec["slugs"].get(self.settings["DEFAULT_LANG"], spec["folder"])
        return category
