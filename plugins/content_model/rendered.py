"""Work already done on a text, kept between builds: Markdown already rendered, HTML already through the gate.

Converting Markdown is a third of reading the content, and checking the final HTML (html_gate.py) costs about as
much again; the check, the preview and every build do both for every text of their language again. The result
depends on nothing but the text and a recipe (the Markdown settings and version; the gate's fingerprint), so it
is kept under a hash of the text, in a file per recipe and language: `MARKDOWN_CACHE_PATH`,
`HTML_GATE_CACHE_PATH`. Everything else the reader checks is still checked on every build.

One file per language build, read once at its first use and written once when the build ends (plugin.py,
`finalized`), holding exactly the texts that build used: a thousand texts cost one read and one write instead of
a thousand of each (measured: 2.7 s of file creation in a cold build of 1,000 articles), and texts that are gone
drop out by themselves. The language builds run in parallel, each writing its own file. Deleting the folder is
always safe.
"""

import hashlib
import json
import os
import tempfile

import markdown

_OPEN = {}  # (folder, recipe, shard) → the cache, one per build and process; written when the build ends (save_all)


class RenderedTexts:
    def __init__(self, folder, recipe, shard="all"):
        """`recipe`: everything the result depends on besides the text; `shard`: this build's name for its file
        (the language, so that parallel builds write different files)."""
        self.folder = folder
        text = f"{markdown.__version__}|{sorted(recipe.items(), key=lambda item: item[0])!r}"
        self.prefix = hashlib.sha256(text.encode()).hexdigest()[:16]
        self.shard = shard
        self._known = None  # every entry of every file of this recipe, read at the first `get`
        self._used = {}  # the entries this build used or made

    @staticmethod
    def _key(body):
        return hashlib.sha256(body.encode()).hexdigest()

    def _load(self):
        self._known = {}
        try:
            names = sorted(name for name in os.listdir(self.folder) if name.startswith(self.prefix + "-"))
        except OSError:
            return
        for name in names:
            try:
                with open(os.path.join(self.folder, name), encoding="utf-8") as handle:
                    self._known.update(json.load(handle))
            except (OSError, ValueError):
                continue  # a damaged file only costs time

    def get(self, body):
        if self._known is None:
            self._load()
        key = self._key(body)
        found = self._used.get(key) or self._known.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, body, html):
        self._used[self._key(body)] = html

    def save(self):
        """Write this build's file: the entries it used. Under a temporary name and renamed, so that a reader
        never sees half a file."""
        if not self._used:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                json.dump(self._used, output, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, os.path.join(self.folder, f"{self.prefix}-{self.shard}.json"))
        except OSError:
            pass  # a cache that cannot be written only costs time


def open_cache(folder, recipe, shard="all"):
    """The cache for `folder` and `recipe` in this build: the same one for every reader of the build, so that all
    their texts end up in its one file."""
    key = (folder, repr(sorted(recipe.items(), key=lambda item: item[0])), shard)
    if key not in _OPEN:
        _OPEN[key] = RenderedTexts(folder, recipe, shard)
    return _OPEN[key]


def save_all():
    """Write every cache of this build (the `finalized` signal) and forget them: the next build opens new ones."""
    for cache in _OPEN.values():
        cache.save()
    _OPEN.clear()
