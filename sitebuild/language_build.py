"""One language's site: an ordinary Pelican run with that language's settings, in a process of its own.

Everything Pelican and the plugins log as a warning or an error is kept as a problem (Pelican's own strictness,
`--fatal warnings`, would stop at the first one); the plugins' own findings come from the run's report
(plugins/build_report). After the run, the pages it wrote are checked by the output gate, in this process, so that
the languages' checks run in parallel like their builds.
"""

import contextlib
import io
import logging
import os
import sys
from dataclasses import dataclass

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))
from build_report import report as report_plugin  # noqa: E402 - plugins/ is not a package

from . import output_gate, system_errors  # noqa: E402

REPORT_LOGGER = "build_report.problems"


class Collector(logging.Handler):
    """Keeps every warning or error as one plain line (no wrapping: paths stay whole in CI logs). The problems the
    plugins found come from the build's report, typed; their log lines (for plain `pelican` runs) are left out."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        if record.name.startswith(REPORT_LOGGER):
            return
        message = record.getMessage()
        if record.exc_info and record.levelno >= logging.ERROR:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        self.messages.append(message)


def forget_earlier_builds():
    """Pelican's log filter drops a message it has seen before, even from an earlier build in this process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    LimitFilter._ignore.clear()


@dataclass
class LanguageResult:
    """What one language's build found and wrote (from its report, plugins/build_report, and its log)."""

    problems: list  # lines for the editor: the report's problems, then other warnings and errors
    deferred_links: list
    written: list
    checked: set  # files of the output gate's, relative to the whole site
    rendered: list = None  # a run that renders only some pages (RENDER_ONLY): those it rendered
    not_rendered: list = None  # and the other pages it would have written


def build_one_language(settings_file, overrides, output_path):
    """Build one language's site into `output_path` and check what it wrote (output gate)."""
    forget_earlier_builds()
    collector = Collector()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers[:] = [collector]
    root.setLevel(logging.WARNING)
    report = None
    try:
        settings = read_settings(settings_file, override=dict(overrides, OUTPUT_PATH=output_path))
        try:
            # Pelican's own summary ("Done: Processed …", once per language) only with --verbose: the build ends
            # with one line of its own.
            quiet = (contextlib.nullcontext() if settings.get("VERBOSE")
                     else contextlib.redirect_stdout(io.StringIO()))
            with quiet:
                Pelican(settings).run()
        except Exception as error:  # noqa: BLE001 - every failure must end as a failed build, not a traceback
            log = logging.getLogger(__name__)
            found = settings.get(report_plugin.SETTING)
            # The language's folder lies in a staging folder beside the output folder: name the folder around it.
            line = system_errors.describe(error, os.path.dirname(os.path.dirname(output_path)))
            if line:
                log.error("%s", line)
            elif (found is not None and found.problems) or collector.messages:
                # Content with problems can break a template; the problems found are what the editor must fix.
                log.error("Weitere Prüfungen wurden wegen der Probleme oben übersprungen (%s).", type(error).__name__)
            else:
                log.error("Der Build ist abgebrochen: %s: %s", type(error).__name__, error, exc_info=True)
        # The report is in this run's settings, whether the run finished or not (plugins/build_report).
        report = settings.get(report_plugin.SETTING)
        problems = [str(problem) for problem in sorted(report.problems)] if report else []
        if report is None and not collector.messages:
            collector.messages.append("Der Build hat keinen Bericht geschrieben (Plugin build_report fehlt?).")
        checked = set()
        rendered = None
        if report is not None and settings.get("RENDER_ONLY") is not None:
            rendered = _keep_only_rendered(output_path, report.written)
        if not problems and not collector.messages and not settings.get("CHECK_ONLY"):
            # This language's pages, checked here, in parallel with the other languages' builds.
            prefix = "" if settings["DEFAULT_LANG"] == settings["ORIGINAL_LANG"] else f"{settings['DEFAULT_LANG']}/"
            collector.messages.extend(output_gate.check(output_path, settings, prefix=prefix, seen=checked,
                                                        site_url=settings.get("MAIN_SITEURL")))
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    return LanguageResult(problems + collector.messages, report.deferred_links if report else [],
                          report.written if report else [], checked, rendered,
                          report.not_rendered if report else None)


def _keep_only_rendered(output_path, written):
    """A run that renders only some pages (plugins/content_model/selected_pages.py): remove its stand-ins and every
    other file it wrote (open data, for instance), so that the output gate checks, and the preview takes, only the
    pages it rendered. Returns those pages, relative to `output_path`."""
    from content_model.selected_pages import is_stand_in

    rendered = [path for path in written if not is_stand_in(os.path.join(output_path, path))]
    keep = {os.path.join(output_path, path) for path in rendered}
    for folder, _, names in os.walk(output_path):
        for name in names:
            path = os.path.join(folder, name)
            if path not in keep:
                os.remove(path)
    return rendered


