"""Problems found in content, collected over a whole build and reported together.

Pelican stops at the first warning when warnings are fatal; an editor who fixes one mistake per build needs
many builds. So every check here records a `Problem` and lets the build go on; the plugin reports all of them
at once when all content has been read, and then fails the build.
"""

import logging
import os
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, worded for an editor: where, which field, what is wrong, how to fix it."""

    path: str
    line: int
    field: str
    message: str
    fix: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message} — {self.fix}"


class ContentProblems(Exception):
    """Raised once, after all problems of a build have been logged, to stop the build."""

    exitcode = 1
    reported = True  # every problem has been logged; the build wrapper adds nothing

    def __init__(self, count):
        super().__init__(
            f"{count} Problem(e) in den Inhalten gefunden (siehe oben). Es wurde nichts veröffentlicht."
        )
        self.count = count


def display_path(path, base_dir=None):
    """A path as editors see it: relative to the project folder when inside it, else absolute."""
    if not path:
        return "(Einstellungen)"
    path = os.path.abspath(path)
    try:
        relative = os.path.relpath(path, base_dir or os.getcwd())
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


class ProblemLog:
    """The problems of one build. Paths are shown relative to the project folder, as editors see them."""

    def __init__(self, base_dir=None):
        self.base_dir = base_dir or os.getcwd()
        self._problems = []
        self._reported = 0

    def add(self, path, line, field, message, fix):
        # One problem, one line: a quoted value with a line break or tab (a link written over two lines) would
        # otherwise split the message in the editor's terminal and in CI's annotations.
        message, fix = (" ".join(text.split()) if any(c in text for c in "\n\r\t") else text for text in (message, fix))
        self._problems.append(Problem(self.display_path(path), line or 0, field or "", message, fix))

    def display_path(self, path):
        return display_path(path, self.base_dir)

    def __len__(self):
        return len(self._problems)

    def __iter__(self):
        return iter(sorted(self._problems))

    def report_new(self):
        """Log every problem not yet logged, sorted by file and line, and return how many there are in all."""
        new = sorted(self._problems[self._reported :])
        for problem in new:
            logger.error("%s", problem)
        self._reported = len(self._problems)
        return len(self._problems)
