"""Lighthouse scores of each kind of page (a benchmark, not a test). Target: 100 in performance,
accessibility, best practices and SEO, on Lighthouse's default mobile settings.

Lighthouse 12.2.3 (bench/lighthouse/package.json; the last release that runs on Node 20) drives Debian's
chromium against the site built with the live settings and served on 127.0.0.1 with the same strict
Content-Security-Policy as the browser tests. Each page is measured three times; the median is printed.

    (cd bench/lighthouse && npm ci)     # once
    python bench/lighthouse.py [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, chromium_path, serve  # noqa: E402

PAGE_KINDS = {
    "home": "",
    "article": "lieferungen/2022-12-07-zehn-spezialfahrzeuge/",
    "kind listing": "lieferungen/",
    "page": "partnerschaft/",
    "page (Mykolajiw, map)": "mykolajiw/",
    "chronicle": "chronik/",
    "delivery log": "lieferliste/",
    "partner overview": "partner/",
    "partner page": "partner/hanova/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(url, scratch):
    report = scratch / "report.json"
    flags = " ".join(flag for flag in CHROMIUM_FLAGS if flag != "--headless") + " --headless=new"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        check=True, capture_output=True, env=dict(os.environ, CHROME_PATH=chromium_path()), timeout=300,
    )
    data = json.loads(report.read_text())
    failed = [audit["id"] for audit in data["audits"].values()
              if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    return {category: round(data["categories"][category]["score"] * 100) for category in CATEGORIES}, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: (cd bench/lighthouse && npm ci)")
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as scratch:
        scratch = Path(scratch)
        output = scratch / "output"
        with serve(output) as url:
            subprocess.run([sys.executable, "-m", "sitebuild", "--settings", "publishconf.py", "--output",
                            str(output), "--siteurl", url], cwd=ROOT, check=True, capture_output=True)
            print(f"{'page':22} " + " ".join(f"{category:>15}" for category in CATEGORIES))
            for kind, path in PAGE_KINDS.items():
                runs, failures = [], set()
                for _ in range(args.runs):
                    scores, failed = run_lighthouse(f"{url}/{path}", scratch)
                    runs.append(scores)
                    failures.update(failed)
                medians = {category: statistics.median(run[category] for run in runs) for category in CATEGORIES}
                print(f"{kind:22} " + " ".join(f"{medians[category]:>15.0f}" for category in CATEGORIES)
                      + (f"   failed audits: {', '.join(sorted(failures))}" if failures else ""))
    print(f"median of {args.runs} runs per page, Lighthouse 12.2.3, mobile; target 100 everywhere")


if __name__ == "__main__":
    main()
