"""A strict, all-or-nothing Pelican build of every language's site.

Pelican's own strictness (`--fatal warnings`) stops at the first warning, and a failed `pelican` run may have
written half of `output/` already. This wrapper
- treats every warning and error logged during the build (Pelican's, our plugins', a plugin that failed to
  load) as fatal, but lets the build run on so that all of them are reported at once;
- builds each language's site (sitebuild/languages.py) in a process of its own, in parallel, each into a
  fresh folder, then puts them together (German at the root, the others in /uk/, /en/ …);
- checks the links that lead from one language's site into another once all of them exist;
- swaps the result in only when everything was clean, so a failed build leaves the last good site untouched.
"""

import contextlib
import io
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from . import languages, sitemap

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))
from build_report import report as report_plugin  # noqa: E402 - plugins/ is not a package

REPORT_LOGGER = "build_report.problems"


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    messages: list[str] = field(default_factory=list)
    report: str = ""


class _Collector(logging.Handler):
    """Keeps every warning or error as one plain line (no wrapping: paths stay whole in CI logs). The problems the
    plugins found come from the build's report, typed; their log lines (for plain `pelican` runs) are left out."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        if record.name.startswith(REPORT_LOGGER):
            return
        message = record.getMessage()
        if record.exc_info and record.levelno >= logging.ERROR:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        self.messages.append(message)


def _forget_earlier_builds():
    """Pelican's log filter drops a message it has seen before, even from an earlier build in this process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    LimitFilter._ignore.clear()


@dataclass
class LanguageResult:
    """What one language's build found and wrote (from its report, plugins/build_report, and its log)."""

    problems: list  # lines for the editor: the report's problems, then other warnings and errors
    deferred_links: list
    written: list
    checked: set  # files of the output gate's, relative to the whole site


def _build_one_language(settings_file, overrides, output_path):
    """Build one language's site into `output_path` and check what it wrote (output gate)."""
    _forget_earlier_builds()
    collector = _Collector()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers[:] = [collector]
    root.setLevel(logging.WARNING)
    report = None
    try:
        settings = read_settings(settings_file, override=dict(overrides, OUTPUT_PATH=output_path))
        try:
            # A check run reports problems only, not Pelican's summary of what it would have written.
            quiet = contextlib.redirect_stdout(io.StringIO()) if settings.get("CHECK_ONLY") else contextlib.nullcontext()
            with quiet:
                Pelican(settings).run()
        except Exception as error:  # noqa: BLE001 - every failure must end as a failed build, not a traceback
            log = logging.getLogger(__name__)
            found = settings.get(report_plugin.SETTING)
            if (found is not None and found.problems) or collector.messages:
                # Content with problems can break a template; the problems found are what the editor must fix.
                log.error("Weitere Prüfungen wurden wegen der Probleme oben übersprungen (%s).", type(error).__name__)
            else:
                log.error("Der Build ist abgebrochen: %s: %s", type(error).__name__, error, exc_info=True)
        # The report is in this run's settings, whether the run finished or not (plugins/build_report).
        report = settings.get(report_plugin.SETTING)
        problems = [str(problem) for problem in sorted(report.problems)] if report else []
        if report is None and not collector.messages:
            collector.messages.append("Der Build hat keinen Bericht geschrieben (Plugin build_report fehlt?).")
        checked = set()
        if not problems and not collector.messages and not settings.get("CHECK_ONLY"):
            # This language's pages, checked here, in parallel with the other languages' builds.
            from . import output_gate

            prefix = "" if settings["DEFAULT_LANG"] == settings["ORIGINAL_LANG"] else f"{settings['DEFAULT_LANG']}/"
            collector.messages.extend(output_gate.check(output_path, settings, prefix=prefix, seen=checked,
                                                        site_url=settings.get("MAIN_SITEURL")))
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    return LanguageResult(problems + collector.messages, report.deferred_links if report else [],
                          report.written if report else [], checked)


def _unique(messages):
    """Problems of a German original are found by every language's build; report each once."""
    return list(dict.fromkeys(messages))


def _swap_in(new_output, output_path):
    old = None
    if os.path.exists(output_path):
        old = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(output_path))
        os.rename(output_path, os.path.join(old, "site"))
    os.rename(new_output, output_path)
    if old:
        shutil.rmtree(old)


def _other_languages(settings):
    return [lang for lang in settings["SITE_LANGUAGES"] if lang != settings["ORIGINAL_LANG"]]


def _borrow_unbuilt_parts(site, output_path, settings, built):
    """Complete a partial build's staging site with links to the current output's other parts, so that links
    into them can be checked as usual."""
    if not os.path.isdir(output_path):
        return
    if settings["ORIGINAL_LANG"] in built:
        borrowed = [lang for lang in _other_languages(settings) if lang not in built]
    else:
        borrowed = [name for name in os.listdir(output_path) if name not in built]
    for name in borrowed:
        if os.path.exists(os.path.join(output_path, name)) and not os.path.exists(os.path.join(site, name)):
            os.symlink(os.path.join(output_path, name), os.path.join(site, name))


def _swap_in_parts(site, output_path, settings, built):
    """Put a partial build's languages in place of their old versions; leave the other languages alone."""
    if settings["ORIGINAL_LANG"] in built or not os.path.isdir(output_path):
        # The original's site holds the others' folders: keep the current ones that were not rebuilt.
        for name in os.listdir(site):
            link = os.path.join(site, name)
            if os.path.islink(link):
                os.remove(link)
                os.rename(os.path.join(output_path, name), link)
        _swap_in(site, output_path)
        return
    trash = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(output_path))
    try:
        for lang in built:
            if os.path.exists(os.path.join(output_path, lang)):
                os.rename(os.path.join(output_path, lang), os.path.join(trash, lang))
            os.rename(os.path.join(site, lang), os.path.join(output_path, lang))
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def _check_deferred_links(deferred, site_root):
    from content_model.links import check_site_path

    problems = []
    for link in deferred:
        message = check_site_path(site_root, link.site_path)
        if message:
            problems.append(str(report_plugin.Problem(link.path, link.line, "Text", message.format(link=link.link),
                                                      "prüfen Sie die Adresse.")))
    return problems


UNUSED_PAGEFIND_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def _finish_site(settings, site, language_map):
    """What needs every language's pages: the sitemap and the search index. Returns problems."""
    if settings.get("SITEMAP", True):
        sitemap.write(site, language_map, settings["SITEURL"].rstrip("/"), settings["ORIGINAL_LANG"])
    if not settings.get("SEARCH_INDEX"):
        return []
    return build_search_index(site)


def build_search_index(site):
    """Pagefind's index of the built site in /pagefind/ (one per <html lang>). Returns problems.

    Also run by the preview (after the pages have reloaded) and timed alone by bench/publish_pipeline.py.
    """
    # Pagefind (pagefind[bin] from PyPI) is called as its binary: `python -m pagefind` would only start another
    # Python to start it (0.13 s of a 2 s build).
    from pagefind_bin import get_executable

    result = subprocess.run([str(get_executable()), "--site", site, "--silent"], capture_output=True, text=True)
    if result.returncode:
        return [f"Der Suchindex (Pagefind) ließ sich nicht bauen: {(result.stderr or result.stdout).strip()}"]
    # Pagefind also writes its ready-made search interfaces; our page uses its JS API only (theme/static/js), so
    # these would be unused code published under our name.
    bundle = os.path.join(site, "pagefind")
    for name in os.listdir(bundle):
        if name.startswith(UNUSED_PAGEFIND_FILES):
            os.remove(os.path.join(bundle, name))
    _sort_pagefind_languages(os.path.join(bundle, "pagefind-entry.json"))
    return []


def _sort_pagefind_languages(entry_path):
    """Pagefind lists its indexes per language in hash-map order, which changes from run to run; sorted, two
    builds of the same commit are byte-identical (the rest of its output already is)."""
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    with open(entry_path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, separators=(",", ":"), ensure_ascii=False)


# A check run (`invoke check`): every check of the build, but no rendering (plugins/content_model/dry_run.py),
# nothing that only serves readers, and nothing kept.
CHECK_ONLY_SETTINGS = {
    "CHECK_ONLY": True,
    "SEARCH_INDEX": False,
    "SITEMAP": False,
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TYPOGRIFY": False,
}


def build(settings_file="pelicanconf.py", output_path=None, overrides=None, stream=None, languages_to_build=None,
          check_only=False, partial=False):
    """Build the site; on success replace `output_path`, on any warning or error leave it as it was.

    With `check_only`, run every check without rendering pages and keep nothing: `output_path` is not touched.
    With `partial` (the preview), rebuild only `languages_to_build` and replace only their part of `output_path`;
    the other languages' sites stay as they are, and links into them are checked against them.
    """
    stream = stream or sys.stderr
    started = time.perf_counter()
    overrides = dict(overrides or {}, **(CHECK_ONLY_SETTINGS if check_only else {}))
    _forget_earlier_builds()
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    try:
        base = read_settings(settings_file, override=overrides)
    finally:
        logging.getLogger().removeHandler(collector)
    output_path = os.path.abspath(output_path or base["OUTPUT_PATH"])
    if check_only:
        staging = tempfile.mkdtemp(prefix="sitebuild-check-")
    else:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".output-new-", dir=os.path.dirname(output_path))
    to_build = languages_to_build or base["SITE_LANGUAGES"]
    try:
        language_map, untranslated, titles = languages.translation_map(base)
        jobs = []
        for lang in to_build:
            folder = os.path.join(staging, "site") if lang == base["ORIGINAL_LANG"] else os.path.join(staging, lang)
            changes = dict(overrides, **languages.overrides(base, lang, base["SITEURL"], language_map, titles))
            jobs.append((lang, folder, changes))
        messages = list(collector.messages)
        deferred = []
        if len(jobs) == 1 and not partial:
            results = [_build_one_language(settings_file, jobs[0][2], jobs[0][1])]
        else:
            # Forked workers start with everything imported; each language's build is independent of the others.
            # (The preview always forks: its server process stays as it was after each build.)
            context = multiprocessing.get_context("fork")
            # One worker per language even with fewer cores: equal-sized jobs finish together instead of one
            # language waiting for a core after the others.
            with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
                futures = [pool.submit(_build_one_language, settings_file, changes, folder)
                           for _, folder, changes in jobs]
                results = [future.result() for future in futures]
        checked, written = set(), []
        for (lang, _, _), result in zip(jobs, results, strict=True):
            messages.extend(result.problems)
            deferred.extend(result.deferred_links)
            checked.update(result.checked)
            written.extend(languages.prefix(base, lang) + path for path in result.written)
        if not messages:
            # The language switch and hreflang links were made before the builds, from the URL settings: every
            # page they name must be one that a build wrote.
            for url in languages.missing_pages(language_map, written, [lang for lang, _, _ in jobs]):
                messages.append(f"{url}: Die Sprachumschaltung verweist auf diese Seite, die der Build nicht "
                                "geschrieben hat — die URL-Einstellungen (…_URL, PAGINATION_FOLDERS, PARTNER_FOLDERS "
                                "in pelicanconf.py) und sitebuild/languages.py passen nicht zusammen; melden Sie das "
                                "den Entwicklern.")
        site = os.path.join(staging, "site")
        os.makedirs(site, exist_ok=True)
        for lang, folder, _ in jobs:
            if lang != base["ORIGINAL_LANG"] and os.path.isdir(folder):
                os.rename(folder, os.path.join(site, lang))
        if partial:
            _borrow_unbuilt_parts(site, output_path, base, [lang for lang, _, _ in jobs])
        if not messages:
            messages.extend(_check_deferred_links(deferred, site))
        if not messages and not check_only:
            messages.extend(_finish_site(base, site, language_map))
        # The editors' web interface at /admin/ (only with CMS_REPO; cms/README.md), after the sitemap and the
        # search index, so that neither lists it.
        if not messages and not check_only and not partial:
            from .cms_config import install_admin

            messages.extend(install_admin(site, base))
        # What a browser will get, checked as a browser reads it, before anything is compressed or swapped in.
        if not messages and not check_only:
            from . import output_gate

            # What the language builds checked is left out; what came after (sitemap, search index, web editor) not.
            borrowed = [name for name in os.listdir(site) if os.path.islink(os.path.join(site, name))] if partial else []
            messages.extend(output_gate.check(site, base, borrowed=borrowed, checked=checked))
        # --- Hosting (publish build only, hosting/README.md): `_headers` for Netlify/Cloudflare, then .br/.gz ------
        if not messages and not check_only and not partial:
            from . import compress, headers

            if base.get("HEADERS_FILE"):
                headers.write_headers_file(base, site)
            if base.get("PRECOMPRESS"):
                compress.compress_site(site)
        # --- end of hosting ---------------------------------------------------------------------------------------
        messages = _unique(messages)
        for message in messages:
            stream.write(message + "\n")
        report = languages.untranslated_report(untranslated, base) if len(to_build) > 1 else ""
        ok = not messages
        if ok and partial:
            _swap_in_parts(site, output_path, base, [lang for lang, _, _ in jobs])
        elif ok and not check_only:
            _swap_in(site, output_path)
        return BuildResult(ok, output_path, time.perf_counter() - started, messages, report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
