"""Which files of the content folders the site publishes: only those a published text uses, of the types the site
serves, and never through a symbolic link.

Pelican copies every file in STATIC_PATHS. That would publish whatever lies next to an article: an editor's backup
(`artikel.md~`, the full text of a draft), a `.env`, a Word file, the photos of a draft whose text is withheld, or a
committed link to `/etc/passwd` or `/proc/self/environ` (the build's environment, with CI's tokens). Here the
published texts say what they use: their `{static}` and `{attach}` links (Pelican's own bookkeeping), and files
their HTML does not name that way, which plugins list on the text as `published_files` (the photos plugin for a
photo it turned into a `<picture>`, the partner plugin for a logo). Everything else stays unpublished.
"""

import os
from dataclasses import dataclass

from . import svg_policy

# File types the site serves from the content folders: photos and graphics, and PDF for documents.
PUBLISHED_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".svg", ".pdf"}


@dataclass(frozen=True)
class FileProblem:
    path: str  # the file the problem is in (a text, or the link itself)
    needle: str  # what to look for in it, for the line
    message: str
    fix: str


def is_published(content, settings):
    """Whether a text (article, page, partner, or a translation of one) is on this build's site."""
    status = getattr(content, "status", "published")
    if status in ("published", "hidden"):
        return True
    if status == "draft":
        # The preview and local builds show drafts under /entwuerfe/; the publish build has no drafts.
        kind = getattr(content, "content_type", None) or type(content).__name__.lower()
        return bool(settings.get("DRAFT_PAGE_SAVE_AS" if kind == "page" else "DRAFT_SAVE_AS"))
    return False


def used_files(contents):
    """(relative path of a file in the content folder → the texts that use it) for the given texts."""
    used = {}
    for content in contents:
        links = set(content.get_static_links()) if hasattr(content, "get_static_links") else set()
        links.update(getattr(content, "published_files", ()))
        for path in links:
            used.setdefault(os.path.normpath(path).replace(os.sep, "/"), []).append(content)
    return used


def type_problems(used):
    """A used file whose type the site does not serve: one problem per text that uses it."""
    problems = []
    for path, contents in sorted(used.items()):
        extension = os.path.splitext(path)[1].lower()
        if extension in PUBLISHED_TYPES:
            continue
        name = os.path.basename(path)
        for content in contents:
            problems.append(FileProblem(
                content.source_path, name,
                f"„{name}“ ist eine Datei vom Typ „{extension or 'ohne Endung'}“, die die Website nicht veröffentlicht",
                "veröffentlicht werden Fotos und Grafiken (JPEG, PNG, WebP, AVIF, SVG) und PDF-Dateien; speichern "
                "Sie ein Dokument als PDF und verlinken Sie die PDF-Datei."))
    return problems


def svg_problems(used, content_root):
    """A used SVG file with anything that could run or load (svg_policy): one problem per text that uses it."""
    problems = []
    for path, contents in sorted(used.items()):
        if not path.lower().endswith(".svg"):
            continue
        unsafe = svg_policy.read(os.path.join(content_root, path)).problem
        if unsafe:
            name = os.path.basename(path)
            problems.extend(FileProblem(content.source_path, name,
                                        f"Die Grafik „{name}“ wird nicht veröffentlicht: {unsafe}",
                                        svg_policy.EXPORT_CLEAN) for content in contents)
    return problems


def symbolic_links(folders):
    """Every symbolic link in or under `folders` (not followed)."""
    found = []
    for folder in folders:
        if os.path.islink(folder):
            found.append(folder)
            continue
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                path = os.path.join(root, name)
                if os.path.islink(path):
                    found.append(path)
    return sorted(found)


SYMLINK_PROBLEM = ("Diese Datei ist eine symbolische Verknüpfung; die Website veröffentlicht nur echte Dateien "
                   "(eine Verknüpfung kann auf Dateien außerhalb des Projekts zeigen)",
                   "ersetzen Sie die Verknüpfung durch die Datei selbst (kopieren statt verknüpfen) oder löschen "
                   "Sie sie.")
