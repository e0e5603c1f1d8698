"""Settings for the live site: pelicanconf.py plus absolute URLs, feeds, and no drafts."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403 - the live site is the local site plus the settings below

# The public address. The domain is still to be confirmed by the city (fact sheet, open question 1); CI and
# the deployment set SITEURL in the environment.
SITEURL = os.environ.get("SITEURL", PUBLIC_SITEURL).rstrip("/")  # noqa: F405
MAIN_SITEURL = SITEURL
THEME_URL = SITEURL + "/theme"
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
# Feed readers want what is new, not the archive (that is the Chronik): the newest 50 articles of each feed.
FEED_MAX_ITEMS = 50

# A 1200 × 630 picture per page and language for link previews (og:image); last, after every page has asked for
# its picture (plugins/share_images).
PLUGINS = PLUGINS + ["share_images"]  # noqa: F405

# Drafts are for the preview only.
DRAFT_URL = DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""

# The header rules for Netlify and Cloudflare Pages (`_headers`), and .br/.gz copies of every text file, which
# nginx sends as they are instead of compressing on every request (hosting/nginx/site.conf, hosting/compress.py).
HEADERS_FILE = "_headers"
FINISHING_STEPS = FINISHING_STEPS + ["hosting.headers.write_headers_file", "hosting.compress.precompress"]  # noqa: F405
