"""Checking content without building the site (`invoke check`, setting CHECK_ONLY): every check, no rendering.

The checks after writing (links, anchors) look at the files the build wrote. A check run writes the same file
names, but instead of rendering templates each file holds only what the link check reads: the `id`s of the text
(from the body's HTML) and the `id`s the templates always write. Pages without a text (listings, home page)
hold a marker that says "ids unknown", so a link to an anchor there is left to the full build. Static files
are written empty. This saves the rendering, which is most of the time of writing a site.
"""

import os
import re
from functools import lru_cache

from pelican.writers import Writer

UNKNOWN_IDS = "<!-- check-only: ids unknown -->"
LITERAL_ID = re.compile(r"""\bid="([A-Za-z][\w:.-]*)\"""")


@lru_cache(maxsize=None)
def template_ids(theme_path):
    """The ids that templates write literally (e.g. id="inhalt"), which every page of their kind has."""
    ids = set()
    for folder, _, names in os.walk(os.path.join(theme_path, "templates")):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    ids.update(LITERAL_ID.findall(handle.read()))
    return frozenset(ids)


def text_shown(context):
    """The article, page or partner a page is about (None for listings and other pages without a text)."""
    return next((context[key] for key in ("article", "page", "partner") if context.get(key) is not None), None)


class _IdsOnly:
    """Stands in for a template: 'renders' the ids a link check needs, nothing else."""

    def __init__(self, theme_path):
        self.theme_path = theme_path

    def render(self, context):
        text = text_shown(context)
        if text is None:
            return UNKNOWN_IDS
        ids = " ".join(f'<i id="{name}"></i>' for name in sorted(template_ids(self.theme_path)))
        return f"{ids}\n{getattr(text, 'content', '') or ''}"


class IdsOnlyWriter(Writer):
    """Writes every file a build writes, under the same name, with only its ids; writes no feeds."""

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _IdsOnly(self.settings["THEME"]), context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        return None


def has_unknown_ids(text):
    return text.startswith(UNKNOWN_IDS)


def touch_static_files(generator):
    """Static files exist for the link check, empty: copying photos would be the slowest part of a check."""
    for static in generator.staticfiles:
        path = os.path.join(generator.output_path, static.save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").close()
    generator.staticfiles.clear()
