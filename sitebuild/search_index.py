"""The search index: Pagefind (PyPI `pagefind[bin]`) over the built site, one index per `<html lang>`."""

import json
import os
import subprocess


UNUSED_PAGEFIND_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def build(site):
    """Pagefind's index of the built site in /pagefind/ (one per <html lang>). Returns problems.

    Also run by the preview (after the pages have reloaded) and timed alone by bench/publish_pipeline.py.
    """
    # Pagefind (pagefind[bin] from PyPI) is called as its binary: `python -m pagefind` would only start another
    # Python to start it (0.13 s of a 2 s build).
    from pagefind_bin import get_executable

    result = subprocess.run([str(get_executable()), "--site", site, "--silent"], capture_output=True, text=True)
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


def _sort_pagefind_languages(entry_path):
    """Pagefind lists its indexes per language in hash-map order, which changes from run to run; sorted, two
    builds of the same commit are byte-identical (the rest of its output already is)."""
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    with open(entry_path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, separators=(",", ":"), ensure_ascii=False)


