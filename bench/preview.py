"""The preview on the real site (a benchmark, not a test): from saving a file to the refreshed page, `invoke
check`, and the preview's memory over many edits. Figures are printed, not asserted.

A copy of the project with the real content runs `invoke preview`; headless Chromium shows an article and the
delivery listing. Each save finds the preview idle (its other languages and the search index done, as when an
editor reads the page before saving again). Printed, median and worst of `--edits` saves each:
- text edit: a sentence added to the article's text → the open article shows it (target ≤ 0.5 s), timed to the
  reloaded page's first paint (and, for comparison, to when Playwright's polling found the sentence), with the
  preview's own figures: the open pages in place, all languages rebuilt;
- title edit: the article's title changed → the article and the listing both show it (target ≤ 1 s);
- date edit: the article's date changed, and with it its file name (the date is part of it) → the listing links
  to the article's new address (target ≤ 1 s);
- `invoke check` in the copy, each run a new process, wall time (target ≤ 1 s);
- memory: the resident memory (RSS) of the preview and every process below it, summed from /proc when the
  preview is idle, after the first edit and after `--memory-edits` more (target: growth ≤ 10 %).

    python bench/preview.py [--edits 10] [--memory-edits 200] [--check-runs 5]
"""

import argparse
import re
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
from processes import descendants  # noqa: E402

ARTICLE = "content/artikel/lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft.md"
PAGE = "lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/"
LISTING = "lieferungen/"
# The date edit: an article no other text links to (a renamed file would break their links).
DATED = "content/artikel/lieferungen/2024-04-29-laptops-fuer-schulen.md"
DATES = ("2024-04-29", "2024-04-30")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    def __init__(self, project, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen([str(project / ".venv" / "bin" / "invoke"), "preview", "--port",
                                         str(self.port)], cwd=project, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        while "Vorschau: http://" not in self.text():
            if self.process.poll() is not None:
                sys.exit(self.text())
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def text(self):
        return self.log_path.read_text(encoding="utf-8")

    def wait_idle(self, rebuilds):
        """Until `rebuilds` saves have been rebuilt and nothing runs below the builder (no build, no search)."""
        while self.text().count("Neu gebaut") < rebuilds or any(
                process.ppid != self.process.pid for process in descendants(self.process.pid)):
            if self.process.poll() is not None or "Build fehlgeschlagen" in self.text():
                sys.exit(self.text())
            time.sleep(0.02)

    def rss_kib(self):
        """Resident memory of the preview and everything below it, in KiB."""
        total = 0
        for pid in [self.process.pid] + [process.pid for process in descendants(self.process.pid)]:
            try:
                with open(f"/proc/{pid}/status", encoding="utf-8") as status:
                    total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            except (OSError, StopIteration):
                pass
        return total

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def timed_check(project, runs):
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        result = subprocess.run([str(project / ".venv" / "bin" / "invoke"), "check"], cwd=project,
                                capture_output=True, text=True)
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
        if run:  # the first run warms the file cache
            times.append(time.perf_counter() - started)
    return times


def summary(times):
    return (f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
            f"({', '.join(f'{t:.2f}' for t in times)})")


QUICK = re.compile(r"Zuerst neu: \d+ offene Seite\(n\) in ([0-9.]+) s")
FULL = re.compile(r"Neu gebaut \(([^)]*)\) in ([0-9.]+) s")

LINES = {
    "text": "Text edit → refreshed article painted (real site, {edits} saves): {figures}; target ≤ 0.5 s median",
    "title": "Title edit → article and listing refreshed, painted ({edits} saves): {figures}; target ≤ 1 s",
    "date": "Date edit (file renamed) → listing refreshed, painted ({edits} saves): {figures}; target ≤ 1 s",
}


def painted_at(tab):
    """When the page now in `tab` was first painted with content (Chromium's first-contentful-paint; its clock is
    the wall clock, like time.time()). Playwright notices a new page only when it polls again, up to a few hundred
    milliseconds later: the editor sees the page at its first paint."""
    origin, paint = tab.evaluate("""() => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        const navigation = performance.getEntriesByType("navigation")[0];
        return [performance.timeOrigin, paint ? paint.startTime : navigation.domContentLoadedEventEnd];
    }""")
    return (origin + paint) / 1000


def main():
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=10, help="saves per kind of edit")
    parser.add_argument("--memory-edits", type=int, default=200)
    parser.add_argument("--check-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        project = copy_project(Path(scratch) / "project", ROOT / "content")
        check_times = timed_check(project, args.check_runs)
        print(f"invoke check, wall ({args.check_runs} runs): {summary(check_times)}; target ≤ 1 s", flush=True)
        preview = Preview(project, Path(scratch) / "preview.log")
        article = project / ARTICLE
        dated = project / DATED
        original = article.read_text(encoding="utf-8")
        title = next(line for line in original.splitlines() if line.startswith("Title: "))
        saves = 0
        results = {"text": [], "title": [], "date": []}
        painted = {"text": [], "title": [], "date": []}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
                page, listing = browser.new_page(), browser.new_page()
                page.goto(f"{preview.url}/{PAGE}")
                listing.goto(f"{preview.url}/{LISTING}")
                for kind in ("text", "title", "date"):
                    log_before = len(preview.text())
                    for number in range(args.edits):
                        preview.wait_idle(saves)
                        page.wait_for_timeout(300)
                        marker = f"Fassung {kind} {number + 1}"
                        if kind == "text":
                            article.write_text(original.rstrip("\n") + f"\n\nMessung: {marker}.\n", encoding="utf-8")
                        elif kind == "title":
                            article.write_text(original.replace(title, f"{title} – {marker}"), encoding="utf-8")
                        else:
                            # The date is part of the file's name (its address): a new date is the article and
                            # its translations renamed, and their Date fields changed.
                            old_date, new_date = DATES if number % 2 == 0 else DATES[::-1]
                            for version in sorted(dated.parent.glob(dated.stem + ".*md")):
                                moved = version.with_name(version.name.replace(old_date, new_date))
                                moved.write_text(version.read_text(encoding="utf-8").replace(
                                    f"Date: {old_date}", f"Date: {new_date}"), encoding="utf-8")
                                version.unlink()
                            dated = dated.with_name(dated.name.replace(old_date, new_date))
                        saved, saved_at = time.perf_counter(), time.time()
                        saves += 1
                        if kind == "text":
                            page.locator("main", has_text=marker).wait_for(timeout=60000)
                            shown = [page]
                        elif kind == "title":
                            page.locator("h1", has_text=marker).wait_for(timeout=60000)
                            listing.locator("main", has_text=marker).wait_for(timeout=60000)
                            shown = [page, listing]
                        else:
                            listing.locator(f'main a[href*="{dated.stem}/"]').first.wait_for(timeout=60000)
                            shown = [listing]
                        results[kind].append(time.perf_counter() - saved)
                        painted[kind].append(max(painted_at(tab) for tab in shown) - saved_at)
                    print(LINES[kind].format(edits=args.edits, figures=summary(painted[kind])), flush=True)
                    print(f"  found there by Playwright's polling: {summary(results[kind])}", flush=True)
                    # Where the time goes: the preview's own figures for these saves (from noticing the save).
                    preview.wait_idle(saves)
                    log = preview.text()[log_before:]
                    quick = [float(seconds) for seconds in QUICK.findall(log)]
                    full = [float(seconds) for _, seconds in FULL.findall(log)]
                    print(f"  of which the open pages rendered and in place (the preview's figure): "
                          f"{summary(quick) if quick else 'not used (a renamed file changes the pages)'}", flush=True)
                    print(f"  all languages rebuilt after the save: {summary(full)}", flush=True)
                    if kind != "date":  # (an even number of date edits ends with the original file)
                        article.write_text(original, encoding="utf-8")
                        saves += 1
                        preview.wait_idle(saves)  # this save's figures are not the next kind's
                browser.close()
            preview.wait_idle(saves)
            first_saves = saves
            before = preview.rss_kib()
            for number in range(args.memory_edits):
                article.write_text(original.rstrip("\n") + f"\n\nSpeicher {number}.\n", encoding="utf-8")
                saves += 1
                preview.wait_idle(saves)
            after = preview.rss_kib()
        finally:
            preview.stop()
    print(f"Memory of the preview and its processes (RSS, idle): {before / 1024:.0f} MiB after the first "
          f"{first_saves} saves, {after / 1024:.0f} MiB after {args.memory_edits} more: "
          f"{100 * (after - before) / before:+.1f} %; target ≤ +10 %")


if __name__ == "__main__":
    main()
