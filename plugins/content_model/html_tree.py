"""HTML read the way a browser reads it: the one place where this project parses markup.

An article's body ends up inside a `<div>` of a page, so it is parsed as the HTML standard parses a fragment in a
`<div>` (lexbor, through selectolax: a C implementation of the WHATWG algorithm), with scripting on, as in every
browser: `<noscript>` then holds raw text, as it does for a visitor. A checker that reads markup any other way (a
regular expression, a parser with scripting off, a document instead of a fragment) can be walked around by markup
the browser reads differently.

What the site publishes is this tree serialized again, not the text that came in: stray end tags cannot close
the page's own elements, unclosed ones are closed, and what the checks saw is exactly what a browser will build.
"""

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode


class Fragment:
    """A body of HTML, parsed in the context of a `<div>`."""

    def __init__(self, html):
        self._parser = LexborHTMLParser(html or "", is_fragment=True, fragment_tag="div", scripting=True)

    def nodes(self) -> Iterator[LexborNode]:
        """Every node (elements, text, comments) in document order."""
        stack = []
        node = self._parser.root
        while node is not None or stack:
            if node is None:
                node = stack.pop()
                continue
            yield node
            if node.next is not None:
                stack.append(node.next)
            node = node.child

    def elements(self) -> Iterator[LexborNode]:
        return (node for node in self.nodes() if node.is_element_node)

    def remove_comments(self, keep=()):
        """Comments are notes for editors (`<!-- offen: … -->`), not for visitors. Comments whose first word is in
        `keep` are directives that a plugin replaces later (HTML_COMMENT_DIRECTIVES, e.g. the partner list)."""
        for comment in [node for node in self.nodes() if node.is_comment_node]:
            words = (comment.comment_content or "").split()
            if not (words and words[0] in keep):
                comment.decompose()

    def replace(self, node, html):
        """Put the elements of `html` (parsed the same way) in place of `node`."""
        replacement = Fragment(html)
        first = replacement._parser.root
        if first is None:
            node.decompose()
            return
        for part in list(_siblings(first)):
            node.insert_before(part)
        node.decompose()

    def html(self):
        return self._parser.html or ""


def _siblings(node):
    while node is not None:
        following = node.next
        yield node
        node = following


def attributes(node):
    """An element's attributes as the browser has them: names in lower case, the first of duplicates, values
    with character references decoded; an attribute without a value is ''."""
    return {name: value if value is not None else "" for name, value in node.attributes.items()}
