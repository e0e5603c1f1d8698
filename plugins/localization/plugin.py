"""Signal handlers of the localization plugin: gettext in templates, Babel filters, links between languages."""

import io
import os
from functools import lru_cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

from . import formatting

CATALOG_DOMAIN = "messages"


@lru_cache(maxsize=16)
def load_translations(folder, lang, modified):
    """The theme's gettext catalog for `lang`, compiled in memory from its .po file (no .mo files to commit).

    German is the language of the templates' msgids and needs no catalog.
    """
    path = os.path.join(folder, lang, "LC_MESSAGES", f"{CATALOG_DOMAIN}.po")
    if not os.path.isfile(path):
        return NullTranslations()
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=CATALOG_DOMAIN)


def translations_for(settings):
    folder = os.path.join(settings["THEME"], "translations")
    lang = settings["DEFAULT_LANG"]
    path = os.path.join(folder, lang, "LC_MESSAGES", f"{CATALOG_DOMAIN}.po")
    modified = os.stat(path).st_mtime_ns if os.path.isfile(path) else 0
    return load_translations(folder, lang, modified)


def item_text_filter(settings, translations):
    """`{{ item|item_text(lang) }}` → "10 Fahrzeuge", "rund 1.000 Geschenkpakete", "Stromgeneratoren"."""
    units = settings["ITEM_UNITS"]

    def item_text(item, lang="de"):
        label = formatting.unit_label(units, item.unit, item.count, lang)
        if item.count is None:
            return translations.gettext("%(label)s (Anzahl nicht bekannt)") % {"label": label}
        number = formatting.format_number(item.count, lang)
        if item.approximate:
            return translations.gettext("rund %(number)s %(label)s") % {"number": number, "label": label}
        return f"{number}\u00a0{label}"

    return item_text


def alternates_function(settings):
    """`alternates(key)` → the versions of one page in every language: [{lang, name, url, current}].

    The map comes from sitebuild/languages.py (LANGUAGE_MAP); without it (a single-language build) there is
    only the current page.
    """
    language_map = settings.get("LANGUAGE_MAP") or {}
    names = settings.get("LANGUAGE_NAMES", {})
    root = settings.get("MAIN_SITEURL", settings["SITEURL"]).rstrip("/")
    current = settings["DEFAULT_LANG"]

    def alternates(key):
        paths = language_map.get(key, {})
        return [
            {"lang": lang, "name": names.get(lang, lang), "url": f"{root}/{paths[lang]}", "current": lang == current}
            for lang in settings.get("SITE_LANGUAGES", [current])
            if lang in paths
        ]

    return alternates


def install_filters_and_translations(generator):
    translations = translations_for(generator.settings)
    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)
    env.filters.update(
        {
            "format_date": formatting.format_date,
            "iso_date": formatting.iso_date,
            "format_period": formatting.format_period,
            "format_number": formatting.format_number,
            "item_text": item_text_filter(generator.settings, translations),
        }
    )
    env.globals["alternates"] = alternates_function(generator.settings)


def register():
    signals.generator_init.connect(install_filters_and_translations)
