"""What the content model's own checks share within one build: the URLs and versions claimed so far.

Pelican creates one reader per generator, so this lives at module level and is reset when a build starts
(the `initialized` signal). It is this plugin's own bookkeeping: nothing outside the plugin reads it; what the
build finds goes into the build's report (problems.py).
"""

from . import problems


class BuildState:
    def __init__(self, settings=None):
        self.settings = settings if settings is not None else {}
        # (content type, language, slug) → [(source path, line of the slug)] of every file that claims it.
        self.slugs = {}
        # (translation key, language) → source paths of every file that claims to be that version.
        self.versions = {}
        # The context the generators shared, kept for the checks after writing.
        self.context = {}


current = BuildState()


def reset(settings):
    global current
    current = BuildState(settings)
    return current


def report_duplicate_slugs(build_state):
    """One message per clash of URLs, at each file after the first (by path: usually the newer text, since file
    names start with the date), naming the file that had the address first. A message at both files would count
    one mistake twice."""
    report = problems.report(build_state.settings)
    for (_kind, _lang, slug), holders in build_state.slugs.items():
        if len(holders) < 2:
            continue
        (first, _), *later = sorted(holders)
        for path, line in later:
            report.add_problem(path, line, "slug", f"Die Adresse „{slug}“ hat schon {report.display_path(first)}",
                               "geben Sie einer der Dateien einen anderen Namen oder ein anderes „Slug“.")


def report_duplicate_versions(build_state):
    """Two files that are the same text in the same language (e.g. kontakt.uk.md and kontakt.uk.markdown)."""
    report = problems.report(build_state.settings)
    for (key, lang), paths in build_state.versions.items():
        if len(paths) < 2:
            continue
        # The .md file is the one the guide tells editors to write; the other is the stray copy.
        first, *later = sorted(paths, key=lambda path: (not path.endswith(".md"), path))
        for path in later:
            report.add_problem(path, 1, "lang", f"Auch {report.display_path(first)} ist die Fassung „{lang}“ von „{key}“",
                               "behalten Sie eine der Dateien und löschen oder benennen Sie die andere um.")
