"""The check and the build talking to editors on a pull request (under GitHub Actions only).

Each problem becomes an annotation (`::error file=…,line=…,title=…::…`), which GitHub shows on the changed line in
the pull request's "Files changed"; and the job's summary page gets a German table of the problems and, when the
build worked, where to get the built site. Escaping follows GitHub's workflow-command rules (actions/toolkit,
command.ts): in the message %, CR and LF; in a property also : and ,.
"""

import os

from . import problem_lines


def active(environ=None):
    return (environ if environ is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def escape_data(text):
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem):
    """The workflow command for one ProblemLine."""
    properties = []
    if problem.path and problem.path != "(Einstellungen)":
        properties.append(f"file={escape_property(problem.path)}")
        if problem.line:
            properties.append(f"line={problem.line}")
    properties.append(f"title={escape_property(_title(problem))}")
    text = f"{problem.message} – {problem.fix}" if problem.fix else problem.message
    return f"::error {','.join(properties)}::{escape_data(text)}"


def _title(problem):
    return f"Feld „{problem.field}“" if problem.field else "Problem im Inhalt"


def summary(problems, what, ok, environ=None):
    """The job summary in Markdown: `what` is "Prüfung" or "Build"."""
    environ = environ if environ is not None else os.environ
    if ok:
        lines = [f"## {what}: keine Probleme", ""]
        run = _run_link(environ)
        if what == "Build" and run:
            lines.append(f"Die gebaute Website liegt als Datei „website-…“ unter **Artifacts** auf [dieser Seite]({run})"
                         " zum Herunterladen bereit.")
        return "\n".join(lines) + "\n"
    lines = [
        f"## {what}: {len(problems)} Problem(e)",
        "",
        "Jedes Problem steht auch direkt an der Zeile, unter „Files changed“ im Pull Request.",
        "",
        "| Datei | Zeile | Feld | Was ist falsch | So beheben Sie es |",
        "|---|---|---|---|---|",
    ]
    for problem in problems:
        lines.append("| " + " | ".join(_cell(value) for value in (
            _file_link(problem, environ), str(problem.line or ""), problem.field, problem.message, problem.fix)) + " |")
    lines.append("")
    return "\n".join(lines) + "\n"


def _cell(text):
    # A table cell ends at | or a line break; Markdown/HTML in an editor's text must show as text.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("\n", " "))


def _file_link(problem, environ):
    if not problem.path or problem.path == "(Einstellungen)":
        return problem.path
    server, repo, sha = (environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repo and sha):
        return f"`{problem.path}`"
    anchor = f"#L{problem.line}" if problem.line else ""
    return f"[`{problem.path}`]({server}/{repo}/blob/{sha}/{problem.path}{anchor})"


def _run_link(environ):
    server, repo, run = (environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repo}/actions/runs/{run}" if server and repo and run else ""


def report(messages, what, ok, out, environ=None):
    """Print the annotations to `out` and append the summary to $GITHUB_STEP_SUMMARY (when set)."""
    environ = environ if environ is not None else os.environ
    problems = problem_lines.parse_all(messages)
    for problem in problems:
        out.write(annotation(problem) + "\n")
    path = environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(summary(problems, what, ok, environ))
