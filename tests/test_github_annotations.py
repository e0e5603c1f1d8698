"""Under GitHub Actions the check and the build talk to editors on the pull request: one annotation per problem
on its file and line, and a German table of the problems in the job summary ($GITHUB_STEP_SUMMARY)."""

import os
import subprocess
import sys

import pytest

from build_report.report import Problem
from conftest import ROOT, copy_fixture_site
from sitebuild import github, problem_lines
from test_bad_input import BAD

DATE_FILE = "content/artikel/besuche/2023-04-17-besuch-zur-messe.md"
UNIT_FILE = "content/artikel/lieferungen/2022-12-07-fahrzeuge.md"


def run(tmp_path, *arguments, actions=True):
    content = copy_fixture_site(tmp_path / "site", BAD / "invalid-date", BAD / "unknown-unit")
    summary = tmp_path / "summary.md"
    summary.write_text("## Schritt davor\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), GITHUB_STEP_SUMMARY=str(summary), GITHUB_SERVER_URL="https://github.com",
               GITHUB_REPOSITORY="stadt/partnerschaft", GITHUB_SHA="abc123", GITHUB_RUN_ID="42")
    env.pop("GITHUB_ACTIONS", None)
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    command = [sys.executable, "-m", "sitebuild", "--settings", str(ROOT / "pelicanconf.py"), "--content", str(content),
               *arguments]
    completed = subprocess.run(command, cwd=tmp_path / "site", env=env, capture_output=True, text=True, timeout=300)
    return completed, summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("arguments", [["--check"], ["--output", "output"]], ids=["check", "build"])
def test_each_problem_is_an_annotation_on_its_line_and_a_row_of_the_summary(tmp_path, arguments):
    completed, summary = run(tmp_path, *arguments)
    assert completed.returncode == 1
    annotations = [line for line in completed.stdout.splitlines() if line.startswith("::error ")]
    assert any(line.startswith(f"::error file={DATE_FILE},line=2,title=Feld „date“::„2023-02-30“ ist kein gültiges "
                               "Datum (diesen Tag gibt es nicht) – schreiben Sie JJJJ-MM-TT") for line in annotations)
    assert any(line.startswith(f"::error file={UNIT_FILE},line=6,title=Feld „items“::Die Einheit „fahrzeug“ ist "
                               "unbekannt – meinten Sie") for line in annotations), completed.stdout
    assert len(annotations) == 2, annotations
    # The editor still reads the problems in the log as everywhere else.
    assert f"{DATE_FILE}:2: date: " in completed.stderr
    # The summary is appended to what earlier steps wrote.
    assert summary.startswith("## Schritt davor\n")
    what = "Prüfung" if arguments == ["--check"] else "Build"
    assert f"## {what}: 2 Problem(e)" in summary
    assert "| Datei | Zeile | Feld | Was ist falsch | So beheben Sie es |" in summary
    assert (f"| [`{DATE_FILE}`](https://github.com/stadt/partnerschaft/blob/abc123/{DATE_FILE}#L2) | 2 | date | "
            "„2023-02-30“ ist kein gültiges Datum (diesen Tag gibt es nicht) | schreiben Sie JJJJ-MM-TT") in summary, summary


def test_outside_github_actions_nothing_is_annotated_and_no_summary_written(tmp_path):
    completed, summary = run(tmp_path, "--check", actions=False)
    assert completed.returncode == 1
    assert "::error" not in completed.stdout + completed.stderr
    assert summary == "## Schritt davor\n"


def test_a_clean_build_says_so_and_where_the_built_site_is(tmp_path):
    summary = tmp_path / "summary.md"
    environ = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
               "GITHUB_REPOSITORY": "stadt/partnerschaft", "GITHUB_RUN_ID": "42"}
    github.report([], "Build", True, open(os.devnull, "w"), environ)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build: keine Probleme")
    assert "(https://github.com/stadt/partnerschaft/actions/runs/42)" in text


def test_workflow_command_escaping():
    problem = problem_lines.ProblemLine("content/a,b:c%.md", 3, "date", "50% fertig\r\nzweite Zeile", "so: ja, so")
    assert github.annotation(problem) == (
        "::error file=content/a%2Cb%3Ac%25.md,line=3,title=Feld „date“::50%25 fertig%0D%0Azweite Zeile – so: ja, so")


def test_summary_cells_keep_an_editors_text_as_text():
    problem = problem_lines.ProblemLine("content/a.md", 1, "title", "Titel <b>fett</b> | mit Strich", "kürzen")
    row = github.summary([problem], "Prüfung", False, {}).splitlines()[-2]
    assert row == "| `content/a.md` | 1 | title | Titel &lt;b&gt;fett&lt;/b&gt; \\| mit Strich | kürzen |"


@pytest.mark.parametrize("problem", [
    Problem("content/seiten/neu.md", 3, "Text", "Hier steht noch der Platzhaltertext", "ersetzen Sie ihn"),
    Problem("content/seiten/neu.md", 0, "", "Die Datei ist kein UTF-8", "speichern Sie sie als UTF-8"),
    Problem("(Einstellungen)", 0, "ITEM_UNITS", "fehlt", "tragen Sie sie ein"),
    Problem("content/a.md", 7, "items", "Die Einheit „x“ — eine Frage", "meinten Sie „y“?"),
], ids=["line-and-field", "file-only", "settings", "dash-in-message"])
def test_a_printed_problem_reads_back_into_its_parts(problem):
    parsed = problem_lines.parse(str(problem))
    assert (parsed.path, parsed.line, parsed.field) == (problem.path, problem.line, problem.field)
    assert f"{parsed.message} — {parsed.fix}" == f"{problem.message} — {problem.fix}"


def test_a_line_that_names_no_file_keeps_its_text():
    parsed = problem_lines.parse("Locale could not be set: de_DE")
    assert (parsed.path, parsed.line, parsed.message) == ("", 0, "Locale could not be set: de_DE")
    assert github.annotation(parsed) == "::error title=Problem im Inhalt::Locale could not be set: de_DE"
