"""A strict, all-or-nothing build of every language's site: the full build, the check, and the preview's rebuild.

Pelican's own strictness (`--fatal warnings`) stops at the first warning, and a failed `pelican` run may have
written half of `output/` already. Here
- each language's site is an ordinary Pelican run (language_build.py) in a process of its own, in parallel, each
  into a fresh folder; every warning and error is a problem, and all of them are reported at once;
- the sites are put together (German at the root, the others in /uk/, /en/ …), and what needs all of them is
  checked or made: the language map against the pages written, links from one language's site into another, the
  sitemap and the search index, the finishing steps of the settings (FINISHING_STEPS: the web editor's page, the
  hosting files), and the whole output against the output gate;
- the result replaces the output folder only when everything was clean (output_folder.py).

Four ways in: `build` (everything), `check` (every check, nothing rendered, nothing kept: `invoke check`),
`rebuild` (the preview: only some languages, put in place of their old versions) and `render_pages` (the preview's
quick answer to a saved text: one language's checks, only the open pages rendered).
"""

import gc
import importlib
import io
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from pelican.settings import read_settings

from . import language_build, languages, output_folder, output_gate, search_index, sitemap


@dataclass
class BuildResult:
    ok: bool
    output_path: str
    seconds: float
    messages: list[str] = field(default_factory=list)
    report: str = ""
    content_path: str = ""


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


def build(settings_file="pelicanconf.py", output_path=None, overrides=None, stream=None, languages_to_build=None):
    """Build the site (or only `languages_to_build`, e.g. for a benchmark); on success replace `output_path`, on
    any problem leave it as it was."""
    run = _Run(settings_file, overrides, output_path, stream)
    return run.finish(run.build(languages_to_build or run.languages, run.staging_beside_output()),
                      keep=output_folder.swap_in, finishing_steps=True)


def check(settings_file="pelicanconf.py", overrides=None, stream=None):
    """Run every check without rendering pages and keep nothing: the output folder is not touched."""
    run = _Run(settings_file, dict(overrides or {}, **CHECK_ONLY_SETTINGS), None, stream)
    run.staging = output_folder.Staging(parent=_memory_folder(), prefix="sitebuild-check-")
    return run.finish(run.build(run.languages, run.staging.path, preload_plugins=True), keep=None,
                      finishing_steps=False, whole_site=False)


def _memory_folder():
    """Where a check writes its throwaway site: a folder in memory. The check writes some 200 small files and as
    many folders and deletes them again; on a disk (ext4 here) that took about 0.1 s of each language's worker,
    on a tmpfs a few milliseconds. An explicit TMPDIR is honoured (the tests look there for leftovers)."""
    if "TMPDIR" not in os.environ and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return "/dev/shm"
    return tempfile.gettempdir()


def rebuild(settings_file, languages_to_build, output_path=None, overrides=None, stream=None):
    """The preview: rebuild only `languages_to_build` and put them in place of their old versions; the other
    languages' sites stay as they are, and links into them are checked against them."""
    run = _Run(settings_file, overrides, output_path, stream)
    built = run.build(languages_to_build, run.staging_beside_output(), parallel=True)

    def keep(site, output_path):
        output_folder.swap_in_parts(site, output_path, run.base, languages_to_build)

    return run.finish(built, keep=keep, finishing_steps=False, borrow=languages_to_build)


def render_pages(settings_file, lang, pages, sources, output_path=None, overrides=None):
    """The preview's quick answer to saved texts (`sources`, content files that existed before): `lang`'s build,
    every check included, with only `pages` (site-relative paths of pages open in a browser) and the saved texts'
    own pages rendered (plugins/content_model/selected_pages.py); those replace their earlier versions in the output
    folder. Returns the site-relative paths replaced; none when the quick answer cannot be trusted to be the full
    build's (a problem, a page that appeared or vanished, a link into another language's site that now fails):
    then only the full rebuild that the preview runs next answers, and reports.
    """
    run = _Run(settings_file, overrides, output_path, None)
    prefix = languages.prefix(run.base, lang)
    others = tuple(languages.prefix(run.base, other) for other in run.languages if other != lang)
    own = [page[len(prefix):] for page in pages
           if page.startswith(prefix) and not any(other and page.startswith(other) for other in others)]
    earlier = os.path.join(run.output_path, prefix)
    run.overrides.update(RENDER_ONLY=own, RENDER_ONLY_SOURCES=list(sources), RENDER_ONLY_EARLIER_OUTPUT=earlier)
    built = run.build([lang], run.staging_beside_output(), parallel=True)
    try:
        result = built.results[0]
        if (built.messages or _check_deferred_links(built.deferred, run.output_path)
                or set(_pages_in(earlier, others if not prefix else ())) != {
                    path for path in result.written + result.not_rendered if path.endswith(".html")}):
            return []
        folder = os.path.join(built.site, prefix)
        for path in result.rendered:
            os.replace(os.path.join(folder, path), os.path.join(earlier, path))
        return [prefix + path for path in result.rendered]
    finally:
        run.remove_staging(built.staging)


def warm_up(settings_file, overrides=None):
    """Run the original language's build once in this process, rendering nothing and keeping nothing, so that what
    a build loads when it first needs it (lazily imported modules, compiled templates, expressions and parsers) is
    loaded: every build forked from this process afterwards starts warm. The preview's builder does this once
    (measured on the real site: its quick answer took 0.41 s without, 0.29 s with; bench/preview.py)."""
    run = _Run(settings_file, overrides, None, io.StringIO())
    with tempfile.TemporaryDirectory(prefix="sitebuild-warm-up-") as folder:
        # Links are looked up in an empty folder: the problems that makes are not anybody's, and not kept.
        run.overrides.update(RENDER_ONLY=[], RENDER_ONLY_SOURCES=[], RENDER_ONLY_EARLIER_OUTPUT=folder)
        run.build([run.base["ORIGINAL_LANG"]], os.path.join(folder, "staging"))


def _pages_in(folder, other_sites):
    """The HTML pages in a language's part of the output folder (without the other languages' sites in it)."""
    for parent, folders, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        relative = "" if relative == "." else relative + "/"
        folders[:] = [name for name in folders if relative + name + "/" not in other_sites]
        yield from (relative + name for name in names if name.endswith(".html"))


@dataclass
class _Built:
    staging: str
    site: str
    jobs: list
    messages: list
    deferred: list
    checked: set
    written: list
    results: list = field(default_factory=list)


class _Run:
    """One build: the settings, the language map, and the steps the three ways in share."""

    def __init__(self, settings_file, overrides, output_path, stream):
        self.settings_file = settings_file
        self.overrides = dict(overrides or {})
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.staging = None
        language_build.forget_earlier_builds()
        collector = language_build.Collector()
        logging.getLogger().addHandler(collector)
        try:
            self.base = read_settings(settings_file, override=self.overrides)
        finally:
            logging.getLogger().removeHandler(collector)
        self.messages = list(collector.messages)
        self.output_path = os.path.abspath(output_path or self.base["OUTPUT_PATH"])
        self.languages = self.base["SITE_LANGUAGES"]
        self.language_map, self.untranslated, self.titles = languages.translation_map(self.base)

    def staging_beside_output(self):
        self.staging = output_folder.Staging(self.output_path)
        return self.staging.path

    def build(self, to_build, staging, parallel=False, preload_plugins=False):
        """Every language of `to_build`, each into its folder in `staging`, then put together in staging/site."""
        base = self.base
        jobs = []
        try:  # from the first line: a Ctrl+C while the jobs are prepared must not leave the staging folder behind
            for lang in to_build:
                folder = (os.path.join(staging, "site") if lang == base["ORIGINAL_LANG"]
                          else os.path.join(staging, lang))
                changes = dict(self.overrides, **languages.overrides(base, lang, base["SITEURL"], self.language_map,
                                                                     self.titles))
                jobs.append((lang, folder, changes))
            if len(jobs) == 1 and not parallel:
                gc.enable()  # off in a check until here (sitebuild/__main__.py)
                results = [language_build.build_one_language(self.settings_file, jobs[0][2], jobs[0][1])]
            else:
                if preload_plugins:
                    _import_plugins(base)
                    # Nothing alive now is freed before this one-shot process ends. Frozen, it is skipped by the
                    # workers' garbage collections (and stays shared with them, not copied), and by the collections
                    # at this process's end, which took about 80 ms over these ~50,000 objects.
                    gc.freeze()
                # Forked workers start with everything imported; each language's build is independent of the
                # others. (The preview always forks: its server process stays as it was after each build.)
                context = multiprocessing.get_context("fork")
                # One worker per language even with fewer cores: equal-sized jobs finish together instead of one
                # language waiting for a core after the others.
                pool = ProcessPoolExecutor(max_workers=len(jobs), mp_context=context,
                                           initializer=_start_worker)
                try:
                    futures = [pool.submit(language_build.build_one_language, self.settings_file, changes, folder)
                               for _, folder, changes in jobs]
                    gc.enable()  # the workers are forked (all at the first submit); see sitebuild/__main__.py
                    results = [future.result() for future in futures]
                except KeyboardInterrupt:
                    # Ctrl+C: the workers ignore it (no traceback from each); stop them rather than wait for them.
                    workers = list(getattr(pool, "_processes", {}).values())
                    for process in workers:
                        process.terminate()
                    # Gone before the staging folder is removed: a worker still writing would leave parts of it.
                    for process in workers:
                        process.join(10)
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
                pool.shutdown()
        except BaseException:
            self.remove_staging(staging)
            raise
        built = _Built(staging, os.path.join(staging, "site"), jobs, list(self.messages), [], set(), [], results)
        for (lang, _, _), result in zip(jobs, results, strict=True):
            built.messages.extend(result.problems)
            built.deferred.extend(result.deferred_links)
            built.checked.update(result.checked)
            built.written.extend(languages.prefix(base, lang) + path for path in result.written)
        os.makedirs(built.site, exist_ok=True)
        for lang, folder, _ in jobs:
            if lang != base["ORIGINAL_LANG"] and os.path.isdir(folder):
                os.rename(folder, os.path.join(built.site, lang))
        return built

    def finish(self, built, keep, finishing_steps, whole_site=True, borrow=None):
        """The checks that need every language's site, the finishing steps, the output gate; then `keep` the
        site (replace the output folder with it) if nothing was wrong. Returns the BuildResult."""
        base, messages = self.base, built.messages
        try:
            if not messages:
                messages.extend(self._unwritten_pages(built))
            if borrow is not None:
                output_folder.borrow_unbuilt_parts(built.site, self.output_path, base, borrow)
            if not messages:
                messages.extend(_check_deferred_links(built.deferred, built.site))
            if whole_site and not messages:
                messages.extend(self._whole_site(built.site))
            if finishing_steps and not messages:
                # The web editor's page and the hosting files (FINISHING_STEPS), after the sitemap and the search
                # index (neither lists the web editor), checked by the output gate below (compressed copies of
                # checked files are allowed there).
                for name in base.get("FINISHING_STEPS", []):
                    messages.extend(_step(name)(built.site, base) or [])
            if whole_site and not messages:
                # What came after the language builds (sitemap, search index, finishing steps); the rest they checked.
                borrowed = [name for name in os.listdir(built.site)
                            if os.path.islink(os.path.join(built.site, name))] if borrow is not None else []
                messages.extend(output_gate.check(built.site, base, borrowed=borrowed, checked=built.checked))
            messages = list(dict.fromkeys(messages))  # a German original's problem is found by every language
            for message in messages:
                self.stream.write(message + "\n")
            report = (languages.untranslated_report(self.untranslated, base)
                      if len(built.jobs) > 1 else "")
            if not messages and keep is not None:
                keep(built.site, self.output_path)
            return BuildResult(not messages, self.output_path, time.perf_counter() - self.started, messages, report,
                               base["PATH"])
        finally:
            self.remove_staging(built.staging)

    def remove_staging(self, path):
        if self.staging is not None:
            self.staging.remove()
        else:
            shutil.rmtree(path, ignore_errors=True)

    def _unwritten_pages(self, built):
        """The language switch and hreflang links were made before the builds, from the URL settings: every page
        they name must be one that a build wrote."""
        return [f"{url}: Die Sprachumschaltung verweist auf diese Seite, die der Build nicht geschrieben hat — die "
                "URL-Einstellungen (…_URL, PAGINATION_FOLDERS, PARTNER_FOLDERS in pelicanconf.py) und "
                "sitebuild/languages.py passen nicht zusammen; melden Sie das den Entwicklern."
                for url in languages.missing_pages(self.language_map, built.written, [job[0] for job in built.jobs])]

    def _whole_site(self, site):
        """What needs every language's pages: the sitemap and the search index. Returns problems."""
        base = self.base
        if base.get("SITEMAP", True):
            sitemap.write(site, self.language_map, base["SITEURL"].rstrip("/"), base["ORIGINAL_LANG"])
        return search_index.build(site) if base.get("SEARCH_INDEX") else []


# Modules each language's build imports on first use (Jinja's i18n extension, Pillow's AVIF and WebP encoders that
# the photos plugin asks about, the emoji table rich loads to draw Pelican's summary): about 8 ms per worker.
_USED_BY_EVERY_WORKER = ("jinja2.ext", "PIL._webp", "PIL._avif", "rich._emoji_codes")


def _import_plugins(settings):
    """Import the plugins once here, before the workers are forked, instead of once in each worker (Pelican skips
    a plugin already imported). Only where this process ends after the build (`check`): the preview's server
    process would otherwise keep a plugin's code from before an edit. A plugin that fails to import is left to the
    workers, which report it as before."""
    from pelican.plugins._utils import load_plugins

    logging.disable(logging.CRITICAL)
    try:
        load_plugins(settings)
    except Exception:  # noqa: BLE001, S110 - reported by each worker's own import of it
        pass
    finally:
        logging.disable(logging.NOTSET)
    for name in _USED_BY_EVERY_WORKER:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a Pillow without AVIF: the photos plugin reports it


def _start_worker():
    gc.enable()  # off in a check's parent until the fork (sitebuild/__main__.py)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent that handles these (the preview's builder) must still be able to end a worker with terminate().
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _step(name):
    """A finishing step named in the settings ("editors.cms_admin.install_admin"): a function (site, settings)
    that returns problems. Named, not imported here, so that the build depends on none of them."""
    module, function = name.rsplit(".", 1)
    return getattr(importlib.import_module(module), function)


def _check_deferred_links(deferred, site_root):
    from build_report.report import Problem
    from content_model.links import check_site_path

    problems = []
    for link in deferred:
        message = check_site_path(site_root, link.site_path)
        if message:
            problems.append(str(Problem(link.path, link.line, "Text", message.format(link=link.link),
                                        "prüfen Sie die Adresse.")))
    return problems
