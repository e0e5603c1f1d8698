"""What the share images (plugins/share_images) cost a build: the real site (three languages, publish settings) built without the
plugin, with it and an empty cache (cold: every image drawn), and with it and a full cache (warm: every image
copied). A benchmark, not a test.

Builds run in rounds of three (without, cold, warm, then the reverse order in the next round) so that the drift of
a shared machine falls on all three alike; medians of wall time and of the build's CPU time (children included)
are printed, and the number of images and their bytes.

    python bench/share_images.py [--rounds 3]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settings_file(folder, cache, plugin):
    path = folder / f"settings-{'with' if plugin else 'without'}.py"
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        "from publishconf import *  # noqa: F403",
        f"PATH = {str(ROOT / 'content')!r}",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        f"SHARE_IMAGE_CACHE_PATH = {str(cache)!r}",
    ]
    if not plugin:
        lines.append("PLUGINS = [name for name in PLUGINS if name != 'share_images']  # noqa: F405")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(settings, output):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitebuild", "--settings", str(settings), "--output", str(output)],
                   cwd=ROOT, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-share-") as scratch:
        scratch = Path(scratch)
        cache = scratch / "cache"
        with_plugin = settings_file(scratch, cache, True)
        without = settings_file(scratch, cache, False)
        results = {"without": [], "cold": [], "warm": []}
        for index in range(args.rounds):
            order = ["without", "cold", "warm"] if index % 2 == 0 else ["warm", "cold", "without"]
            for kind in order:
                if kind == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                elif kind == "warm" and not cache.exists():
                    build(with_plugin, scratch / "output")  # fill the cache first
                results[kind].append(build(without if kind == "without" else with_plugin, scratch / "output"))
        build(with_plugin, scratch / "output")
        images = sorted((scratch / "output").glob("**/share/*.png"))
        sizes = [path.stat().st_size for path in images]
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s); {args.rounds} round(s); "
              f"{len(images)} share images, {sum(sizes):,} bytes (median {statistics.median(sizes):,.0f})")
        base_wall = statistics.median(wall for wall, _ in results["without"])
        base_cpu = statistics.median(cpu for _, cpu in results["without"])
        for kind, label in (("without", "without the plugin"), ("cold", "cold (empty cache)"),
                            ("warm", "warm (all from cache)")):
            walls = [wall for wall, _ in results[kind]]
            cpus = [cpu for _, cpu in results[kind]]
            print(f"{label:24} wall median {statistics.median(walls):5.2f} s (+{statistics.median(walls) - base_wall:5.2f})"
                  f"  CPU median {statistics.median(cpus):5.2f} s (+{statistics.median(cpus) - base_cpu:5.2f})"
                  f"  runs: {', '.join(f'{wall:.2f}' for wall in walls)}")


if __name__ == "__main__":
    main()
