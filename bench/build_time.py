"""Build-time benchmark (a benchmark, not a test): prints seconds and ratios, measured in one run.

1. The real site: `python -m sitebuild` (our strict build, local settings, all three languages), wall-clock,
   median of runs.
2. Synthetic sites of N articles (default 1,000 and 5,000): our build against bare Pelican on the same
   articles — bare meaning Pelican's default theme, no plugins, typogrify on — each in a fresh process,
   alternating, median of runs. Targets (issue 14): real site ≤ 2 s; ratio ours / bare ≤ 1.2 with a cold
   cache.

"Cold" runs get an empty cache folder of their own (BUILD_CACHE_DIR: rendered Markdown, checked HTML,
compiled templates, share images, photos); "warm" runs share one that an untimed build filled first.

    python bench/build_time.py [--articles 1000,5000] [--runs 3]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402

BARE_SETTINGS = """
PATH = {content!r}
TIMEZONE = "Europe/Berlin"
LOCALE = ("C.UTF-8", "C")
TYPOGRIFY = True
PLUGINS = []
ARTICLE_EXCLUDES = ["partner"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def timed(command, cwd=ROOT, cache=None):
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    if cache:
        environment["BUILD_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"command failed: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return seconds


def ours(content, output):
    # The synthetic articles exist in German only; the comparison with bare Pelican is of one site's build.
    return [sys.executable, "-m", "sitebuild", "--content", str(content), "--output", str(output), "--languages", "de"]


def bare(settings, output):
    return [sys.executable, "-m", "pelican", "-s", str(settings), "-o", str(output), "--fatal", "errors", "-q"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch = Path(scratch)
        colds = iter(range(10**6))

        def cold_cache():
            return scratch / f"cold-cache-{next(colds)}"

        real_command = [sys.executable, "-m", "sitebuild", "--output", str(scratch / "real")]
        warm_cache = scratch / "warm-cache-real"
        timed(real_command, cache=warm_cache)
        real_cold, real_warm = [], []
        for _ in range(args.runs):
            real_cold.append(timed(real_command, cache=cold_cache()))
            real_warm.append(timed(real_command, cache=warm_cache))
        articles = len([p for p in (ROOT / "content" / "artikel").rglob("*.md") if p.stem.count(".") == 0])
        print(f"real site ({articles} articles; de + uk + en): cold {statistics.median(real_cold):.2f} s, "
              f"warm {statistics.median(real_warm):.2f} s (median of {args.runs}; cold runs "
              f"{', '.join(f'{s:.2f}' for s in real_cold)}; warm {', '.join(f'{s:.2f}' for s in real_warm)}); "
              "target ≤ 2 s")

        for count in (int(n) for n in args.articles.split(",")):
            site = scratch / f"synthetic-{count}"
            content = generate(site, count)
            settings = site / "bare_settings.py"
            settings.write_text(BARE_SETTINGS.format(content=str(content)), encoding="utf-8")
            warm_cache = scratch / f"warm-cache-{count}"
            timed(ours(content, site / "out-ours"), cache=warm_cache)
            cold_times, warm_times, bare_times = [], [], []
            for _ in range(args.runs):
                cold_times.append(timed(ours(content, site / "out-ours"), cache=cold_cache()))
                bare_times.append(timed(bare(settings, site / "out-bare")))
                shutil.rmtree(site / "out-bare", ignore_errors=True)
                warm_times.append(timed(ours(content, site / "out-ours"), cache=warm_cache))
            cold, warm, plain = (statistics.median(t) for t in (cold_times, warm_times, bare_times))
            print(f"{count} articles: bare Pelican {plain:.2f} s; ours cold {cold:.2f} s (ratio {cold / plain:.2f}), "
                  f"warm {warm:.2f} s (ratio {warm / plain:.2f}) (medians of {args.runs}); target cold ≤ 1.2")

if __name__ == "__main__":
    main()
