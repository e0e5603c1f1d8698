"""Signal handlers of the content model plugin: one handler per job, registered in `register()`."""

import logging
import os

from pelican import signals
from pelican.contents import Static

import build_report

from . import dry_run, html_gate, links, problems, published_files, rendered, selected_pages, state, typography
from .reader import MARKDOWN_EXTENSIONS, ContentModelReader
from .source_lines import Occurrences, line_in_file

logger = logging.getLogger(__name__)


def start_build(pelican):
    """Forget the URLs of any earlier build in this process."""
    state.reset(pelican.settings)
    links.forget_written_files()
    typography.set_type(not pelican.settings.get("CHECK_ONLY"))
    if pelican.settings.get("TYPOGRIFY"):
        typography.remember_typogrify_results()


def use_content_model_reader(readers):
    for extension in MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = ContentModelReader
    # Only Markdown is content here: a stray .rst or .html file would otherwise be published unchecked.
    for extension in ("rst", "html", "htm"):
        readers.reader_classes[extension] = None


def gate_published_html(content):
    """Every text's HTML, as it will be written (after typogrify and the other steps that follow the reader),
    through the allowlist (html_gate). What fails is reported and replaced by nothing."""
    if isinstance(content, Static):
        return
    found = []
    directives = tuple(content.settings.get("HTML_COMMENT_DIRECTIVES", ()))
    folder = content.settings.get("HTML_GATE_CACHE_PATH")
    cache = rendered.open_cache(folder, {"gate": html_gate.FINGERPRINT, "directives": directives},
                                content.settings.get("DEFAULT_LANG", "all")) if folder else None
    if content._content:
        content._content = _gated(content._content, directives, cache, found)
    if content.metadata.get("summary"):
        # Pelican keeps a Summary field twice; pages and feeds take the metadata's.
        content._summary = content.metadata["summary"] = _gated(content.metadata["summary"], (), cache, found)
    occurrences = Occurrences()
    for violation in found:
        line = line_in_file(content.source_path, violation.needle, occurrences.next(content.source_path,
                                                                                    violation.needle))
        problems.add(content.settings, content.source_path, line, "Text", violation.what, violation.fix)
    if found:
        content._content = ""
        if "summary" in content.metadata:
            content._summary = content.metadata["summary"] = ""


def _gated(html, directives, cache, found):
    """The gate's result for `html`, from the cache when this HTML passed this gate before."""
    passed = cache.get(html) if cache else None
    if passed is not None:
        return passed
    result = html_gate.gate(html, directives=directives)
    found.extend(result.violations)
    if cache and not result.violations:
        cache.put(html, result.html)
    return result.html


def expose_content_model(generator):
    """Let templates list the kinds in their defined order and look up their labels."""
    generator.context["ARTICLE_KINDS"] = generator.settings["ARTICLE_KINDS"]


def fix_article_urls(generator):
    """An article's URL depends only on its category and slug, both final now; Pelican would expand the URL
    pattern on every access, and listings, neighbours and partner pages ask for it many times."""
    for article in (generator.articles + generator.translations + generator.hidden_articles
                    + generator.hidden_translations + generator.drafts + generator.drafts_translations):
        article.override_url = article.url


def link_neighbours_of_same_kind(generator):
    """Give each article its older and newer neighbour of the same kind, for "previous / next" links."""
    for article in (generator.articles + generator.translations + generator.hidden_articles
                    + generator.hidden_translations + generator.drafts + generator.drafts_translations):
        article.previous_of_kind = article.next_of_kind = None  # drafts and hidden ones have no neighbours
    for _category, articles in generator.categories:
        ordered = sorted(articles, key=lambda article: (article.date, article.slug))
        for index, article in enumerate(ordered):
            article.previous_of_kind = ordered[index - 1] if index > 0 else None
            article.next_of_kind = ordered[index + 1] if index + 1 < len(ordered) else None


def check_cooperations_have_both_sides(generators):
    """A cooperation is an agreement between the two sides; the partner registry knows each party's side."""
    sides = list(generators[0].settings.get("PARTNER_GROUPS") or {}) if generators else []
    if len(sides) < 2:
        return
    for content in state.current.context.get("generated_content", {}).values():
        if getattr(content, "kind", None) != "kooperation" or getattr(content, "has_problems", False):
            continue
        parties = getattr(content, "parties", []) or []
        if not parties or not all(hasattr(party, "side") for party in parties):
            continue  # unknown names are reported by the partner plugin
        if {party.side for party in parties} != set(sides):
            present = ", ".join(sorted({str(party.side_label) for party in parties}))
            problems.add(
                content.settings,
                content.source_path,
                getattr(content, "field_lines", {}).get("parties", 1),
                "parties",
                f"Alle Vertragspartner gehören zu einer Seite ({present})",
                "nennen Sie die Vertragspartner beider Seiten, z. B. „Parties: hanova, svii-dim“.",
            )


def report_duplicates(generators):
    """All content is read: two files that claim the same URL, or the same text in the same language."""
    state.report_duplicate_slugs(state.current)
    state.report_duplicate_versions(state.current)


def save_caches(pelican):
    """The rendered Markdown and the checked HTML of this build, for the next (rendered.py)."""
    rendered.save_all()


def check_links(pelican):
    """After writing: where do the links of every text lead? Links into another language's site go into the
    report, to be checked when every language's site exists."""
    settings = pelican.settings
    output_path = settings["OUTPUT_PATH"]
    siteurl = settings["SITEURL"]
    main_siteurl = settings.get("MAIN_SITEURL", siteurl)
    report = problems.report(settings)
    # A text with a mistake is written as an empty stand-in: a link to it (or to its anchors) is not a second
    # mistake, and the editor hears only of the first one.
    stand_ins = {os.path.join(output_path, content.save_as) for content in _written_content(pelican)
                 if getattr(content, "has_problems", False)}
    occurrences = Occurrences()
    for content in _written_content(pelican):
        for link, problem, elsewhere, target in links.links_to_check(
                content, output_path, siteurl, main_siteurl, settings.get("PUBLIC_SITEURL", ""),
                earlier_output=settings.get("RENDER_ONLY_EARLIER_OUTPUT")):
            if (problem is None and elsewhere is None) or target in stand_ins:
                continue
            line = line_in_file(content.source_path, link, occurrences.next(content.source_path, link))
            if elsewhere is not None:
                report.add_deferred_link(content.source_path, line, link, elsewhere)
                continue
            fix = next(fix for start, fix in links.FIXES.items() if problem.startswith(start))
            report.add_problem(content.source_path, line, "Text", problem.format(link=link), fix)


def _written_content(pelican):
    """Articles and pages that have an output file, taken from the context the generators shared."""
    seen = set()
    for content in state.current.context.get("generated_content", {}).values():
        if content is None or id(content) in seen or not getattr(content, "save_as", None):
            continue
        if getattr(content, "content_type", None) not in ("article", "page"):
            continue
        if getattr(content, "status", "") == "draft" and not pelican.settings.get("DRAFT_SAVE_AS"):
            continue
        seen.add(id(content))
        yield content


def publish_only_used_files(generator):
    """Of the files in the content folders, only those a published text uses, of the types the site serves
    (published_files.py); a symbolic link in the content or theme folders fails the build."""
    settings = generator.settings
    report = problems.report(settings)
    for link in published_files.symbolic_links([settings["PATH"], settings["THEME"]]):
        report.add_problem(link, 0, "", *published_files.SYMLINK_PROBLEM)
    contents = [content for content in generator.context.get("generated_content", {}).values()
                if published_files.is_published(content, settings)]
    used = published_files.used_files(contents)
    checked_with_their_line = {os.path.relpath(path, settings["PATH"]).replace(os.sep, "/")
                               for path in report.checked_files}
    for problem in published_files.type_problems(used) + published_files.svg_problems(
            {path: users for path, users in used.items() if path not in checked_with_their_line}, settings["PATH"]):
        report.add_problem(problem.path, line_in_file(problem.path, problem.needle), "", problem.message, problem.fix)
    root = settings["PATH"]
    # In place: the context shares this list, and the static generator copies what the context holds.
    generator.staticfiles[:] = [
        static for static in generator.staticfiles
        if not os.path.islink(static.source_path)
        and os.path.relpath(static.source_path, root).replace(os.sep, "/") in used
        and os.path.splitext(static.source_path)[1].lower() in published_files.PUBLISHED_TYPES
    ]
    generator.context["static_content"] = {
        key: static for key, static in generator.context.get("static_content", {}).items()
        if static in generator.staticfiles
    }
    _write_static_files_once(generator)


def _write_static_files_once(generator):
    """Images are written by the original language's site only; the other sites link to them there. A run that
    renders only some pages (selected_pages.py) writes none: the earlier build's are in place."""
    if generator.settings.get("CHECK_ONLY") and generator.settings.get("WRITE_STATIC_FILES", True):
        dry_run.touch_static_files(generator)
    if not generator.settings.get("WRITE_STATIC_FILES", True) or selected_pages.active(generator.settings):
        # Emptied in place: the context shares this list, and the generator writes what the context holds.
        generator.staticfiles.clear()


def writer_for_checks(pelican):
    """A check run (CHECK_ONLY) writes every file name, with only what the link check reads; the preview's quick
    run (RENDER_ONLY) renders only the pages it names."""
    if pelican.settings.get("CHECK_ONLY"):
        return dry_run.IdsOnlyWriter
    return selected_pages.SelectedPagesWriter if selected_pages.active(pelican.settings) else None


def remember_context(generators):
    """The context all generators share; `finalized` gets only the Pelican object."""
    if generators:
        state.current.context = generators[0].context


def register():
    # Problems, deferred links and what was written go into the build's report: that plugin writes it.
    build_report.register()
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_content_model_reader)
    signals.content_object_init.connect(gate_published_html)
    signals.generator_init.connect(expose_content_model)
    signals.article_generator_finalized.connect(fix_article_urls)
    signals.article_generator_finalized.connect(link_neighbours_of_same_kind)
    signals.static_generator_finalized.connect(publish_only_used_files)
    signals.get_writer.connect(writer_for_checks)
    signals.all_generators_finalized.connect(remember_context)
    signals.all_generators_finalized.connect(check_cooperations_have_both_sides)
    signals.all_generators_finalized.connect(report_duplicates)
    signals.finalized.connect(check_links)
    signals.finalized.connect(save_caches)
