"""The partner generator: reads the registry, resolves references, writes partner pages and partners.json."""

import json
import logging
import os
from itertools import chain
from urllib.parse import urljoin

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator
from pelican.contents import SkipStub
from pelican.utils import process_translations

from . import references
from .messages import Messages
from .registry import Partner, check_partner

logger = logging.getLogger(__name__)
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


# Where a site keeps its build report (plugins/build_report), if it has one: looked up by name, so that this plugin
# needs nothing else to run.
REPORT_SETTING = "BUILD_REPORT"


class PartnerProblems(Exception):
    """Raised after all problems have been logged, so that `pelican` exits with an error."""

    exitcode = 1


def display_path(path):
    """Relative to the working folder when inside it (as editors see it), else absolute."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


class PartnerGenerator(Generator):
    """Runs after the article and page generators, so every article and page is known when it starts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The plugin's own templates come last: a theme's partner.html, partners.html or partner_list.html win.
        self.env.loader = ChoiceLoader([self.env.loader, FileSystemLoader(TEMPLATES)])
        self.messages = Messages(self.settings)
        self.partners = []
        self.translations = []
        self.problems = []

    # --- reading -------------------------------------------------------------------------------------------

    def generate_context(self):
        self.problems = []
        all_partners = []
        for path in self.get_files(self.settings["PARTNER_PATHS"], extensions=self.readers.extensions):
            partner = self.readers.read_file(base_path=self.path, path=path, content_class=Partner,
                                             context=self.context)
            if isinstance(partner, SkipStub):
                continue
            # Known as a source: never copied as a static file, and `{filename}` links can point to it.
            self.add_source_path(partner)
            if "slug" not in partner.metadata:
                partner.slug = os.path.splitext(os.path.basename(path))[0]
            partner._post_init(self.settings)
            for problem in check_partner(partner, self.settings, self.messages):
                self.problems.append((partner.source_path, *problem))
            if partner.logo:
                # The logo is a file of the content folder that this partner's page uses: published with it
                # (check_partner has dropped a logo it refused, so that nothing else reports it again).
                partner.published_files = {partner.logo_path}
            if partner.status == "published":
                all_partners.append(partner)
        self._report_duplicates(all_partners)
        self.partners, self.translations = process_translations(all_partners, translation_id="slug")
        self.partners.sort(key=self._sort_key)
        registry = {partner.slug: partner for partner in self.partners}

        contents = list(references.content_objects(self.context))
        for problem in references.resolve(contents, registry, self.settings, self.messages):
            self.problems.append(problem)
        references.collect_activities(self.context.get("articles", []), self.partners, self.settings)
        if registry:
            for problem in references.expand_list_markers(contents, self, self.partners):
                self.problems.append(problem)

        self.context["partners"] = self.partners
        self.context["partner_registry"] = registry
        self.context["partner_groups"] = self.groups()
        self._report()

    def _sort_key(self, partner):
        groups = list(self.settings.get("PARTNER_GROUPS") or {})
        kinds = list(self.settings.get("PARTNER_KINDS") or {})
        return (
            groups.index(partner.side) if partner.side in groups else len(groups),
            kinds.index(partner.kind) if partner.kind in kinds else len(kinds),
            partner.raw_label.casefold(),
        )

    def groups(self, partners=None):
        """[(side, side label, [(kind, kind label, [partners])])] in the order of the settings."""
        partners = self.partners if partners is None else partners
        result = []
        for partner in sorted(partners, key=self._sort_key):
            if not result or result[-1][0] != partner.side:
                result.append((partner.side, partner.side_label, []))
            kinds = result[-1][2]
            if not kinds or kinds[-1][0] != partner.kind:
                kinds.append((partner.kind, partner.kind_label, []))
            kinds[-1][2].append(partner)
        return result

    def _report_duplicates(self, partners):
        by_slug = {}
        for partner in partners:
            by_slug.setdefault((partner.slug, partner.lang), []).append(partner)
        for (slug, _lang), holders in by_slug.items():
            if len(holders) < 2:
                continue
            holders.sort(key=lambda p: p.source_path)
            first = holders[0]
            for partner in holders[1:]:
                # lhh.md beside lhh.markdown is one text written twice, which the site's reader reports; a
                # second message about the same two files would count one mistake twice.
                if os.path.splitext(partner.source_path)[0] == os.path.splitext(first.source_path)[0]:
                    continue
                message, fix = self.messages("duplicate", slug=slug, others=display_path(first.source_path))
                lines = getattr(partner, "field_lines", {}) or {}
                line = lines.get("slug", 1) if lines else 0
                self.problems.append((partner.source_path, line, "slug", message, fix))
            for number, partner in enumerate(holders[1:], start=2):
                partner.slug = f"{slug}-{number}"  # keeps Pelican from warning about the same clash

    def _report(self):
        """Into the build's report when the site has one (plugins/build_report: it logs them at the end); this
        plugin also runs without it, and then logs them itself."""
        report = self.settings.get(REPORT_SETTING)
        for path, line, field, message, fix in sorted(self.problems, key=lambda p: (p[0], p[1], p[2])):
            if report is not None:
                report.add_problem(path, line, field, message, fix)
                continue
            where = f"{display_path(path)}:{line}" if line else display_path(path)
            logger.error("%s:%s %s — %s", where, f" {field}:" if field else "", message, fix)

    def fail_if_problems(self):
        """Without a build report, a plain `pelican` run must still fail when partners have problems."""
        if self.problems and self.settings.get(REPORT_SETTING) is None:
            raise PartnerProblems(self.messages("problems", count=len(self.problems)))

    # --- writing -------------------------------------------------------------------------------------------

    def generate_output(self, writer):
        if not self.partners:
            return  # a site without partners stays exactly as it was
        for partner in chain(self.translations, self.partners):
            writer.write_file(
                partner.save_as,
                self.get_template(partner.template),
                self.context,
                partner=partner,
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=hasattr(partner, "override_save_as"),
                url=partner.url,
            )
        index_save_as = self.settings["PARTNERS_INDEX_SAVE_AS"]
        if index_save_as:
            writer.write_file(
                index_save_as,
                self.get_template("partners"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings["PARTNERS_INDEX_URL"],
            )
        if self.settings["PARTNERS_JSON_SAVE_AS"]:
            self._write_json()

    def _write_json(self):
        siteurl = self.settings.get("SITEURL", "")
        records = [
            {
                "name": partner.raw_name,
                "short_name": partner.slug,
                "kind": partner.kind,
                "side": partner.side,
                "website": partner.website,
                "url": urljoin(siteurl + "/", partner.url) if siteurl else "/" + partner.url,
                "activity_count": partner.activity_count,
            }
            for partner in self.partners
        ]
        # Escaping <, > and & keeps the file safe even if someone embeds it in an HTML page.
        text = json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        path = os.path.join(self.output_path, self.settings["PARTNERS_JSON_SAVE_AS"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
