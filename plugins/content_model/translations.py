"""How translations are found, keyed and addressed.

A translation lies next to its original and carries the language before `.md`: `kontakt.md` (German, the
original) → `kontakt.uk.md`, `kontakt.en.md`. Its key is the original's path without extension
(`seiten/kontakt`); all versions of one text share it. Its URL slug is the `Slug:` field or, by default, made
from its title — for Ukrainian by the official transliteration (KMU resolution no. 55 of 2010, as implemented
by `translitua`: Миколаїв → Mykolaiv), keeping the date prefix of the original's file name for articles.

These functions are used both by the reader and by sitebuild/languages.py, which maps every text to its URL in
every language before the languages are built, so that each site can link to the others.
"""

import os
import re
from functools import lru_cache

from translitua import UkrainianKMU, translit

from . import header

# Any two or three letters: a language code in capitals (kontakt.UK.md) is found too, and refused by the reader.
LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3})$")
DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)-")
SLUG_WORDS = 6
# Words a slug should not end on when its title is cut short ("…-40-tonnes-of").
TRAILING_WORDS = {
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with",
    "der", "die", "das", "und", "fuer", "von", "mit", "im", "in", "zum", "zur",
    "i", "y", "v", "u", "z", "iz", "ta", "na", "do", "dlia", "pro", "vid", "za", "po",
}


def split_language(source_path):
    """("…/kontakt", "uk") for "…/kontakt.uk.md"; ("…/kontakt", None) for the original "…/kontakt.md"."""
    base, _ = os.path.splitext(source_path)
    match = LANGUAGE_SUFFIX.match(os.path.basename(base))
    if match:
        return os.path.join(os.path.dirname(base), match["stem"]), match["lang"]
    return base, None


def translation_key(source_path, content_root):
    stem, _ = split_language(source_path)
    return os.path.relpath(stem, content_root).replace(os.sep, "/")


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


def original_path(source_path):
    """The original of a translation: same name without the language, as .md or another Markdown suffix."""
    stem, _ = split_language(source_path)
    for suffix in (os.path.splitext(source_path)[1],) + MARKDOWN_SUFFIXES:
        if os.path.isfile(stem + suffix):
            return stem + suffix
    return stem + ".md"


def translation_path(original, lang):
    base, extension = os.path.splitext(original)
    return f"{base}.{lang}{extension}"


def is_draft(path):
    """A file whose header says `Status: draft`: it is checked and previewed, but not published yet."""
    fields = original_header(path)
    return "status" in fields and bool(fields["status"].lines) and fields["status"].lines[0].strip() == "draft"


def published_translation(original, lang):
    """The translation of `original` into `lang` that a site shows, or None: a draft translation does not count
    yet, so the site keeps showing the original until the translation is finished."""
    path = translation_path(original, lang)
    return path if os.path.isfile(path) and not is_draft(path) else None


def text_slug(text, lang, words=SLUG_WORDS):
    """A URL slug from a title: Latin letters (Ukrainian transliterated officially), digits and hyphens."""
    if lang == "uk":
        text = translit(text, UkrainianKMU)
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    parts = [part for part in re.split(r"[^a-z0-9]+", text) if part][:words]
    while len(parts) > 1 and parts[-1] in TRAILING_WORDS:
        parts.pop()
    return "-".join(parts)


def default_slug(source_path, title, lang, is_article):
    """The slug of a file without a `Slug:` field: originals use their file name, translations their title."""
    stem, file_lang = split_language(source_path)
    basename = os.path.basename(stem)
    if file_lang is None:
        return basename
    # A title of punctuation only ("?!") makes no slug: then the original's file name does.
    slug = text_slug(title or basename, lang) or text_slug(DATE_PREFIX.sub("", basename), lang) or basename
    prefix = DATE_PREFIX.match(basename) if is_article else None
    return f"{prefix.group(1)}-{slug}" if prefix else slug


@lru_cache(maxsize=4096)
def _header_of(path, modified):
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return header.parse(header.normalized_lines(handle.read())).fields


def original_header(path):
    """The header fields of an original, read once per build (and again only if the file changed)."""
    return _header_of(path, os.stat(path).st_mtime_ns)


FILENAME_LINK = re.compile(r"""(?P<attr>\b(?:href|src)=["'])\{filename\}(?P<target>[^"'#?]+)""")


def localize_links(html, source_path, settings):
    """`{filename}kontakt.md` → `{filename}kontakt.uk.md` on the Ukrainian site, when that translation exists.

    Editors link to originals; on each language's site a link should lead to the version in that language.
    """
    lang = settings["DEFAULT_LANG"]
    if lang == settings.get("ORIGINAL_LANG", lang) or "{filename}" not in html:
        return html
    folder = os.path.dirname(source_path)

    def localize(match):
        target = match["target"]
        path = os.path.join(settings["PATH"], target.lstrip("/")) if target.startswith("/") else os.path.join(folder, target)
        translated = translation_path(os.path.normpath(path), lang)
        if not os.path.isfile(translated):
            return match.group(0)
        return match["attr"] + "{filename}" + translation_path(target, lang)

    return FILENAME_LINK.sub(localize, html)
