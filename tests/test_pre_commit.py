"""The pre-commit hook (.pre-commit-config.yaml) stops a commit with a content mistake and names it.

A throwaway git repository holds the project's code, the minimal fixture site as its content and the project's
virtual environment (linked), as an editor's clone would; the hook is installed with pre-commit itself.
"""

import os
import subprocess
import sys

from conftest import FIXTURES, copy_project


def git(repo, *args, env=None):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=300)


def editor_clone(tmp_path):
    repo = copy_project(tmp_path / "clone", FIXTURES / "minimal" / "content")
    (repo / ".gitignore").write_text(".venv\noutput/\n.cache/\n", encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="Redaktion",
               GIT_AUTHOR_EMAIL="redaktion@example.org", GIT_COMMITTER_NAME="Redaktion",
               GIT_COMMITTER_EMAIL="redaktion@example.org")
    assert git(repo, "init", "-q", "-b", "main", env=env).returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    return repo, env


def test_a_commit_with_a_mistake_is_stopped_and_the_mistake_named(tmp_path):
    repo, env = editor_clone(tmp_path)
    article = repo / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Date: 2022-12-07", "Date: 07.12.2022"),
                       encoding="utf-8")
    git(repo, "add", "-A", env=env)
    commit = git(repo, "commit", "-q", "-m", "Lieferung", env=env)
    assert commit.returncode != 0, "the hook let a broken date through"
    report = commit.stdout + commit.stderr
    assert "content/artikel/lieferungen/2022-12-07-fahrzeuge.md:2: date:" in report, report
    assert git(repo, "rev-parse", "--verify", "HEAD", env=env).returncode != 0, "nothing was committed"

    article.write_text(article.read_text(encoding="utf-8").replace("Date: 07.12.2022", "Date: 2022-12-07"),
                       encoding="utf-8")
    git(repo, "add", "-A", env=env)
    commit = git(repo, "commit", "-q", "-m", "Lieferung", env=env)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "Inhalte prüfen" in commit.stdout + commit.stderr


def test_an_unfinished_draft_beside_a_finished_change_is_a_note_not_a_stop(tmp_path):
    """An editor starts a draft with `invoke new`, then corrects another article and commits only that: the
    commit goes through and the draft's problems are listed as notes. Once the draft is staged, it blocks."""
    repo, env = editor_clone(tmp_path)
    git(repo, "add", "-A", env=env)
    first = git(repo, "commit", "-q", "-m", "Anfang", env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    new = subprocess.run([str(repo / ".venv" / "bin" / "invoke"), "new", "lieferung", "Generatoren für Schulen",
                          "--datum", "2026-11-20"], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert new.returncode == 0, new.stdout + new.stderr
    draft = "content/artikel/lieferungen/2026-11-20-generatoren-fuer-schulen.md"
    assert (repo / draft).is_file()

    article = repo / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nEin weiterer, fertiger Satz.\n", encoding="utf-8")
    git(repo, "add", str(article.relative_to(repo)), env=env)
    commit = git(repo, "commit", "-m", "Satz ergänzt", env=env)
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    assert "nicht zu diesem Commit gehören" in output, output
    assert f"{draft}:" in output, "the draft's problems are listed as notes"
    assert git(repo, "status", "--porcelain", env=env).stdout.strip() == f"?? {draft}", "the draft stays uncommitted"

    git(repo, "add", draft, env=env)
    commit = git(repo, "commit", "-m", "Entwurf", env=env)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, "a staged draft with empty required fields was committed"
    blocking = output.split("nicht zu diesem Commit gehören")[0]
    assert f"{draft}:" in blocking, output


def test_a_broken_staged_file_blocks_even_when_the_check_runs_by_hand(tmp_path):
    """`invoke check --staged` outside a commit: a broken unstaged file is a note, the same file staged fails."""
    repo, env = editor_clone(tmp_path)
    article = repo / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Date: 2022-12-07", "Date: 07.12.2022"),
                       encoding="utf-8")
    invoke = [str(repo / ".venv" / "bin" / "invoke"), "check", "--staged"]
    unstaged = subprocess.run(invoke, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert unstaged.returncode == 0, unstaged.stdout + unstaged.stderr
    assert "content/artikel/lieferungen/2022-12-07-fahrzeuge.md:2: date:" in unstaged.stderr
    git(repo, "add", "-A", env=env)
    staged = subprocess.run(invoke, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert staged.returncode == 1, staged.stdout + staged.stderr
    assert "nicht zu diesem Commit" not in staged.stderr
