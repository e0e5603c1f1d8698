"""Writes the photos: each original again without metadata, and its renditions.

Only the build that writes static files (WRITE_STATIC_FILES, the original language's site) runs this; the other
languages' sites link to these files. Pelican calls plugin generators' `generate_output` before the static
generator's and before `finalized`, so the link check after writing finds every file.
"""

import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from content_model.problems import report as report_of

from . import encoding
from .cache import EncodedFiles, digest
from .renditions import save_as

logger = logging.getLogger(__name__)

# Set by plugin.take_over_photos: [(original's source path, original's save_as, Photo)].
CONTEXT_KEY = "photos"


@dataclass(frozen=True)
class Output:
    save_as: str
    format: str
    width: int
    height: int
    quality: int | None
    original: bool = False  # the full-size original, encoded for downloading rather than for the page

    @property
    def recipe(self):
        options = sorted(encoding.save_options(self.format, self.original).items())
        return f"{self.format}|{self.width}x{self.height}|q{self.quality}|{options}"

    def encode(self, image):
        return encoding.encode(image, self.format, self.quality, self.original)


def outputs(photo, original_save_as, settings):
    """Every file one photo is published as: the original (same format and size) first, then its renditions,
    largest first (each is shrunk from the one before, which is faster than from the original every time)."""
    original = Output(original_save_as, photo.format, photo.width, photo.height,
                      encoding.original_quality(photo.format), original=True)
    qualities = {name.upper(): value for name, value in settings["PHOTO_QUALITY"].items()}
    by_width = sorted(photo.renditions, key=lambda rendition: -rendition.width)
    return [original] + [
        Output(save_as(settings, rendition.path), rendition.format, rendition.width, rendition.height,
               qualities.get(rendition.format))
        for rendition in by_width
    ]


class PhotoGenerator(Generator):
    def generate_context(self):
        """Nothing to read: the photos are known once the static generator has found them."""

    def generate_output(self, writer):
        del writer  # photos are files, not pages
        jobs = self.context.get(CONTEXT_KEY) or []
        if not jobs or self.settings.get("RENDER_ONLY") is not None:
            return  # the preview's quick run (content_model/selected_pages.py) keeps the earlier build's photos
        if self.settings.get("CHECK_ONLY"):
            # A check run (plugins/content_model/dry_run.py) only needs the files to exist, for the link check.
            for _, original_save_as, photo in jobs:
                for output in outputs(photo, original_save_as, self.settings):
                    self._destination(output).touch()
            return
        folder = self.settings.get("PHOTO_CACHE_PATH")
        cache = EncodedFiles(folder) if folder else None
        # Pillow releases the interpreter lock while it decodes, resizes and encodes, so threads use every core.
        workers = self.settings.get("PHOTO_WORKERS") or os.cpu_count() or 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(lambda job: self._publish(*job, cache), jobs):
                if result:
                    report_of(self.settings).add_problem(*result)

    def _destination(self, output):
        path = Path(self.output_path, output.save_as)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _publish(self, source_path, original_save_as, photo, cache):
        """Write every file of one photo; return a problem (path, line, field, message, fix) or None."""
        files = outputs(photo, original_save_as, self.settings)
        original_digest = digest(source_path) if cache else None
        cached = {output: cache.get(original_digest, output.recipe) if cache else None for output in files}
        missing = [output for output in files if not cached[output]]
        if missing:
            try:
                image = encoding.open_upright(source_path)
            except (OSError, ValueError, SyntaxError) as error:
                return (source_path, 0, "", f"Die Bilddatei lässt sich nicht vollständig lesen ({error})",
                        "exportieren Sie das Foto erneut als JPEG und ersetzen Sie die Datei.")
            for output in missing:
                if image.size != (output.width, output.height):
                    image = encoding.resized(image, output.width, output.height)
                data = output.encode(image)
                if cache:
                    cached[output] = cache.put(original_digest, output.recipe, data)
                else:
                    self._destination(output).write_bytes(data)
        for output in files:
            if cached[output]:
                shutil.copyfile(cached[output], self._destination(output))
        logger.info("Foto %s: %d Dateien (%d neu kodiert)", photo.original, len(files), len(missing))
        return None
