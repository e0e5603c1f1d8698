"""Quotation marks, apostrophes, dashes and ellipses as each language sets them.

typogrify's smartypants step knows only English quotes (“…”), so it is switched off
(`TYPOGRIFY_OMIT_FILTERS`) and this module runs first, on body, title and summary. It uses docutils'
`smartquotes`, a maintained port of SmartyPants that knows the quotation marks of many languages (de: „…“ ‚…‘,
uk: «…» „…“, en: “…” ‘…’), and adds what it leaves open:

- text inside <code>, <pre>, <kbd> and similar elements stays untouched;
- an apostrophe at the end of a word ("Hans' Auto") is told apart from a closing single quote by counting
  the single quotes that are open;
- Ukrainian words take the modifier letter apostrophe ʼ (U+02BC), as Unicode recommends;
- a hyphen between spaces becomes the dash the language uses between clauses.
"""

import functools
import re
from html import escape as html_escape

from docutils.utils import smartquotes

from .html_tree import Fragment

LITERAL_ELEMENTS = {"code", "pre", "kbd", "samp", "var", "script", "style", "math", "textarea"}
# SmartyPants attributes: q = quotes, D = "--" en dash and "---" em dash, e = "..." ellipsis.
SMARTYPANTS_ATTRIBUTES = "qDe"

# The dash between clauses, typed as " - ": Gedankenstrich in German, en dash in English, тире in Ukrainian.
CLAUSE_DASH = {"de": "\u2013", "en": "\u2013", "uk": "\u2014"}
SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")

RIGHT_SINGLE_QUOTE = "\u2019"
MODIFIER_APOSTROPHE = "\u02bc"
UKRAINIAN_APOSTROPHE = re.compile(r"(?<=[А-ЩЬЮЯҐЄІЇа-щьюяґєії])['’‘](?=[А-ЩЬЮЯҐЄІЇа-щьюяґєії])")


def _text_nodes(fragment):
    """The body's text nodes as the browser parses it (html_tree), each with its kind for smartquotes: "literal"
    inside <code>, <pre> and the like (left as typed), "text" elsewhere. Markup is never part of a token, so an
    attribute's value is never set: docutils' own tokenizer splits at the first ">", also one inside a quoted
    attribute value, and then took the attribute's closing quote for a quotation mark."""
    for node in fragment.nodes():
        if not node.is_text_node:
            continue
        parent, literal = node.parent, False
        while parent is not None and not literal:
            literal = (parent.tag or "").lower() in LITERAL_ELEMENTS
            parent = parent.parent
        yield node, ("literal" if literal else "text")


def _base_language(lang):
    return (lang or "de").split("-")[0].split("_")[0].lower()


def _apostrophes_after_words(pieces, language):
    """Turn a closing secondary quote with no open secondary quote before it into an apostrophe."""
    quotes = smartquotes.smartchars(language)
    opening, closing = quotes.osquote, quotes.csquote
    if closing == RIGHT_SINGLE_QUOTE:
        return [text for _, text in pieces]  # English: apostrophe and closing quote are one character.
    open_count = 0
    result = []
    for kind, text in pieces:
        if kind != "text" or (closing not in text and opening not in text):
            result.append(text)
            continue
        chars = list(text)
        for index, char in enumerate(chars):
            if char == opening:
                open_count += 1
            elif char == closing:
                if open_count:
                    open_count -= 1
                else:
                    chars[index] = RIGHT_SINGLE_QUOTE
        result.append("".join(chars))
    return result


def ukrainian_apostrophes(text):
    """ʼ (U+02BC) inside Ukrainian words, whatever apostrophe was typed: for names, which get no other typography."""
    return UKRAINIAN_APOSTROPHE.sub(MODIFIER_APOSTROPHE, text)


# A check run (CHECK_ONLY) checks what editors wrote; how it is set typographically cannot be wrong, and setting
# it is a fifth of the time of reading the content. Set per build by the plugin (one process per language).
_setting_type = True


def set_type(enabled):
    global _setting_type
    _setting_type = enabled


def educate_text(text, lang):
    """Plain text (a title, a summary) set typographically and escaped, ready to be placed in HTML."""
    if not text:
        return text
    if not _setting_type:
        return html_escape(text, quote=False)
    return html_escape(_educate_tokens([("text", text)], lang), quote=False)


def educate(html, lang):
    """Return `html` with the typographic characters of `lang` (a BCP 47 tag; only the language is used)."""
    if not html or not _setting_type:
        return html
    return _educated_html(html, _base_language(lang))


# Remembered within a process: the preview's builds are forked from a process that has built the site once
# (sitebuild.build.warm_up), so an unchanged text is not set again on every save. The result depends on nothing
# but the arguments.
@functools.lru_cache(maxsize=4096)
def _educated_html(html, language):
    fragment = Fragment(html)
    nodes = list(_text_nodes(fragment))
    educated = _educated_pieces([(kind, node.text_content) for node, kind in nodes], language)
    changed = False
    for (node, _), (before, after) in zip(nodes, educated, strict=True):
        if after != before:
            node.replace_with(after)
            changed = True
    return fragment.html() if changed else html


def remember_typogrify_results():
    """The same for typogrify, which Pelican runs on every text, title and summary after reading it (a quarter of
    reading the content when nothing else is set): its `typogrify` function, remembered per argument. Pelican
    imports it from `typogrify.filters` on every file it reads, so wrapping it there reaches every call."""
    import smartypants
    import typogrify.filters

    original = typogrify.filters.typogrify
    if getattr(original, "remembered", False):
        return

    @functools.lru_cache(maxsize=8192)
    def remembered(text, ignore_tags, attributes, options):
        return original(text, list(ignore_tags) if ignore_tags is not None else None, **dict(options))

    def remembering_typogrify(text, ignore_tags=None, **options):
        # smartypants' attributes are global state that Pelican sets before each call: part of the key.
        return remembered(text, tuple(ignore_tags) if ignore_tags is not None else None,
                          smartypants.Attr.default, tuple(sorted(options.items())))

    remembering_typogrify.remembered = True
    typogrify.filters.typogrify = remembering_typogrify


def _educate_tokens(tokens, lang):
    return "".join(after for _, after in _educated_pieces(tokens, _base_language(lang)))


def _educated_pieces(tokens, language):
    """(before, after) for each token of kind "text" or "literal" (or "tag"): smartquotes and our additions, with
    the state of open quotes carried from one token to the next."""
    educated = smartquotes.educate_tokens(tokens, SMARTYPANTS_ATTRIBUTES, language)
    pieces = [(kind, text) for (kind, _), text in zip(tokens, educated, strict=True)]
    texts = _apostrophes_after_words(pieces, language)
    dash = CLAUSE_DASH.get(language, "\u2013")
    out = []
    for (kind, before), text in zip(tokens, texts, strict=True):
        if kind == "text":
            text = SPACED_HYPHEN.sub(f" {dash} ", text)
            if language == "uk":
                text = UKRAINIAN_APOSTROPHE.sub(MODIFIER_APOSTROPHE, text)
        out.append((before, text))
    return out
