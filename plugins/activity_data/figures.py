"""Key figures of the partnership, computed from the published articles.

Totals cover only what the site records: an item whose source gives no number adds nothing to its total, and
the total is then marked as a lower bound ("mindestens"), as it is when a count is approximate.
"""

from dataclasses import dataclass, field


@dataclass
class UnitTotal:
    unit: str
    count: int = 0
    articles: int = 0
    lower_bound: bool = False  # some deliveries of this unit have no or only an approximate count


@dataclass
class KeyFigures:
    per_kind: dict = field(default_factory=dict)  # kind → number of articles
    units: dict = field(default_factory=dict)  # unit → UnitTotal
    partners: int = 0
    first_year: int | None = None
    last_year: int | None = None

    @property
    def activities(self):
        return sum(self.per_kind.values())


def compute(articles, kinds, units_in_order, partners=()):
    figures = KeyFigures(per_kind={kind: 0 for kind in kinds}, partners=len(partners))
    for unit in units_in_order:
        figures.units[unit] = UnitTotal(unit)
    for article in articles:
        kind = getattr(article, "kind", None)
        if kind not in figures.per_kind:
            continue
        figures.per_kind[kind] += 1
        year = article.date.year
        figures.first_year = min(filter(None, (figures.first_year, year)))
        figures.last_year = max(filter(None, (figures.last_year, year)))
        for item in getattr(article, "items", None) or []:
            total = figures.units.setdefault(item.unit, UnitTotal(item.unit))
            total.articles += 1
            if item.count is None or item.approximate:
                total.lower_bound = True
            total.count += item.count or 0
    return figures
