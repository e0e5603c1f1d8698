"""The commands editors guess in German work: `invoke neu`, `invoke uebersetzung`, `invoke pruefen`,
`invoke vorschau`, `invoke hilfe` (tasks.py, invoke aliases), in an editor's copy of the project."""

import subprocess

import pytest

from conftest import FIXTURES, ROOT, copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "projekt", FIXTURES / "minimal" / "content")


def invoke(project, *arguments):
    return subprocess.run([str(project / ".venv" / "bin" / "invoke"), *arguments], cwd=project, capture_output=True,
                          text=True, timeout=300)


def test_neu_writes_a_new_article(project):
    done = invoke(project, "neu", "lieferung", "Generatoren für Schulen", "--datum", "2026-11-20")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "content/artikel/lieferungen/2026-11-20-generatoren-fuer-schulen.md").is_file()


@pytest.mark.parametrize("command", ["uebersetzung", "übersetzen"])
def test_uebersetzung_writes_a_translation(project, command):
    done = invoke(project, command, "content/seiten/ueber.md", "--sprache", "uk")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "content/seiten/ueber.uk.md").is_file()


@pytest.mark.parametrize("command", ["pruefen", "prüfen"])
def test_pruefen_checks(project, command):
    done = invoke(project, command)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "keine Probleme" in done.stdout


@pytest.mark.parametrize("command, task", [("vorschau", "preview"), ("bauen", "build")])
def test_vorschau_and_bauen_are_the_preview_and_the_build(project, command, task):
    german, english = invoke(project, command, "--help"), invoke(project, task, "--help")
    assert german.returncode == 0 and german.stdout.replace(command, task) == english.stdout


def test_hilfe_lists_the_german_commands(project):
    done = invoke(project, "hilfe")
    assert done.returncode == 0
    for command in ("neu lieferung", "uebersetzung DATEI", "pruefen", "vorschau", "offen", "veroeffentlichen"):
        assert command in done.stdout


@pytest.mark.parametrize("command", ["veroeffentlichen", "veröffentlichen"])
def test_veroeffentlichen_says_how_a_text_goes_online(project, command):
    done = invoke(project, command)
    assert done.returncode == 0, done.stderr
    assert "Veröffentlicht wird über GitHub" in done.stdout and "Pull Request" in done.stdout
    assert "docs/handbuch/veroeffentlichen.md" in done.stdout and (ROOT / "docs/handbuch/veroeffentlichen.md").is_file()
