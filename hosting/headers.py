"""The HTTP headers the site is served with, made from the settings: one source for every host.

- `headers_for(settings, path)`: every header a response for the URL path carries (its Content-Security-Policy,
  the other security headers, its Cache-Control). The tests compare nginx's real responses with it.
- `nginx_config(settings)`: hosting/nginx/site.conf, the part of nginx's `server {}` block that serves the site.
  It is checked in; `python -m hosting.headers` writes it again after a change of the settings, and
  tests/test_serving.py fails while the checked-in file differs from what the settings make.
- `headers_file(settings, site)`: the `_headers` file of Netlify and Cloudflare Pages, written into the site by
  the publish build (`HEADERS_FILE` in publishconf.py).

The settings are in pelicanconf.py: CONTENT_SECURITY_POLICY and SEARCH_CONTENT_SECURITY_POLICY (the same as in the
pages' <meta>, plus CSP_HEADER_EXTRA), SECURITY_HEADERS and CACHE_CONTROL. What each header does: hosting/README.md.
"""

import os
import re
import sys

from sitebuild.languages import prefix as language_folder

PAGEFIND_PATH = "/pagefind/"
# Pagefind names its index files by a hash of what is in them (pagefind.de_4bb3d27752.pf_meta,
# index/de_9777fd5.pf_index, fragment/de_107e151.pf_fragment): a new index has new names, so these may be kept for
# good. pagefind.js, pagefind-entry.json (which names the current index) and the wasm files keep their names.
FINGERPRINTED = r"^/pagefind/(?:fragment/|index/|pagefind\.[^/]+\.pf_meta$)"
_FINGERPRINTED = re.compile(FINGERPRINTED)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NGINX_CONFIG = os.path.join(ROOT, "hosting", "nginx", "site.conf")
# The name Netlify and Cloudflare Pages read their header rules from (HEADERS_FILE in publishconf.py).
HEADERS_FILE = "_headers"


def search_paths(settings):
    """The search pages' URL paths, and Pagefind's: its web worker runs under the policy of its own response."""
    folders = settings.get("SECTION_FOLDERS", {}).get("suche", {})
    paths = [f"/{language_folder(settings, lang)}{folders[lang]}/" for lang in settings["SITE_LANGUAGES"]
             if lang in folders]
    return paths + [PAGEFIND_PATH]


def theme_path(settings):
    return "/" + settings["THEME_STATIC_DIR"].strip("/") + "/"


def content_security_policy(settings, search=False):
    policy = settings["SEARCH_CONTENT_SECURITY_POLICY" if search else "CONTENT_SECURITY_POLICY"]
    return f"{policy}; {settings['CSP_HEADER_EXTRA']}"


# The editors' web interface (Sveltia CMS, cms/README.md), published at /admin/ only when CMS_REPO is set. It is
# a program of its own: its policy (CMS_CONTENT_SECURITY_POLICY) lets it talk to GitHub; GitHub's sign-in window
# must be able to report back to it (COOP same-origin-allow-popups); search engines must not list it.
ADMIN_PATH = "/admin/"
ADMIN_ONLY_HEADERS = {"Cross-Origin-Opener-Policy": "same-origin-allow-popups", "X-Robots-Tag": "noindex, nofollow"}


def admin_path(settings):
    return ADMIN_PATH if settings.get("CMS_CONTENT_SECURITY_POLICY") else None


def varying_headers(settings, path):
    """The headers whose value depends on the URL path."""
    search = path.startswith(tuple(search_paths(settings)))
    if _FINGERPRINTED.match(path):
        cache = "fingerprinted"
    elif path.startswith(theme_path(settings)):
        cache = "theme"
    else:
        cache = "default"
    varying = {"Content-Security-Policy": content_security_policy(settings, search),
               "Cache-Control": settings["CACHE_CONTROL"][cache]}
    admin = admin_path(settings)
    if admin:
        # The opener policy differs on /admin/, so it is a varying header everywhere (never in `_headers`' `/*`).
        name = "Cross-Origin-Opener-Policy"
        varying[name] = settings["SECURITY_HEADERS"][name]
        if path.startswith(admin):
            varying.update(ADMIN_ONLY_HEADERS)
            varying["Content-Security-Policy"] = f"{settings['CMS_CONTENT_SECURITY_POLICY']}; {settings['CSP_HEADER_EXTRA']}"
    return varying


def headers_for(settings, path):
    """Every header of ours that a response for `path` carries. A missing page is answered with its language's
    404 page (404.html, /uk/404.html …), so with the headers of that page's path."""
    return dict(settings["SECURITY_HEADERS"], **varying_headers(settings, path))


# --- nginx ------------------------------------------------------------------------------------------------------

NGINX_HEAD = """\
# How nginx serves the site: headers, pre-compressed files, the 404 page of each language.
# Made from pelicanconf.py by `python -m hosting.headers`: do not edit by hand, change the settings and run
# that command (tests/test_serving.py fails while this file differs from what the settings make).
# Include it in the server {} block that serves the site, after `root` (hosting/README.md). It needs
# libnginx-mod-http-brotli-static (Debian) for brotli_static.

charset utf-8;
# Besides text/html, which always gets its charset.
charset_types text/css text/plain text/xml application/javascript application/json application/atom+xml
              image/svg+xml;
index index.html;
server_tokens off;
# A missing page is an ordinary 404 (in the access log), not a server error.
log_not_found off;
# Redirects to the folder of a page (/suche → /suche/) keep the scheme and host the browser used.
absolute_redirect off;

# The publish build writes page.html.br and page.html.gz next to page.html (hosting/compress.py); nginx sends
# the one the browser accepts (brotli first), as it is, with Vary: Accept-Encoding.
brotli_static on;
gzip_static on;
gzip_vary on;

# The 404 page of each language; German for everything outside the other languages' folders.
error_page 404 /404.html;

# add_header in a location replaces every add_header of the levels above, so each location lists them all;
# `always` adds them to the 404 page as well.
"""


def _nginx_headers(settings, path, indent):
    lines = []
    for name, value in headers_for(settings, path).items():
        if '"' in value or "\n" in value:
            raise ValueError(f"{name}: a header value cannot contain a double quote or a line break: {value}")
        lines.append(f'{indent}add_header {name} "{value}" always;')
    return lines


def nginx_config(settings):
    """hosting/nginx/site.conf: a location for each set of headers; the other languages' locations say which 404
    page is theirs, and hold their own search page."""
    languages = [lang for lang in settings["SITE_LANGUAGES"] if lang != settings["ORIGINAL_LANG"]]
    has_404 = "404" in settings.get("DIRECT_TEMPLATES", [])
    prefixes = ["/"] + [f"/{lang}/" for lang in languages] + search_paths(settings) + [theme_path(settings)]
    if admin_path(settings):
        prefixes.append(admin_path(settings))

    def parent(prefix):
        above = [other for other in prefixes if other != prefix and prefix.startswith(other) and other != "/"]
        return max(above, key=len) if above else None

    def block(prefix, indent):
        lines = [f"{indent}location {prefix} {{"]
        inner = indent + "    "
        lang = prefix.strip("/")
        if lang in languages and has_404:
            lines.append(f"{inner}error_page 404 /{lang}/404.html;")
        lines += _nginx_headers(settings, prefix, inner)
        if prefix == PAGEFIND_PATH:
            lines += [f"{inner}# Pagefind's fingerprinted index files.",
                      f"{inner}location ~ {FINGERPRINTED} {{"]
            lines += _nginx_headers(settings, "/pagefind/fragment/", inner + "    ")
            lines.append(f"{inner}}}")
        for child in prefixes:
            if child != prefix and parent(child) == prefix:
                lines += block(child, inner)
        lines.append(f"{indent}}}")
        return lines

    lines = []
    for prefix in prefixes:
        if prefix == "/" or parent(prefix) is None:
            lines += block(prefix, "")
    # The publish build's rules for other hosts are not a page of the site.
    lines += [f"location = /{HEADERS_FILE} {{", "    return 404;", "}"]
    return NGINX_HEAD + "\n".join(lines) + "\n"


# --- Netlify and Cloudflare Pages -------------------------------------------------------------------------------

def netlify_pattern(rule):
    """The regular expression Netlify matches a rule's path with (@netlify/headers-parser, for_regexp.ts): `*` as a
    whole part matches the rest, including nothing and other folders' names that begin alike (/partner/* matches
    /partnerschaft/), `:name` one part."""
    parts = []
    for part in filter(None, (part.rstrip() for part in rule.split("/"))):
        if part.startswith(":"):
            parts.append("([^/]+)")
        elif part == "*":
            parts.append("?(.*)")
        elif "*" in part:
            parts.append(part.replace("*", "(.*)"))
        else:
            parts.append(re.escape(part))
    return re.compile(f"^/{'/'.join(parts)}/?$", re.IGNORECASE)


def _site_paths(site, leave_out=()):
    """{URL path: is a folder} of everything a host would serve from the site."""
    paths = {}
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        relative = os.path.relpath(folder, site)
        url = "/" if relative == "." else "/" + relative.replace(os.sep, "/") + "/"
        paths[url] = True
        paths.update((url + name, False) for name in sorted(files) if url + name not in leave_out)
    return paths


def header_rules(settings, site):
    """[(path, {header: value})] for `_headers`: first `/*` with the headers that are the same everywhere, then
    rules for the headers that differ (CSP, Cache-Control), which never match the same path twice. Hosts disagree
    on what two matching rules that set the same header mean: Cloudflare joins the values with a comma (two CSPs,
    both enforced, would block the search), Netlify keeps one of them. So a folder whose files all get the same
    values is one rule (`/lieferungen/*`, or `/partner/` and `/partner/:page/*` where `/partner/*` would also match
    /partnerschaft/), and a folder with different values inside is split into its files and subfolders."""
    paths = _site_paths(site, leave_out={"/" + (settings.get("HEADERS_FILE") or HEADERS_FILE)})
    values = {path: varying_headers(settings, path) for path in paths}
    varying_names = {name for headers in values.values() for name in headers}
    rules = [("/*", {name: value for name, value in settings["SECURITY_HEADERS"].items() if name not in varying_names})]

    def only_inside(rule, folder):
        pattern = netlify_pattern(rule)
        return all(path.startswith(folder) for path in paths if pattern.match(path))

    def add(folder):
        inside = [path for path in paths if path.startswith(folder)]
        if folder != "/" and all(values[path] == values[folder] for path in inside):
            if only_inside(folder + "*", folder):
                rules.append((folder + "*", values[folder]))
            else:
                rules.append((folder, values[folder]))
                rules.append((folder + ":page/*", values[folder]))
            return
        if folder + "index.html" in paths:
            rules.append((folder, values[folder]))
        for path in sorted(inside):
            parent = path[:path.rstrip("/").rfind("/") + 1]
            if path == folder or parent != folder:
                continue
            if paths[path]:
                add(path)
            else:
                rules.append((path, values[path]))

    add("/")
    return rules


def headers_file(settings, site):
    """The text of `_headers` for the site in the folder `site`."""
    lines = [
        "# HTTP headers for Netlify and Cloudflare Pages, made from pelicanconf.py by the publish build",
        "# (hosting/headers.py; what each header does: hosting/README.md). Rules after the first never match",
        "# the same path, so each response gets each header once on either host.",
    ]
    for path, headers in header_rules(settings, site):
        lines.append(path)
        lines += [f"  {header}: {value}" for header, value in headers.items()]
    return "\n".join(lines) + "\n"


def write_headers_file(site, settings):
    """A finishing step of the publish build (FINISHING_STEPS in publishconf.py): `_headers` in the built site."""
    text = headers_file(settings, site)
    with open(os.path.join(site, settings["HEADERS_FILE"]), "w", encoding="utf-8") as file:
        file.write(text)
    return []


def main(argv=None):
    """Write hosting/nginx/site.conf from the settings (default pelicanconf.py): `python -m hosting.headers`."""
    from pelican.settings import read_settings

    argv = sys.argv[1:] if argv is None else argv
    settings_file = argv[0] if argv else os.path.join(ROOT, "pelicanconf.py")
    settings = read_settings(os.path.abspath(settings_file))
    with open(NGINX_CONFIG, "w", encoding="utf-8") as file:
        file.write(nginx_config(settings))
    print(f"{os.path.relpath(NGINX_CONFIG)} geschrieben.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
