"""Signal handlers of the photos plugin: one handler per job, registered in `register()`.

An editor puts a photo next to the article and writes `![What it shows](foto.jpg)`. The content model checks
the reference (file exists, alternative text, format, size limits; plugins/content_model/body.py) and turns it
into `<img src="{static}foto.jpg" …>`. This plugin then
- turns that <img> into a <picture> with AVIF and WebP in a few widths and a JPEG/PNG fallback (every build);
- publishes every JPEG, PNG, WebP and AVIF in the content folders without its metadata, and writes the renditions
  (only the build that writes static files, i.e. the German site; the others link to the same URLs);
- refuses image files in the content folders that it cannot publish without their metadata (HEIC, TIFF, …)
  or that are too large, when no text shows them (a text that does gets the message with its line).

Why not the official pelican-image-process plugin (3.4.0 with lxml; tried on this site's build):
- It writes its derivatives into the output folder of the build that runs it: with one build per language the
  Ukrainian and English sites each got their own copy under /uk/… and /en/… (three times the files, two of them
  never linked). It cannot be told "make these files once, elsewhere, and only link to them here".
- It leaves the original as Pelican copies it, with EXIF and GPS (measured: the published original kept its
  GPS tag); and it does not apply the EXIF orientation, so portrait phone photos come out lying on their side.
- Its <picture> mode needs the editor to wrap each image in raw HTML; its srcset mode gives one format only.
- It re-parses every written HTML page (BeautifulSoup, on `content_written`) and decides what to redo by the
  files' times in the output folder, which our all-or-nothing build recreates empty every time: every build
  would encode every photo again. Its problems are English warnings without file and line.
"""

import logging
import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markupsafe import Markup
from pelican import signals
from pelican.contents import Static
from pelican.generators import StaticGenerator
from PIL import features

from content_model.problems import report as report_of
from content_model.body import PLACEHOLDER
from content_model.html_tree import Fragment, attributes
from content_model.images import (
    PHOTO_EXTENSIONS,
    UNSUPPORTED_IMAGE_FORMATS,
    PhotoLimits,
    photo_problem,
    raster_facts,
)

from . import markup, renditions
from .generator import CONTEXT_KEY, PhotoGenerator

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {
    "PHOTO_WIDTHS": [480, 800, 1200],
    "PHOTO_FORMATS": ["avif", "webp"],
    "PHOTO_QUALITY": {"avif": 55, "webp": 80, "jpeg": 82},
    "PHOTO_SIZES": "100vw",
    "PHOTO_CACHE_PATH": None,
    "PHOTO_WORKERS": None,
}


def add_default_settings(pelican):
    for key, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(key, value)
    for name in pelican.settings["PHOTO_FORMATS"]:
        if name.upper() not in renditions.MIME_TYPES or not features.check(name.lower()):
            logger.error("PHOTO_FORMATS: Pillow kann „%s“ hier nicht schreiben; erlaubt sind avif und webp, "
                         "sofern Pillow sie unterstützt (python -m PIL).", name)


def _photo(path, settings):
    """The Photo for an image file, or None if it is no photo the build publishes (or one it refuses)."""
    if os.path.splitext(path)[1].lower() not in PHOTO_EXTENSIONS:
        return None
    facts = raster_facts(path)
    if facts is None or photo_problem(path, facts, PhotoLimits.from_settings(settings)):
        return None
    relative = os.path.relpath(path, settings["PATH"]).replace(os.sep, "/")
    return renditions.plan(relative, facts, settings)


def _linked_file(content, src):
    """The file a `{static}` image source points to, as Pelican resolves it; None for anything else."""
    placeholder = PLACEHOLDER.match(src)
    if not placeholder or placeholder.group(1) != "static":
        return None
    target = unquote(urlsplit(placeholder.group(2)).path)
    if target.startswith("/"):
        return os.path.normpath(os.path.join(content.settings["PATH"], target.lstrip("/")))
    return os.path.normpath(os.path.join(os.path.dirname(content.source_path), target))


def make_photos_responsive(content):
    """<img src="{static}foto.jpg"> in a text becomes a <picture> of the photo's renditions."""
    if isinstance(content, Static) or "<img" not in (getattr(content, "_content", None) or ""):
        return
    settings = content.settings
    fragment = Fragment(content._content)
    changed = False
    for element in list(fragment.elements()):
        if element.tag != "img" or (element.parent is not None and element.parent.tag == "picture"):
            continue
        attrs = attributes(element)
        path = _linked_file(content, attrs.get("src", ""))
        photo = _photo(path, settings) if path else None
        if photo is None:
            continue
        fragment.replace(element, markup.picture(photo, attrs, lambda path: renditions.url(settings, path),
                                                 settings["PHOTO_SIZES"]))
        if getattr(content, "first_photo", None) is None:
            # For the templates: the article's lead picture and its cards' thumbnail (photo_picture below).
            content.first_photo = FirstPhoto(photo, {name: attrs[name] for name in ("alt",) if name in attrs})
        # The <picture> names the renditions, not the original: the text says that it uses the photo, so that the
        # content model publishes it (content_model/published_files.py).
        if not hasattr(content, "published_files"):
            content.published_files = set()
        content.published_files.add(os.path.relpath(path, settings["PATH"]).replace(os.sep, "/"))
        changed = True
    if changed:
        content._content = fragment.html()


@dataclass(frozen=True)
class FirstPhoto:
    """The first photo a text shows: its renditions and the editor's alternative text."""

    photo: renditions.Photo
    attributes: dict


def without_first_photo(html):
    """The body without its first photo, which the article's template shows as the lead picture instead: the
    first <picture> of the body as the browser parses it, with the paragraph Markdown puts around a photo on a
    line of its own."""
    body = Fragment(str(html))
    picture = next((element for element in body.elements() if element.tag == "picture"), None)
    if picture is None:
        return Markup(html)
    holder = picture.parent
    if holder is not None and holder.tag == "p" and all(
            child.mem_id == picture.mem_id or (child.is_text_node and not child.text_content.strip())
            for child in holder.iter(include_text=True)):
        picture = holder
    picture.decompose()
    return Markup(body.html())


def install_template_helpers(generator):
    """`photo_picture(content.first_photo, sizes)`: the photo's <picture> wherever a template wants it (the
    same renditions as in the text, so nothing is encoded twice); `|without_first_photo` for the body."""
    settings = generator.settings

    def photo_picture(first_photo, sizes=None):
        return Markup(markup.picture(first_photo.photo, first_photo.attributes,
                                     lambda path: renditions.url(settings, path), sizes or settings["PHOTO_SIZES"]))

    generator.env.globals["photo_picture"] = photo_picture
    generator.env.filters["without_first_photo"] = without_first_photo


def _file_problem(path, settings):
    """(message, fix) for an image file in the content folders that the build must not publish, or None."""
    extension = os.path.splitext(path)[1].lower()
    if extension in UNSUPPORTED_IMAGE_FORMATS:
        return (f"Die Bilddatei ist im Format {UNSUPPORTED_IMAGE_FORMATS[extension]} gespeichert, das die Website "
                "nicht veröffentlicht (es kann Metadaten wie den Aufnahmeort enthalten)",
                "exportieren Sie das Bild als JPEG (Fotos) oder PNG (Grafiken) und löschen Sie diese Datei.")
    if extension not in PHOTO_EXTENSIONS:
        return None
    facts = raster_facts(path)
    if facts is None:
        return "Die Bilddatei lässt sich nicht lesen", "exportieren Sie sie erneut als JPEG oder PNG."
    return photo_problem(os.path.basename(path), facts, PhotoLimits.from_settings(settings))


def take_over_photos_of(generators):
    """Once every generator has decided what it publishes (the content model keeps only the files published texts
    use, when the static generator is finalized), the photos among the static files are taken over."""
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            take_over_photos(generator)


def take_over_photos(generator):
    """The static generator would copy photos as they are, metadata and all: the photo generator writes them.

    Image files no text shows are checked here; those a text shows were checked with the text's line.
    """
    settings = generator.settings
    if not settings.get("WRITE_STATIC_FILES", True):
        return  # the original language's build publishes the photos; this site links to them there
    statics = list(generator.context.get("static_content", {}).values())
    report = report_of(settings)
    checked = set(report.checked_files)  # the photos texts show were checked with the text's line
    taken, jobs = set(), []
    published = {static.save_as for static in statics}
    planned = {}  # save_as of each rendition of the photos taken so far → that photo's source path
    for static in statics:
        path = static.source_path
        problem = None if path in checked else _file_problem(path, settings)
        if problem:
            report.add_problem(path, 0, "", *problem)
            continue
        photo = _photo(path, settings)
        if photo is None:
            continue
        names = {renditions.save_as(settings, r.path): r.path for r in photo.renditions}
        clash = next((name for name in names if name in published), None)
        if clash:
            report.add_problem(
                path, 0, "", f"Der Dateiname „{os.path.basename(names[clash])}“ ist für eine verkleinerte Fassung "
                "dieses Fotos reserviert, aber eine andere Datei heißt schon so", "benennen Sie die andere Datei um.")
            continue
        # foto.jpg and foto.png next to each other would write the same foto.480w.avif.
        clash = next((name for name in names if name in planned), None)
        if clash:
            other = os.path.basename(planned[clash])
            report.add_problem(
                path, 0, "", f"Dieses Foto und „{other}“ ergäben gleichnamige verkleinerte Fassungen "
                f"(„{os.path.basename(names[clash])}“)", "benennen Sie eines der beiden Fotos um.")
            continue
        planned.update(dict.fromkeys(names, path))
        jobs.append((path, static.save_as, photo))
        taken.add(id(static))
    # In place: the context shares this list, and the static generator copies what the context holds.
    generator.staticfiles[:] = [static for static in generator.staticfiles if id(static) not in taken]
    generator.context[CONTEXT_KEY] = jobs


def add_photo_generator(pelican):
    return PhotoGenerator


def register():
    signals.initialized.connect(add_default_settings)
    signals.content_object_init.connect(make_photos_responsive)
    signals.generator_init.connect(install_template_helpers)
    signals.all_generators_finalized.connect(take_over_photos_of)
    signals.get_generators.connect(add_photo_generator)
