"""Signal handlers of the build_report plugin: one handler per job, registered in `register()`."""

import logging
import os

from pelican import signals

from .report import PATH_SETTING, SETTING, BuildReport

# Problems are logged under this name for a plain `pelican` run (`--fatal errors` then fails it); sitebuild takes
# them from the report instead and leaves these log records out.
logger = logging.getLogger("build_report.problems")


def start_report(pelican):
    """A new report for this run, where every plugin finds it: in the settings."""
    pelican.settings[SETTING] = BuildReport(lang=pelican.settings.get("DEFAULT_LANG", ""), base_dir=os.getcwd())


def note_written_file(path, context):
    report = context.get(SETTING)
    if report is not None:
        report.written.append(os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/"))


def write_report(pelican):
    report = pelican.settings.get(SETTING)
    if report is None:
        return
    for problem in sorted(report.problems):
        logger.error("%s", problem)
    if pelican.settings.get(PATH_SETTING):
        report.write(pelican.settings[PATH_SETTING])


def register():
    signals.initialized.connect(start_report)
    signals.content_written.connect(note_written_file)
    signals.finalized.connect(write_report)
