"""Which line of a source file a problem found in its rendered body belongs to.

A body's HTML no longer knows the lines of the Markdown it came from. So a pre-pass over the source records where
each link and image destination starts (Markdown's `](…)`, autolinks, reference definitions, and `href`/`src` in
raw HTML), in document order; a problem about the second of three equal links is put at the second one's line.
Only what is not a destination (an element's name, an attribute) is looked for as plain text. This locates lines;
it decides nothing: every check itself reads the HTML with a real parser (html_tree.py).
"""

import re
from functools import lru_cache
from html import unescape

from . import header

_DESTINATION = re.compile(
    r"""\]\(\s*<?(?P<markdown>[^)\s>]+)"""  # [text](destination) and ![alt](destination)
    r"""|<(?P<autolink>(?:https?|mailto|tel):[^>\s]+)>"""  # <https://…>
    r"""|\b(?:href|src)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>"']+))"""  # raw HTML
    r"""|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)""",  # [id]: destination
    re.MULTILINE | re.IGNORECASE,
)


@lru_cache(maxsize=64)
def destinations(text, body_start):
    """[(destination as written, with character references decoded, line)] in the body, in document order."""
    found = []
    for match in _DESTINATION.finditer(text, body_start):
        value = next(group for group in match.groups() if group is not None)
        found.append((unescape(value), text.count("\n", 0, match.start()) + 1))
    return tuple(found)


def find_line(text, needle, body_first_line, occurrence=0):
    """The line of the `occurrence`-th (from 0) place of `needle` (a string or a compiled regular expression) in
    the body of `text`: among link and image destinations first, else anywhere in the body."""
    body_start = len("\n".join(text.split("\n")[: body_first_line - 1]))
    if isinstance(needle, str) and needle:
        lines = [line for value, line in destinations(text, body_start) if value == needle or value == needle.strip()]
        if len(lines) > occurrence:
            return lines[occurrence]
        index = _nth(text, needle, body_start, occurrence)
        if index < 0:
            index = _nth(text.lower(), needle.lower(), body_start, occurrence)
    elif isinstance(needle, str):
        index = -1
    else:
        matches = list(needle.finditer(text, body_start))
        index = matches[min(occurrence, len(matches) - 1)].start() if matches else -1
    if index >= 0:
        return text.count("\n", 0, index) + 1
    # Not found as written (e.g. spelt with character references): the body's first line that has text.
    lines = text.split("\n")
    return next((number for number in range(body_first_line, len(lines) + 1) if lines[number - 1].strip()),
                body_first_line)


def _nth(text, needle, start, occurrence):
    index = text.find(needle, start)
    for _ in range(occurrence):
        if index < 0:
            break
        following = text.find(needle, index + 1)
        index = following if following >= 0 else index  # fewer places than problems: the last one
        if following < 0:
            break
    return index


def read_source(source_path):
    try:
        with open(source_path, encoding="utf-8-sig") as handle:
            return header.normalized_lines(handle.read())
    except (OSError, UnicodeDecodeError):
        return None


def line_in_file(source_path, needle, occurrence=0):
    """find_line for a file on disk (its header is skipped)."""
    text = read_source(source_path)
    if text is None:
        return 0
    return find_line(text, needle, header.parse(text).body_first_line, occurrence)


class Occurrences:
    """Counts how often each needle was asked for in one file, so that equal problems get successive places."""

    def __init__(self):
        self.seen = {}

    def next(self, path, needle):
        key = (path, needle if isinstance(needle, str) else needle.pattern)
        self.seen[key] = self.seen.get(key, -1) + 1
        return self.seen[key]
