"""`invoke check` (python -m sitebuild --check): the build's checks without the build.

It must find exactly what the build finds in every broken fixture site, name file, line and field the same
way, and never touch an output folder.
"""

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_fixture_site, copy_project, run_build, run_check
from test_bad_input import BAD, CASES, expected_messages

PROBLEM_LINE = re.compile(r"^\S+:\d+: ")


def problems(stderr):
    return sorted(line for line in stderr.splitlines() if PROBLEM_LINE.match(line))


@pytest.mark.parametrize("case", CASES)
def test_check_finds_what_the_build_finds(case, tmp_path):
    content = copy_fixture_site(tmp_path / "site", BAD / case)
    check = run_check(content, cwd=tmp_path / "site")
    assert check.returncode == 1, check.stdout + check.stderr
    for expected in expected_messages(case):
        assert any(line.startswith(expected) for line in check.stderr.splitlines()), (expected, check.stderr)
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert problems(check.stderr) == problems(build.stderr)


def snapshot(folder):
    """Every file, folder and link under `folder` (links not followed) with its kind, size, time and bytes.
    The caches in .cache/ are left out: keeping rendered Markdown there is what a check may do."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] == ".cache" or (relative.parts[0] == ".venv" and len(relative.parts) > 1):
            continue
        if path.is_symlink():
            found[relative] = ("link", os.readlink(path))
        elif path.is_dir():
            found[relative] = ("folder",)
        else:
            stat = path.stat()
            found[relative] = ("file", stat.st_size, stat.st_mtime_ns, path.read_bytes())
    return found


@pytest.mark.parametrize("content", ["real", "broken"])
def test_the_check_writes_nothing_outside_its_cache(tmp_path, content):
    """In an editor's copy of the project (its own settings, its own output/), with the real content and with a
    broken one; a previous build's output/ is there and must stay as it is, and no staging folder is left in
    the project or in the temporary folder."""
    if content == "real":
        project = copy_project(tmp_path / "project", ROOT / "content")
    else:
        project = copy_project(tmp_path / "project", copy_fixture_site(tmp_path / "broken", BAD / "invalid-date"))
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("<!DOCTYPE html><title>Letzter guter Stand</title>")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    before = snapshot(project)
    check = run_check(cwd=project, settings=project / "pelicanconf.py", tmpdir=temporary)
    assert check.returncode == (0 if content == "real" else 1), check.stderr
    if content == "real":
        assert re.search(r"Geprüft in \d+\.\d\d s: keine Probleme\.", check.stdout), check.stdout
        assert "Done: Processed" not in check.stdout, "only problems and the result are printed"
    assert snapshot(project) == before
    assert list(temporary.iterdir()) == []


def test_check_reports_every_problem_of_several_files_at_once(tmp_path):
    cases = ["invalid-date", "unknown-unit", "broken-filename-link", "duplicate-slug", "broken-plain-link"]
    content = copy_fixture_site(tmp_path / "site", *(BAD / case for case in cases))
    check = run_check(content, cwd=tmp_path / "site")
    assert check.returncode == 1
    for case in cases:
        for expected in expected_messages(case):
            assert any(line.startswith(expected) for line in check.stderr.splitlines()), (case, check.stderr)
    assert re.search(r"Prüfung: \d+ Problem\(e\)", check.stderr)
