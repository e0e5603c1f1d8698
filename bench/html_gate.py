"""What the HTML gate costs (a benchmark, not a test): the build with and without its last two checks.

The gate has three parts: the body check in the reader (which replaced a regular expression and does the work
the reader did before: images, links, headings), the final check of every text's HTML with Ammonia as a second
opinion (plugins/content_model/html_gate.py), and the check of the whole output (sitebuild/output_gate.py). The
second and third are new work; this runs the build with them (A) and with both replaced by no-ops (B), each in a
fresh process, alternating A B A B, and prints the medians and the share of A that the gate takes. Target
(issue 13): at most 5 % of the build, on the real site and on 1,000 generated articles.

    python bench/html_gate.py [--articles 1000] [--runs 5]
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

WITHOUT_GATE = """
import sys
sys.path[:0] = [{root!r}, {plugins!r}]
from content_model import html_gate
from sitebuild import output_gate, __main__
html_gate.gate = lambda html, site_url="", directives=(): html_gate.GateResult(html, [])
output_gate.check = lambda *args, **kwargs: []
sys.exit(__main__.main(sys.argv[1:]))
"""


def command(with_gate, content, output):
    arguments = ["--output", str(output)] + (["--content", str(content)] if content else [])
    if with_gate:
        return [sys.executable, "-m", "sitebuild", *arguments]
    script = WITHOUT_GATE.format(root=str(ROOT), plugins=str(ROOT / "plugins"))
    return [sys.executable, "-c", script, *arguments]


def timed(arguments):
    started = time.perf_counter()
    completed = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode:
        raise SystemExit(f"build failed:\n{completed.stderr[-2000:]}")
    return seconds


def compare(label, content, runs, scratch):
    timed(command(True, content, scratch / "warm"))  # caches (Markdown, templates) warm for both
    a, b = [], []
    for _ in range(runs):
        a.append(timed(command(True, content, scratch / "a")))
        b.append(timed(command(False, content, scratch / "b")))
    median_a, median_b = statistics.median(a), statistics.median(b)
    share = (median_a - median_b) / median_a
    print(f"{label}: with gate {median_a:.2f} s (min {min(a):.2f}, max {max(a):.2f}); without {median_b:.2f} s "
          f"(min {min(b):.2f}, max {max(b):.2f}); the gate's share {share:.1%} "
          f"(pairwise median {statistics.median((x - y) / x for x, y in zip(a, b)):.1%})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from synthetic import generate

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        compare("real site (3 languages)", None, args.runs, scratch)
        generate(scratch / "synthetic", args.articles)
        content = scratch / "synthetic" / "content"
        compare(f"{args.articles} generated articles (3 languages)", content, args.runs, scratch)


if __name__ == "__main__":
    main()
