"""Pelican settings for local builds and the preview server.

`publishconf.py` extends these for the live site. Every value here that an editor or a newcomer might look for
carries a comment; everything else is Pelican's documented setting of the same name.
"""

import os

import yaml
from jinja2 import FileSystemBytecodeCache, StrictUndefined


def N_(text):  # noqa: N802 - marks a string for the translation catalogs (pybabel extracts N_) without translating
    return text


SITENAME = N_("Solidaritätspartnerschaft Hannover – Mykolajiw")
SITE_OPERATOR = N_("Landeshauptstadt Hannover")
AUTHOR = SITE_OPERATOR
SITEURL = ""
# The address of the live site (its domain is still to be confirmed by the city; publishconf.py publishes there):
# an editor's absolute link to it is checked like a link within the site.
PUBLIC_SITEURL = os.environ.get("PUBLIC_SITEURL", "https://hannover-ukraine.de")
# The root of the whole site (all languages) and of the theme's files; sitebuild sets both per language.
MAIN_SITEURL = SITEURL
THEME_URL = SITEURL + "/theme"
RELATIVE_URLS = False

# --- Where things are ---------------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["artikel"]
PAGE_PATHS = ["seiten"]
# Photos live next to the article or page that shows them; partner logos next to the partner file.
STATIC_PATHS = ["artikel", "seiten", "bilder", "partner"]
THEME = "theme"
OUTPUT_PATH = "output"

# --- Languages, time, dates ----------------------------------------------------------------------------------
# German is the original of all content; every language is a complete site of its own, German at /, the
# others at /<lang>/ (sitebuild/languages.py builds them in parallel and links them). A translation is a file
# next to its original: kontakt.md → kontakt.uk.md, kontakt.en.md.
ORIGINAL_LANG = "de"
SITE_LANGUAGES = ["de", "uk", "en"]
# Names of the languages in themselves, for the language switch.
LANGUAGE_NAMES = {"de": "Deutsch", "uk": "Українська", "en": "English"}
# Pelican's language of the site being built; sitebuild sets it per language.
DEFAULT_LANG = ORIGINAL_LANG
TIMEZONE = "Europe/Berlin"
# Dates are formatted by Babel (plugins/localization), never by the OS locale: the "C" locale always exists,
# so the build gives the same result on every machine.
LOCALE = ("C.UTF-8", "C")

# --- Plugins ---------------------------------------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "build_report", "content_model", "localization", "partner_list", "activity_data", "page_metadata", "photos",
    "charts",
]
# share_images (link-preview pictures) is added by publishconf.py: only the live site is shared, and drawing them
# was the largest part of a cold build (35 ms a page and language).

# --- The content model (enforced by plugins/content_model, documented in docs/inhaltsmodell.md) -------------
# The three kinds of articles. Each is a category with its own listing page; `folder` is the folder under
# content/artikel/ and the German URL of the listing page; `slugs` are the listing pages' URLs per language
# (Ukrainian ones transliterated by the official national system: візити → vizyty).
ARTICLE_KINDS = {
    "besuch": {
        "folder": "besuche", "label": N_("Besuche"), "singular": N_("Besuch"),
        "slugs": {"de": "besuche", "uk": "vizyty", "en": "visits"},
    },
    "lieferung": {
        "folder": "lieferungen", "label": N_("Lieferungen"), "singular": N_("Lieferung"),
        "slugs": {"de": "lieferungen", "uk": "postavky", "en": "deliveries"},
    },
    "kooperation": {
        "folder": "kooperationen", "label": N_("Kooperationen"), "singular": N_("Kooperation"),
        "slugs": {"de": "kooperationen", "uk": "spivpratsia", "en": "cooperations"},
    },
}
# What deliveries are counted in, with each unit's label per language: data/item_units.yaml (data, not code).
_ITEM_UNITS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "item_units.yaml")
# libyaml's loader where PyYAML has it: these settings are read once per language and build, and the pure-Python
# loader took 13 ms of each reading (libyaml: 1 ms).
with open(_ITEM_UNITS_FILE, encoding="utf-8") as _file:
    ITEM_UNITS = yaml.load(_file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
# Where a page may appear: the main navigation or the footer.
NAV_MENUS = ["main", "footer"]

# --- Partners (plugins/partner_list, a reusable plugin: everything site-specific is set here) --------------
PARTNER_PATHS = ["partner"]
# Header fields of articles and pages that name partners by their short name (the partner file's name).
PARTNER_REFERENCE_FIELDS = ["parties", "donors", "partners"]
# Labels are msgids: templates show them through the translation catalogs.
PARTNER_GROUPS = {"hannover": N_("Hannover und Deutschland"), "mykolajiw": N_("Mykolajiw und Ukraine")}
PARTNER_KINDS = {
    "stadt": N_("Städte und Verwaltungen"),
    "land": N_("Länder und Regionen"),
    "bund": N_("Bund und Bundesprogramme"),
    "kommunal": N_("Kommunale und öffentliche Unternehmen"),
    "unternehmen": N_("Unternehmen"),
    "kammer": N_("Kammern"),
    "wissenschaft": N_("Hochschulen und Forschung"),
    "zivilgesellschaft": N_("Vereine und Initiativen"),
}
# Problems are reported to the editors in German, whichever language's site is being built.
PARTNER_MESSAGES_LANG = "de"
PARTNER_EXTRA_FIELDS = ["sources"]
PARTNER_ACTIVITY_GROUPS = [kind["folder"] for kind in ARTICLE_KINDS.values()]
# The partner pages' folder per language; sitebuild/languages.py sets the PARTNER_* URLs from it.
PARTNER_FOLDERS = {"de": "partner", "uk": "partnery", "en": "partners"}
# Listing pages from the second on: /lieferungen/seite/2/, /uk/postavky/storinka/2/, /en/deliveries/page/2/.
PAGINATION_FOLDERS = {"de": "seite", "uk": "storinka", "en": "page"}
# First URL segments no page may take (the build's own folders; kinds, sections and languages are added to these).
RESERVED_SLUGS = ["theme", "feeds", "entwuerfe", "pagefind", "admin"]
PARTNER_URL = "partner/{slug}/"
PARTNER_SAVE_AS = "partner/{slug}/index.html"
PARTNER_LANG_URL = PARTNER_LANG_SAVE_AS = ""
PARTNERS_INDEX_URL = "partner/"
PARTNERS_INDEX_SAVE_AS = "partner/index.html"
PARTNERS_JSON_SAVE_AS = "partners.json"

# --- Photos (plugins/photos; editors' guide in plugins/photos/README.md) --------------------------------------
# An editor puts a photo next to the article and writes ![Was das Bild zeigt](foto.jpg). The build publishes it
# without metadata (EXIF with the GPS position, XMP, comments), upright, and in these widths in CSS pixels (never
# wider than the original) as AVIF and WebP, with JPEG (PNG for graphics) for browsers that know neither.
PHOTO_WIDTHS = [480, 800, 1200]
PHOTO_FORMATS = ["avif", "webp"]
# Encoder quality (0–100) per format, chosen by eye on test photos; see plugins/photos/README.md for the bytes.
PHOTO_QUALITY = {"avif": 55, "webp": 80, "jpeg": 82}
# How wide a photo is shown, so that the browser can pick a file before it has the stylesheet. Photos fill the
# text column: .o-measure is 68ch of 17 px text, measured 735 px in Chromium on Debian (DejaVu Sans; narrower
# with Segoe UI or San Francisco), reached at a 769 px wide window; below that, the window less the page's
# padding (2 × 17 px). `rem` here means 16 px (sizes ignore the page's font size).
PHOTO_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
# Limits for an original; a larger one is refused with a message that says how to export it. A 12-megapixel
# phone photo (4032 × 3024) is 2–5 MB as JPEG. 6000 px on the long side is five times the largest width
# published and keeps one decoded photo under about 150 MB of memory.
PHOTO_MAX_BYTES = 8_000_000
PHOTO_MAX_SIDE = 6000
# Everything the build keeps between runs to be fast lies under this folder; deleting it makes the next build
# cold, never wrong. BUILD_CACHE_DIR moves it (benchmarks measure cold builds with an empty one).
BUILD_CACHE_PATH = os.environ.get("BUILD_CACHE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache")
# Encoded photos are kept here between builds (keyed by the photo's bytes and the settings above): each photo is
# encoded once, not on every build. Safe to delete.
PHOTO_CACHE_PATH = os.path.join(BUILD_CACHE_PATH, "photos")
# Texts already converted from Markdown, by a hash of the text and the Markdown settings
# (plugins/content_model/rendered.py): an unchanged text is not converted again. Safe to delete.
MARKDOWN_CACHE_PATH = os.path.join(BUILD_CACHE_PATH, "markdown")
# Texts whose final HTML passed the HTML gate (plugins/content_model/html_gate.py), by a hash of the HTML and of the
# gate's code and lists: an unchanged text is not checked again. Safe to delete.
HTML_GATE_CACHE_PATH = os.environ.get("HTML_GATE_CACHE_PATH") or os.path.join(BUILD_CACHE_PATH, "html-gate")

# --- Charts and the map (plugins/charts; own README) ------------------------------------------------------------
# The map of Hannover, Mykolajiw and the line between them: Natural Earth outlines, projected once by
# tools/map/make_map.mjs into this file (licence: theme/maps/README.md). The build labels it in each language.
ROUTE_MAP_SVG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "theme", "maps", "hannover-mykolajiw.svg")
# The pages that show it, by their original's path under content/ without .md.
ROUTE_MAP_PAGES = ["seiten/partnerschaft", "seiten/mykolajiw"]
# The names on the map per language (as the site writes them in that language: Hannover is Hannover in English).
ROUTE_MAP_LABELS = {
    "de": {"karte-hannover": "Hannover", "karte-mykolajiw": "Mykolajiw"},
    "uk": {"karte-hannover": "Ганновер", "karte-mykolajiw": "Миколаїв"},
    "en": {"karte-hannover": "Hannover", "karte-mykolajiw": "Mykolaiv"},
}

# --- Share images (plugins/share_images; own README) ---------------------------------------------------------
# Every page gets a 1200 × 630 PNG for link previews, drawn from its title, kind and date in the brand colours with
# the Noto Sans shipped in plugins/share_images/fonts/ (OFL). Drawn images are kept here by a hash of what is on
# them, so a build draws only new ones. Safe to delete.
SHARE_IMAGE_CACHE_PATH = os.path.join(BUILD_CACHE_PATH, "share-images")

# --- URLs ------------------------------------------------------------------------------------------------------
# File names become slugs (2022-12-07-zehn-spezialfahrzeuge.md → /lieferungen/2022-12-07-zehn-spezialfahrzeuge/),
# so a URL stays the same when a title is edited.
SLUGIFY_SOURCE = "basename"
# Dates come from the `Date:` field only, never from a file name.
FILENAME_METADATA = ""
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
# Each language is built as a site of its own, so the other languages' versions are never written here.
ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = ""
# Translations are found by the path of their German original (content_model sets `translation_key`).
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = "translation_key"
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = PAGE_LANG_SAVE_AS = ""
DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
# No tag, author or archive pages: the three kinds are the site's structure.
TAG_URL = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
# Pages made from all articles at once; their folder per language is in SECTION_FOLDERS.
DIRECT_TEMPLATES = ["index", "404", "chronik", "lieferliste", "suche"]
SECTION_FOLDERS = {
    "chronik": {"de": "chronik", "uk": "khronika", "en": "chronicle"},
    "lieferliste": {"de": "lieferliste", "uk": "perelik-postavok", "en": "delivery-log"},
    "suche": {"de": "suche", "uk": "poshuk", "en": "search"},
}
CHRONIK_SAVE_AS = "chronik/index.html"
LIEFERLISTE_SAVE_AS = "lieferliste/index.html"
SUCHE_SAVE_AS = "suche/index.html"
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
# Open data (plugins/activity_data): all activities as JSON and CSV, with their schema, under /daten/.
OPEN_DATA_FOLDER = "daten"
# sitemap.xml with every language's alternates (sitebuild/sitemap.py); written only with an absolute SITEURL.
SITEMAP = True
# Search (Pagefind, run by sitebuild after the build): one index per language, bundle under /pagefind/.
SEARCH_INDEX = True

# --- Content-Security-Policy, in every page's <head> (static hosts such as GitHub Pages cannot send headers) ----
# Nothing inline, nothing from elsewhere, no script at all; JSON-LD is data, not script, and CSP does not apply.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; script-src 'none'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
# The search page, the only page with a script, allows what Pagefind needs and no more: its own script, its
# WebAssembly (compiled in the browser, hence 'wasm-unsafe-eval'), and fetching its index from this site.
# A host that sends CSP headers sends this one for the search pages and for /pagefind/: Pagefind's web worker
# runs under the policy of its own response.
SEARCH_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; base-uri 'none'; form-action 'self'"
)

# --- HTTP headers, for hosts that can send them (hosting/README.md) ------------------------------------------
# hosting/headers.py turns these and the two policies above into hosting/nginx/site.conf (checked in, tested
# against these settings) and, in the publish build, into the `_headers` file of Netlify and Cloudflare Pages.
# The header CSP is the policy above plus frame-ancestors, which a <meta> policy cannot carry.
CSP_HEADER_EXTRA = "frame-ancestors 'none'"
SECURITY_HEADERS = {
    # Browsers that have once reached the site over HTTPS use nothing else for two years, on subdomains too.
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    # Files are what their Content-Type says: no guessing that turns a data file into a script or a page.
    "X-Content-Type-Options": "nosniff",
    # Other sites learn nothing about which of our pages someone came from (a search is in the address).
    "Referrer-Policy": "same-origin",
    # The site uses none of these; nothing on it (or injected into it) may ask for them. Only features that
    # Chromium knows: it reports an unknown one on the console (tests/test_serving.py checks that there is none).
    "Permissions-Policy": (
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), "
        "display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), "
        "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
        "xr-spatial-tracking=()"
    ),
    # A page opened from ours (or ours opened from another site) cannot reach into the other's window.
    "Cross-Origin-Opener-Policy": "same-origin",
    # frame-ancestors for browsers too old to know it: no other site may show ours in a frame.
    "X-Frame-Options": "DENY",
}
# How long a browser may use a file without asking the server again. Nothing of ours has a fingerprint (a hash of
# its content) in its name, so nothing may be kept for long: pages, feeds and data are checked on every use (a
# cheap 304 when unchanged), so a correction is seen at once; the theme's stylesheet, script and icon, loaded by
# every page, are kept for 10 minutes, so that reading page after page asks for them only now and then. Pagefind's
# index files are fingerprinted (a new index gets new names), so they are kept for a year.
CACHE_CONTROL = {
    "default": "no-cache",
    "theme": "public, max-age=600",
    "fingerprinted": "public, max-age=31536000, immutable",
}
# The publish build's `_headers` file (its name here; publishconf.py), for Netlify and Cloudflare Pages.
HEADERS_FILE = ""
# What the build does to the finished site after the sitemap and the search index, before the output gate checks it
# (sitebuild/build.py): functions (site, settings) → problems, by their dotted names. The web editor's page does
# nothing unless CMS_REPO is set; publishconf.py adds the hosting files.
FINISHING_STEPS = ["editors.cms_admin.install_admin"]
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"category": None}
PAGINATION_PATTERNS = (  # sitebuild sets each language's (sitebuild/languages.py); this is the original's
    (1, "{url}", "{save_as}"),
    (2, f"{{base_name}}/{PAGINATION_FOLDERS['de']}/{{number}}/",
     f"{{base_name}}/{PAGINATION_FOLDERS['de']}/{{number}}/index.html"),
)

# --- Web editing with Sveltia CMS (cms/README.md; editors/cms_config.py) ------------------------------------
# The GitHub repository ("owner/name") the editors' web interface at /admin/ saves to. Unset (the default), the
# built site has no /admin/ at all. The CMS needs its bundle: `cd cms && npm ci` (Node.js and npm) before the build.
CMS_REPO = os.environ.get("CMS_REPO") or None
# The branch it commits to; unset: the repository's default branch.
CMS_BRANCH = os.environ.get("CMS_BRANCH") or None
# The OAuth service behind "Sign in with GitHub" (e.g. a Sveltia CMS Authenticator); unset: editors sign in with
# a GitHub access token of their own.
CMS_AUTH_URL = os.environ.get("CMS_AUTH_URL") or None
# The admin page's policy (in its <meta>; a host that sends headers sends it for /admin/ instead of the site's):
# its own scripts only, styles the CMS injects while it runs, its fonts from this site, GitHub's API (and its
# status page) for reading and committing files, user avatars from GitHub, and blob:/data: images for previews
# (the CMS also fetches its own data: logo, and reads an uploaded photo back from its blob: address).
CMS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com; "
    "connect-src 'self' data: blob: https://api.github.com https://www.githubstatus.com; "
    "frame-src blob:; base-uri 'none'; form-action 'none'; object-src 'none'"
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
# Compiled templates are cached on disk (keyed by their source): compiling them took 40 % of a build, and
# Pelican compiles each template once per generator and language.
_TEMPLATE_CACHE = os.path.join(BUILD_CACHE_PATH, "templates")


class _TemplateCache(FileSystemBytecodeCache):
    """Makes its folder when it first stores a template, so that reading these settings creates nothing."""

    def dump_bytecode(self, bucket):
        os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


JINJA_ENVIRONMENT = {
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "bytecode_cache": _TemplateCache(_TEMPLATE_CACHE),
}

# Content is read fresh on every build: a cached file would skip its checks.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
