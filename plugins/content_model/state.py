"""What the checks of one build share: the problems found so far and the URLs already taken.

Pelican creates one reader per generator, so this lives at module level and is reset when a build starts
(the `initialized` signal).
"""

from .problems import ProblemLog


class BuildState:
    def __init__(self, base_dir=None):
        self.problems = ProblemLog(base_dir)
        # (content type, language, slug) → [(source path, line of the slug)] of every file that claims it.
        self.slugs = {}
        # The context the generators shared, kept for the checks after writing.
        self.context = {}


current = BuildState()


def reset(base_dir=None):
    global current
    current = BuildState(base_dir)
    return current


def report_duplicate_slugs(build_state):
    """Name every file whose URL another file claims too, each message naming the others."""
    for (_kind, _lang, slug), holders in build_state.slugs.items():
        if len(holders) < 2:
            continue
        for path, line in holders:
            others = ", ".join(
                build_state.problems.display_path(other) for other, _ in sorted(holders) if other != path
            )
            build_state.problems.add(
                path,
                line,
                "slug",
                f"Die Adresse „{slug}“ hat auch {others}",
                "geben Sie einer der Dateien einen anderen Namen oder ein anderes „Slug“.",
            )
