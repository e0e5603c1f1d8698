"""Two builds of the same commit are byte-identical, whatever the machine's clock, time zone, locale, folder or
file system.

So a published site can be rebuilt and compared, a deployment that changes nothing changes no file, and no URL or
date depends on where CI happened to run. The second build runs in another copy of the project, at another path,
with the content files' modification times changed, in a time zone on the other side of the date line and under
a German locale (which need not be installed: the build sets its own), and writes into a tmpfs (/dev/shm), whose
folders list their files in another order than a disk's.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conftest import ROOT, TEST_SITEURL, copy_project


def publish_build(project, output, **environment):
    env = dict(os.environ, PYTHONPATH=str(project), COLUMNS="200", **environment)
    command = [sys.executable, "-m", "sitebuild", "--settings", "publishconf.py", "--output", str(output),
               "--siteurl", TEST_SITEURL]
    completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    return output


def fingerprints(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    first = publish_build(ROOT, tmp_path / "first", TZ="Pacific/Kiritimati", LANG="C.UTF-8", LC_ALL="C.UTF-8")

    project = copy_project(tmp_path / "elsewhere" / "clone", ROOT / "content")
    later = time.time() + 86400 * 400
    for path in (project / "content").rglob("*"):
        os.utime(path, (later, later))
    memory = tempfile.mkdtemp(prefix="reproducible-", dir="/dev/shm")
    try:
        assert subprocess.run(["stat", "-f", "-c", "%T", memory], capture_output=True, text=True).stdout.strip() \
            == "tmpfs", "/dev/shm is a tmpfs on Debian"
        second = publish_build(project, Path(memory) / "second", TZ="Pacific/Pago_Pago", LANG="de_DE.UTF-8",
                               LC_ALL="de_DE.UTF-8")
        first_files, second_files = fingerprints(first), fingerprints(second)
        second_pages = {path: path.read_text(encoding="utf-8") for path in second.rglob("*.html")}
    finally:
        subprocess.run(["rm", "-rf", memory], check=True)
    assert len(first_files) > 300
    assert first_files.keys() == second_files.keys()
    differing = [name for name in first_files if first_files[name] != second_files[name]]
    assert differing == [], f"{len(differing)} files differ, e.g. {differing[:10]}"
    # Nothing of the machine leaks into what is published.
    for path, text in second_pages.items():
        assert str(tmp_path) not in text and str(ROOT) not in text and memory not in text, path
