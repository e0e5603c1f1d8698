"""How long `invoke check` takes on the real site, against a full build (a benchmark, not a test). Target ≤ 1 s.

Each run is a new process, as an editor's `invoke check` or the pre-commit hook starts one. Printed per run:
the wall time of the whole command (Python's start and importing Pelican included) and the time the check
reports itself ("Geprüft in … s", from reading the settings to the last link checked); for comparison, in the
same run and alternating with it (ABBA), the wall time of a full build into a temporary folder.

    python bench/check.py [--runs 5]
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTED = re.compile(r"Geprüft in ([0-9.]+) s")


def timed(command):
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    check_wall, check_inside, build_wall = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-check-") as scratch:

        def check():
            wall, stdout = timed([python, "-m", "sitebuild", "--check"])
            check_wall.append(wall)
            check_inside.append(float(REPORTED.search(stdout).group(1)))

        def full_build():
            wall, _ = timed([python, "-m", "sitebuild", "--output", str(Path(scratch) / "output")])
            build_wall.append(wall)

        timed([python, "-m", "sitebuild", "--check"])  # warm the file cache; not counted
        for run in range(args.runs):
            order = (check, full_build) if run % 2 == 0 else (full_build, check)
            for step in order:
                step()
    print(f"{'run':>4} {'check wall':>11} {'check inside':>13} {'full build wall':>16}")
    for run in range(args.runs):
        print(f"{run + 1:>4} {check_wall[run]:>10.2f}s {check_inside[run]:>12.2f}s {build_wall[run]:>15.2f}s")
    median_check, median_build = statistics.median(check_wall), statistics.median(build_wall)
    print(f"median: check {median_check:.2f} s wall, {statistics.median(check_inside):.2f} s inside; "
          f"full build {median_build:.2f} s; check / build = {median_check / median_build:.2f}")


if __name__ == "__main__":
    main()
