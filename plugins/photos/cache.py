"""Encoded files kept between builds, so that a photo is encoded once, not on every build.

Every build writes into a fresh staging folder (sitebuild), so the output folder cannot serve as the cache, and
encoding is most of a photo's build time (about 2 s of CPU for a 12-megapixel photo, 10 ms from the cache;
measured in README.md). A file is found by the hash of the original's bytes and by the recipe (format, size,
quality, version of this code): a changed photo or setting gives new names, an unchanged one hits. Deleting the
folder is always safe.
"""

import hashlib
import os
import tempfile

# Raise when the way files are encoded changes, so that no build reuses files encoded the old way.
RECIPE_VERSION = 1


def digest(path):
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


class EncodedFiles:
    def __init__(self, folder):
        self.folder = folder

    def path(self, original_digest, recipe):
        key = hashlib.sha256(f"{RECIPE_VERSION}|{original_digest}|{recipe}".encode()).hexdigest()
        return os.path.join(self.folder, key[:2], key)

    def get(self, original_digest, recipe):
        """The cached file's path, or None."""
        path = self.path(original_digest, recipe)
        return path if os.path.isfile(path) else None

    def put(self, original_digest, recipe, data):
        """Store `data`; written under a temporary name and renamed, so a parallel build never reads half a file."""
        path = self.path(original_digest, recipe)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, path)
        return path
