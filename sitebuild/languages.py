"""One site per language, built side by side and linked to each other.

Why not the pelican-i18n-subsites plugin: evaluated on Pelican 4.12 (see the commit that added this file), it
runs the language sub-sites one after another, nested inside the main build's `get_writer` signal, with
module-level state; our plugins keep per-build state that a nested build resets. In a site with three
languages it warns for every translated text ("There are 2 original (not translated) items") — fatal here —
and it publishes the German and the Ukrainian version of an untranslated article side by side on the English
site. And it cannot use the second core.

Here each language is an ordinary Pelican build with a few settings changed (`overrides`): the site's language
(`DEFAULT_LANG`), its URL (`/uk/` …), the files of the third language ignored, and the URL folders in that
language. Before the builds, `translation_map` reads only the headers of all content files and works out the
URL of every text in every language, so that each site can link to the others (language switch, hreflang).
"""

import fnmatch
import math
import os
import sys
from dataclasses import dataclass, field

PLUGINS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)

from content_model import translations  # noqa: E402
from content_model.reader import ARTICLE, OTHER, PAGE, content_type  # noqa: E402

def prefix(settings, lang):
    """The folder of a language's site: "" for the original language, "uk/" for Ukrainian."""
    return "" if lang == settings["ORIGINAL_LANG"] else f"{lang}/"


def _translate(settings, lang, text):
    from localization.plugin import load_translations

    folder = os.path.join(settings["THEME"], "translations")
    po = os.path.join(folder, lang, "LC_MESSAGES", "messages.po")
    modified = os.stat(po).st_mtime_ns if os.path.isfile(po) else 0
    return load_translations(folder, lang, modified).gettext(text)


def pagination_patterns(settings, lang):
    """PAGINATION_PATTERNS of a language's site: page 2 and on in the language's folder (PAGINATION_FOLDERS)."""
    folder = settings["PAGINATION_FOLDERS"][lang]
    return ((1, "{url}", "{save_as}"),
            (2, f"{{base_name}}/{folder}/{{number}}/", f"{{base_name}}/{folder}/{{number}}/index.html"))


def partner_urls(settings, lang):
    """PARTNER_URL and PARTNER_SAVE_AS of a language's site: the partner folder in the language (PARTNER_FOLDERS)."""
    folder = settings["PARTNER_FOLDERS"][lang]
    return f"{folder}/{{slug}}/", f"{folder}/{{slug}}/index.html"


def overrides(settings, lang, siteurl, language_map, titles=None):
    """The settings that turn the site's configuration into the configuration of one language's site."""
    original = settings["ORIGINAL_LANG"]
    site = siteurl.rstrip("/") + (f"/{lang}" if lang != original else "")
    ignored = [f"*.{other}.md" for other in settings["SITE_LANGUAGES"] if other not in (lang, original)]
    partners = settings["PARTNER_FOLDERS"][lang]
    partner_url, partner_save_as = partner_urls(settings, lang)
    changes = {
        "DEFAULT_LANG": lang,
        # The site's name in its language: feeds and link previews use SITENAME as it is.
        "SITENAME": _translate(settings, lang, settings["SITENAME"]),
        "SITEURL": site,
        "FEED_DOMAIN": site,
        "MAIN_SITEURL": siteurl.rstrip("/"),
        "THEME_URL": siteurl.rstrip("/") + "/theme",
        "IGNORE_FILES": list(settings["IGNORE_FILES"]) + ignored,
        "PARTNER_URL": partner_url,
        "PARTNER_SAVE_AS": partner_save_as,
        "PARTNERS_INDEX_URL": f"{partners}/",
        "PARTNERS_INDEX_SAVE_AS": f"{partners}/index.html",
        "PARTNER_ACTIVITY_GROUPS": [kind["slugs"][lang] for kind in settings["ARTICLE_KINDS"].values()],
        "PAGINATION_PATTERNS": pagination_patterns(settings, lang),
        "LANGUAGE_MAP": language_map,
        "LANGUAGE_TITLES": titles or {},
        # Data files, the sitemap and the search index exist once for all languages.
        "WRITE_OPEN_DATA": lang == original,
    }
    for section, folders in settings.get("SECTION_FOLDERS", {}).items():
        changes[f"{section.upper()}_SAVE_AS"] = f"{folders[lang]}/index.html"
    if lang != original:
        # Each text has one version on this site: its translation, or the original where there is none yet
        # (the reader skips an original whose translation exists). Either is published at this site's URLs.
        for kind in ("ARTICLE", "PAGE", "DRAFT", "DRAFT_PAGE"):
            changes[f"{kind}_LANG_URL"] = settings[f"{kind}_URL"]
            changes[f"{kind}_LANG_SAVE_AS"] = settings[f"{kind}_SAVE_AS"]
        changes["PARTNER_LANG_URL"] = changes["PARTNER_URL"]
        changes["PARTNER_LANG_SAVE_AS"] = changes["PARTNER_SAVE_AS"]
        # Theme files, images, robots.txt and partners.json exist once, in the original language's site.
        changes.update(
            {
                "THEME_STATIC_PATHS": [],
                "STATIC_URL": siteurl.rstrip("/") + "/{path}",
                "WRITE_STATIC_FILES": False,
                "TEMPLATE_PAGES": {},
                "PARTNERS_JSON_SAVE_AS": "",
            }
        )
    return changes


@dataclass
class Text:
    key: str
    type: str
    versions: dict = field(default_factory=dict)  # lang → slug
    titles: dict = field(default_factory=dict)  # lang → title as typed
    kind: str | None = None
    published: bool = True
    date: str = ""  # the original's Date field, for URL patterns that use it


def _files(settings):
    root = settings["PATH"]
    folders = list(settings["ARTICLE_PATHS"]) + list(settings["PAGE_PATHS"]) + list(settings.get("PARTNER_PATHS", []))
    ignored = settings.get("IGNORE_FILES", [])
    for folder in folders:
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                if name.endswith(".md") and not any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                    yield os.path.join(directory, name)


def read_texts(settings):
    """Every text with its versions, from the headers only (the full build reads and checks the files)."""
    texts = {}
    for path in _files(settings):
        _, file_lang = translations.split_language(path)
        if file_lang is not None and file_lang not in settings["SITE_LANGUAGES"]:
            continue  # the build reports the unknown language
        if file_lang is not None and translations.is_draft(path):
            continue  # until it is finished, the site shows the original (and the build checks the draft)
        lang = file_lang or settings["ORIGINAL_LANG"]
        kind_of_content, _ = content_type(path, settings)
        key = translations.translation_key(path, settings["PATH"])
        fields = translations.original_header(path)

        def value(name, fields=fields):
            return fields[name].lines[0].strip() if name in fields and fields[name].lines else ""

        text = texts.setdefault(key, Text(key, kind_of_content))
        if kind_of_content == OTHER:
            slug = value("slug") or os.path.basename(translations.split_language(path)[0])
        else:
            slug = value("slug") or translations.default_slug(path, value("title"), lang, kind_of_content == ARTICLE)
        text.versions[lang] = slug
        text.titles[lang] = value("title") or value("name")
        if file_lang is None:
            text.kind = value("kind") or None
            text.published = value("status") not in ("draft",)
            text.date = value("date")
    return texts


def translation_map(settings):
    """{key: {lang: site path}} for every text and listing page in every language; the untranslated texts; and
    {key: {lang: title}} (a title falls back to the original's, as the page does).

    Keys: a text's translation key ("seiten/kontakt"), "index", "404", "partners", "partner:<slug>",
    "kind:<kind>" and "kind:<kind>:<page number>".
    """
    texts = read_texts(settings)
    languages = settings["SITE_LANGUAGES"]
    original = settings["ORIGINAL_LANG"]
    kinds = settings["ARTICLE_KINDS"]
    per_page = settings.get("DEFAULT_PAGINATION") or 0
    mapping, untranslated, titles = {}, {lang: [] for lang in languages if lang != original}, {}
    counts = {kind: 0 for kind in kinds}
    for text in texts.values():
        if original not in text.versions or not text.published:
            continue
        for lang in untranslated:
            if lang not in text.versions:
                untranslated[lang].append(text.key)
        if text.type == ARTICLE and text.kind in kinds:
            counts[text.kind] += 1
        paths = {}
        for lang in languages:
            slug = text.versions.get(lang, text.versions[original])
            if text.type == ARTICLE and text.kind in kinds:
                paths[lang] = prefix(settings, lang) + _url(settings["ARTICLE_URL"], slug=slug, lang=lang,
                                                            category=kinds[text.kind]["slugs"][lang], date=text.date)
            elif text.type == PAGE:
                paths[lang] = prefix(settings, lang) + _url(settings["PAGE_URL"], slug=slug, lang=lang)
            elif text.type == OTHER and text.key.split("/")[0] in settings.get("PARTNER_PATHS", []):
                key = f"partner:{text.versions[original]}"
                mapping[key] = {
                    lang: prefix(settings, lang) + _url(partner_urls(settings, lang)[0], slug=text.versions[original])
                    for lang in languages
                }
        if paths:
            mapping[text.key] = paths
            # Titles of the versions that exist; an untranslated text has its original's title only.
            titles[text.key] = {lang: text.titles[lang] for lang in languages if text.titles.get(lang)}
    for lang in languages:
        for section, folders in settings.get("SECTION_FOLDERS", {}).items():
            mapping.setdefault(f"section:{section}", {})[lang] = f"{prefix(settings, lang)}{folders[lang]}/"
        mapping.setdefault("index", {})[lang] = prefix(settings, lang)
        mapping.setdefault("404", {})[lang] = f"{prefix(settings, lang)}404.html"
        mapping.setdefault("partners", {})[lang] = f"{prefix(settings, lang)}{settings['PARTNER_FOLDERS'][lang]}/"
        later_pages = pagination_patterns(settings, lang)[1][1]
        for kind, spec in kinds.items():
            base = _url(settings["CATEGORY_URL"], slug=spec["slugs"][lang], lang=lang)
            mapping.setdefault(f"kind:{kind}", {})[lang] = prefix(settings, lang) + base
            pages = math.ceil(counts[kind] / per_page) if per_page else 1
            for number in range(2, pages + 1):
                mapping.setdefault(f"kind:{kind}:{number}", {})[lang] = (
                    prefix(settings, lang) + later_pages.format(base_name=base.rstrip("/"), number=number)
                )
    return mapping, {lang: sorted(keys) for lang, keys in untranslated.items()}, titles


def _url(pattern, **values):
    """A URL from one of Pelican's URL settings (ARTICLE_URL, PAGE_URL …), as Pelican formats it."""
    if "date" in values and "{date" in pattern:
        from content_model.values import parse_date

        values["date"] = parse_date(values["date"]).as_date()
    return pattern.format(**values)


def missing_pages(language_map, written, languages):
    """Every URL of the language map (for `languages`) that no build wrote: the map, which predicts URLs before
    the builds from Pelican's URL settings, and the builds disagree. `written`: files relative to the site root."""
    wanted = set()
    for versions in language_map.values():
        for lang, url in versions.items():
            if lang in languages:
                wanted.add(url if url.endswith(".html") else f"{url}index.html")
    return sorted(wanted - set(written))


def untranslated_report(untranslated, settings):
    """What the build prints about missing translations (a report, not an error)."""
    lines = []
    for lang, keys in untranslated.items():
        if not keys:
            lines.append(f"Übersetzungen {lang}: vollständig.")
            continue
        lines.append(f"Übersetzungen {lang}: {len(keys)} Text(e) noch nicht übersetzt; die Website zeigt dort die "
                     f"deutsche Fassung mit einem Hinweis:")
        lines.extend(f"  {key}.md → {key}.{lang}.md fehlt" for key in keys)
    return "\n".join(lines)

