"""Characters a text file may not contain, and the one form (NFC) every text is kept in.

Control characters (NUL and the like), Unicode tag characters and obsolete format controls are invisible and
break the files the site writes (JSON, CSV, feeds). The
bidirectional controls (U+202A–U+202E, U+2066–U+2069 and the invisible direction marks) make text shown in a
different order than it is stored: a title can read one thing and say another ("Trojan Source"). None of them is
needed in German, Ukrainian or English. A text pasted from another program may hold letters in decomposed form
(a + combining diaeresis instead of ä): the same word must be the same bytes for search, sorting and links, so every
file is read in Unicode normal form C.
"""

import re
import unicodedata

BIDI_CONTROLS = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
ALLOWED_CONTROLS = {0x09, 0x0A}  # tab and line feed (CR is turned into LF when the file is read)
# Characters that show nothing: a title made only of these (and spaces) says nothing.
INVISIBLE = {0x00AD, 0x034F, 0x115F, 0x1160, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063,
             0x2064, 0x3164, 0xFEFF, 0xFFA0}


def forbidden(char):
    """A German name for `char` if a text may not contain it, else None."""
    code = ord(char)
    if code in BIDI_CONTROLS:
        return f"Schreibrichtungszeichen U+{code:04X}"
    if (code < 0x20 and code not in ALLOWED_CONTROLS) or 0x7F <= code <= 0x9F:
        return f"Steuerzeichen U+{code:04X}"
    if code in (0x2028, 0x2029):
        return f"Zeilentrenner U+{code:04X}"
    if 0xE0000 <= code <= 0xE007F or 0xFFF9 <= code <= 0xFFFB or 0x206A <= code <= 0x206F:
        # Tag characters hide text that machines read and people do not; the others are obsolete format controls.
        return f"unsichtbares Formatzeichen U+{code:04X}"
    return None


# The same characters as forbidden() names, as one character class: a file without any is the usual case, and
# searching for them at C speed is 50 times faster than looking at each character in Python.
_ANY_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\u206a-\u206f\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def problems(text):
    """[(line, column, names of the forbidden characters on that line)], one entry per line."""
    if not _ANY_FORBIDDEN.search(text):
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        names, column = [], 0
        for index, char in enumerate(line):
            name = forbidden(char)
            if name:
                column = column or index + 1
                if name not in names:
                    names.append(name)
        if names:
            found.append((number, column, names))
    return found


def normalized(text):
    return unicodedata.normalize("NFC", text)


def is_visible(text):
    """Whether `text` has at least one character a reader sees."""
    return any(not char.isspace() and ord(char) not in INVISIBLE and unicodedata.category(char) not in ("Cf", "Cc")
               for char in text)


# What word processors put into text that is pasted from them: soft hyphens (invisible, but they end up in the
# <title> of a page, its link preview and its data) and fixed-width spaces. A one-line field is plain text: the
# typography step sets the non-breaking spaces it needs itself.
_WORD_PROCESSOR_SPACES = str.maketrans({"\u00ad": None, "\u00a0": " ", "\u202f": " ", "\u2007": " "})


def plain_spaces(text):
    return text.translate(_WORD_PROCESSOR_SPACES).strip()
