"""The web editor on this machine (`invoke cms`): the admin page served on localhost for the CMS's local mode."""

import functools
import http.server
import tempfile

from .cms_admin import install_admin
from .cms_config import ADMIN_FOLDER, CmsError, _settings_dict

# Only the local mode is used without a repository; the CMS wants a name all the same.
LOCAL_REPO_PLACEHOLDER = "lokal/partnerschaft"
MEDIA_TYPES = {".yml": "application/yaml", ".js": "text/javascript", ".woff2": "font/woff2", ".txt": "text/plain"}


def serve_admin(settings, port=8001, folder=None):
    """Serve the admin page on http://localhost:<port>/admin/ (`invoke cms`), for the CMS's local mode: in Chrome
    or Edge, "Mit lokalem Repository arbeiten" edits the files of this folder directly; commit them with git."""
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
