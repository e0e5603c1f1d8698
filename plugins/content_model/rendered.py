"""Markdown already rendered, kept between builds: a text that has not changed is not converted again.

Converting Markdown is a third of reading the content (0.2 s of a German build of the real site), and the check,
the preview and every build convert every text of their language again. The HTML depends on nothing but the text,
the Markdown settings and the Markdown version, so it is kept under a hash of the three (MARKDOWN_CACHE_PATH).
Everything the reader checks in the HTML is still checked on every build: only the conversion is skipped.
Deleting the folder is always safe.
"""

import hashlib
import os
import tempfile

import markdown


class RenderedTexts:
    def __init__(self, folder, markdown_config):
        """`markdown_config`: everything the result depends on besides the text (also used by the HTML gate's
        cache of checked HTML, plugin.py)."""
        self.folder = folder
        self.recipe = f"{markdown.__version__}|{sorted(markdown_config.items(), key=lambda item: item[0])!r}"

    def _path(self, body):
        key = hashlib.sha256(f"{self.recipe}\0{body}".encode()).hexdigest()
        return os.path.join(self.folder, key[:2], key + ".html")

    def get(self, body):
        try:
            with open(self._path(body), encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return None

    def put(self, body, html):
        """Written under a temporary name and renamed: the language builds run in parallel."""
        path = self._path(body)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                output.write(html)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
