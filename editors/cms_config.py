"""Web editing with Sveltia CMS: its configuration, generated from the content model.

`cms/config.yml` tells the CMS which collections (kinds of files) there are, where they live and which fields they
have. It is generated here from plugins/content_model/schema.py and the site's settings, so that the CMS offers
exactly the fields the build checks (`invoke docs` writes it; tests/test_cms.py fails when the committed file is
not what this module writes). The files themselves are read and written by cms/pelican-format.js, registered as
the custom format `pelican`: a header of `Field: value` lines, a blank line, Markdown.

The admin page that runs the CMS is put into a built site by cms_admin.py, and served for local editing by
cms_local.py.

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

import os
import re

import yaml

from sitebuild import site_settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CMS_FOLDER = os.path.join(ROOT, "cms")
CONFIG_PATH = os.path.join(CMS_FOLDER, "config.yml")
BUNDLE_FOLDER = os.path.join(CMS_FOLDER, "node_modules", "@sveltia", "cms")
# Where the admin page is published: https://<site>/admin/.
ADMIN_FOLDER = "admin"
FORMAT_NAME = "pelican"

HEADER = """\
# Sveltia CMS configuration (https://sveltiacms.app), generated from plugins/content_model/schema.py and
# pelicanconf.py by `invoke docs` (editors/cms_config.py). Do not edit by hand: change the schema or the
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


# The form catches in each line what it can before saving; the build's checks (values.py) stay the judge. The
# patterns are JavaScript regular expressions without flags (Sveltia compiles them as they are): ^ and $ are the
# ends of the whole value, so each one is a sequence of lines. They accept nothing the build accepts less than.
def items_pattern(units):
    """One kind of goods per line: `ca. ` optional, a count or `?`, a unit of ITEM_UNITS, a description."""
    unit = "|".join(re.escape(name) for name in units)
    line = rf"[ \t]*(?:ca\.[ \t]+)?(?:\d[\d.]*|\?)[ \t]+(?:{unit})(?:[ \t]+[^\n]*)?"
    return rf"^{line}(?:\n{line})*\n?$"


SOURCES_PATTERN = r"^[ \t]*https?://\S+(?:[ \t]+[^\n]*)?(?:\n[ \t]*https?://\S+(?:[ \t]+[^\n]*)?)*\n?$"


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
        unit_names = list(_setting(settings, "ITEM_UNITS", {}))
        units = ", ".join(f"`{unit}`" for unit in unit_names)
        message = f"je Zeile Anzahl (oder „ca. 40“, „?“), eine Einheit aus der Liste ({', '.join(unit_names)}), Beschreibung"
        config.update(widget="text", pattern=[items_pattern(unit_names), message],
                      hint=f"{meaning} {_sentence(kind_of_type.syntax)} Einheiten: {units}.")
    elif isinstance(kind_of_type, values.Sources):
        config.update(widget="text", pattern=[SOURCES_PATTERN, "jede Zeile beginnt mit https:// (der Adresse der "
                                                               "Quelle), dann ein Leerzeichen und Herausgeber und Datum"],
                      hint=f"{meaning} {_sentence(kind_of_type.syntax)} {example}")
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
    if deployment:
        # Saving opens a pull request instead of changing main: the checks run on it and answer on the changed
        # lines (sitebuild/github.py) before anything goes live; "Veröffentlichen" merges it. The local mode
        # (`invoke cms`) has no pull requests, so the committed config.yml stays without it.
        config["publish_mode"] = "editorial_workflow"
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
