"""Checks of an article's or page's body after Markdown has turned it into HTML.

The body is read as a browser reads it (html_tree) and checked against the allowlist of what a body may contain
(html_policy): any other element, attribute, class or link target is refused. Then what an editor can get wrong
within what is allowed: images (missing file, no alternative text, a format the site does not publish, a photo
larger than PHOTO_MAX_BYTES or PHOTO_MAX_SIDE), `{filename}` links to files that do not exist, and the heading
outline (the title is the only first-level heading). Links to site URLs are checked after the build, when every
page exists (see links.py).
"""

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from . import html_policy, svg_policy, translations
from .html_tree import Fragment, attributes
from .images import (
    EXPORT_AS_JPEG,
    PHOTO_EXTENSIONS,
    UNSUPPORTED_IMAGE_FORMATS,
    PhotoLimits,
    image_size,
    photo_problem,
    raster_facts,
)

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# How Markdown's tables extension aligns a column (|:--|--:|); the site's policy allows no style attribute (nor
# would its Content-Security-Policy apply one), so the alignment becomes a class of the theme.
MARKDOWN_ALIGNMENT = {f"text-align: {side};": f"align-{side}" for side in ("left", "center", "right")}


def _align_table_cell(element, attrs):
    if element.tag in ("th", "td") and attrs.get("style") in MARKDOWN_ALIGNMENT:
        align = MARKDOWN_ALIGNMENT[attrs.pop("style")]
        del element.attrs["style"]
        attrs["class"] = f"{attrs['class']} {align}" if attrs.get("class") else align
        element.attrs["class"] = attrs["class"]


PLACEHOLDER = re.compile(r"^[{|](filename|static|attach)[}|](.*)$")
IMAGE_EXTENSIONS = PHOTO_EXTENSIONS | {".svg"}


# Alternative texts that say nothing about the picture: what cameras, phones and editors fill in when nobody
# describes it. A screen reader would read "Foto" or "IMG 4711" instead of what the photo shows.
PLACEHOLDER_ALT_WORDS = {
    "bild", "foto", "photo", "image", "img", "grafik", "abbildung", "picture", "pic", "screenshot", "logo",
    "beschreibung", "alt", "alttext", "alternativtext", "description", "фото", "зображення", "світлина",
    "малюнок", "картинка",
}
CAMERA_FILE_NAME = re.compile(r"^(img|dsc|dscn|dscf|pxl|p|sam|wp|photo|image)[\s_-]*\d+", re.IGNORECASE)


def _says_nothing(alt, src):
    """Whether an alternative text is a placeholder: a generic word, the file name, or a camera's file name."""
    text = alt.strip().strip(".:!").strip().lower()
    name = posixpath.basename(urlsplit(src).path).lower()
    return (text in PLACEHOLDER_ALT_WORDS or text in (name, posixpath.splitext(name)[0])
            or bool(CAMERA_FILE_NAME.match(text)))


@dataclass
class BodyProblem:
    needle: "str | re.Pattern"  # what to look for in the source file, to give the editor a line number
    field: str
    message: str
    fix: str


def _resolve_content_path(target, source_dir, content_root):
    """The file a relative or root-relative path in a content file points to (content root = '/')."""
    target = unquote(target)
    if target.startswith("/"):
        return os.path.normpath(os.path.join(content_root, target.lstrip("/")))
    return os.path.normpath(os.path.join(source_dir, target))


def _nearby_names(path):
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        return []
    return difflib.get_close_matches(os.path.basename(path), os.listdir(folder), n=2, cutoff=0.5)


def _missing_file_fix(path, what):
    close = _nearby_names(path)
    if close:
        return f"meinten Sie {', '.join(f'„{name}“' for name in close)}? Prüfen Sie Dateiname und Ordner."
    return f"legen Sie {what} in den Ordner des Artikels oder korrigieren Sie den Pfad."


class BodyChecker:
    def __init__(self, source_path, content_root, static_paths, photo_limits=PhotoLimits(), directives=(),
                 drafts_published=True, page_ids=frozenset()):
        self.source_path = source_path
        self.source_dir = os.path.dirname(source_path)
        self.content_root = content_root
        self.static_roots = [os.path.join(content_root, path) for path in static_paths]
        self.photo_limits = photo_limits
        self.directives = tuple(directives)
        self.drafts_published = drafts_published  # the preview and local builds show drafts; the live site not
        # The ids the page around the text has already ("quellen" for the list of sources): a heading "## Quellen"
        # in the text would get the same one (invalid HTML, and links to #quellen would lead to either).
        self.page_ids = page_ids
        self.problems = []
        # Every image file the body shows, checked here: the photos plugin need not report them again.
        self.images = []

    def problem(self, needle, field, message, fix):
        self.problems.append(BodyProblem(needle, field, message, fix))

    def check(self, html):
        """Return the body as the browser will read it (html_tree), with plain image paths turned into `{static}`
        links and their sizes added, and record every problem: what the allowlist (html_policy) refuses, and
        what is wrong with links, images and headings."""
        fragment = Fragment(html)
        fragment.remove_comments(keep=self.directives)
        refused = set()  # elements inside a refused one are not reported again: one mistake, one message
        headings = []
        for element in fragment.elements():
            if element.parent is not None and element.parent.mem_id in refused:
                refused.add(element.mem_id)
                continue
            attrs = attributes(element)
            _align_table_cell(element, attrs)
            if attrs.get("id") in self.page_ids:
                element.attrs["id"] = attrs["id"] = f"{attrs['id']}-im-text"
            own = ("src",) if element.tag == "img" else ()  # an image's file is checked below, in editor's words
            violations = html_policy.element_violations(element.tag, attrs, skip=own)
            for violation in violations:
                self.problem(violation.needle, "Text", violation.what, violation.fix)
            if element.tag not in html_policy.ELEMENTS:
                refused.add(element.mem_id)
                continue
            if violations:
                continue
            if element.tag in HEADINGS:
                headings.append(int(element.tag[1]))
            if element.tag == "a" and "href" in attrs:
                self._check_link(attrs["href"])
            if element.tag == "img":
                self._check_image(element, attrs)
        self._check_headings(headings)
        return fragment.html()

    def _check_headings(self, levels):
        previous = 1
        for level in levels:
            if level == 1:
                self.problem(
                    re.compile(r"^# ", re.MULTILINE),
                    "Text",
                    "Der Text enthält eine Überschrift erster Ebene; die hat jede Seite nur einmal (den Titel)",
                    "beginnen Sie Zwischenüberschriften mit ## statt #.",
                )
            elif level > previous + 1:
                self.problem(
                    re.compile(rf"^{'#' * level} ", re.MULTILINE),
                    "Text",
                    f"Die Überschrift springt von Ebene {previous} auf Ebene {level}",
                    f"verwenden Sie {'#' * (previous + 1)} für diese Überschrift, ohne Ebenen auszulassen.",
                )
            previous = max(level, 2) if level > 1 else previous

    def _check_link(self, href):
        """Where a link to a file of the site leads (its scheme was checked by the allowlist)."""
        placeholder = PLACEHOLDER.match(href.strip())
        if placeholder:
            what, target = placeholder.groups()
            target_path = urlsplit(target).path
            path = _resolve_content_path(target_path, self.source_dir, self.content_root)
            if not os.path.isfile(path):
                self.problem(
                    href,
                    "Text",
                    f"Das Link-Ziel „{target_path}“ gibt es nicht",
                    _missing_file_fix(path, "die Datei"),
                )
            elif what == "filename" and not self.drafts_published and translations.is_draft(path):
                # Pelican would link to the home page instead: the draft has no page on the live site.
                self.problem(
                    href,
                    "Text",
                    f"Das Link-Ziel „{target_path}“ ist ein Entwurf (Status: draft) und wird nicht veröffentlicht",
                    "veröffentlichen Sie den verlinkten Text zuerst (die Zeile „Status: draft“ löschen) oder "
                    "nehmen Sie den Link heraus, bis er fertig ist.",
                )

    def _check_image(self, element, attrs):
        src = attrs.get("src", "").strip()
        alt = attrs.get("alt", "").strip()
        if not alt:
            self.problem(
                src or "![",
                "Text",
                f"Das Bild „{src}“ hat keinen Alternativtext",
                "beschreiben Sie in den eckigen Klammern, was das Bild zeigt: ![Beschreibung](datei.jpg).",
            )
        elif _says_nothing(alt, src):
            self.problem(
                re.compile(r"!\[\s*" + re.escape(alt) + r"\s*\]"),
                "Text",
                f"Der Alternativtext „{alt}“ des Bildes „{src}“ sagt nicht, was das Bild zeigt",
                "beschreiben Sie in ein bis zwei kurzen Sätzen, was zu sehen ist, "
                "z. B. ![Drei weiße Transporter stehen auf einem Hof.](datei.jpg).",
            )
        if not src:
            self.problem("![", "Text", "Ein Bild hat keine Datei", "geben Sie den Dateinamen in runden Klammern an.")
            return
        if html_policy.url_violation("img", "src", src):
            self.problem(
                src,
                "Text",
                f"Das Bild „{src}“ wird von einem anderen Server geladen (Datenschutz)",
                "speichern Sie das Bild neben dem Artikel und geben Sie nur den Dateinamen an.",
            )
            return
        placeholder = PLACEHOLDER.match(src)
        target = placeholder.group(2) if placeholder else src
        path = _resolve_content_path(urlsplit(target).path, self.source_dir, self.content_root)
        extension = os.path.splitext(path)[1].lower()
        if extension in UNSUPPORTED_IMAGE_FORMATS:
            self.problem(
                src,
                "Text",
                f"Das Bild „{src}“ ist im Format {UNSUPPORTED_IMAGE_FORMATS[extension]} gespeichert, das die Website "
                "nicht veröffentlicht",
                EXPORT_AS_JPEG,
            )
            self.images.append(path)  # reported here, with the line: the photos plugin need not report the file
            return
        if extension not in IMAGE_EXTENSIONS:
            self.problem(
                src,
                "Text",
                f"„{src}“ ist keine Bilddatei",
                f"verwenden Sie eines der Formate {', '.join(sorted(IMAGE_EXTENSIONS))}.",
            )
            return
        if not os.path.isfile(path):
            self.problem(src, "Text", f"Die Bilddatei „{target}“ gibt es nicht", _missing_file_fix(path, "das Bild"))
            return
        if not any(os.path.commonpath([root, path]) == root for root in self.static_roots):
            self.problem(
                src,
                "Text",
                f"Die Bilddatei „{target}“ liegt außerhalb der Ordner für Bilder",
                "legen Sie sie neben den Artikel (content/artikel/…) oder nach content/bilder/.",
            )
            return
        self.images.append(path)
        if extension == ".svg":
            unsafe = svg_policy.read(path).problem
            if unsafe:
                self.problem(src, "Text", f"Die Grafik „{target}“ wird nicht veröffentlicht: {unsafe}",
                             svg_policy.EXPORT_CLEAN)
                return
        facts = raster_facts(path) if extension in PHOTO_EXTENSIONS else None
        size = (facts.width, facts.height) if facts else image_size(path)
        if size is None:
            self.problem(
                src,
                "Text",
                f"Die Bilddatei „{target}“ lässt sich nicht lesen (Größe unbekannt)",
                "speichern Sie das Bild erneut als JPEG, PNG, WebP oder SVG.",
            )
            return
        # The photos plugin makes responsive sizes of a photo; what it must not be handed is refused here, where
        # the editor's line is known.
        problem = photo_problem(target, facts, self.photo_limits) if facts else None
        if problem:
            self.problem(src, "Text", *problem)
            return
        if not placeholder:
            relative = posixpath.relpath(path.replace(os.sep, "/"), self.source_dir.replace(os.sep, "/"))
            element.attrs["src"] = f"{{static}}{relative}"
        if "width" not in attrs and "height" not in attrs:
            # Width and height let the browser reserve the space before the image arrives.
            element.attrs["width"] = str(size[0])
            element.attrs["height"] = str(size[1])
