"""Which line of a source file a problem found in its rendered body belongs to.

A body's HTML no longer knows the lines of the Markdown it came from, so the line is found by looking for what the
editor wrote (the link, the file name, the element) in the body of the source text.
"""

from . import header


def find_line(text, needle, body_first_line):
    """Best guess at the line of `needle` (a string or a compiled regular expression) in the body of `text`."""
    body_start = len("\n".join(text.split("\n")[: body_first_line - 1]))
    if isinstance(needle, str):
        index = text.find(needle, body_start) if needle else -1
        if index < 0 and needle:
            index = text.lower().find(needle.lower(), body_start)
    else:
        match = needle.search(text, body_start)
        index = match.start() if match else -1
    if index >= 0:
        return text.count("\n", 0, index) + 1
    # Not found as written (e.g. spelt with character references): the body's first line that has text.
    lines = text.split("\n")
    return next((number for number in range(body_first_line, len(lines) + 1) if lines[number - 1].strip()),
                body_first_line)


def line_in_file(source_path, needle):
    """find_line for a file on disk (its header is skipped)."""
    try:
        with open(source_path, encoding="utf-8-sig") as handle:
            text = handle.read().replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return 0
    return find_line(text, needle, header.parse(text).body_first_line)
