"""The build report: problems as one line each, no duplicates, paths as editors see them, and a round trip through
the JSON file it is written to."""

import os

from build_report.report import BuildReport, Problem


def test_a_problem_is_one_line_with_where_what_and_how(tmp_path):
    report = BuildReport("de", str(tmp_path))
    problem = report.add_problem(str(tmp_path / "content" / "a.md"), 3, "title", "Ein\nzweizeiliger\tText", "So.")
    assert problem == Problem(os.path.join("content", "a.md"), 3, "title", "Ein zweizeiliger Text", "So.")
    assert str(problem) == "content/a.md:3: title: Ein zweizeiliger Text — So."
    assert str(Problem("content/a.md", 0, "", "Ohne Zeile", "So.")) == "content/a.md: Ohne Zeile — So."


def test_the_same_problem_is_kept_once_and_outside_paths_stay_absolute(tmp_path):
    report = BuildReport("de", str(tmp_path / "project"))
    for _ in range(2):
        report.add_problem(str(tmp_path / "project" / "x.md"), 1, "", "M", "F")
    report.add_problem("/etc/passwd", 0, "", "M", "F")
    assert [problem.path for problem in report.problems] == ["x.md", "/etc/passwd"]


def test_the_report_survives_its_file(tmp_path):
    report = BuildReport("uk", str(tmp_path))
    report.add_problem(str(tmp_path / "a.md"), 2, "sources", "M", "F")
    report.add_deferred_link(str(tmp_path / "a.md"), 5, "/en/x/", "en/x/")
    report.written.append("uk/index.html")
    report.write(tmp_path / "report.json")
    again = BuildReport.read(tmp_path / "report.json")
    assert again == report
