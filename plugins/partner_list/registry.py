"""Partners: one content file each, checked field by field, grouped the way the site configures.

A partner file is an ordinary Pelican Markdown file:

    Name: Example Housing Ltd.        (required; any characters, shown escaped)
    Label: Example Housing            (optional short display name; defaults to Name)
    Slug: example-housing             (optional; the short name articles use; defaults to the file name)
    Kind: company                     (one of PARTNER_KINDS if that setting is not empty)
    Side: north                       (one of PARTNER_GROUPS if that setting is not empty)
    Website: https://example.org      (optional; http or https only)
    Logo: example.svg                 (optional; next to the file; needs Logo_alt)
    Logo_alt: Logo of Example Housing

    The body is the description.
"""

import difflib
import os
import re
from functools import cached_property
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from markupsafe import Markup, escape
from pelican.contents import Content

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SVG_LENGTH = re.compile(r"([0-9.]+)(?:px)?")
SINGLE_LINE_FIELDS = ("name", "label", "slug", "kind", "side", "website", "logo", "logo_alt", "lang", "status")
# Metadata Pelican or a reader adds by itself; not typed by editors.
INTERNAL_METADATA = {"reader", "category", "date", "field_lines", "path", "template", "save_as", "url"}


class Partner(Content):
    """A partner organisation. `name` and `label` are HTML-safe; `raw_name` is the text as typed."""

    mandatory_properties = ()
    default_template = "partner"
    default_status = "published"

    def _post_init(self, settings):
        raw = getattr(self, "name", "")
        self.raw_name = raw if isinstance(raw, str) else ""
        self.name = escape(self.raw_name)
        self.title = self.name
        raw_label = getattr(self, "label", None)
        self.raw_label = raw_label if isinstance(raw_label, str) and raw_label.strip() else self.raw_name
        self.label = escape(self.raw_label)
        self.kind = getattr(self, "kind", None)
        self.side = getattr(self, "side", None)
        self.website = getattr(self, "website", None)
        self.logo = getattr(self, "logo", None)
        self.logo_alt = escape(getattr(self, "logo_alt", "") or "")
        self.kind_label = Markup(escape(settings.get("PARTNER_KINDS", {}).get(self.kind, self.kind or "")))
        self.side_label = Markup(escape(settings.get("PARTNER_GROUPS", {}).get(self.side, self.side or "")))
        self.activities = []
        self.activities_by_group = []

    # A partner's URL and output path are fixed once its slug is; every article page that names the partner
    # asks for them, and Pelican would expand the URL pattern anew each time.
    @cached_property
    def url(self):
        return self.get_url_setting("url")

    @cached_property
    def save_as(self):
        return self.get_url_setting("save_as")

    @property
    def activity_count(self):
        return len(self.activities)

    @property
    def logo_path(self):
        """The logo's path relative to the content folder, as Pelican's static files are keyed."""
        if not self.logo:
            return None
        folder = os.path.dirname(self.relative_source_path)
        return os.path.normpath(os.path.join(folder, self.logo)).replace(os.sep, "/")

    @cached_property
    def logo_size(self):
        """(width, height) of a raster logo when Pillow is installed, else None; SVG sizes are read directly."""
        if not self.logo:
            return None
        path = os.path.join(os.path.dirname(self.source_path), self.logo)
        if not os.path.isfile(path):
            return None
        if path.lower().endswith(".svg"):
            return svg_size(path)
        try:
            from PIL import Image  # optional: the plugin works without Pillow, just without raster sizes
        except ImportError:
            return None
        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, ValueError, SyntaxError):  # not an image (check_partner says so, at the Logo line)
            return None

    @property
    def logo_url(self):
        static = self._context.get("static_content", {}).get(self.logo_path) if self.logo else None
        return static.url if static is not None else None

    def __html__(self):
        return self.label


_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", "_": "-"})


def _ascii_slug(text):
    """How a short name with umlauts is spelled in an address: größe → groesse."""
    return text.lower().translate(_SPELLED_OUT)


def check_partner(partner, settings, messages):
    """Yield (line, field, message, fix) for every problem in one partner's header; fix what can be fixed."""
    lines = getattr(partner, "field_lines", {}) or {}
    metadata = partner.metadata

    def problem(field, key, **values):
        message, fix = messages(key, **values)
        # Pelican's own readers give no line numbers; the site may use a reader that does (`field_lines`).
        return (lines.get(field, 1) if lines else 0), field, message, fix

    allowed = set(SINGLE_LINE_FIELDS) | set(settings.get("PARTNER_EXTRA_FIELDS", ()))
    typed_fields = lines.keys() if lines else (key for key in metadata if key not in INTERNAL_METADATA)
    for field in typed_fields:
        if field not in allowed:
            close = difflib.get_close_matches(field, sorted(allowed), n=1, cutoff=0.6)
            hint = messages("did_you_mean", names=messages.quote(close[0].capitalize())) if close else ""
            yield problem(field, "unknown_field", hint=hint, allowed=", ".join(sorted(f.capitalize() for f in allowed)))
    for field in SINGLE_LINE_FIELDS:
        if isinstance(metadata.get(field), list):
            yield problem(field, "not_text")

    if not partner.raw_name.strip():
        yield problem("name", "missing_name")
    if not SLUG.match(partner.slug or ""):
        spelled = _ascii_slug(partner.slug or "")
        hint = messages("slug_suggestion", value=spelled) if spelled and SLUG.match(spelled) else ""
        yield problem("slug", "bad_slug", value=partner.slug, hint=hint)
    for field, setting in (("kind", "PARTNER_KINDS"), ("side", "PARTNER_GROUPS")):
        choices = settings.get(setting) or {}
        value = getattr(partner, field)
        if not choices:
            continue
        if value is None:
            yield problem(field, "missing_value", field=field.capitalize(), allowed=", ".join(choices))
        elif value not in choices:
            yield problem(field, "unknown_value", value=value, allowed=", ".join(choices))
    if partner.website is not None:
        parts = urlsplit(str(partner.website).strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in partner.website):
            yield problem("website", "bad_website", value=partner.website)
            partner.website = None
    if partner.logo:
        if not partner.logo_alt.strip():
            yield problem("logo_alt" if "logo_alt" in lines else "logo", "missing_logo_alt")
        folder = os.path.dirname(partner.source_path)
        logo_file = os.path.normpath(os.path.join(folder, partner.logo))
        if os.path.dirname(logo_file) != os.path.normpath(folder):
            yield problem("logo", "logo_elsewhere", value=partner.logo)
            partner.logo = None
        elif not os.path.isfile(logo_file):
            yield problem("logo", "missing_logo", value=partner.logo)
        elif not logo_file.lower().endswith(".svg") and partner.logo_size is None:
            yield problem("logo", "unreadable_logo", value=partner.logo)
            partner.logo = None


def svg_size(path):
    """(width, height) from the attributes of an SVG file's root element, read as XML as a browser reads an SVG
    image (no DTD, no entities), not by searching the text; None where the root does not give both in pixels."""
    try:
        for _, root in iterparse(path, events=("start",), forbid_dtd=True):
            lengths = [SVG_LENGTH.fullmatch(root.get(name, "")) for name in ("width", "height")]
            if all(lengths):
                return tuple(round(float(length.group(1))) for length in lengths)
            return None
    except (ParseError, DefusedXmlException, ValueError, OSError):  # the SVG check says what is wrong with it
        return None
    return None
