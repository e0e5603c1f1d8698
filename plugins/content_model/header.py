"""Split a content file into its header fields (with line numbers) and its Markdown body.

The syntax is Pelican's usual one (Python-Markdown's `meta` extension): `Key: value` lines at the top, values
continued on lines indented by four spaces, a blank line before the body. It is parsed here rather than by
the `meta` extension because error messages need line numbers, and because a header line the extension does
not understand silently becomes body text instead of an error.

Lines in the header that start with `#` are notes for the editor (the files `invoke new` writes explain each
field that way) and are skipped; in the body, `#` starts a heading as usual.
"""

import re
from dataclasses import dataclass, field

# `Date: 2022-12-07`; a space before the colon (`Date : …`, as some editors' autocorrect writes it) is allowed.
KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)[ \t]*:\s*(?P<value>.*)$")
# Continued values are indented by four spaces, or by a tab (which editors and the CMS may write instead).
CONTINUATION_LINE = re.compile(r"^(?:[ ]{4,}|[ ]{0,3}\t)\s*(?P<value>.*)$")
NOTE_LINE = re.compile(r"^[ ]{0,3}#")


@dataclass
class RawField:
    name: str
    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class HeaderProblem:
    line: int
    field: str
    message: str
    fix: str


@dataclass
class ParsedFile:
    fields: dict[str, RawField]
    body: str
    body_first_line: int
    problems: list[HeaderProblem]


def normalized_lines(text):
    """Text with every kind of line end (CR LF from Windows, CR alone from old Mac editors) as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text):
    lines = text.split("\n")
    fields = {}
    problems = []
    current = None
    index = 0
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip():
            break
        if NOTE_LINE.match(line):
            continue
        key_match = KEY_LINE.match(line)
        continuation = CONTINUATION_LINE.match(line)
        if continuation and current is not None:
            current.lines.append(continuation["value"].rstrip())
            continue
        if key_match:
            name = key_match["key"].lower()
            if name in ("http", "https"):
                problems.append(
                    HeaderProblem(
                        number,
                        current.name if current else "",
                        "Diese Adresse steht am Zeilenanfang und wird deshalb als neues Feld gelesen",
                        "rücken Sie Fortsetzungszeilen um vier Leerzeichen ein.",
                    )
                )
                continue
            if name in fields:
                problems.append(
                    HeaderProblem(
                        number,
                        name,
                        f"Das Feld steht doppelt (zuerst in Zeile {fields[name].line})",
                        "löschen Sie eine der beiden Zeilen.",
                    )
                )
                current = None
                continue
            current = RawField(name, number, [key_match["value"].rstrip()])
            fields[name] = current
            continue
        if index == 0:
            problems.append(
                HeaderProblem(
                    number,
                    "",
                    "Die Datei beginnt nicht mit dem Kopf (Zeilen der Form „Feld: Wert“)",
                    "beginnen Sie mit „Title: …“ und trennen Sie den Text durch eine Leerzeile vom Kopf.",
                )
            )
        else:
            problems.append(
                HeaderProblem(
                    number,
                    "",
                    "Diese Zeile steht im Kopf, ist aber kein Feld der Form „Feld: Wert“",
                    "setzen Sie eine Leerzeile zwischen Kopf und Text, oder rücken Sie die Fortsetzung eines "
                    "Feldes um vier Leerzeichen ein.",
                )
            )
        break
    else:
        index = len(lines)
    if index == 0 and problems:
        # No header at all: the whole file is body.
        return ParsedFile(fields, text, 1, problems)
    body_lines = lines[index:]
    return ParsedFile(fields, "\n".join(body_lines), index + 1, problems)
