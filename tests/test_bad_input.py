"""Every editor mistake fails the build with a message naming file, line and field, and publishes nothing.

Each folder under fixtures/bad/ holds the files that turn the minimal valid site into a broken one, and
`expect.txt`: one line per message the build must print, as `path:line: field: start of the message`.
"""

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_fixture_site, run_build

BAD = FIXTURES / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())


def expected_messages(case):
    return [line for line in (BAD / case / "expect.txt").read_text(encoding="utf-8").splitlines() if line]


def test_every_case_has_expectations():
    assert len(CASES) >= 20
    for case in CASES:
        assert expected_messages(case), case


def test_the_minimal_site_itself_builds(tmp_path):
    content = copy_fixture_site(tmp_path)
    build = run_build(tmp_path / "output", content=content)
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "output" / "lieferungen" / "2022-12-07-fahrzeuge" / "index.html").is_file()


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_with_a_message_naming_file_and_field(case, tmp_path):
    content = copy_fixture_site(tmp_path / "site", BAD / case)
    output = tmp_path / "output"
    output.mkdir()
    (output / "previous-build.html").write_text("the last good site", encoding="utf-8")

    build = run_build(output, content=content, cwd=tmp_path / "site")

    assert build.returncode == 1, f"build passed although {case} is broken:\n{build.stdout}\n{build.stderr}"
    lines = build.stderr.splitlines()
    for expected in expected_messages(case):
        assert any(line.startswith(expected) for line in lines), (
            f"expected a line starting with\n  {expected}\ngot:\n{build.stderr}"
        )
    # Each message says how to fix it, after the dash.
    for expected in expected_messages(case):
        line = next(line for line in lines if line.startswith(expected))
        assert " — " in line and len(line.split(" — ", 1)[1]) > 10, line
    # One mistake, one message: nothing else is printed but the summary (no follow-on problems, no English lines
    # from Pelican, no traceback).
    others = [line for line in lines if line.strip() and not line.startswith("Build fehlgeschlagen: ")
              and not any(line.startswith(expected) for expected in expected_messages(case))]
    assert others == [], "\n".join(others)
    assert f"Build fehlgeschlagen: {len(expected_messages(case))} Meldung(en)" in build.stderr
    # The previous output is untouched and no half-built folder is left behind.
    assert sorted(path.name for path in output.iterdir()) == ["previous-build.html"]
    assert not [path for path in (tmp_path).iterdir() if path.name.startswith(".output-")]


def test_all_problems_of_a_build_are_reported_at_once(tmp_path):
    # Each case breaks a different file, so that the overlays add up.
    cases = ["invalid-date", "unknown-unit", "broken-filename-link", "page-takes-kind-url", "duplicate-slug",
             "broken-plain-link", "file-name"]
    content = copy_fixture_site(tmp_path / "site", *(BAD / case for case in cases))
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    lines = build.stderr.splitlines()
    for case in cases:
        for expected in expected_messages(case):
            assert any(line.startswith(expected) for line in lines), f"{case}: {expected}\n{build.stderr}"


def test_a_broken_link_found_after_writing_also_keeps_the_old_output(tmp_path):
    """Links to site URLs are checked when all pages exist; a failure there must not publish either."""
    content = copy_fixture_site(tmp_path / "site", BAD / "broken-plain-link")
    output = tmp_path / "output"
    good = run_build(output, content=copy_fixture_site(tmp_path / "good"))
    assert good.returncode == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    build = run_build(output, content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    assert {path: path.read_bytes() for path in output.rglob("*") if path.is_file()} == before


def test_a_plugin_that_fails_to_load_fails_the_build(tmp_path):
    """Pelican logs a plugin it cannot import and goes on without it (issue #3172); we must not."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from pelicanconf import *\n"
        f"PATH = {str(copy_fixture_site(tmp_path))!r}\n"
        f"THEME = {str(Path(__file__).resolve().parent.parent / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(Path(__file__).resolve().parent.parent / 'plugins')!r}]\n"
        "PLUGINS = PLUGINS + ['no_such_plugin']\n",
        encoding="utf-8",
    )
    build = run_build(tmp_path / "output", settings=settings)
    assert build.returncode == 1
    assert "no_such_plugin" in build.stderr
    assert not (tmp_path / "output").exists()
