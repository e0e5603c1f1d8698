"""Articles and pages name partners by short name; here those names become Partner objects.

- `resolve` replaces each reference field (PARTNER_REFERENCE_FIELDS) of every article and page with the list of
  Partner objects, and sets `involved_partners`, the union of all of them; unknown names are problems.
- `collect_activities` gives each partner the articles it took part in, newest first, grouped.
- `expand_list_markers` replaces `<!-- partners side=… kind=… -->` in a body with a rendered list, so a page's
  list of partners comes from the registry instead of being typed by hand.
"""

import difflib
import re

from selectolax.lexbor import LexborHTMLParser

from .registry import Partner

MARKER_WORD = "partners"
MARKER_FILTER = re.compile(r"^(side|kind)=([A-Za-z0-9_,-]+)$")
FILTER_SETTINGS = {"side": "PARTNER_GROUPS", "kind": "PARTNER_KINDS"}


def content_objects(context):
    """Every article and page Pelican read (drafts and hidden ones too): they all must name real partners."""
    seen = set()
    for content in context.get("generated_content", {}).values():
        if content is None or isinstance(content, Partner) or id(content) in seen:
            continue
        seen.add(id(content))
        yield content


def _names(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    return list(value)


def resolve(contents, registry, settings, messages):
    """Yield (path, line, field, message, fix) for every unknown partner name; replace names by partners."""
    fields = settings["PARTNER_REFERENCE_FIELDS"]
    paths = ", ".join(settings["PARTNER_PATHS"])
    for content in contents:
        involved = []
        lines = getattr(content, "field_lines", {}) or {}
        for field in fields:
            if not hasattr(content, field):
                continue
            resolved = []
            for name in _names(getattr(content, field)):
                if isinstance(name, Partner):
                    resolved.append(name)
                    continue
                partner = registry.get(name)
                if partner is None:
                    close = difflib.get_close_matches(name, list(registry), n=3, cutoff=0.5)
                    hint = messages("did_you_mean", names=", ".join(messages.quote(c) for c in close)) if close else ""
                    message, fix = messages("unknown_partner", name=name, hint=hint, paths=paths)
                    yield content.source_path, lines.get(field, 0), field, message, fix
                    continue
                resolved.append(partner)
            setattr(content, field, resolved)
            content.metadata[field] = resolved
            involved.extend(partner for partner in resolved if partner not in involved)
        content.involved_partners = involved


def collect_activities(articles, partners, settings):
    """Each partner's published articles, newest first, and grouped in the order PARTNER_ACTIVITY_GROUPS gives."""
    order = list(settings.get("PARTNER_ACTIVITY_GROUPS") or [])
    for partner in partners:
        partner.activities = []
    for article in articles:
        for partner in getattr(article, "involved_partners", []):
            partner.activities.append(article)
    for partner in partners:
        partner.activities.sort(key=lambda article: (article.date, article.slug), reverse=True)
        groups = {}
        for article in partner.activities:
            groups.setdefault(article.category, []).append(article)
        partner.activities_by_group = sorted(
            groups.items(),
            key=lambda item: (order.index(item[0].slug) if item[0].slug in order else len(order), item[0].name),
        )


def expand_list_markers(contents, generator, partners):
    """Replace list markers in bodies with the rendered partner list; yield problems for markers it cannot read.

    A marker is an HTML comment as the browser parses the body (lexbor, as a fragment in a `<div>`, scripting on),
    not text that looks like one: `<!-- partners -->` written inside an attribute's value or a code example is left
    as it is (a regular expression over the markup replaced it there too)."""
    template = generator.get_template(generator.settings.get("PARTNER_LIST_TEMPLATE", "partner_list"))
    for content in contents:
        body = getattr(content, "_content", None)
        if not body or MARKER_WORD not in body:
            continue
        tree = LexborHTMLParser(body, is_fragment=True, fragment_tag="div", scripting=True)
        # From the fragment's first node, selectolax walks the whole fragment (every top-level node too).
        markers = [node for node in tree.root.traverse(include_text=True) if node.is_comment_node
                   and (node.comment_content or "").split()[:1] == [MARKER_WORD]]
        if not markers:
            continue
        for marker in markers:
            words = marker.comment_content.split()
            filters = _filters(words[1:], generator.settings)
            if filters is None:
                message, fix = generator.messages("bad_marker", marker=f"<!-- {' '.join(words)} -->")
                yield (content.source_path, 0, "", message, fix)
                marker.decompose()
                continue
            chosen = [p for p in partners if all(getattr(p, key) in values for key, values in filters.items())]
            context = dict(generator.context, partner_groups=generator.groups(chosen), partners=chosen,
                           content=content)
            _replace(marker, template.render(context))
        content._content = tree.html or ""


def _filters(words, settings):
    """{"side": [...], "kind": [...]} from a marker's words ("side=hannover kind=verein,firma"); None if one of
    them is not understood."""
    filters = {}
    for word in words:
        parsed = MARKER_FILTER.match(word)
        if not parsed:
            return None
        values = parsed.group(2).split(",")
        known = settings.get(FILTER_SETTINGS[parsed.group(1)])
        if known and any(value not in known for value in values):
            return None
        filters[parsed.group(1)] = values
    return filters


def _replace(node, html):
    """Put the nodes of `html`, parsed in the same context, in place of `node`."""
    replacement = LexborHTMLParser(html, is_fragment=True, fragment_tag="div", scripting=True).root
    while replacement is not None:
        following = replacement.next
        node.insert_before(replacement)
        replacement = following
    node.decompose()
