"""Signal handlers of the partner_list plugin: one handler per job, registered in `register()`."""

from pelican import signals

from .generator import PartnerGenerator

DEFAULT_SETTINGS = {
    "PARTNER_PATHS": ["partners"],
    "PARTNER_REFERENCE_FIELDS": ["partners"],
    "PARTNER_GROUPS": {},
    "PARTNER_KINDS": {},
    "PARTNER_EXTRA_FIELDS": [],
    "PARTNER_ACTIVITY_GROUPS": [],
    "PARTNER_URL": "partners/{slug}/",
    "PARTNER_SAVE_AS": "partners/{slug}/index.html",
    "PARTNER_LANG_URL": "{lang}/partners/{slug}/",
    "PARTNER_LANG_SAVE_AS": "{lang}/partners/{slug}/index.html",
    "PARTNERS_INDEX_URL": "partners/",
    "PARTNERS_INDEX_SAVE_AS": "partners/index.html",
    "PARTNERS_JSON_SAVE_AS": "partners.json",
    "PARTNER_LIST_TEMPLATE": "partner_list",
}

_generators = []


def add_default_settings(pelican):
    for key, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(key, value)
    # Partner files are content of their own, not articles or pages.
    for setting in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(pelican.settings.get(setting, []))
        excludes += [path for path in pelican.settings["PARTNER_PATHS"] if path not in excludes]
        pelican.settings[setting] = excludes
    # The list markers are HTML comments; a plugin that removes comments from bodies keeps these for us.
    directives = list(pelican.settings.get("HTML_COMMENT_DIRECTIVES", []))
    pelican.settings["HTML_COMMENT_DIRECTIVES"] = directives + (["partners"] if "partners" not in directives else [])
    _generators.clear()


def add_partner_generator(pelican):
    return PartnerGenerator


def remember_generator(generators):
    _generators[:] = [generator for generator in generators if isinstance(generator, PartnerGenerator)]


def fail_if_partners_have_problems(pelican):
    """After writing, so that the build's other checks have reported their findings in the same run."""
    for generator in _generators:
        generator.fail_if_problems()


def register():
    signals.initialized.connect(add_default_settings)
    signals.get_generators.connect(add_partner_generator)
    signals.all_generators_finalized.connect(remember_generator)
    signals.finalized.connect(fail_if_partners_have_problems)
