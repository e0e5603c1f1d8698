"""Serving a built site on localhost and driving it in Debian's Chromium through Playwright.

Playwright cannot download its own browsers on the CI machines, so it launches the system's `chromium` by
path, with the flags that keep it from calling Google's services on a closed network.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from contextlib import contextmanager

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _policies():
    """The site's own Content-Security-Policies (pelicanconf.py), sent as headers the way a host would send them,
    with frame-ancestors, which only a header can carry; and the URL paths of the search pages."""
    from pelican.settings import read_settings

    settings = read_settings(os.path.join(os.path.dirname(os.path.dirname(__file__)), "pelicanconf.py"))
    # Pagefind's web worker runs under the policy of its own response, so /pagefind/ needs the search policy too.
    search_paths = ("/pagefind/",) + tuple(
        ("" if lang == settings["ORIGINAL_LANG"] else f"/{lang}") + f"/{folder}/"
        for lang, folder in settings["SECTION_FOLDERS"]["suche"].items()
    )
    pages = settings["CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"
    search = settings["SEARCH_CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"
    return pages, search, search_paths


STRICT_CSP, SEARCH_CSP, SEARCH_PATHS = _policies()


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    raise RuntimeError("Debian's chromium is not installed: apt-get install chromium (`make test` does this: tests/system-packages.sh)")


# How Chromium reports a Permissions-Policy feature it does not know (any more), on the console of every page.
_UNKNOWN_FEATURE = re.compile(r"Permissions-Policy header: Unrecognized feature: '([^']+)'")


def unknown_feature_advice(feature, browser_version):
    """What to do when the browser no longer knows a feature of the site's Permissions-Policy."""
    return (f"Chromium {browser_version} does not know the Permissions-Policy feature '{feature}': remove "
            f"'{feature}=()' from SECURITY_HEADERS[\"Permissions-Policy\"] in pelicanconf.py and from COMMON in "
            f"tests/test_serving.py, run `python -m hosting.headers`, and note the browser version in "
            f"hosting/README.md.")


def explain_console(messages, browser_version):
    """Console messages as a failure text; a message about an unknown Permissions-Policy feature is turned into
    what to change, since it is not the page that is wrong but a setting that a newer browser has outgrown."""
    lines = []
    for message in messages:
        unknown = _UNKNOWN_FEATURE.search(message)
        lines.append(unknown_feature_advice(unknown[1], browser_version) if unknown else message)
    return "\n".join(dict.fromkeys(lines))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder with the site's CSP, and the site's 404 page with status 404."""

    def end_headers(self):
        search = self.path.split("?")[0].startswith(SEARCH_PATHS)
        self.send_header("Content-Security-Policy", SEARCH_CSP if search else STRICT_CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.exists(page):
            body = open(page, "rb").read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


@contextmanager
def serve(folder, handler_class=None, server_class=http.server.ThreadingHTTPServer):
    """Serve `folder` on a free port of 127.0.0.1 (by default with the site's headers and 404 page)."""
    handler = functools.partial(handler_class or _Handler, directory=str(folder))
    server = server_class(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def widths_at_320_px(browser, url):
    """(the page's width, the window's) for `url` in a 320 px wide window: the first larger means it scrolls sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(url)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
    return widths
