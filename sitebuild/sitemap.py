"""sitemap.xml for all languages at once, each page with its alternates (hreflang) in the other languages.

Why not the pelican-sitemap plugin: it sees one Pelican build, and here each language is a build of its own; the
alternates come from the language map that links the sites (languages.py), so they are the same as the pages'
own hreflang links.
"""

import os
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _exists(site_root, path):
    file = os.path.join(site_root, path)
    return os.path.isfile(os.path.join(file, "index.html") if path.endswith("/") or not path else file)


def write(site_root, language_map, siteurl, original_lang):
    """Write sitemap.xml into `site_root`; only pages that exist, only with an absolute SITEURL. Returns the count."""
    if not siteurl.startswith(("http://", "https://")):
        return 0
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    count = 0
    for key in sorted(language_map):
        if key == "404":
            continue
        versions = {lang: path for lang, path in language_map[key].items() if _exists(site_root, path)}
        for path in versions.values():
            url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{siteurl}/{path}"
            if len(versions) > 1:
                for lang, alternate in sorted(versions.items()):
                    ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang,
                                           href=f"{siteurl}/{alternate}")
                if original_lang in versions:
                    ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang="x-default",
                                           href=f"{siteurl}/{versions[original_lang]}")
            count += 1
    ElementTree.ElementTree(urlset).write(os.path.join(site_root, "sitemap.xml"), encoding="utf-8",
                                          xml_declaration=True)
    return count
