"""Build time of the three-language site against the German-only site (a benchmark, not a test).

Target (issue 14): three languages ≤ 1.6× German only (issue 5 asked for ≤ 2×). Caches warm. Each language is built in a process of its own, in parallel
(sitebuild/languages.py), so the two cores of the build machine are both used. Measured in one run, in pairs of
builds in alternating order (ABBA, which cancels drifts of the machine's speed), on the real site and on a
synthetic site of 1,000 articles, each translated into Ukrainian and English.

    python bench/languages.py [--runs 3] [--articles 1000]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import generate  # noqa: E402


def timed(content, output, languages):
    command = [sys.executable, "-m", "sitebuild", "--output", str(output)]
    if content:
        command += ["--content", str(content)]
    if languages:
        command += ["--languages", languages]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr)
    return time.perf_counter() - started


def compare(label, content, scratch, runs):
    german, all_languages = [], []
    for run in range(runs):
        order = (False, True) if run % 2 == 0 else (True, False)
        for three in order:
            if three:
                all_languages.append(timed(content, scratch / "out-all", None))
            else:
                german.append(timed(content, scratch / "out-de", "de"))
    ratios = [a / g for a, g in zip(all_languages, german, strict=True)]
    print(f"{label}: German only {statistics.median(german):.2f} s, de + uk + en {statistics.median(all_languages):.2f} s "
          f"(medians of {runs}); ratio {statistics.median(ratios):.2f} "
          f"(pairs: {', '.join(f'{ratio:.2f}' for ratio in ratios)}); target ≤ 1.6")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as scratch:
        scratch = Path(scratch)
        compare("real site", None, scratch, args.runs)
        content = generate(scratch / "synthetic", args.articles, translations=("uk", "en"))
        compare(f"{args.articles} articles, all translated", content, scratch, args.runs)


if __name__ == "__main__":
    main()
