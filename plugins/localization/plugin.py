"""Signal handlers of the localization plugin: Babel-based Jinja filters and gettext in templates."""

import gettext

from pelican import signals

from . import formatting


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


def install_filters_and_translations(generator):
    # Catalogs for Ukrainian and English come with the multilingual site; German is the source language.
    translations = gettext.NullTranslations()
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


def register():
    signals.generator_init.connect(install_filters_and_translations)
