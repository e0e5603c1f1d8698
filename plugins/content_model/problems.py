"""Where the content model's checks put what they find: the build's report (plugins/build_report).

Pelican stops at the first warning when warnings are fatal; an editor who fixes one mistake per build needs
many builds. So every check records a problem in the report and lets the build go on; the build_report plugin
logs all of them when the run ends, and sitebuild fails the build if there are any.
"""

from build_report.report import BuildReport, SETTING


def report(settings):
    """The report of the run `settings` belong to; made here if this plugin's handlers run before the report's."""
    found = settings.get(SETTING)
    if found is None:
        found = settings[SETTING] = BuildReport(lang=settings.get("DEFAULT_LANG", ""))
    return found


def add(settings, path, line, field, message, fix):
    return report(settings).add_problem(path, line, field, message, fix)
