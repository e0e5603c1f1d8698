"""What the HTML gate costs (a benchmark, not a test): the build with and without its last two checks.

The gate has three parts: the body check in the reader (which replaced a regular expression and does the work
the reader did before: images, links, headings), the final check of every text's HTML with Ammonia as a second
opinion (plugins/content_model/html_gate.py), and the check of the whole output (sitebuild/output_gate.py). The
second and third are new work; this runs the build with them (A) and with both replaced by no-ops (B), each in a
fresh process, alternating A B A B, and prints the medians and the share of A that the gate takes, in wall-clock
and in CPU seconds (CPU is steadier on a busy machine), with the gate's cache of checked HTML warm and cold. Target
(issue 13): at most 5 % of the build, on the real site and on 1,000 generated articles.

    python bench/html_gate.py [--articles 1000] [--runs 5]
"""

import argparse
import os
import resource
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


def timed(arguments, environment=None):
    """(wall seconds, CPU seconds of the build and all its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode:
        raise SystemExit(f"build failed:\n{completed.stderr[-2000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(label, content, runs, scratch, cold=False):
    """A B A B …; with `cold`, the gate's cache (HTML_GATE_CACHE_PATH) is empty for every A run."""
    if not cold:
        timed(command(True, content, scratch / "warm"))  # caches (Markdown, templates, gate) warm for both
    a, b = [], []
    for run in range(runs):
        environment = None
        if cold:
            environment = dict(os.environ, HTML_GATE_CACHE_PATH=str(scratch / f"gate-cache-{label[:4]}-{run}"))
        a.append(timed(command(True, content, scratch / "a"), environment))
        b.append(timed(command(False, content, scratch / "b")))
    for index, unit in ((0, "wall"), (1, "CPU")):
        x = [pair[index] for pair in a]
        y = [pair[index] for pair in b]
        print(f"{label}, {'cold' if cold else 'warm'} gate cache, {unit}: with gate {statistics.median(x):.2f} s "
              f"({min(x):.2f}–{max(x):.2f}); without {statistics.median(y):.2f} s ({min(y):.2f}–{max(y):.2f}); "
              f"the gate's share {statistics.median((p - q) / p for p, q in zip(x, y)):.1%} (median of pairs)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from synthetic import generate

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        generate(scratch / "synthetic", args.articles)
        content = scratch / "synthetic" / "content"
        for cold in (False, True):
            compare("real site (3 languages)", None, args.runs, scratch, cold)
            compare(f"{args.articles} generated articles (3 languages)", content, args.runs, scratch, cold)


if __name__ == "__main__":
    main()
