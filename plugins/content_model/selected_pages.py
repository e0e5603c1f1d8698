"""The preview's quick answer to a saved text (setting RENDER_ONLY): every check of the build, but only the pages
an editor is looking at rendered.

Rendering is most of a language's build (editors/preview.py waits for it before the open page can reload). Pelican
4.12 has no way to write only some pages (WRITE_SELECTED was removed in 4.9), so this writer stands in: the run
reads every text and runs every check as usual, and asks to write every page, but only the pages named in
RENDER_ONLY (site-relative paths of this language's site) and the pages of the texts in RENDER_ONLY_SOURCES (the
saved files) are rendered. Every other page is noted in the build's report as not rendered (a paginated
listing's other pages are written as stand-ins that hold only NOT_RENDERED, since Pelican's paginator names them),
so that the run's list of pages stays complete: sitebuild compares it with the earlier build's before it uses the
result.
Feeds, photos and other static files are not written.

The link check of such a run resolves a link to a page it did not render, or to a file it did not write, in the earlier
build's output (RENDER_ONLY_EARLIER_OUTPUT): the pages there are what this run would have written, since only
the saved texts changed (links.py). sitebuild then keeps only the rendered pages, checks them with the output
gate and puts them in place of their earlier versions; the full rebuild that follows rewrites everything.
"""

import os

from pelican.writers import Writer

from .dry_run import text_shown

NOT_RENDERED = "<!-- preview: not rendered in this run -->\n"
_MARKER = NOT_RENDERED.encode()


def is_stand_in(path):
    """Whether `path` is a page this run did not render (it then holds only the marker)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_MARKER) + 1) == _MARKER
    except (IsADirectoryError, FileNotFoundError):
        return False


class _RenderOnlySelected:
    """Stands in for a template: renders a page only if it is selected or shows a saved text."""

    def __init__(self, template, selected, sources):
        self.template = template
        self.selected = selected
        self.sources = sources

    def render(self, context):
        if (context.get("output_file") in self.selected
                or getattr(text_shown(context), "source_path", None) in self.sources):
            return self.template.render(context)
        return NOT_RENDERED


class SelectedPagesWriter(Writer):
    """Renders only the selected pages (see the module's docstring) and notes the others in the build's report;
    writes no feeds."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.selected = frozenset(self.settings.get("RENDER_ONLY") or ())
        self.sources = frozenset(os.path.abspath(path) for path in self.settings.get("RENDER_ONLY_SOURCES") or ())

    def write_file(self, name, template, context, *args, **kwargs):
        selected, sources = self.selected, self.sources
        if name and not args and not _paginated(self.settings, kwargs) and name not in selected:
            if getattr(text_shown(kwargs), "source_path", None) not in sources:
                # Nothing written at all, not even a stand-in: creating folders and files was a tenth of the run.
                report = self.settings.get("BUILD_REPORT")
                if report is not None:
                    report.not_rendered.append(name)
                return None
        # A paginated listing's pages are named by Pelican's paginator: each page decides as it is rendered.
        return super().write_file(name, _RenderOnlySelected(template, selected, sources), context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        return None


def _paginated(settings, kwargs):
    """Whether Pelican's writer will split this page into several (as writers.Writer.write_file decides it)."""
    paginated = kwargs.get("paginated")
    if paginated is None:
        paginated = {key: value for key, value in kwargs.items() if key in ("articles", "dates")}
    return bool(paginated) and kwargs.get("template_name") in settings.get("PAGINATED_TEMPLATES", {})


def active(settings):
    return settings.get("RENDER_ONLY") is not None
