"""Jinja helpers for what search engines and link previews read: JSON-LD, Open Graph locales, absolute URLs.

Why not the pelican-seo plugin: it audits pages and writes JSON-LD for one site at a time; here every language
is a site of its own, and the alternates and URLs of all of them come from sitebuild's language map.
"""

import json

from markupsafe import Markup
from pelican import signals

OG_LOCALES = {"de": "de_DE", "uk": "uk_UA", "en": "en_GB"}


def json_ld(data):
    """JSON for a <script type="application/ld+json"> block; <, > and & escaped so that no text can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def og_locale(lang):
    return OG_LOCALES.get(lang, lang)


def absolute_url_function(settings):
    root = settings["SITEURL"].rstrip("/")

    def absolute_url(path=""):
        if path.startswith(("http://", "https://")):
            return path
        return f"{root}/{path.lstrip('/')}" if path else f"{root}/"

    return absolute_url


def _text(value):
    """Plain text of a title or name (HTML-escaped and typeset on the site): JSON needs the characters."""
    return Markup(str(value or "")).striptags()


def _organization(partner, absolute_url):
    # A partner's raw_name is plain text as typed (no markup to strip); anything else is site HTML.
    name = str(partner.raw_name) if hasattr(partner, "raw_name") else _text(partner)
    data = {"@type": "Organization", "name": name}
    if hasattr(partner, "url"):
        data["url"] = absolute_url(partner.url)
    if getattr(partner, "website", None):
        data["sameAs"] = partner.website
    return data


def structured_data_functions(settings):
    """Filters that describe a page for search engines, as schema.org data (JSON-LD)."""
    absolute_url = absolute_url_function(settings)
    lang = settings["DEFAULT_LANG"]

    def publisher(operator):
        return {"@type": "Organization", "name": operator}

    def article_ld(article, operator):
        partners = [_organization(partner, absolute_url) for partner in getattr(article, "involved_partners", [])]
        common = {
            "@context": "https://schema.org",
            "name": _text(article.title),
            "description": _text(article.summary),
            "url": absolute_url(article.url),
            "inLanguage": article.lang,
        }
        if getattr(article, "kind", None) == "besuch" and article.start and article.end:
            return {**common, "@type": "Event", "startDate": str(article.start), "endDate": str(article.end),
                    "organizer": partners or [publisher(operator)],
                    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}
        return {**common, "@type": "Article", "headline": _text(article.title)[:110],
                "datePublished": str(article.event_date), "publisher": publisher(operator), "about": partners}

    def partner_ld(partner):
        return {"@context": "https://schema.org", **_organization(partner, absolute_url),
                "description": _text(partner.summary)}

    def site_ld(name, operator, partners):
        return {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": name, "url": absolute_url(), "inLanguage": lang,
                 "publisher": publisher(operator)},
                {"@type": "Organization", "name": name, "url": absolute_url(),
                 "member": [_organization(partner, absolute_url) for partner in partners]},
            ],
        }

    return {"article_ld": article_ld, "partner_ld": partner_ld, "site_ld": site_ld}


def install_helpers(generator):
    generator.env.filters["json_ld"] = json_ld
    generator.env.filters["og_locale"] = og_locale
    generator.env.globals["absolute_url"] = absolute_url_function(generator.settings)
    generator.env.globals.update(structured_data_functions(generator.settings))


def register():
    signals.generator_init.connect(install_helpers)
