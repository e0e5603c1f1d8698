"""Bytes a visitor downloads for each kind of page (a benchmark, not a test). Target: ≤ 30 KB gzip per page,
before content images.

Builds the real site with the live settings into a temporary folder, then for each kind of page adds up the
HTML, the stylesheet(s) and the images it references, raw and gzip-compressed (level 9, as a server would
pre-compress them).

    python bench/page_weight.py
"""

import gzip
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PAGE_KINDS = {
    "home": "",
    "article (visit)": "besuche/2023-04-17-buergermeister-hannover-messe/",
    "article (delivery)": "lieferungen/2022-12-07-zehn-spezialfahrzeuge/",
    "article (cooperation)": "kooperationen/2022-09-15-solidaritaetspartnerschaft-unterzeichnet/",
    "kind listing": "lieferungen/",
    "page": "partnerschaft/",
    "page (Mykolajiw)": "mykolajiw/",
    "chronicle": "chronik/",
    "delivery log": "lieferliste/",
    "uk home": "uk/",
    "partner overview": "partner/",
    "partner page": "partner/hanova/",
    "404": "404.html",
}
SITEURL = "https://partnerschaft.example"


def sizes(path):
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def local_file(output, url):
    path = urlsplit(url).path
    if url.startswith(SITEURL):
        path = url[len(SITEURL):]
    return output / path.lstrip("/")


def main():
    with tempfile.TemporaryDirectory(prefix="bench-weight-") as scratch:
        output = Path(scratch) / "output"
        subprocess.run([sys.executable, "-m", "sitebuild", "--settings", "publishconf.py", "--output", str(output),
                        "--siteurl", SITEURL], cwd=ROOT, check=True, capture_output=True)
        print(f"{'page':24} {'HTML raw':>9} {'gzip':>7} {'CSS raw':>8} {'gzip':>7} {'img raw':>8} {'gzip':>7} "
              f"{'total gzip':>10}")
        worst = 0
        for kind, url in PAGE_KINDS.items():
            html = output / url if url.endswith(".html") else output / url / "index.html"
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            html_raw, html_gz = sizes(html)
            css = [local_file(output, link["href"]) for link in soup.select('link[rel="stylesheet"]')]
            images = {local_file(output, img["src"]) for img in soup.select("img[src]")}
            css_raw = sum(sizes(path)[0] for path in css)
            css_gz = sum(sizes(path)[1] for path in css)
            img_raw = sum(sizes(path)[0] for path in images)
            img_gz = sum(sizes(path)[1] for path in images)
            total = html_gz + css_gz
            worst = max(worst, total)
            print(f"{kind:24} {html_raw:>9,} {html_gz:>7,} {css_raw:>8,} {css_gz:>7,} {img_raw:>8,} {img_gz:>7,} "
                  f"{total:>10,}")
        print(f"largest page before content images: {worst:,} bytes gzip ({worst / 1024:.1f} KiB); target ≤ 30 KB")


if __name__ == "__main__":
    main()
