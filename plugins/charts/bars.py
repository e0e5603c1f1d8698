"""Two kinds of bar chart as inline SVG: stacked columns, and small multiples (a row of bars per series).

Both are drawn without a viewBox: horizontal positions are percentages of the chart's width and vertical ones are
CSS pixels, so that a chart fills any column from 320 px to a desktop's text column while its text keeps the
page's font size (a scaled SVG would shrink its labels to unreadable on a phone). Every number on a chart is
formatted by Babel in the page's language; colours are classes (`chart__…`) that the stylesheet maps to its
design tokens, for light and dark mode and print. The same data is always also given as a table next to the
chart (the templates do that): the chart is a picture of the table, not a replacement for it.
"""

from dataclasses import dataclass

from babel.numbers import format_decimal

from .svg import document, element, number, percent

# Vertical measures in CSS pixels, chosen for text of 14–15 px (the stylesheet's --step--1).
LINE = 20  # one line of text
BAR = 10  # a small multiple's bar
COLUMN_MAX = 150  # the tallest stacked column
SEGMENT_MAX = 24  # a unit of a stacked column, at most (few activities: tall enough for its number)
SEGMENT_LABEL_MIN = 17  # a segment shows its number only when it is at least this tall


@dataclass(frozen=True)
class Value:
    """One number of a small multiple: `None` means "something, but no number known"; `lower_bound` means
    "at least this many" (some of it has no number, or an approximate one)."""

    count: int | None
    lower_bound: bool = False


def format_number(value, lang):
    return format_decimal(value, locale=lang)


def value_text(value, lang):
    """How a value is written on the chart: "12", "≥ 1.000" (at least), "?" (no number known)."""
    if value.count is None or (value.count == 0 and value.lower_bound):
        return "?"
    text = format_number(value.count, lang)
    return f"\u2265\u00a0{text}" if value.lower_bound else text


def stacked_columns(columns, series, *, ident, title, desc, lang, css="chart"):
    """One column per entry of `columns` [(label, [count per series])], each stacked from `series`
    [(label, class suffix)] in order, bottom up; the total above each column, each part's count inside it when
    there is room. Column labels (years) are written as given, not as numbers ("2022", not "2.022")."""
    totals = [sum(counts) for _, counts in columns]
    largest = max(totals, default=0) or 1
    unit = min(SEGMENT_MAX, COLUMN_MAX / largest)
    top = LINE + 4  # room for the total above the tallest column
    base = top + unit * largest  # the baseline, from which columns grow upwards
    height = base + 4 + LINE
    width = 100 / max(len(columns), 1)
    body = [element("line", {"class": f"{css}__axis", "x1": "0", "y1": number(base), "x2": "100%",
                             "y2": number(base)})]
    for index, ((label, counts), total) in enumerate(zip(columns, totals)):
        middle = width * (index + 0.5)
        left, bar = middle - width * 0.3, width * 0.6
        y = base
        for (_, suffix), count in zip(series, counts):
            if not count:
                continue
            y -= unit * count
            body.append(element("rect", {"class": f"{css}__segment {css}__segment--{suffix}", "x": percent(left),
                                         "y": number(y), "width": percent(bar), "height": number(unit * count)}))
            if unit * count >= SEGMENT_LABEL_MIN:
                body.append(element("text", {"class": f"{css}__inside {css}__inside--{suffix}",
                                             "x": percent(middle), "y": number(y + unit * count / 2 + 5),
                                             "text-anchor": "middle"}, format_number(count, lang)))
        body.append(element("text", {"class": f"{css}__total", "x": percent(middle), "y": number(y - 6),
                                     "text-anchor": "middle"}, format_number(total, lang)))
        body.append(element("text", {"class": f"{css}__label", "x": percent(middle), "y": number(base + LINE),
                                     "text-anchor": "middle"}, str(label)))
    return document({"class": f"{css} {css}--columns", "width": "100%", "height": number(height)},
                    ident, title, desc, body)


def small_multiples(rows, columns, *, ident, title, desc, lang, css="chart"):
    """A block per entry of `rows` [(label, [Value or None per column])]: its label, then for each of `columns`
    (labels, e.g. years) the number and a bar. Each row has its own scale (its largest value fills the column),
    because rows count different things (vehicles, tonnes, parcels); the numbers say how much."""
    width = 100 / max(len(columns), 1)
    body = [element("text", {"class": f"{css}__label", "x": percent(width * index), "y": number(LINE - 5)},
                    str(label)) for index, label in enumerate(columns)]
    y = LINE + 6
    for label, values in rows:
        body.append(element("line", {"class": f"{css}__rule", "x1": "0", "y1": number(y), "x2": "100%",
                                     "y2": number(y)}))
        body.append(element("text", {"class": f"{css}__row-label", "x": "0", "y": number(y + LINE)}, str(label)))
        largest = max((value.count or 0 for value in values if value), default=0) or 1
        for index, value in enumerate(values):
            left = width * index
            if value is None:
                continue
            body.append(element("text", {"class": f"{css}__value", "x": percent(left), "y": number(y + 2 * LINE)},
                                value_text(value, lang)))
            if value.count:
                length = width * 0.85 * value.count / largest
                body.append(element("rect", {"class": f"{css}__bar" + (f" {css}__bar--at-least" if value.lower_bound
                                                                         else ""),
                                             "x": percent(left), "y": number(y + 2 * LINE + 5),
                                             "width": percent(length), "height": number(BAR)}))
        y += 2 * LINE + 5 + BAR + 10
    return document({"class": f"{css} {css}--multiples", "width": "100%", "height": number(y)},
                    ident, title, desc, body)
