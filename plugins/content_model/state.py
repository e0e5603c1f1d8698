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
        # (translation key, language) → source paths of every file that claims to be that version.
        self.versions = {}
        # The context the generators shared, kept for the checks after writing.
        self.context = {}
        # Links into another language's site: (source path, line, link, site path), checked by sitebuild once
        # every language's site exists.
        self.deferred_links = []
        # Image files that articles and pages show, checked where they are shown (with the editor's line); the
        # photos plugin checks the other image files in the content folders.
        self.checked_images = set()


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


def report_duplicate_versions(build_state):
    """Two files that are the same text in the same language (e.g. kontakt.uk.md and kontakt.uk.markdown)."""
    for (key, lang), paths in build_state.versions.items():
        if len(paths) < 2:
            continue
        for path in paths:
            others = ", ".join(build_state.problems.display_path(other) for other in sorted(paths) if other != path)
            build_state.problems.add(
                path,
                1,
                "lang",
                f"Auch {others} ist die Fassung „{lang}“ von „{key}“",
                "behalten Sie eine der Dateien und löschen oder benennen Sie die andere um.",
            )
