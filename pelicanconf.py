"""Pelican settings for local builds and the preview server.

`publishconf.py` extends these for the live site. Every value here that an editor or a newcomer might look for
carries a comment; everything else is Pelican's documented setting of the same name.
"""

from jinja2 import StrictUndefined

SITENAME = "Solidaritätspartnerschaft Hannover – Mykolajiw"
SITE_OPERATOR = "Landeshauptstadt Hannover"
AUTHOR = SITE_OPERATOR
SITEURL = ""
RELATIVE_URLS = False

# --- Where things are ---------------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["artikel"]
PAGE_PATHS = ["seiten"]
# Photos live next to the article or page that shows them; partner logos next to the partner file.
STATIC_PATHS = ["artikel", "seiten", "bilder", "partner"]
THEME = "theme"
OUTPUT_PATH = "output"

# --- Language, time, dates -----------------------------------------------------------------------------------
DEFAULT_LANG = "de"
TIMEZONE = "Europe/Berlin"
# Dates are formatted by Babel (plugins/localization), never by the OS locale: the "C" locale always exists,
# so the build gives the same result on every machine.
LOCALE = ("C.UTF-8", "C")

# --- Plugins ---------------------------------------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["content_model", "localization", "partner_list", "activity_data"]

# --- The content model (enforced by plugins/content_model, documented in docs/inhaltsmodell.md) -------------
# The three kinds of articles. Each is a category with its own listing page; `folder` is the folder under
# content/artikel/ and the URL of the listing page.
ARTICLE_KINDS = {
    "besuch": {"folder": "besuche", "label": "Besuche", "singular": "Besuch"},
    "lieferung": {"folder": "lieferungen", "label": "Lieferungen", "singular": "Lieferung"},
    "kooperation": {"folder": "kooperationen", "label": "Kooperationen", "singular": "Kooperation"},
}
# What deliveries are counted in. An editor writes `Items: 10 fahrzeuge …`; the labels follow the CLDR plural
# categories of each language so that Babel can pick the right form.
ITEM_UNITS = {
    "fahrzeuge": {"de": {"one": "Fahrzeug", "other": "Fahrzeuge"}},
    "tonnen": {"de": {"one": "Tonne Hilfsgüter", "other": "Tonnen Hilfsgüter"}},
    "generatoren": {"de": {"one": "Stromgenerator", "other": "Stromgeneratoren"}},
    "laptops": {"de": {"one": "Laptop oder Tablet", "other": "Laptops und Tablets"}},
    "router": {"de": {"one": "Router", "other": "Router"}},
    "zugangspunkte": {"de": {"one": "WLAN-Zugangspunkt", "other": "WLAN-Zugangspunkte"}},
    "pakete": {"de": {"one": "Geschenkpaket", "other": "Geschenkpakete"}},
    "rettungsgeraete": {"de": {"one": "Rettungsgerät", "other": "Rettungsgeräte"}},
    "haushaltsgeraete": {"de": {"one": "Haushaltsgerät", "other": "Haushaltsgeräte"}},
    "paletten": {"de": {"one": "Palette Hilfsgüter", "other": "Paletten Hilfsgüter"}},
}
# Languages an article may be written in (`Lang:`); German is the original of every article.
SITE_LANGUAGES = ["de"]
# Where a page may appear: the main navigation or the footer.
NAV_MENUS = ["main", "footer"]

# --- Partners (plugins/partner_list, a reusable plugin: everything site-specific is set here) --------------
PARTNER_PATHS = ["partner"]
# Header fields of articles and pages that name partners by their short name (the partner file's name).
PARTNER_REFERENCE_FIELDS = ["parties", "donors", "partners"]
PARTNER_GROUPS = {"hannover": "Hannover und Deutschland", "mykolajiw": "Mykolajiw und Ukraine"}
PARTNER_KINDS = {
    "stadt": "Städte und Verwaltungen",
    "land": "Länder und Regionen",
    "bund": "Bund und Bundesprogramme",
    "kommunal": "Kommunale und öffentliche Unternehmen",
    "unternehmen": "Unternehmen",
    "kammer": "Kammern",
    "wissenschaft": "Hochschulen und Forschung",
    "zivilgesellschaft": "Vereine und Initiativen",
}
PARTNER_EXTRA_FIELDS = ["sources"]
PARTNER_ACTIVITY_GROUPS = [kind["folder"] for kind in ARTICLE_KINDS.values()]
PARTNER_URL = "partner/{slug}/"
PARTNER_SAVE_AS = "partner/{slug}/index.html"
PARTNER_LANG_URL = "{lang}/partner/{slug}/"
PARTNER_LANG_SAVE_AS = "{lang}/partner/{slug}/index.html"
PARTNERS_INDEX_URL = "partner/"
PARTNERS_INDEX_SAVE_AS = "partner/index.html"
PARTNERS_JSON_SAVE_AS = "partners.json"

# --- URLs ------------------------------------------------------------------------------------------------------
# File names become slugs (2022-12-07-zehn-spezialfahrzeuge.md → /lieferungen/2022-12-07-zehn-spezialfahrzeuge/),
# so a URL stays the same when a title is edited.
SLUGIFY_SOURCE = "basename"
# Dates come from the `Date:` field only, never from a file name.
FILENAME_METADATA = ""
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{category}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{category}/{slug}/index.html"
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
# No tag, author or archive pages: the three kinds are the site's structure.
TAG_URL = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "404"]
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# --- Feeds: only with an absolute SITEURL, i.e. in publishconf.py --------------------------------------------
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Markdown and typography -----------------------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
TYPOGRIFY = True
# Quotes, apostrophes, dashes and ellipses are set per language by plugins/content_model/typography.py;
# typogrify's smartypants only knows English quotes.
TYPOGRIFY_OMIT_FILTERS = ["smartypants"]

# A template that uses an undefined variable fails the build instead of printing an empty string.
JINJA_ENVIRONMENT = {"undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}

# Content is read fresh on every build: a cached file would skip its checks.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
