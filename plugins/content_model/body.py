"""Checks of an article's or page's body after Markdown has turned it into HTML.

What an editor can break in a body: images (missing file, no alternative text, loaded from another server, a
format the site does not publish, a photo larger than PHOTO_MAX_BYTES or PHOTO_MAX_SIDE),
links (`{filename}` to a file that does not exist, `javascript:`), raw HTML that would load third-party
content or break the Content-Security-Policy (`<iframe>`, `<script>`, `style="…"`), and the heading outline
(the title is the only first-level heading). Links to site URLs are checked after the build, when every
page exists (see links.py).
"""

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

from .images import (
    EXPORT_AS_JPEG,
    PHOTO_EXTENSIONS,
    UNSUPPORTED_IMAGE_FORMATS,
    PhotoLimits,
    image_size,
    photo_problem,
    raster_facts,
)

FORBIDDEN_ELEMENTS = {
    "script": "führt Programmcode aus",
    "style": "verletzt die Sicherheitsrichtlinie der Website (CSP)",
    "iframe": "lädt Inhalte von anderen Servern (Datenschutz)",
    "frame": "lädt Inhalte von anderen Servern (Datenschutz)",
    "frameset": "lädt Inhalte von anderen Servern (Datenschutz)",
    "object": "lädt fremde Inhalte",
    "embed": "lädt fremde Inhalte",
    "applet": "lädt fremde Inhalte",
    "form": "Formulare gibt es auf dieser Website nicht",
    "input": "Formulare gibt es auf dieser Website nicht",
    "button": "Formulare gibt es auf dieser Website nicht",
    "select": "Formulare gibt es auf dieser Website nicht",
    "textarea": "Formulare gibt es auf dieser Website nicht",
    "link": "lädt fremde Inhalte",
    "meta": "gehört nicht in den Text",
    "base": "verändert alle Links der Seite",
    "video": "Videos werden nicht eingebettet (Datenschutz, Ladezeit)",
    "audio": "Audio wird nicht eingebettet",
    "source": "Medien werden nicht eingebettet",
    "svg": "Grafiken gehören als Bilddatei neben den Artikel",
    "canvas": "braucht Programmcode",
}
UNSAFE_SCHEMES = ("javascript", "data", "vbscript", "file")
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


@dataclass
class StartTag:
    name: str
    attrs: dict
    raw: str


# Start tags with their attributes. Python's HTMLParser does the same more thoroughly but takes a third of a
# large build's time; the HTML here comes from Markdown and is well-formed, so a regular expression suffices.
START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*/?>"""
)
ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def start_tags(html):
    tags = []
    for match in START_TAG.finditer(COMMENT.sub("", html)):
        attrs = {}
        for attribute in ATTRIBUTE.finditer(match[2]):
            value = next((group for group in attribute.groups()[1:] if group is not None), "")
            attrs.setdefault(attribute[1].lower(), unescape(value))
        tags.append(StartTag(match[1].lower(), attrs, match[0]))
    return tags


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
    def __init__(self, source_path, content_root, static_paths, photo_limits=PhotoLimits()):
        self.source_path = source_path
        self.source_dir = os.path.dirname(source_path)
        self.content_root = content_root
        self.static_roots = [os.path.join(content_root, path) for path in static_paths]
        self.photo_limits = photo_limits
        self.problems = []
        # Every image file the body shows, checked here: the photos plugin need not report them again.
        self.images = []

    def problem(self, needle, field, message, fix):
        self.problems.append(BodyProblem(needle, field, message, fix))

    def check(self, html):
        """Return the body with plain image paths turned into `{static}` links, and record problems."""
        tags = start_tags(html)
        self._check_headings(tags)
        for tag in tags:
            if tag.name in FORBIDDEN_ELEMENTS:
                self.problem(
                    f"<{tag.name}",
                    "Text",
                    f"Das HTML-Element <{tag.name}> ist nicht erlaubt: es {FORBIDDEN_ELEMENTS[tag.name]}",
                    "entfernen Sie es; Videos, Karten und Formulare verlinken Sie als normalen Link.",
                )
                continue
            for name in tag.attrs:
                if name == "style" or name.startswith("on") or name in ("srcdoc", "formaction"):
                    self.problem(
                        f"{name}=",
                        "Text",
                        f"Das HTML-Attribut „{name}“ ist nicht erlaubt (Sicherheitsrichtlinie der Website)",
                        "entfernen Sie es; das Aussehen bestimmt das Theme.",
                    )
            if tag.name == "a" and "href" in tag.attrs:
                self._check_link(tag.attrs["href"])
            if tag.name == "img":
                html = self._check_image(tag, html)
        return html

    def _check_headings(self, tags):
        previous = 1
        for tag in tags:
            if not re.fullmatch(r"h[1-6]", tag.name):
                continue
            level = int(tag.name[1])
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
        parts = urlsplit(href.strip())
        scheme = parts.scheme.lower()
        if scheme in UNSAFE_SCHEMES:
            self.problem(
                href,
                "Text",
                f"Der Link „{href[:60]}“ ist nicht erlaubt ({scheme}:)",
                "verlinken Sie nur Web-Adressen (https://…), E-Mail (mailto:) oder Telefon (tel:).",
            )
            return
        if scheme in ("http", "https") and not parts.netloc:
            self.problem(href, "Text", f"Der Link „{href}“ ist unvollständig", "prüfen Sie die Adresse.")
            return
        placeholder = PLACEHOLDER.match(href)
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

    def _check_image(self, tag, html):
        src = tag.attrs.get("src", "").strip()
        alt = tag.attrs.get("alt", "").strip()
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
            return html
        parts = urlsplit(src)
        if parts.scheme or src.startswith("//"):
            self.problem(
                src,
                "Text",
                f"Das Bild „{src}“ wird von einem anderen Server geladen (Datenschutz)",
                "speichern Sie das Bild neben dem Artikel und geben Sie nur den Dateinamen an.",
            )
            return html
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
            return html
        if extension not in IMAGE_EXTENSIONS:
            self.problem(
                src,
                "Text",
                f"„{src}“ ist keine Bilddatei",
                f"verwenden Sie eines der Formate {', '.join(sorted(IMAGE_EXTENSIONS))}.",
            )
            return html
        if not os.path.isfile(path):
            self.problem(src, "Text", f"Die Bilddatei „{target}“ gibt es nicht", _missing_file_fix(path, "das Bild"))
            return html
        if not any(os.path.commonpath([root, path]) == root for root in self.static_roots):
            self.problem(
                src,
                "Text",
                f"Die Bilddatei „{target}“ liegt außerhalb der Ordner für Bilder",
                "legen Sie sie neben den Artikel (content/artikel/…) oder nach content/bilder/.",
            )
            return html
        self.images.append(path)
        facts = raster_facts(path) if extension in PHOTO_EXTENSIONS else None
        size = (facts.width, facts.height) if facts else image_size(path)
        if size is None:
            self.problem(
                src,
                "Text",
                f"Die Bilddatei „{target}“ lässt sich nicht lesen (Größe unbekannt)",
                "speichern Sie das Bild erneut als JPEG, PNG, WebP oder SVG.",
            )
            return html
        # The photos plugin makes responsive sizes of a photo; what it must not be handed is refused here, where
        # the editor's line is known.
        problem = photo_problem(target, facts, self.photo_limits) if facts else None
        if problem:
            self.problem(src, "Text", *problem)
            return html
        new_raw = tag.raw
        if not placeholder:
            relative = posixpath.relpath(path.replace(os.sep, "/"), self.source_dir.replace(os.sep, "/"))
            new_raw = new_raw.replace(f'"{tag.attrs["src"]}"', f'"{{static}}{relative}"', 1)
        if "width" not in tag.attrs and "height" not in tag.attrs:
            # Width and height let the browser reserve the space before the image arrives.
            closing = "/>" if new_raw.endswith("/>") else ">"
            new_raw = f'{new_raw[: -len(closing)].rstrip()} width="{size[0]}" height="{size[1]}"{closing}'
        return html.replace(tag.raw, new_raw)
