"""A strict, all-or-nothing Pelican build.

Pelican's own strictness (`--fatal warnings`) stops at the first warning, and a failed `pelican` run may have
written half of `output/` already. This wrapper
- treats every warning and error logged during the build (Pelican's, our plugins', a plugin that failed to
  load) as fatal, but lets the build run on so that all of them are reported at once;
- builds into a fresh folder next to the output folder and swaps it in only when the build was clean, so a
  failed build leaves the last good site untouched.
"""

import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    messages: list[str] = field(default_factory=list)


class _Collector(logging.Handler):
    """Prints each warning or error as one plain line (no wrapping: paths stay whole in CI logs) and keeps it."""

    def __init__(self, stream):
        super().__init__(logging.WARNING)
        self.stream = stream
        self.messages = []

    def emit(self, record):
        message = record.getMessage()
        if record.exc_info and record.levelno >= logging.ERROR:
            message += "\n" + self.formatException(record.exc_info)
        self.messages.append(message)
        self.stream.write(message + "\n")
        self.stream.flush()

    def formatException(self, exc_info):  # noqa: N802 (logging's naming)
        return logging.Formatter().formatException(exc_info)


def _forget_earlier_builds():
    """Pelican's log filter drops a message it has seen before, even from an earlier build in this process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    LimitFilter._ignore.clear()


def _swap_in(new_output, output_path):
    old = None
    if os.path.exists(output_path):
        old = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(output_path))
        os.rename(output_path, os.path.join(old, "site"))
    os.rename(new_output, output_path)
    if old:
        shutil.rmtree(old)


def build(settings_file="pelicanconf.py", output_path=None, overrides=None, stream=None):
    """Build the site; on success replace `output_path`, on any warning or error leave it as it was."""
    stream = stream or sys.stderr
    started = time.perf_counter()
    _forget_earlier_builds()
    collector = _Collector(stream)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(collector)
    root.setLevel(logging.WARNING)
    staging = None
    try:
        settings = read_settings(settings_file, override=dict(overrides or {}))
        output_path = os.path.abspath(output_path or settings["OUTPUT_PATH"])
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".output-new-", dir=os.path.dirname(output_path))
        settings["OUTPUT_PATH"] = staging
        try:
            Pelican(settings).run()
        except Exception as error:  # noqa: BLE001 - every failure must end as a failed build, not a traceback
            log = logging.getLogger(__name__)
            if getattr(error, "reported", False):
                pass  # a plugin stopped the build after logging every problem it found
            elif collector.messages:
                # Content with problems can break a template; the problems above are what the editor must fix.
                log.error("Weitere Prüfungen wurden wegen der Probleme oben übersprungen (%s).", type(error).__name__)
            else:
                log.error("Der Build ist abgebrochen: %s: %s", type(error).__name__, error, exc_info=True)
        ok = not collector.messages
        if ok:
            _swap_in(staging, output_path)
            staging = None
        return BuildResult(ok, output_path, time.perf_counter() - started, collector.messages)
    finally:
        root.removeHandler(collector)
        root.setLevel(previous_level)
        if staging and os.path.exists(staging):
            shutil.rmtree(staging)
