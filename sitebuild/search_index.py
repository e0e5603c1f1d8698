"""The search index: Pagefind (PyPI `pagefind[bin]`) over the built site, one index per `<html lang>`."""

import contextlib
import json
import os
import shutil
import subprocess
import tempfile

from . import output_folder


UNUSED_PAGEFIND_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def build(site):
    """Pagefind's index of the built site in /pagefind/ (one per <html lang>). Returns problems.

    Also run by the preview (after the pages have reloaded) and timed alone by bench/publish_pipeline.py.
    """
    # Pagefind (pagefind[bin] from PyPI) is called as its binary: `python -m pagefind` would only start another
    # Python to start it (0.13 s of a 2 s build).
    from pagefind_bin import get_executable

    with _pages_in_a_fixed_order(site) as pages:
        result = subprocess.run([str(get_executable()), "--site", pages, "--output-path",
                                 os.path.join(os.path.abspath(site), "pagefind"), "--silent"],
                                capture_output=True, text=True, cwd=pages)
    if result.returncode:
        return [f"Der Suchindex (Pagefind) ließ sich nicht bauen: {(result.stderr or result.stdout).strip()}"]
    # Pagefind also writes its ready-made search interfaces; our page uses its JS API only (theme/static/js), so
    # these would be unused code published under our name.
    bundle = os.path.join(site, "pagefind")
    for name in os.listdir(bundle):
        if name.startswith(UNUSED_PAGEFIND_FILES):
            os.remove(os.path.join(bundle, name))
    _sort_pagefind_languages(os.path.join(bundle, "pagefind-entry.json"))
    return []


@contextlib.contextmanager
def _pages_in_a_fixed_order(site):
    """The site's pages, copied in sorted order into a folder in memory (/dev/shm) for Pagefind to read.

    Pagefind indexes pages in the order the file system lists them, and its index files (their names and bytes)
    follow that order. A disk lists a folder in an order of its own (ext4: by a hash seeded per file system), so
    two builds of the same commit got different indexes on different machines, and on a disk and a tmpfs. A
    tmpfs lists a folder in the order its entries were made, so the pages are made there in sorted order.
    """
    memory = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
    # Locked while in use: the next build deletes the copy of a build that was killed (it would hold memory).
    with output_folder.Staging(parent=memory, prefix="sitebuild-pagefind-") as copy:
        pages = sorted(os.path.relpath(os.path.join(folder, name), site)
                       for folder, _, names in os.walk(site) for name in names if name.endswith(".html"))
        for page in pages:
            target = os.path.join(copy, page)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(site, page), target)
        yield copy


def _sort_pagefind_languages(entry_path):
    """Pagefind lists its indexes per language in hash-map order, which changes from run to run; sorted, two
    builds of the same commit are byte-identical (the rest of its output already is)."""
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    with open(entry_path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, separators=(",", ":"), ensure_ascii=False)


