"""Time of the whole publish pipeline (a benchmark, not a test): what CI does between a commit and an upload.

Stages, each timed on its own (wall-clock seconds, one process each, as CI runs them):
1. the strict publish build (`python -m sitebuild --settings publishconf.py`): every language, the checks, the
   sitemap, the search index (Pagefind) and the pre-compressed files;
   inside it, measured again on their own on the finished output: Pagefind, and the compression;
2. the link check of the whole output (lychee, offline; `invoke verify`);
3. the HTML check of every page (Nu HTML Checker).
On the real site and on a synthetic site of N articles, built in all three languages as publishing does (the
Ukrainian and English sites show the German articles; `--translated` gives each article its own translations).

    python bench/publish_pipeline.py [--articles 5000] [--translated] [--skip-html]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

from hosting import compress  # noqa: E402
from sitebuild.build import build_search_index  # noqa: E402
from hosting.verify import broken_links, invalid_html  # noqa: E402

SITEURL = "https://partnerschaft.example"


def seconds(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def publish_build(output, content=None, languages=None):
    command = [sys.executable, "-m", "sitebuild", "--settings", "publishconf.py", "--output", str(output),
               "--siteurl", SITEURL]
    if content:
        command += ["--content", str(content)]
    if languages:
        command += ["--languages", languages]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")


def pagefind_alone(output, scratch):
    copy = Path(scratch) / "pagefind-copy"
    shutil.copytree(output, copy, ignore=shutil.ignore_patterns("pagefind", "*.gz", "*.br"))
    elapsed, problems = seconds(lambda: build_search_index(str(copy)))
    shutil.rmtree(copy)
    if problems:
        sys.exit("\n".join(problems))
    return elapsed


def compression_alone(output, scratch):
    copy = Path(scratch) / "compress-copy"
    shutil.copytree(output, copy, ignore=shutil.ignore_patterns("*.gz", "*.br"))
    elapsed, _ = seconds(lambda: compress.compress_site(str(copy)))
    shutil.rmtree(copy)
    return elapsed


def measure(label, scratch, content=None, languages=None, skip_html=False):
    output = Path(scratch) / f"out-{len(list(Path(scratch).glob('out-*')))}"
    build, _ = seconds(lambda: publish_build(output, content, languages))
    files = [path for path in output.rglob("*") if path.is_file()]
    pages = sum(1 for path in files if path.suffix == ".html")
    raw = sum(path.stat().st_size for path in files if path.suffix not in (".gz", ".br"))
    links, (problems, report) = seconds(lambda: broken_links(output, SITEURL))
    html = None
    if not skip_html:
        html, (html_problems, _) = seconds(lambda: invalid_html(output))
        problems = problems + html_problems
    search = pagefind_alone(output, scratch)
    compression = compression_alone(output, scratch)
    total = build + links + (html or 0)
    print(f"\n{label}: {pages} pages, {len(files)} files, {raw / 1e6:.1f} MB before compression")
    print(f"  publish build        {build:7.2f} s   (of it, measured alone: Pagefind {search:.2f} s, "
          f"compression {compression:.2f} s)")
    print(f"  link check (lychee)  {links:7.2f} s   ({report.get('total', 0)} links)")
    print("  HTML check (Nu)      " + (f"{html:7.2f} s" if html is not None else "skipped"))
    print(f"  whole pipeline       {total:7.2f} s   problems found: {len(problems)}")
    shutil.rmtree(output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--translated", action="store_true")
    parser.add_argument("--skip-html", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as scratch:
        measure("real site (de, uk, en)", scratch, skip_html=args.skip_html)
        translations = ("uk", "en") if args.translated else ()
        content = generate(Path(scratch) / "synthetic", args.articles, translations=translations)
        measure(f"{args.articles} synthetic articles ({'translated' if args.translated else 'German only'}; "
                "sites de, uk, en)", scratch, content=content, skip_html=args.skip_html)


if __name__ == "__main__":
    main()
