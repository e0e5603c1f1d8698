"""`invoke check` (python -m sitebuild --check): the build's checks without the build.

It must find exactly what the build finds in every broken fixture site, name file, line and field the same
way, and never touch an output folder.
"""

import re

import pytest

from conftest import ROOT, copy_fixture_site, run_build, run_check
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
    assert not (tmp_path / "site" / "output").exists()


def test_check_passes_the_real_site_and_touches_no_output(tmp_path):
    output = ROOT / "output"
    before = sorted(output.rglob("*")) if output.exists() else None
    check = run_check()
    assert check.returncode == 0, check.stderr
    assert re.search(r"Geprüft in \d+\.\d\d s: keine Probleme\.", check.stdout), check.stdout
    assert "Done: Processed" not in check.stdout, "only problems and the result are printed"
    assert (sorted(output.rglob("*")) if output.exists() else None) == before


def test_check_reports_every_problem_of_several_files_at_once(tmp_path):
    cases = ["invalid-date", "unknown-unit", "broken-filename-link", "duplicate-slug", "broken-plain-link"]
    content = copy_fixture_site(tmp_path / "site", *(BAD / case for case in cases))
    check = run_check(content, cwd=tmp_path / "site")
    assert check.returncode == 1
    for case in cases:
        for expected in expected_messages(case):
            assert any(line.startswith(expected) for line in check.stderr.splitlines()), (case, check.stderr)
    assert re.search(r"Prüfung: \d+ Problem\(e\)", check.stderr)
