"""Shared fixtures: building sites into temporary folders and reading what was built."""

import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TEST_SITEURL = "https://partnerschaft.example"
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    def page(self, url_path):
        """The parsed HTML of a built page, by its URL path ("lieferungen/" or "index.html")."""
        path = self.output / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def files(self, pattern="**/*"):
        return sorted(path for path in self.output.glob(pattern) if path.is_file())


TRANSLATION_FILE = re.compile(r"\.[a-z]{2,3}\.md$")


def originals(paths):
    """The German originals among content files (translations are named like kontakt.uk.md)."""
    return sorted(path for path in paths if not TRANSLATION_FILE.search(path.name))


def run_build(output, content=None, settings="pelicanconf.py", siteurl=None, cwd=ROOT):
    """Build with the real command (`python -m sitebuild`) in a child process, as an editor or CI would."""
    command = [sys.executable, "-m", "sitebuild", "--settings", str(ROOT / settings), "--output", str(output)]
    if content:
        command += ["--content", str(content)]
    if siteurl:
        command += ["--siteurl", siteurl]
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return Build(completed.returncode, completed.stdout, completed.stderr, Path(output))


def run_check(content=None, cwd=ROOT, settings=ROOT / "pelicanconf.py", tmpdir=None):
    """Check the content without building (`python -m sitebuild --check`), as `invoke check` does."""
    command = [sys.executable, "-m", "sitebuild", "--check", "--settings", str(settings)]
    if content:
        command += ["--content", str(content)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200", **({"TMPDIR": str(tmpdir)} if tmpdir else {}))
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return Build(completed.returncode, completed.stdout, completed.stderr, None)


PROJECT_FILES = ["tasks.py", "pelicanconf.py", "publishconf.py", ".pre-commit-config.yaml"]
PROJECT_FOLDERS = ["sitebuild", "editors", "hosting", "plugins", "theme", "data"]


def copy_project(destination, content):
    """An editor's copy of the project: code, theme and settings, the given content, this project's .venv."""
    project = Path(destination)
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    shutil.copytree(content, project / "content")
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def copy_fixture_site(destination, *overlays):
    """A content folder made of the minimal valid site plus the files of each overlay (later ones win)."""
    content = Path(destination) / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    for overlay in overlays:
        overlay_content = Path(overlay) / "content"
        if overlay_content.exists():
            shutil.copytree(overlay_content, content, dirs_exist_ok=True)
    return content


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _ignored_by_the_kernel():
    """The signals this process ignores as the kernel sees it (also what C code set, which Python cannot see)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            mask = int(line.split()[1], 16)
            return {number for number in STOP_SIGNALS if mask & (1 << (number - 1))}
    return set()


@pytest.fixture(autouse=True)
def signals_left_as_found():
    """A test that leaves Ctrl+C ignored in the test process passes that on to every program a later test starts
    (an ignored signal stays ignored across exec), so Ctrl+C tests would then fail at random. Fail the culprit."""
    before = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    ignored = _ignored_by_the_kernel()
    yield
    changed = [signal.Signals(number).name for number in STOP_SIGNALS if signal.getsignal(number) != before[number]]
    changed += [signal.Signals(number).name for number in _ignored_by_the_kernel() ^ ignored]
    for number, handler in before.items():
        signal.signal(number, handler)
    assert not changed, f"the test changed the handling of {', '.join(sorted(set(changed)))} and did not restore it"


def as_from_a_terminal():
    """For Popen(preexec_fn=…) in tests that stop a program as a terminal would: the program starts with the stop
    signals' default handling, as from a shell, whatever the test process inherited from the runner."""
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)


def pytest_report_header(config):
    """The browser the run used, at the top of every report: Debian's Chromium changes with security updates."""
    from browser import chromium_path

    try:
        version = subprocess.run([chromium_path(), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        version = f"not usable ({error})"
    return f"chromium: {version.strip()}"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built once with the live site's settings."""
    output = tmp_path_factory.mktemp("real") / "output"
    build = run_build(output, settings="publishconf.py", siteurl=TEST_SITEURL)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def real_site_local(tmp_path_factory):
    """The real site, built once with the local settings (what `make site` and the preview build)."""
    output = tmp_path_factory.mktemp("real-local") / "output"
    build = run_build(output)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def site_url(real_site_local):
    """The locally built real site, served on 127.0.0.1 with a strict Content-Security-Policy."""
    from browser import serve

    with serve(real_site_local.output) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; a fresh profile per launch."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_FLAGS, chromium_path

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    yield chromium
    chromium.close()
    playwright.stop()
