"""Jinja helpers of the charts plugin: the site's charts and the route map, drawn while the page is rendered.

Templates call them with data the site already computes (plugins/activity_data: `figures_by_year`, one
KeyFigures per year) and with texts in the page's language (title, description); the helpers turn that data
into rows, and bars.py / route_map.py into SVG. The same rows fill the table that stands next to each chart
(`delivery_rows`, `activity_rows`), so chart and table cannot disagree.
"""

import os

from babel import Locale, UnknownLocaleError
from pelican import signals

from . import bars, route_map

DEFAULT_SETTINGS = {
    # The committed SVG of the route map (route_map.py); None: no map.
    "ROUTE_MAP_SVG": None,
    # Pages (by translation key, e.g. "seiten/mykolajiw") that show the route map.
    "ROUTE_MAP_PAGES": [],
}


def _unit_label(units, unit, lang):
    """A kind of goods as a row heading: the plural nominative, which is the CLDR form for 2 (Ukrainian "few":
    транспортні засоби; "other" would be the genitive транспортного засобу)."""
    labels = units.get(unit, {})
    chosen = labels.get(lang) or labels.get("de") or {}
    try:
        category = Locale.parse(lang).plural_form(2)
    except (ValueError, UnknownLocaleError):
        category = "other"
    return chosen.get(category) or chosen.get("other", unit)


def delivery_rows(figures_by_year, units, lang, counted_only=False, limit=None):
    """[(unit, label, [Value or None per year])] for every unit delivered at all (`counted_only`: at least once
    with a number), in the order of `units`; `limit`: only the units delivered most often (by number of
    deliveries with a number, then in the order of `units`)."""
    rows = []
    for unit in units:
        values = []
        for _, figures in figures_by_year:
            total = figures.units.get(unit)
            values.append(bars.Value(total.count or None, total.lower_bound) if total and total.articles else None)
        if not any(values) or (counted_only and not any(value and value.count for value in values)):
            continue
        rows.append((unit, _unit_label(units, unit, lang), values))
    if limit:
        counted = {unit: sum(1 for value in values if value and value.count) for unit, _, values in rows}
        keep = sorted(rows, key=lambda row: -counted[row[0]])[:limit]
        rows = [row for row in rows if row in keep]
    return rows


def activity_rows(figures_by_year, kinds):
    """[(year, [count per kind])], oldest year first, kinds in the order given."""
    return [(year, [figures.per_kind.get(kind, 0) for kind in kinds]) for year, figures in figures_by_year]


def install_helpers(generator):
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]

    def delivery_chart(figures_by_year, units, *, ident, title, desc, limit=None):
        rows = delivery_rows(figures_by_year, units, lang, counted_only=True, limit=limit)
        return bars.small_multiples([(label, values) for _, label, values in rows],
                                    [str(year) for year, _ in figures_by_year],
                                    ident=ident, title=title, desc=desc, lang=lang)

    def activity_chart(figures_by_year, kinds, *, ident, title, desc):
        return bars.stacked_columns(activity_rows(figures_by_year, list(kinds)), [(kind, kind) for kind in kinds],
                                    ident=ident, title=title, desc=desc, lang=lang)

    def route_map_svg(labels, *, ident, title, desc, more=None):
        """`labels` (e.g. ROUTE_MAP_LABELS[lang]) and `more` (e.g. the distance, formatted) by <text> id."""
        return route_map.render(_map_path(settings), {**(labels or {}), **(more or {})}, ident=ident, title=title,
                                desc=desc)

    def route_map_distance():
        return route_map.distance_km(_map_path(settings))

    generator.env.globals.update(
        delivery_chart=delivery_chart,
        activity_chart=activity_chart,
        delivery_rows=lambda figures_by_year, units, **options: delivery_rows(figures_by_year, units, lang, **options),
        route_map=route_map_svg,
        route_map_distance=route_map_distance,
    )


def _map_path(settings):
    path = settings.get("ROUTE_MAP_SVG")
    if not path:
        raise route_map.MapError("ROUTE_MAP_SVG ist nicht gesetzt")
    return path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)


def add_default_settings(pelican):
    for key, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(key, value)


def register():
    signals.initialized.connect(add_default_settings)
    signals.generator_init.connect(install_helpers)
