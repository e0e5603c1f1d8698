"""The pre-commit hook's judgement (`invoke check --staged`): a commit is stopped only by problems in what it
commits.

An unfinished draft from `invoke new` lying in the folder must not block an editor's finished change beside it;
its problems are still shown, as notes. pre-commit sets aside unstaged changes of committed files before the
hook runs, so the folder the check reads is what will be committed plus files git does not track yet.
A problem that names no file (a broken setting) cannot be placed and blocks.
"""

import subprocess

from . import problem_lines


def staged_paths(cwd=None):
    """Files added, changed or renamed in the index, relative to `cwd` (the project folder); None outside git."""
    try:
        completed = subprocess.run(
            ["git", "diff", "--cached", "--name-only", "--relative", "--diff-filter=ACMR", "-z"],
            cwd=cwd, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    return {name for name in completed.stdout.decode("utf-8", "surrogateescape").split("\0") if name}


def split(messages, staged):
    """(blocking, notes): the messages about staged files (or about no file), and the others."""
    blocking, notes = [], []
    for message in messages:
        path = problem_lines.parse(message.splitlines()[0] if message.strip() else message).path
        placed = path and path != "(Einstellungen)"
        (notes if placed and path not in staged else blocking).append(message)
    return blocking, notes


NOTES_HEADING = ("Hinweise zu Dateien, die nicht zu diesem Commit gehören (zum Beispiel ein angefangener Entwurf). "
                 "Sie halten den Commit nicht auf; beheben Sie sie, bevor Sie diese Dateien committen:")
