"""Web editing with Sveltia CMS: its configuration, generated from the content model, and the admin page.

`cms/config.yml` tells the CMS which collections (kinds of files) there are, where they live and which fields they
have. It is generated here from plugins/content_model/schema.py and the site's settings, so that the CMS offers
exactly the fields the build checks (`invoke docs` writes it; tests/test_cms.py fails when the committed file is
not what this module writes). The files themselves are read and written by cms/pelican-format.js, registered as
the custom format `pelican`: a header of `Field: value` lines, a blank line, Markdown.

`install_admin()` puts the admin page (`/admin/`) into a built site, but only when `CMS_REPO` is set: the
page, its script, the format, the configuration with the repository filled in, and the Sveltia CMS bundle from
cms/node_modules (`cd cms && npm ci`), with its fonts served from the site instead of a CDN.

Choices worth knowing (cms/README.md explains them to editors):
- Field order: title, slug, then the schema's fields, with a kind's own fields (partner names first) before the
  sources — the order in which every file in content/ is written, so saving an unchanged file from the CMS
  changes nothing. Sveltia CMS sorts what it saves by this order.
- Dates are text fields with a pattern, not date pickers: our dates may name only the month (`2022-09`).
- New articles are named `<Date>-<title>.md` from the article's own date, like `invoke new`; names are never
  changed afterwards (the name is the address).
- Translations are the same entry in another language (`name.uk.md`, `name.en.md`), with only the fields a
  translation may have; new entries start in German only.
- No field has a default value: Sveltia CMS would write it into every existing file that lacks the field.
"""

import html
import os
import re
import shutil
import string

import yaml

from . import site_settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CMS_FOLDER = os.path.join(ROOT, "cms")
CONFIG_PATH = os.path.join(CMS_FOLDER, "config.yml")
BUNDLE_FOLDER = os.path.join(CMS_FOLDER, "node_modules", "@sveltia", "cms")
# Where the admin page is published: https://<site>/admin/.
ADMIN_FOLDER = "admin"
FORMAT_NAME = "pelican"

HEADER = """\
# Sveltia CMS configuration (https://sveltiacms.app), generated from plugins/content_model/schema.py and
# pelicanconf.py by `invoke docs` (sitebuild/cms_config.py). Do not edit by hand: change the schema or the
# generator and run `invoke docs`. The published /admin/config.yml adds the repository (CMS_REPO).
"""

# German labels for the fields; the file's own field name follows in brackets, as the build's messages name it.
LABELS = {
    "title": "Titel",
    "date": "Datum",
    "kind": "Art",
    "summary": "Zusammenfassung",
    "sources": "Quellen",
    "slug": "Adresse",
    "lang": "Sprache",
    "status": "Status",
    "partners": "Beteiligte Partner",
    "delegation": "Delegation",
    "start": "Erster Tag",
    "end": "Letzter Tag",
    "items": "Güter",
    "donors": "Spender",
    "parties": "Vertragsparteien",
    "signed": "Unterzeichnet am",
    "subject": "Gegenstand",
    "nav": "Menü",
    "order": "Position im Menü",
    "name": "Name",
    "label": "Kurzer Anzeigename",
    "side": "Seite der Partnerschaft",
    "website": "Internetseite",
    "logo": "Logo-Datei",
    "logo_alt": "Alternativtext des Logos",
}
PARTNER_LABELS = {"kind": "Art der Organisation", "slug": "Kurzname"}
STATUS_LABELS = {
    "published": "veröffentlicht",
    "draft": "Entwurf – wird nicht veröffentlicht",
    "hidden": "veröffentlicht, aber in keiner Liste",
}
NAV_LABELS = {"main": "Hauptmenü", "footer": "Fußzeile"}
BODY_HINT = (
    "Der Text in Markdown: Absätze durch eine Leerzeile trennen, Zwischenüberschriften beginnen mit „## “. "
    "Fotos liegen neben dem Artikel und stehen als `![Was das Bild zeigt](foto.jpg)` im Text; jedes Foto "
    "braucht diesen Alternativtext."
)
PARTNER_LIST_HINT = (
    "Wählen Sie aus den Partnern (content/partner/). Fehlt einer, legen Sie ihn zuerst unter „Partner“ an."
)


class CmsError(Exception):
    """The admin page cannot be installed; the message says why and what to do."""


# --- Reading settings ----------------------------------------------------------------------------------------------


def _setting(settings, name, default=None):
    if isinstance(settings, dict):
        return settings.get(name, default)
    return getattr(settings, name, default)


def _content_folder(settings):
    """The content folder relative to the repository, as the CMS names paths (`content`)."""
    path = _setting(settings, "PATH", "content")
    if os.path.isabs(path):
        relative = os.path.relpath(path, ROOT)
        path = "content" if relative.startswith("..") else relative
    return path.replace(os.sep, "/").strip("/")


# --- Fields --------------------------------------------------------------------------------------------------------


def file_order(fields, kind_fields=()):
    """The order in which a file's header is written: title and slug first, then the common fields in the schema's
    order, with the kind's own fields — partner names first — just before the sources."""
    from content_model import schema

    by_name = {field.name: field for field in [*fields, *kind_fields]}
    order = [name for name in ("title", "slug") if any(field.name == name for field in fields)]
    own = sorted(kind_fields, key=lambda field: field.name not in schema.PARTNER_FIELDS)  # stable: schema order
    for field in fields:
        if field.name in order:
            continue
        if field.name == "sources":
            order.extend(own_field.name for own_field in own)
            own = []
        order.append(field.name)
    order.extend(own_field.name for own_field in own)
    return [by_name[name] for name in order]


def _sentence(text):
    text = text.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "?", "!")) else text + "."


def _required(required, translatable, original_lang):
    """A translation may leave out any field (the build takes it from the original): required in German only."""
    if not required:
        return False
    return [original_lang] if translatable else True


def _label(name, labels=LABELS):
    german, own = labels.get(name, name.capitalize()), name.capitalize()
    return german if german == own else f"{german} ({own})"


def _schema_field(field, settings, translatable, partners_collection):
    """The CMS field for one field of the content model."""
    from content_model import values

    original_lang = _setting(settings, "ORIGINAL_LANG", "de")
    kind_of_type = field.type
    config = {"name": field.name, "label": _label(field.name)}
    meaning = _sentence(field.meaning)
    example = f"Beispiel: `{field.example}`"

    if isinstance(kind_of_type, values.NameList):
        config.update(widget="relation", collection=partners_collection, multiple=True, value_field="{{slug}}",
                      search_fields=["name", "label"], display_fields=["name"],
                      hint=f"{meaning} {PARTNER_LIST_HINT}")
    elif isinstance(kind_of_type, values.Items):
        units = ", ".join(f"`{unit}`" for unit in _setting(settings, "ITEM_UNITS", {}))
        config.update(widget="text", hint=f"{meaning} {_sentence(kind_of_type.syntax)} Einheiten: {units}.")
    elif isinstance(kind_of_type, values.Sources):
        config.update(widget="text", hint=f"{meaning} {_sentence(kind_of_type.syntax)} {example}")
    elif isinstance(kind_of_type, values.DateOrUnknown):
        date_or_unknown = f"^(?:{values.DATE_PATTERN.pattern[1:-1]}|{values.UNKNOWN})$"
        message = f"{values.Date.syntax}; „{values.UNKNOWN}“, wenn keine Quelle das Datum nennt"
        config.update(widget="string", pattern=[date_or_unknown, message],
                      hint=f"{meaning} {_sentence(kind_of_type.syntax)} {example}")
    elif isinstance(kind_of_type, values.Date):
        config.update(widget="string", pattern=[values.DATE_PATTERN.pattern, kind_of_type.syntax],
                      hint=f"{meaning} {_sentence(kind_of_type.syntax)} {example}")
    elif isinstance(kind_of_type, values.Slug):
        config.update(widget="string", pattern=[values.SLUG_PATTERN.pattern, kind_of_type.syntax],
                      hint=f"{meaning} {_sentence(kind_of_type.syntax)}")
    elif isinstance(kind_of_type, values.Integer):
        config.update(widget="number", value_type="int", hint=f"{meaning} {example}")
    elif isinstance(kind_of_type, values.Text):
        config.update(widget="string", maxlength=kind_of_type.max_length, hint=f"{meaning} {example}")
    elif isinstance(kind_of_type, values.Choice):
        setting = kind_of_type.choices_setting
        if setting == "SITE_LANGUAGES":
            # The language is the file's: a translation is the same entry in another language (name.uk.md).
            config = {"name": field.name, "label": _label(field.name), "widget": "hidden"}
        elif setting == "ARTICLE_KINDS":
            raise AssertionError("the kind of an article is set per collection")
        else:
            labels = NAV_LABELS if setting == "NAV_MENUS" else STATUS_LABELS
            choices = kind_of_type.choices(_settings_dict(settings))
            config.update(widget="select", options=[{"label": labels.get(c, c), "value": c} for c in choices],
                          hint=meaning)
    else:
        raise TypeError(f"No CMS field for {type(kind_of_type).__name__} ({field.name}): add one to cms_config.py")
    if config["widget"] != "hidden":
        config["required"] = _required(field.required, translatable, original_lang)
    if translatable:
        config["i18n"] = True
    return config


def _settings_dict(settings):
    if isinstance(settings, dict):
        return settings
    return {name: getattr(settings, name) for name in dir(settings) if name.isupper()}


def _body(hint=BODY_HINT):
    config = {
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        # Markdown as typed, by default; the visual mode is there to insert photos, but may rewrite the Markdown.
        "modes": ["raw", "rich_text"],
        "editor_components": ["image"],
        "linked_images": False,
        "hint": hint,
        # The build accepts a file without text, so the CMS does too.
        "required": False,
        "i18n": True,
    }
    return config


def _kind_field(kind):
    return {"name": "kind", "label": _label("kind"), "widget": "hidden", "default": kind}


def _collection_common():
    return {
        "create": True,
        # The extension (md) comes with the format (cms/admin/cms.js registers it): Sveltia CMS takes an explicit
        # `extension: md` for front matter and refuses any other format with it.
        "format": FORMAT_NAME,
        # Photos next to the file, referenced by their name: ![Was das Bild zeigt](foto.jpg).
        "media_folder": "",
        "public_folder": "",
        "i18n": True,
    }


def article_collection(kind, settings, partners_collection="partner"):
    from content_model import schema

    spec = _setting(settings, "ARTICLE_KINDS")[kind]
    translatable = schema.TRANSLATABLE_FIELDS["article"]
    folder = f"{_content_folder(settings)}/{_setting(settings, 'ARTICLE_PATHS')[0]}/{spec['folder']}"
    fields = []
    for field in file_order(schema.ARTICLE_COMMON, schema.KIND_FIELDS.get(kind, [])):
        if field.name == "kind":
            fields.append(_kind_field(kind))
        else:
            fields.append(_schema_field(field, settings, field.name in translatable, partners_collection))
    fields.append(_body())
    return {
        "name": kind,
        "label": spec["label"],
        "label_singular": spec["singular"],
        "description": f"Artikel der Art `{kind}` in `{folder}/`, eine Datei je Artikel.",
        "folder": folder,
        **_collection_common(),
        # Named like `invoke new` names them: the article's date, then its title (2022-12-07-zehn-fahrzeuge.md).
        # The name is the address, so it is never changed afterwards.
        "slug": {"template": "{{fields.date}}-{{slug}}", "editable": False},
        "identifier_field": "title",
        "summary": "{{date}} · {{title}}",
        "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date", "direction": "descending"}},
        "fields": fields,
    }


def page_collection(settings, partners_collection="partner"):
    from content_model import schema, values

    translatable = schema.TRANSLATABLE_FIELDS["page"]
    folder = f"{_content_folder(settings)}/{_setting(settings, 'PAGE_PATHS')[0]}"
    fields = [_schema_field(field, settings, field.name in translatable, partners_collection)
              for field in file_order(schema.PAGE_FIELDS)]
    fields.append(_body())
    return {
        "name": "seite",
        "label": "Seiten",
        "label_singular": "Seite",
        "description": f"Seiten in `{folder}/`; der Dateiname ist die Adresse (kontakt.md → /kontakt/).",
        "folder": folder,
        **_collection_common(),
        "slug": {
            "template": "{{slug}}",
            "editable": ["create"],
            "hint": "Dateiname und Adresse der Seite; später nicht mehr änderbar.",
            "pattern": [values.SLUG_PATTERN.pattern, values.Slug.syntax],
        },
        "identifier_field": "title",
        "fields": fields,
    }


def partner_collection(settings, name="partner"):
    from content_model import schema, values

    from .schema_doc import PARTNER_FIELD_DOCS

    original_lang = _setting(settings, "ORIGINAL_LANG", "de")
    translatable = schema.TRANSLATABLE_FIELDS["other"]
    folder = f"{_content_folder(settings)}/{_setting(settings, 'PARTNER_PATHS')[0]}"
    fields = []
    for field_name, (required, meaning, example) in PARTNER_FIELD_DOCS.items():
        is_translatable = field_name in translatable
        config = {"name": field_name, "label": _label(field_name, {**LABELS, **PARTNER_LABELS})}
        hint = f"{_sentence(meaning)} Beispiel: `{example}`"
        if field_name in ("kind", "side"):
            choices = _setting(settings, "PARTNER_KINDS" if field_name == "kind" else "PARTNER_GROUPS")
            options = [{"label": str(label), "value": key} for key, label in choices.items()]
            config.update(widget="select", options=options,
                          hint=_sentence(meaning))
        elif field_name == "lang":
            config.update(widget="hidden")
        elif field_name == "status":
            config.update(widget="select", hint=_sentence(meaning),
                          options=[{"label": STATUS_LABELS[c], "value": c} for c in schema.STATUS.type.fixed_choices])
        elif field_name == "slug":
            config.update(widget="string", pattern=[values.SLUG_PATTERN.pattern, values.Slug.syntax], hint=hint)
        elif field_name == "website":
            config.update(widget="string", type="url", pattern=[r"^https?://\S+$", "beginnt mit https://"], hint=hint)
        elif field_name == "sources":
            config.update(widget="text", hint=f"{_sentence(meaning)} {_sentence(values.Sources.syntax)} "
                                              f"Beispiel: `{example}`")
        else:
            config.update(widget="string", hint=hint)
        if config["widget"] != "hidden":
            config["required"] = _required(required, is_translatable, original_lang)
        if is_translatable:
            config["i18n"] = True
        fields.append(config)
    fields.append(_body(hint=(
        "Beschreibung in zwei, drei Sätzen: wer die Organisation ist und was sie in der Partnerschaft tut.")))
    return {
        "name": name,
        "label": "Partner",
        "label_singular": "Partner",
        "description": (f"Partner in `{folder}/`. Der Dateiname ist der Kurzname, mit dem Artikel den Partner nennen "
                        "(hanova.md → hanova)."),
        "folder": folder,
        **_collection_common(),
        "slug": {
            "template": "{{name}}",
            "editable": ["create"],
            "hint": ("Kurzname, mit dem Artikel den Partner nennen, z. B. hanova; nur a–z, 0–9 und Bindestriche; "
                     "später nicht mehr änderbar."),
            "pattern": [values.SLUG_PATTERN.pattern, values.Slug.syntax],
        },
        "identifier_field": "name",
        "fields": fields,
    }


# --- The whole configuration ---------------------------------------------------------------------------------------


def build_config(settings, deployment=False):
    """The CMS configuration as a dict. With `deployment`, the settings that belong to the published admin page
    (repository, branch, sign-in service, site address) are added; the committed cms/config.yml has none."""
    languages = list(_setting(settings, "SITE_LANGUAGES", ["de"]))
    original_lang = _setting(settings, "ORIGINAL_LANG", "de")
    backend = {"name": "github"}
    if deployment:
        backend["repo"] = _setting(settings, "CMS_REPO")
        if _setting(settings, "CMS_BRANCH"):
            backend["branch"] = _setting(settings, "CMS_BRANCH")
        if _setting(settings, "CMS_AUTH_URL"):
            backend["base_url"] = _setting(settings, "CMS_AUTH_URL").rstrip("/")
        else:
            # Without an OAuth service, sign in with a GitHub access token (cms/README.md).
            backend["auth_methods"] = ["token"]
    backend["commit_messages"] = {
        "create": "{{collection}}: „{{slug}}“ angelegt (CMS)",
        "update": "{{collection}}: „{{slug}}“ geändert (CMS)",
        "delete": "{{collection}}: „{{slug}}“ gelöscht (CMS)",
        "uploadMedia": "Datei „{{path}}“ hochgeladen (CMS)",
        "deleteMedia": "Datei „{{path}}“ gelöscht (CMS)",
    }
    config = {"backend": backend}
    siteurl = _setting(settings, "SITEURL") or ""
    if deployment and siteurl.startswith("http"):
        config["site_url"] = siteurl
    config.update({
        # Required by the CMS for its media library; the collections keep photos next to their files.
        "media_folder": f"{_content_folder(settings)}/bilder",
        "public_folder": "/bilder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "i18n": {
            "structure": "multiple_files",
            "locales": languages,
            "default_locale": original_lang,
            "initial_locales": "default",
            # kontakt.md (German), kontakt.uk.md, kontakt.en.md — as the build names translations.
            "omit_default_locale_from_file_path": True,
        },
        "collections": [
            *(article_collection(kind, settings) for kind in _setting(settings, "ARTICLE_KINDS")),
            page_collection(settings),
            partner_collection(settings),
        ],
    })
    return config


def render(settings=None, deployment=False):
    """cms/config.yml as text."""
    settings = settings if settings is not None else site_settings.load(ROOT)
    body = yaml.safe_dump(build_config(settings, deployment), sort_keys=False, allow_unicode=True, width=120,
                          default_flow_style=False)
    return HEADER + "\n" + body


def write_cms_config(root=ROOT):
    """Write cms/config.yml from the schema and pelicanconf.py (`invoke docs`)."""
    text = render(site_settings.load(root))
    path = os.path.join(root, "cms", "config.yml")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


# --- The admin page ------------------------------------------------------------------------------------------------

FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<family>[a-z0-9-]+)(?::vf)?@[0-9.]+/"
                      r"(?P<subset>[a-z0-9-]+)\.woff2")
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")



def _bundle_files(bundle_folder):
    script = os.path.join(bundle_folder, "dist", "sveltia-cms.js")
    if not os.path.isfile(script):
        raise CmsError(
            f"Sveltia CMS ist nicht installiert ({os.path.relpath(script, ROOT)} fehlt): führen Sie "
            "`cd cms && npm ci` aus (braucht Node.js und npm: apt-get install nodejs npm)."
        )
    return script, os.path.join(bundle_folder, "npm", "assets")


def _self_hosted_fonts(script_text, assets_folder, fonts_folder):
    """Point the bundle's web fonts (loaded from a CDN by default) at copies on our site; return the new text."""
    os.makedirs(fonts_folder, exist_ok=True)
    available = os.listdir(assets_folder) if os.path.isdir(assets_folder) else []

    def local(match):
        prefix = f"{match['family']}-{match['subset']}-"
        candidates = sorted(name for name in available if name.startswith(prefix) and name.endswith(".woff2"))
        if not candidates:
            raise CmsError(f"Die Schrift {match[0]} fehlt im Paket @sveltia/cms (npm/assets/): "
                           "prüfen Sie die Version in cms/package.json.")
        target = f"{match['family']}-{match['subset']}.woff2"
        shutil.copyfile(os.path.join(assets_folder, candidates[0]), os.path.join(fonts_folder, target))
        licence = f"{match['family']}.LICENSE.txt"
        if licence in available:
            shutil.copyfile(os.path.join(assets_folder, licence), os.path.join(fonts_folder, licence))
        return f"fonts/{target}"

    return FONT_URL.sub(local, script_text)


def _copy_ui_strings(bundle_folder, target, languages):
    """The CMS's own user interface in the site's languages (English is in the bundle); cms.js serves them in place
    of the CDN the bundle would load them from. A browser in another language gets the English interface."""
    source = os.path.join(bundle_folder, "locales")
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(source)):
        if name.endswith(".json") and name.split(".")[0].split("-")[0] in languages:
            shutil.copyfile(os.path.join(source, name), os.path.join(target, name))


def admin_page(settings):
    """cms/admin/index.html with the site's values filled in ($csp, $sitename, $lang)."""
    with open(os.path.join(CMS_FOLDER, "admin", "index.html"), encoding="utf-8") as handle:
        template = string.Template(handle.read())
    return template.substitute(
        lang=_setting(settings, "ORIGINAL_LANG", "de"),
        csp=html.escape(_setting(settings, "CMS_CONTENT_SECURITY_POLICY"), quote=False).replace('"', "&quot;"),
        sitename=html.escape(str(_setting(settings, "SITENAME", ""))),
    )


def install_admin(output_path, settings, bundle_folder=BUNDLE_FOLDER):
    """Put the admin page into the built site at /admin/ if `CMS_REPO` is set. Returns problems (empty: fine).

    Call it on the finished site, after the sitemap and the search index (so that neither knows the page)."""
    if not _setting(settings, "CMS_REPO"):
        return []
    if not _setting(settings, "CMS_CONTENT_SECURITY_POLICY"):
        return ["CMS_REPO ist gesetzt, CMS_CONTENT_SECURITY_POLICY aber nicht (pelicanconf.py)."]
    try:
        script, assets = _bundle_files(bundle_folder)
        admin = os.path.join(output_path, ADMIN_FOLDER)
        if os.path.exists(admin):
            return [f"{ADMIN_FOLDER}/ gibt es in der Website schon: die Redaktionsoberfläche braucht diese Adresse."]
        os.makedirs(admin)
        with open(script, encoding="utf-8") as handle:
            text = handle.read()
        text = SOURCE_MAP.sub("\n", _self_hosted_fonts(text, assets, os.path.join(admin, "fonts")))
        if "cdn.jsdelivr.net" in text:
            raise CmsError("Das Sveltia-CMS-Paket lädt noch etwas von cdn.jsdelivr.net: cms_config.py anpassen.")
        with open(os.path.join(admin, "sveltia-cms.js"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        shutil.copyfile(os.path.join(bundle_folder, "LICENSE.txt"), os.path.join(admin, "sveltia-cms.LICENSE.txt"))
        shutil.copyfile(os.path.join(CMS_FOLDER, "admin", "cms.js"), os.path.join(admin, "cms.js"))
        _copy_ui_strings(bundle_folder, os.path.join(admin, "locales"), _setting(settings, "SITE_LANGUAGES", ["de"]))
        shutil.copyfile(os.path.join(CMS_FOLDER, "pelican-format.js"), os.path.join(admin, "pelican-format.js"))
        with open(os.path.join(admin, "config.yml"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(render(settings, deployment=True))
        with open(os.path.join(admin, "index.html"), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(admin_page(settings))
    except CmsError as error:
        return [str(error)]
    return []


# --- Local editing -------------------------------------------------------------------------------------------------

# Only the local mode is used without a repository; the CMS wants a name all the same.
LOCAL_REPO_PLACEHOLDER = "lokal/partnerschaft"
MEDIA_TYPES = {".yml": "application/yaml", ".js": "text/javascript", ".woff2": "font/woff2", ".txt": "text/plain"}


def serve_admin(settings, port=8001, folder=None):
    """Serve the admin page on http://localhost:<port>/admin/ (`invoke cms`), for the CMS's local mode: in Chrome
    or Edge, "Mit lokalem Repository arbeiten" edits the files of this folder directly; commit them with git."""
    import functools
    import http.server
    import tempfile

    settings = dict(_settings_dict(settings))
    settings["CMS_REPO"] = settings.get("CMS_REPO") or LOCAL_REPO_PLACEHOLDER
    with tempfile.TemporaryDirectory(prefix="cms-admin-") as scratch:
        problems = install_admin(folder or scratch, settings)
        if problems:
            raise CmsError("\n".join(problems))
        policy = settings["CMS_CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}

            def end_headers(self):
                self.send_header("Content-Security-Policy", policy)
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Cache-Control", "no-cache")
                super().end_headers()

            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=folder or scratch)
        with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
            print(f"Redaktion: http://localhost:{port}/{ADMIN_FOLDER}/ — in Chrome oder Edge „Mit lokalem Repository "
                  "arbeiten“ wählen und diesen Projektordner öffnen. Beenden mit Strg+C.")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
