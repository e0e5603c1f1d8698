"""The build's problem lines read back into their parts, for whoever shows them somewhere other than a terminal:
GitHub's annotations and job summary (github.py), the pre-commit hook (staged files only) and the preview's box.

Every problem the build reports is printed as one line in the shape of build_report's Problem,
`path:line: field: message — fix` (line, field and fix may be missing). The printed line is the interface: the
check, the build and the preview's rebuild all end with these lines, so reading them back needs no second channel
from the language builds. A line of another shape (a warning from Pelican itself) keeps its text as the message,
without a file.
"""

import re
from dataclasses import dataclass

# `path:line: ` or `path: `; a path is anything without a colon or space at its start, up to `:` + digits or `: `.
_WHERE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<rest>.+)$")
# A field is one word (schema field names, "Text", "slug") directly followed by a colon.
_FIELD = re.compile(r"^(?P<field>[A-Za-z_][\w.-]*): (?P<rest>.+)$")
_FIX = " — "


@dataclass(frozen=True)
class ProblemLine:
    path: str  # "" when the line names no file
    line: int  # 0 when no line applies
    field: str
    message: str
    fix: str

    def where(self):
        return f"{self.path}:{self.line}" if self.path and self.line else self.path


def parse(text):
    """One printed problem line → its parts."""
    text = " ".join(text.split())
    match = _WHERE.match(text)
    if not match or not _looks_like_a_path(match.group("path")):
        message, fix = _split_fix(text)
        return ProblemLine("", 0, "", message, fix)
    rest = match.group("rest")
    field = ""
    field_match = _FIELD.match(rest)
    if field_match:
        field, rest = field_match.group("field"), field_match.group("rest")
    message, fix = _split_fix(rest)
    return ProblemLine(match.group("path"), int(match.group("line") or 0), field, message, fix)


def parse_all(messages):
    """Every problem of a build's messages (a message may hold several lines, e.g. a traceback: first line only)."""
    return [parse(message.splitlines()[0]) for message in messages if message.strip()]


def _looks_like_a_path(path):
    # "(Einstellungen)" is the report's name for a problem in the settings; a sentence is not a path.
    return path == "(Einstellungen)" or ("/" in path or "." in path) and " " not in path


def _split_fix(text):
    message, _, fix = text.partition(_FIX)
    return message.strip(), fix.strip()
