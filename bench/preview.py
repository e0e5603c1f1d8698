"""From saving a file to seeing it in the browser, in the preview (a benchmark, not a test). Target ≤ 1 s.

A copy of the project with the real content runs `invoke preview`; headless Chromium shows an article; the
benchmark changes the article's title and measures until the open page shows the new title, by itself. For
comparison, measured in the same run: one full `python -m sitebuild` from the command line (a new process).

    python bench/preview.py [--edits 7] [--rapid]
"""

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from conftest import copy_project  # noqa: E402

ARTICLE = "content/artikel/lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft.md"
PAGE = "lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_preview(project, log_path):
    port = free_port()
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen([str(project / ".venv" / "bin" / "invoke"), "preview", "--port", str(port)],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT)
    while "Vorschau: http://" not in log_path.read_text(encoding="utf-8"):
        if process.poll() is not None:
            sys.exit(log_path.read_text(encoding="utf-8"))
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}"


def command_line_build(project):
    started = time.perf_counter()
    subprocess.run([str(project / ".venv" / "bin" / "python"), "-m", "sitebuild", "--output", str(project / "cli")],
                   cwd=project, capture_output=True, check=True)
    return time.perf_counter() - started


def main():
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--rapid", action="store_true", help="save again 0.7 s after each refresh, busy or not")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        project = copy_project(Path(scratch) / "project", ROOT / "content")
        process, url = start_preview(project, Path(scratch) / "preview.log")
        article = project / ARTICLE
        original = article.read_text(encoding="utf-8")
        title = next(line for line in original.splitlines() if line.startswith("Title: "))
        times = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
                page = browser.new_page()
                page.goto(f"{url}/{PAGE}")
                log = Path(scratch) / "preview.log"
                for edit in range(args.edits):
                    # Each save finds the preview idle: the previous save's other languages and search index are
                    # done (an editor reads the page before saving again). `--rapid` saves 0.7 s after the page
                    # showed the last change instead, while the preview may still be busy.
                    if not args.rapid:
                        while log.read_text(encoding="utf-8").count("Neu gebaut") < edit:
                            time.sleep(0.02)
                    page.wait_for_timeout(700)
                    marker = f"Fassung {edit + 1}"
                    article.write_text(original.replace(title, f"{title} – {marker}"), encoding="utf-8")
                    saved = time.perf_counter()
                    page.locator("h1", has_text=marker).wait_for(timeout=30000)
                    times.append(time.perf_counter() - saved)
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
        cli = [command_line_build(project) for _ in range(3)]
    mode = "saving 0.7 s after each refresh" if args.rapid else "each save with the preview idle"
    print(f"Save → refreshed page in the preview (real site, {args.edits} edits, {mode}): median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)}); target ≤ 1 s")
    print(f"For comparison, a full build from the command line: median {statistics.median(cli):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in cli)}); the preview's share of it: "
          f"{statistics.median(times) / statistics.median(cli):.2f}")


if __name__ == "__main__":
    main()
