"""Benchmark: the partner_list plugin's share of the build time (issue 3; target ≤ 5 %).

A synthetic site of 1,000 articles and 50 partners is built with our full settings, once with and once
without the plugin, alternating, several times in one run; each build runs in a fresh process. The share is
(with − without) / with, computed for each pair of consecutive builds and then the median of the pairs. On a
shared machine the speed drifts more between minutes than the plugin costs, so pairing matters; wall-clock and
CPU time are both given, and the time spent inside the plugin's generator is also measured directly.

    python bench/partner_share.py [--articles 1000] [--partners 50] [--runs 6]
"""

import argparse
import io
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
sys.path.insert(0, str(ROOT))

from synthetic import generate  # noqa: E402

SETTINGS = """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = {plugin_list!r}
"""


def settings_file(folder, content, with_plugin):
    import pelicanconf

    plugins = [name for name in pelicanconf.PLUGINS if with_plugin or name != "partner_list"]
    path = folder / ("with.py" if with_plugin else "without.py")
    path.write_text(SETTINGS.format(root=str(ROOT), content=str(content), theme=str(ROOT / "theme"),
                                    plugins=str(ROOT / "plugins"), plugin_list=plugins), encoding="utf-8")
    return path


def timed_build(settings, output):
    """(wall-clock seconds, CPU seconds) of one build in a fresh process."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "sitebuild", "--settings", str(settings), "--output", str(output),
                             "--languages", "de"],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(result.stderr)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return wall, cpu


def time_inside_plugin(settings, output):
    """Seconds spent in the plugin's entry points (its generator's two stages) during one build in this process."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from partner_list.generator import PartnerGenerator

    from sitebuild.build import build

    spent = {"seconds": 0.0}
    for name in ("generate_context", "generate_output"):
        original = getattr(PartnerGenerator, name)

        def timed(self, *args, _original=original, **kwargs):
            started = time.perf_counter()
            try:
                return _original(self, *args, **kwargs)
            finally:
                spent["seconds"] += time.perf_counter() - started

        setattr(PartnerGenerator, name, timed)
    result = build(str(settings), str(output), stream=io.StringIO(), languages_to_build=["de"])
    if not result.ok:
        sys.exit("\n".join(result.messages))
    return spent["seconds"], result.seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--partners", type=int, default=50)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-partners-") as scratch:
        scratch = Path(scratch)
        content = generate(scratch, args.articles, partner_count=args.partners)
        with_settings = settings_file(scratch, content, True)
        without_settings = settings_file(scratch, content, False)
        with_times, without_times = [], []
        for run in range(args.runs):
            # Each run is a pair of builds, in alternating order (ABBA), so that drifts of the machine's speed,
            # which on a shared machine are larger than the plugin's cost, cancel out within the pair.
            order = (True, False) if run % 2 == 0 else (False, True)
            for with_plugin in order:
                settings, times = (with_settings, with_times) if with_plugin else (without_settings, without_times)
                times.append(timed_build(settings, scratch / ("out-with" if with_plugin else "out-without")))
        for measure, index in (("wall-clock", 0), ("CPU", 1)):
            shares = [(w[index] - wo[index]) / w[index] for w, wo in zip(with_times, without_times, strict=True)]
            print(f"{args.articles} articles, {args.partners} partners, {measure} time over {args.runs} pairs: "
                  f"with plugin median {statistics.median(t[index] for t in with_times):.2f} s, "
                  f"without {statistics.median(t[index] for t in without_times):.2f} s; "
                  f"paired share median {statistics.median(shares):.1%} "
                  f"(pairs: {', '.join(f'{share:.1%}' for share in shares)}); target ≤ 5 %")
        inside, total = time_inside_plugin(with_settings, scratch / "out-timed")
        print(f"time inside the plugin's generator in one build: {inside:.2f} s of {total:.2f} s ({inside / total:.1%})")


if __name__ == "__main__":
    main()
