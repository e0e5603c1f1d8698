"""The value types of the content model: how an editor writes a value, and what the build makes of it.

Each type parses the raw lines of one header field (`Key: first line` plus indented continuation lines) and
either returns a typed value or raises `FieldError` with a plain-German message and a fix.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from .characters import is_visible, plain_spaces


class FieldError(ValueError):
    """A value an editor wrote is not valid. `line_offset` says which line of a multi-line value is wrong."""

    def __init__(self, message, fix, line_offset=0, empty=False):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line_offset = line_offset
        self.empty = empty  # the value is missing; the reader knows whether the field may be left out


def suggest(word, choices):
    """The closest known names to a misspelt one, for "did you mean …" hints."""
    return difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)


def quoted(text):
    return f"„{text}“"


def one_of(choices):
    return ", ".join(sorted(choices))


# --- Typed values ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which the day may be unknown (`2022-09` when a source names only the month)."""

    year: int
    month: int
    day: int | None = None

    @property
    def precision(self):
        return "day" if self.day else "month"

    def as_date(self):
        return date(self.year, self.month, self.day or 1)

    def __str__(self):
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Source:
    url: str
    label: str


@dataclass(frozen=True)
class Item:
    """A counted kind of delivered goods. `count` is None when the source gives no number."""

    count: int | None
    approximate: bool
    unit: str
    description: str


# --- Value types -----------------------------------------------------------------------------------------------


class ValueType:
    """Base class: `name` and `syntax` document the type for editors (docs/inhaltsmodell.md)."""

    name = ""
    syntax = ""
    multi_line = False

    def parse(self, lines, settings):
        raise NotImplementedError

    def single_line(self, lines):
        if len(lines) > 1:
            raise FieldError(
                "Dieses Feld hat nur eine Zeile, hier folgen aber eingerückte Zeilen",
                "schreiben Sie den Wert in eine Zeile oder entfernen Sie die eingerückten Zeilen darunter.",
                line_offset=1,
            )
        value = lines[0].strip() if lines else ""
        if not value:
            raise FieldError("Das Feld ist leer", "tragen Sie einen Wert ein oder löschen Sie die Zeile.", empty=True)
        return value


class Text(ValueType):
    name = "Text"

    def __init__(self, max_length):
        self.max_length = max_length
        self.syntax = f"eine Zeile, höchstens {max_length} Zeichen, kein HTML"

    def parse(self, lines, settings):
        value = plain_spaces(self.single_line(lines))
        if not is_visible(value):
            raise FieldError("Der Text besteht nur aus unsichtbaren Zeichen",
                             "schreiben Sie einen Text mit Buchstaben oder Ziffern.")
        if len(value) > self.max_length:
            raise FieldError(
                f"Der Text ist {len(value)} Zeichen lang, erlaubt sind höchstens {self.max_length}",
                "kürzen Sie ihn.",
            )
        return value


DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
DATE_FIX = "schreiben Sie JJJJ-MM-TT, z. B. 2022-09-15, oder JJJJ-MM, wenn nur der Monat bekannt ist."


GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(text):
    match = DATE_PATTERN.match(text)
    if not match:
        german = GERMAN_DATE.match(text.strip())
        fix = (f"schreiben Sie „{german[3]}-{int(german[2]):02d}-{int(german[1]):02d}“ (JJJJ-MM-TT)."
               if german else DATE_FIX)
        raise FieldError(f"{quoted(text)} ist kein Datum in der Form JJJJ-MM-TT", fix)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month, day or 1)
    except ValueError:
        raise FieldError(f"{quoted(text)} ist kein gültiges Datum (diesen Tag gibt es nicht)", DATE_FIX) from None
    if not 1990 <= year <= 2100:
        raise FieldError(f"Das Jahr {year} ist nicht plausibel", DATE_FIX)
    return PartialDate(year, month, day)


class Date(ValueType):
    name = "Datum"
    syntax = "JJJJ-MM-TT, oder JJJJ-MM, wenn die Quellen nur den Monat nennen"

    def parse(self, lines, settings):
        return parse_date(self.single_line(lines))


UNKNOWN = "unbekannt"


class DateOrUnknown(Date):
    name = "Datum oder „unbekannt“"
    syntax = "wie Datum; `unbekannt`, wenn keine Quelle das Datum nennt"

    def parse(self, lines, settings):
        value = self.single_line(lines)
        if value.lower() == UNKNOWN:
            return None
        return parse_date(value)


class Choice(ValueType):
    name = "Auswahl"

    def __init__(self, choices_setting=None, choices=None):
        self.choices_setting = choices_setting
        self.fixed_choices = choices
        self.syntax = "einer der Werte: " + (one_of(choices) if choices else f"siehe Einstellung {choices_setting}")

    def choices(self, settings):
        return self.fixed_choices or list(settings[self.choices_setting])

    def parse(self, lines, settings):
        value = self.single_line(lines)
        choices = self.choices(settings)
        if value not in choices:
            close = suggest(value.lower(), choices)
            hint = f"meinten Sie {quoted(close[0])}? " if close else ""
            raise FieldError(
                f"{quoted(value)} ist kein erlaubter Wert", f"{hint}Erlaubt sind: {one_of(choices)}."
            )
        return value


class Integer(ValueType):
    name = "Zahl"
    syntax = "eine ganze Zahl, z. B. 3"

    def parse(self, lines, settings):
        value = self.single_line(lines)
        if not re.fullmatch(r"-?\d+", value):
            raise FieldError(f"{quoted(value)} ist keine ganze Zahl", "schreiben Sie nur Ziffern, z. B. 3.")
        return int(value)


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Slug(ValueType):
    name = "Kurzname"
    syntax = "Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. zehn-spezialfahrzeuge"

    def parse(self, lines, settings):
        value = self.single_line(lines)
        if not SLUG_PATTERN.match(value):
            raise FieldError(
                f"{quoted(value)} ist als Adresse nicht geeignet",
                "verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche (ä → ae, ß → ss).",
            )
        return value


class NameList(ValueType):
    """Short names of partners, comma-separated or one per line."""

    name = "Liste von Kurznamen"
    syntax = "Kurznamen, durch Kommas getrennt, z. B. `lhh, enercity`"
    multi_line = True

    def parse(self, lines, settings):
        names = []
        for offset, line in enumerate(lines):
            for part in line.split(","):
                name = part.strip()
                if not name:
                    continue
                if not SLUG_PATTERN.match(name):
                    raise FieldError(
                        f"{quoted(name)} ist kein Kurzname",
                        "Kurznamen bestehen aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. ihk-hannover; "
                        "mehrere trennen Sie mit Kommas.",
                        offset,
                    )
                if name in names:
                    raise FieldError(f"{quoted(name)} steht doppelt in der Liste", "nennen Sie ihn einmal.", offset)
                names.append(name)
        if not names:
            raise FieldError("Die Liste ist leer", "nennen Sie mindestens einen Kurznamen oder löschen Sie die Zeile.",
                             empty=True)
        return names


# What the first word of a source's label looks like when it is really the rest of an address that contained a
# space: a path, a query, or a file name.
# The word after a space looks like the rest of a cut address: only characters addresses use, and a file
# ending, a query or a lower-case path ("bericht.pdf", "a/b.html", "x?id=3"). "Stadt/Region" or markup is a label.
URL_REST = re.compile(
    r"^[\w\-.~/%]*(\.(?i:pdf|html?|php|aspx?|jpe?g|png|docx?|xlsx?)|[?=&][\w\-.~/%?=&]*|/)$"
    r"|^[a-z0-9\-._~%]+/[a-z0-9\-._~%/]*$"
)


class Sources(ValueType):
    """Source URLs, one per line, each followed by a short label for readers."""

    name = "Quellenliste"
    syntax = "je Zeile eine Adresse (https://…), ein Leerzeichen, dann Herausgeber und Datum"
    multi_line = True

    def parse(self, lines, settings):
        sources = []
        for offset, line in enumerate(lines):
            line = line.strip()
            if not line:
                continue
            url, _, label = line.partition(" ")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise FieldError(
                    f"{quoted(url)} ist keine vollständige Web-Adresse",
                    "jede Quelle beginnt mit https:// (oder http://), gefolgt von Herausgeber und Datum.",
                    offset,
                )
            if "…" in url or "..." in parts.path:
                raise FieldError(
                    f"Die Adresse {quoted(url)} ist gekürzt („…“)",
                    "kopieren Sie die vollständige Adresse aus der Adresszeile des Browsers.",
                    offset,
                )
            label = label.strip()
            rest = label.split(" ")[0]
            if URL_REST.search(rest):
                # "https://example.org/mein bericht.pdf Stadt" would link to …/mein and call it "bericht.pdf Stadt".
                raise FieldError(
                    f"Die Adresse {quoted(url + ' ' + rest)} enthält offenbar ein Leerzeichen",
                    "schreiben Sie das Leerzeichen in der Adresse als %20 (so steht es auch in der Adresszeile des "
                    "Browsers), dann ein Leerzeichen und die Bezeichnung.",
                    offset,
                )
            if not label:
                raise FieldError(
                    f"Zur Quelle {quoted(url)} fehlt die Bezeichnung",
                    "schreiben Sie nach der Adresse ein Leerzeichen und Herausgeber und Datum, "
                    "z. B. „NDR, 15. September 2022“.",
                    offset,
                )
            if any(source.url == url for source in sources):
                raise FieldError(f"Die Quelle {quoted(url)} steht doppelt", "nennen Sie sie einmal.", offset)
            sources.append(Source(url, label))
        if not sources:
            raise FieldError("Es ist keine Quelle angegeben", "nennen Sie mindestens eine Quelle.")
        return sources


ITEM_PATTERN = re.compile(r"^(?P<approx>ca\.\s+)?(?P<count>\d[\d.]*|\?)\s+(?P<unit>\S+)(?:\s+(?P<description>.+))?$")


# "1,5 tonnen …": a count with a decimal comma (or a point followed by fewer than three digits).
DECIMAL_COUNT = re.compile(r"^(?:ca\.\s+)?(?P<count>\d+(?:,\d+|\.\d{1,2}))\s+(?P<unit>\S+)")


class Items(ValueType):
    """Delivered goods, one kind per line: count, unit (from ITEM_UNITS) and a description."""

    name = "Liste von Gütern"
    syntax = (
        "je Zeile: Anzahl, Einheit, Beschreibung, z. B. `10 fahrzeuge Spezialfahrzeuge`; "
        "`ca. 1000` für ungefähre Zahlen, `?` wenn die Quelle keine Zahl nennt"
    )
    multi_line = True

    def parse(self, lines, settings):
        units = settings["ITEM_UNITS"]
        items = []
        for offset, line in enumerate(lines):
            line = line.strip()
            if not line:
                continue
            match = ITEM_PATTERN.match(line)
            fraction = DECIMAL_COUNT.match(line)
            if fraction:
                label = units.get(fraction["unit"], {}).get("de", {}).get("other", fraction["unit"])
                raise FieldError(
                    f"{quoted(fraction['count'])} ist keine ganze Zahl: gezählt werden ganze Einheiten ({label})",
                    f"schreiben Sie eine ungefähre ganze Zahl mit „ca.“, z. B. „ca. {round(float(fraction['count'].replace(',', '.')))} "
                    f"{fraction['unit']} …“ (gibt die Quelle {fraction['count']} an, nennen Sie die genaue Zahl im Text).",
                    offset,
                )
            if not match:
                raise FieldError(
                    f"{quoted(line)} hat nicht die Form „Anzahl Einheit Beschreibung“",
                    "schreiben Sie z. B. „10 fahrzeuge Spezialfahrzeuge“ oder „? generatoren Stromgeneratoren“.",
                    offset,
                )
            unit = match["unit"]
            if unit not in units:
                close = suggest(unit.lower(), units)
                hint = f"meinten Sie {quoted(close[0])}? " if close else ""
                raise FieldError(
                    f"Die Einheit {quoted(unit)} ist unbekannt",
                    f"{hint}Bekannte Einheiten: {one_of(units)}.",
                    offset,
                )
            count_text = match["count"]
            if count_text == "?":
                if match["approx"]:
                    raise FieldError("„ca. ?“ ist widersprüchlich", "schreiben Sie „ca. 40“ oder nur „?“.", offset)
                count = None
            else:
                if not re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", count_text):
                    raise FieldError(
                        f"{quoted(count_text)} ist keine ganze Zahl",
                        "schreiben Sie die Anzahl ohne Komma, z. B. 1000 oder 1.000.",
                        offset,
                    )
                count = int(count_text.replace(".", ""))
                if count == 0:
                    raise FieldError("Die Anzahl ist 0", "nennen Sie die gelieferte Anzahl oder „?“.", offset)
            items.append(Item(count, bool(match["approx"]), unit, (match["description"] or "").strip()))
        if not items:
            raise FieldError("Es sind keine Güter angegeben", "nennen Sie mindestens eine Zeile „Anzahl Einheit“.")
        return items
