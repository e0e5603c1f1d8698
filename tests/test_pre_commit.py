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
