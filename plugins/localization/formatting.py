"""Dates, periods, numbers and counted items in the reader's language, formatted by Babel (CLDR data).

Results are cached: a site shows the same few hundred dates on thousands of pages, and Babel's formatting
is slow compared with a dictionary lookup.

Babel does not depend on the locales installed on the build machine, so every machine builds the same
pages; and CLDR knows details such as the Ukrainian genitive after a day ("15 вересня 2022 р.").
"""

from datetime import date, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

# The CLDR locale of each site language. English is British: "15 September 2022".
BABEL_LOCALES = {"de": "de_DE", "uk": "uk_UA", "en": "en_GB"}
# What follows the first day in a period within one month: "17.–20. April 2023", "17–20 April 2023".
DAY_SUFFIX = {"de": "."}
PERIOD_DASH = "\u2013"


def babel_locale(lang):
    return BABEL_LOCALES.get(lang or "de", lang or "de")


def _as_date(value):
    if hasattr(value, "as_date"):
        return value.as_date()
    if isinstance(value, datetime):
        return value.date()
    return value


def _precision(value):
    return getattr(value, "precision", "day")


@lru_cache(maxsize=4096)
def format_date(value, lang="de"):
    """A date as readers write it: "15. September 2022"; "September 2022" when only the month is known."""
    if value is None:
        return ""
    day = _as_date(value)
    if _precision(value) == "month":
        return format_skeleton("yMMMM", day, locale=babel_locale(lang))
    return babel_format_date(day, "long", locale=babel_locale(lang))


def iso_date(value):
    """The machine-readable form for <time datetime>: 2022-09-15, or 2022-09 when only the month is known."""
    if value is None:
        return ""
    if hasattr(value, "precision"):
        return str(value)
    day = _as_date(value)
    return day.isoformat() if isinstance(day, date) else str(day)


@lru_cache(maxsize=4096)
def format_period(start, end, lang="de"):
    """A visit's period: "17.–20. April 2023", "30. November – 2. Dezember 2024"."""
    if start is None or end is None:
        return format_date(start or end, lang)
    first, last = _as_date(start), _as_date(end)
    if _precision(start) == "month" or _precision(end) == "month":
        if (first.year, first.month) == (last.year, last.month) and _precision(end) == "month":
            return format_date(start, lang)
        return f"{format_date(start, lang)} {PERIOD_DASH} {format_date(end, lang)}"
    if first == last:
        return format_date(start, lang)
    locale = babel_locale(lang)
    if (first.year, first.month) == (last.year, last.month):
        day = format_skeleton("d", first, locale=locale) + DAY_SUFFIX.get(lang, "")
        return f"{day}{PERIOD_DASH}{format_date(end, lang)}"
    if first.year == last.year:
        return f"{format_skeleton('MMMMd', first, locale=locale)} {PERIOD_DASH} {format_date(end, lang)}"
    return f"{format_date(start, lang)} {PERIOD_DASH} {format_date(end, lang)}"


@lru_cache(maxsize=4096)
def format_number(value, lang="de"):
    return format_decimal(value, locale=babel_locale(lang))


@lru_cache(maxsize=1024)
def plural_category(count, lang="de"):
    return Locale.parse(babel_locale(lang)).plural_form(count)


def unit_label(units, unit, count, lang="de"):
    """The label of `unit` that fits `count` in `lang` ("1 Fahrzeug", "10 Fahrzeuge"), German as fallback."""
    labels = units[unit].get(lang) or units[unit]["de"]
    # Without a count the label stands in the plural nominative, which is the form CLDR uses for 2.
    category = plural_category(count if count is not None else 2, lang)
    return labels.get(category) or labels["other"]
