"""The web editor's admin page (`/admin/`) in a built site: a finishing step of the build (FINISHING_STEPS).

Only when `CMS_REPO` is set: the page, its script, the format, the configuration with the repository filled in,
and the Sveltia CMS bundle from cms/node_modules (`cd cms && npm ci`), with its fonts served from the site instead
of a CDN. It runs on the finished site after the sitemap and the search index, so that neither lists the page.
"""

import html
import os
import re
import shutil
import string

from .cms_config import ADMIN_FOLDER, BUNDLE_FOLDER, CMS_FOLDER, ROOT, CmsError, _setting, render

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
    """Put the admin page into the built site at /admin/ if `CMS_REPO` is set. Returns problems (empty: fine)."""
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
