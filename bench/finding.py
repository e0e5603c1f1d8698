"""What the finding features of issue 6 cost (a benchmark, not a test).

1. Bytes a visitor downloads for one search on the real site: the search page, its stylesheet and script,
   Pagefind's script, worker, WebAssembly, index and result fragments, counted from what headless Chromium
   actually fetched (fresh profile, empty cache). Baseline, measured the same way in the same run: opening one
   article. Target ≤ 150 KB.
2. Build time of everything in issue 6 (chronicle, delivery log, search page and Pagefind index, feeds, open
   data, sitemap), as the publish build with them against the same build with them switched off, in ABBA pairs;
   on the real site and on a synthetic site of N articles in three languages. Target ≤ 20 % of the build.
   JSON-LD and link-preview tags are written by the page templates in both variants; they are not in the
   difference.

    python bench/finding.py [--runs 4] [--articles 1000]
"""

import argparse
import gzip
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, chromium_path, serve  # noqa: E402
from synthetic import generate  # noqa: E402

SEARCHES = [("suche/", "Müllfahrzeuge"), ("uk/poshuk/", "сміттєвози"), ("en/search/", "fire engines")]
ARTICLE = "lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/"
FEATURES_OFF = """
import sys
sys.path.insert(0, {root!r})
from publishconf import *  # noqa: F403
# Issue 6 switched off: no chronicle, delivery log or search page, no search index, feeds or open data.
DIRECT_TEMPLATES = ["index", "404"]
SECTION_FOLDERS = {{}}
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = None
SEARCH_INDEX = False
OPEN_DATA_FOLDER = ""
SITEMAP = False
"""
OPEN_DATA_PAGES = ["daten.md", "daten.uk.md", "daten.en.md"]


def build(output, content=None, settings=None):
    command = [sys.executable, "-m", "sitebuild", "--output", str(output)]
    if content:
        command += ["--content", str(content)]
    if settings:
        command += ["--settings", str(settings)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stdout + result.stderr)


def kind_of(url):
    path = urlsplit(url).path
    if "/pagefind/" in path:
        name = path.rsplit("/", 1)[-1]
        if name.startswith("wasm."):
            return "Pagefind WebAssembly"
        if path.endswith((".pf_index", ".pf_meta", ".json")):
            return "Pagefind index"
        if path.endswith(".pf_fragment"):
            return "Pagefind result fragments"
        return "Pagefind scripts"
    if path.endswith(".js"):
        return "search page script"
    if path.endswith(".css"):
        return "stylesheet"
    if path.endswith((".svg", ".png", ".jpg", ".webp")):
        return "images"
    return "HTML"


def downloads(browser, url, query=None):
    """Bytes fetched for one visit (and one search), by kind: as served, and gzip-compressed (-6)."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    if query:
        page.fill("#suchfeld", query)
        page.press("#suchfeld", "Enter")
        page.locator("#suchergebnisse li").first.wait_for(timeout=20000)
    page.wait_for_load_state("networkidle")
    by_kind = {}
    for response in responses:
        body = response.body() if response.status == 200 else b""
        plain, packed = by_kind.get(kind_of(response.url), (0, 0))
        by_kind[kind_of(response.url)] = (plain + len(body), packed + len(gzip.compress(body, 6)))
    context.close()
    return by_kind


def report_downloads(label, by_kind):
    plain = sum(value[0] for value in by_kind.values())
    packed = sum(value[1] for value in by_kind.values())
    print(f"  {label}: {plain:,} B as served, {packed:,} B gzip-compressed")
    for kind, (kind_plain, kind_packed) in sorted(by_kind.items(), key=lambda item: -item[1][0]):
        print(f"      {kind:28} {kind_plain:>9,} B  {kind_packed:>9,} B gzip")
    return plain, packed


def measure_search(scratch):
    from playwright.sync_api import sync_playwright

    site = scratch / "site"
    build(site)
    print("Bytes for one search on the real site (fresh browser profile, empty cache):")
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        article_plain, article_packed = report_downloads(f"baseline: one article ({ARTICLE})",
                                                         downloads(browser, f"{base}/{ARTICLE}"))
        for path, query in SEARCHES:
            plain, packed = report_downloads(f"search /{path} for „{query}“", downloads(browser, f"{base}/{path}", query))
            print(f"      → {plain / 1024:.1f} KiB as served ({plain / article_plain:.1f}× the article), "
                  f"{packed / 1024:.1f} KiB compressed ({packed / article_packed:.1f}×); target ≤ 150 KB")
        browser.close()


def timed(output, content, settings):
    """Wall time, and CPU time of the build's processes (steadier on a shared machine): seconds."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    build(output, content, settings)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def measure_build(label, content, scratch, runs):
    off_settings = scratch / "features_off.py"
    off_settings.write_text(FEATURES_OFF.format(root=str(ROOT)), encoding="utf-8")
    on, off = [], []
    for run in range(runs):
        order = (True, False) if run % 2 == 0 else (False, True)
        for features in order:
            if features:
                on.append(timed(scratch / "out-on", content, ROOT / "publishconf.py"))
            else:
                off.append(timed(scratch / "out-off", content, off_settings))
    for index, measure in ((0, "wall time"), (1, "CPU time")):
        with_features = [times[index] for times in on]
        without = [times[index] for times in off]
        shares = [(a - b) / a for a, b in zip(with_features, without, strict=True)]
        print(f"{label}, {measure}: publish build {statistics.median(with_features):.2f} s, without issue 6 "
              f"{statistics.median(without):.2f} s (medians of {runs}); share of the build "
              f"{statistics.median(shares) * 100:.1f} % (pairs: {', '.join(f'{share * 100:.1f}' for share in shares)} %); "
              "target ≤ 20 %")


def without_open_data_page(content, destination):
    """The same content minus the page that links the open data (which the switched-off build does not write)."""
    copy = Path(destination) / "content"
    shutil.copytree(content, copy)
    for name in OPEN_DATA_PAGES:
        (copy / "seiten" / name).unlink(missing_ok=True)
    return copy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-finding-") as scratch:
        scratch = Path(scratch)
        measure_search(scratch)
        print()
        content = without_open_data_page(ROOT / "content", scratch / "real")
        measure_build("real site", content, scratch, args.runs)
        synthetic = generate(scratch / "synthetic", args.articles, translations=("uk", "en"))
        measure_build(f"{args.articles} articles × 3 languages", synthetic, scratch, args.runs)


if __name__ == "__main__":
    main()
