"""Share images for every page: the templates ask for one while a page is rendered, a generator writes them.

`share_image(title, kind, date)` (a Jinja global) returns the image's URL, size and alternative text for the
page's Open Graph tags and notes what to draw. The file's name is a hash of everything drawn on it (texts,
colours, fonts, this code's recipe version), so an unchanged page keeps its image and its URL; the PNG itself is
kept in SHARE_IMAGE_CACHE_PATH under the same hash, so that a build draws only images it has never drawn before.

Each language's build writes its own images into its own site (`/share/…`, `/uk/share/…`): titles, kinds and
dates differ per language. Pelican runs plugin generators after the articles, pages and direct templates are
written (and the partner pages, whose plugin comes first in PLUGINS), so every page has asked for its image when
the generator writes them.
"""

import hashlib
import logging
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

import PIL
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from . import render

logger = logging.getLogger(__name__)

# Raise when the drawing changes, so that no build reuses images drawn the old way.
RECIPE_VERSION = 1
CONTEXT_KEY = "share_images"
DEFAULT_SETTINGS = {
    "SHARE_IMAGE_FOLDER": "share",
    "SHARE_IMAGE_CACHE_PATH": None,
    "SHARE_IMAGE_FONTS": render.FONTS,
}


def _plain(value):
    """Plain text of a title that may arrive as site HTML (escaped, typeset)."""
    return " ".join(Markup(str(value or "")).striptags().split())


@lru_cache(maxsize=4)
def _fonts_digest(folder):
    hasher = hashlib.sha256()
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        with open(os.path.join(folder, name), "rb") as handle:
            hasher.update(handle.read())
    return hasher.hexdigest()


def key(card, colours, fonts_digest):
    recipe = repr((RECIPE_VERSION, PIL.__version__, render.SIZE, astuple(card), astuple(colours), fonts_digest))
    return hashlib.sha256(recipe.encode()).hexdigest()


def share_image_function(generator):
    settings = generator.settings
    context = generator.context
    jobs = context.setdefault(CONTEXT_KEY, {})
    site_name = _plain(settings.get("SITENAME", ""))
    folder = settings["SHARE_IMAGE_FOLDER"].strip("/")
    root = settings["SITEURL"].rstrip("/")
    fonts_digest = _fonts_digest(settings["SHARE_IMAGE_FONTS"])
    colours = render.Colours(**settings.get("SHARE_IMAGE_COLOURS", {}))

    def share_image(title, kind="", date=""):
        """{url, width, height, alt} of the share image of a page titled `title` (its <title> less the site's
        name is fine: " – <site name>" at the end is cut off)."""
        title = _plain(title)
        suffix = f" – {site_name}"
        if title.endswith(suffix) and title != suffix.strip(" –"):
            title = title[: -len(suffix)]
        eyebrow = " · ".join(part for part in (_plain(kind), _plain(date)) if part)
        card = render.Card(title=title, eyebrow=eyebrow, footer=site_name if title != site_name else "")
        digest = key(card, colours, fonts_digest)
        path = f"{folder}/{digest[:20]}.png"
        jobs[path] = (card, colours, digest)
        alt = ": ".join(part for part in (eyebrow, title) if part)
        if card.footer:
            alt += f" – {site_name}"
        return {"url": f"{root}/{path}", "width": render.SIZE[0], "height": render.SIZE[1], "alt": alt}

    return share_image


def install_helper(generator):
    generator.env.globals["share_image"] = share_image_function(generator)


class ShareImageGenerator(Generator):
    def generate_context(self):
        """Nothing to read: pages ask for their images while they are written."""

    def generate_output(self, writer):
        del writer
        jobs = self.context.get(CONTEXT_KEY) or {}
        if not jobs or self.settings.get("CHECK_ONLY"):
            return
        cache = self.settings.get("SHARE_IMAGE_CACHE_PATH")
        fonts = self.settings["SHARE_IMAGE_FONTS"]
        workers = os.cpu_count() or 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            drawn = sum(pool.map(lambda item: self._write(item[0], *item[1], cache, fonts), sorted(jobs.items())))
        logger.info("Vorschaubilder: %d, davon %d neu gezeichnet", len(jobs), drawn)

    def _write(self, path, card, colours, digest, cache, fonts):
        """Write one image; return 1 if it had to be drawn, 0 if it came from the cache."""
        destination = Path(self.output_path, path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        cached = os.path.join(cache, digest[:2], digest + ".png") if cache else None
        if cached and os.path.isfile(cached):
            shutil.copyfile(cached, destination)
            return 0
        data = render.render(card, colours, fonts)
        destination.write_bytes(data)
        if cached:
            os.makedirs(os.path.dirname(cached), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(cached), prefix=".part-")
            with os.fdopen(handle, "wb") as output:
                output.write(data)
            os.replace(temporary, cached)
        return 1


def add_default_settings(pelican):
    for name, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(name, value)


def add_generator(pelican):
    return ShareImageGenerator


def register():
    signals.initialized.connect(add_default_settings)
    signals.generator_init.connect(install_helper)
    signals.get_generators.connect(add_generator)
