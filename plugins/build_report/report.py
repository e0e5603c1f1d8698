"""The report of one Pelican run: its problems, the links it could not check, and what it wrote.

It is the one channel from the plugins to whoever runs the build (sitebuild): the plugins add to it, the
`build_report` plugin writes it as JSON when the run is finalized, and sitebuild reads the reports of all
languages and merges them. Nothing else crosses over: no plugin's module state is read from outside, and no
exception carries an "already reported" flag.

A plugin finds the report of the run it is part of in the settings (`report_of(settings)`); a plugin that can also
run without this one (partner_list) looks for it there and logs its problems itself when there is none.
"""

import json
import os
from dataclasses import asdict, dataclass, field

SETTING = "BUILD_REPORT"  # the report object of the running build, in its settings
PATH_SETTING = "BUILD_REPORT_PATH"  # where the report is written as JSON at the end (set by sitebuild)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, worded for an editor: where, which field, what is wrong, how to fix it."""

    path: str  # as editors see it: relative to the project folder when inside it
    line: int  # 0 when no line applies
    field: str
    message: str
    fix: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message} — {self.fix}"


@dataclass(frozen=True)
class DeferredLink:
    """A link into another language's site, checked once every language's site exists."""

    path: str
    line: int
    link: str  # as the editor wrote it
    site_path: str  # where it leads, relative to the whole site's root


@dataclass
class BuildReport:
    lang: str = ""
    base_dir: str = ""  # paths in problems are shown relative to this folder
    problems: list = field(default_factory=list)
    deferred_links: list = field(default_factory=list)
    written: list = field(default_factory=list)  # files the run wrote, relative to its output folder
    not_rendered: list = field(default_factory=list)  # pages a preview run skipped (content_model/selected_pages.py)
    checked_files: list = field(default_factory=list)  # content files already checked with a text's line

    def add_problem(self, path, line, field_name, message, fix):
        # One problem, one line: a quoted value with a line break or tab (a link written over two lines) would
        # otherwise split the message in the editor's terminal and in CI's annotations.
        message, fix = (" ".join(text.split()) if any(c in text for c in "\n\r\t") else text for text in (message, fix))
        problem = Problem(self.display_path(path), line or 0, field_name or "", message, fix)
        if problem not in self.problems:
            self.problems.append(problem)
        return problem

    def add_deferred_link(self, path, line, link, site_path):
        self.deferred_links.append(DeferredLink(self.display_path(path), line or 0, link, site_path))

    def display_path(self, path):
        """A path as editors see it: relative to the project folder when inside it, else absolute."""
        if not path:
            return "(Einstellungen)"
        path = os.path.abspath(path)
        try:
            relative = os.path.relpath(path, self.base_dir or os.getcwd())
        except ValueError:
            return path
        return path if relative.startswith("..") else relative

    def write(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle, ensure_ascii=False)

    @classmethod
    def read(cls, path):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        report = cls(**{key: value for key, value in data.items() if key not in ("problems", "deferred_links")})
        report.problems = [Problem(**problem) for problem in data.get("problems", [])]
        report.deferred_links = [DeferredLink(**link) for link in data.get("deferred_links", [])]
        return report


def report_of(settings):
    """The report of the run these settings belong to (None outside a run with the build_report plugin)."""
    return settings.get(SETTING)
