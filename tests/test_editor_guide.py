"""The editors' guide, docs/redaktionshandbuch.md, is checked like code.

Its examples must work: an editor copies them. The guide marks every complete example file with an HTML comment
on the line before its fenced block (paths are relative to the content folder):

    <!-- beispiel: artikel/lieferungen/2026-11-20-beispiel-lieferung.md -->   a file that must pass the check
    <!-- fehlerbeispiel: artikel/lieferungen/2026-11-21-fehler.md -->         a file that must fail it …
    <!-- meldung -->                                                          … with exactly these lines

Each example is written into a copy of the minimal valid site (tests/fixtures/minimal) together with the other
examples it needs (`needed_examples`: the guide's example partners, the original of a translation, files it links
to), and the content is checked by `check_content`. Further tests make sure the guide names every field, unit and
allowed value of the content model, quotes only messages the code can print, has no broken anchors, and is linked
from the README.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_fixture_site, run_build

GUIDE = ROOT / "docs" / "redaktionshandbuch.md"  # the overview; the guide's pages are in docs/handbuch/
README = ROOT / "README.md"

MARKER = re.compile(r"^<!--\s*(beispiel|fehlerbeispiel|meldung)\s*(?::\s*(\S+?))?\s*-->\s*$")
FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)\s*$")
FENCE_LANGUAGES = ("text", "markdown")
TRANSLATION = re.compile(r"\.([a-z]{2,3})\.md$")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")
FILENAME_LINK = re.compile(r"\]\(\{filename\}([^)#?\s]+)")


# --- Reading the guide -------------------------------------------------------------------------------------------


@dataclass
class Example:
    kind: str  # "beispiel" or "fehlerbeispiel"
    path: str  # relative to the content folder
    text: str
    line: int  # of its marker in the guide
    messages: tuple = ()  # a fehlerbeispiel's expected lines
    document: str = "docs/redaktionshandbuch.md"  # the page of the guide it is on

    @property
    def is_translation(self):
        return bool(TRANSLATION.search(self.path))

    @property
    def original_path(self):
        return TRANSLATION.sub(".md", self.path)

    def header(self):
        """Field names (lowercase) of the example's header."""
        names = []
        for line in self.text.split("\n"):
            if not line.strip():
                break
            match = re.match(r"^([A-Za-z0-9_-]+):", line)
            if match:
                names.append(match[1].lower())
        return names

    def body(self):
        return self.text.split("\n\n", 1)[1] if "\n\n" in self.text else ""

    def __str__(self):
        return f"{self.kind} {self.path} ({self.document}, line {self.line})"


def parse_guide(text):
    """(examples, problems): every marked block of the guide, and what is wrong with the marking."""
    lines = text.split("\n")
    blocks, problems = [], []
    index = 0
    while index < len(lines):
        marker = MARKER.match(lines[index])
        if not marker:
            index += 1
            continue
        start = index + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        fence = FENCE.match(lines[start]) if start < len(lines) else None
        if not fence:
            problems.append(f"line {index + 1}: the marker is not followed by a fenced block")
            index += 1
            continue
        if fence[2] not in FENCE_LANGUAGES:
            problems.append(f"line {start + 1}: the block should be ```text or ```markdown, not ```{fence[2]}")
        end = start + 1
        while end < len(lines) and lines[end].strip() != fence[1]:
            end += 1
        if end == len(lines):
            problems.append(f"line {start + 1}: the block is not closed")
        body = "\n".join(lines[start + 1 : end])
        blocks.append((marker[1], marker[2], body, index + 1))
        index = end + 1

    examples = []
    for number, (kind, path, body, line) in enumerate(blocks):
        if kind == "meldung":
            if number == 0 or blocks[number - 1][0] != "fehlerbeispiel":
                problems.append(f"line {line}: <!-- meldung --> must follow a fehlerbeispiel")
            continue
        if not path:
            problems.append(f"line {line}: the marker names no file")
            continue
        messages = ()
        if kind == "fehlerbeispiel":
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if not following or following[0] != "meldung":
                problems.append(f"line {line}: a fehlerbeispiel must be followed by <!-- meldung --> and its lines")
            else:
                messages = tuple(message for message in following[2].split("\n") if message.strip())
        examples.append(Example(kind, path, body + "\n", line, messages))
    return examples, problems


def guide_pages():
    """The overview and its pages, in the overview's order: [(path, text)]."""
    if not GUIDE.exists():
        return []
    overview = GUIDE.read_text(encoding="utf-8")
    names = list(dict.fromkeys(re.findall(r"\]\((handbuch/[\w-]+\.md)[)#]", overview)))
    return [(GUIDE, overview)] + [(GUIDE.parent / name, (GUIDE.parent / name).read_text(encoding="utf-8"))
                                  for name in names]


PAGES = guide_pages()
GUIDE_TEXT = "\n".join(text for _, text in PAGES)
EXAMPLES, MARKING_PROBLEMS = [], []
for _page, _text in PAGES:
    _examples, _problems = parse_guide(_text)
    _document = _page.relative_to(ROOT).as_posix()
    EXAMPLES += [Example(e.kind, e.path, e.text, e.line, e.messages, _document) for e in _examples]
    MARKING_PROBLEMS += [f"{_document}: {problem}" for problem in _problems]
GOOD = [example for example in EXAMPLES if example.kind == "beispiel"]
BROKEN = [example for example in EXAMPLES if example.kind == "fehlerbeispiel"]


def headings(text):
    """(line index, level, title) of each Markdown heading outside fenced blocks."""
    found, fence = [], None
    for index, line in enumerate(text.split("\n")):
        opening = FENCE.match(line.strip())
        if fence is None and opening:
            fence = opening[1]
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None and (match := re.match(r"^(#{1,6}) (.+)$", line)):
            found.append((index, len(match[1]), match[2].strip()))
    return found


def sections(text, level=2):
    """{title: text up to the next heading of that level or higher}, for the headings of `level`."""
    lines = text.split("\n")
    marks = headings(text)
    result = {}
    for number, (index, heading_level, title) in enumerate(marks):
        if heading_level != level:
            continue
        end = next((other for other, other_level, _ in marks[number + 1 :] if other_level <= level), len(lines))
        result[title] = "\n".join(lines[index + 1 : end])
    return result


def section(title_start, level=2):
    found = [body for heading, body in sections(GUIDE_TEXT, level).items() if heading.startswith(title_start)]
    assert found, f"the guide has no section starting with {title_start!r}"
    return found[0]


# --- Building an example ------------------------------------------------------------------------------------------


@dataclass
class Checked:
    returncode: int
    problems: list  # the lines that name a content file, paths as the editor sees them (content/…)
    stderr: str
    output: Path | None  # the built site, or None if the check builds nothing


def check_content(tmp_path, content):
    """Check a content folder the way an editor does, and return what the editor sees.

    The one place the guide's tests run the check: today it is the full build (`python -m sitebuild`, as
    `make site` runs it); it can become `invoke check` without touching the tests (then `output` is None and the
    tests skip looking at built pages). It runs in the content folder's parent, so paths read `content/…` as in
    the guide; any absolute temporary path left in a message is cut to the same form.
    """
    build = run_build(tmp_path / "output", content=content, cwd=content.parent)
    stderr = build.stderr.replace(str(content.parent) + os.sep, "")
    problems = [line for line in stderr.splitlines() if line.startswith("content/")]
    return Checked(build.returncode, problems, stderr, build.output)


def _resolve(base_path, target):
    """A content path a link in `base_path` points to ("/seiten/x.md" from the content root, else relative)."""
    if target.startswith("/"):
        return os.path.normpath(target.lstrip("/"))
    return os.path.normpath(os.path.join(os.path.dirname(base_path), target))


def needed_examples(example):
    """The guide's other examples that `example` needs to pass, as an editor following the guide has them.

    Partners: every example partner (articles name them). A translation: its original. A `{filename}` link to a
    file that is an example: that file. Each with what it needs in turn.
    """
    good = {other.path: other for other in GOOD}
    needed, queue = {}, [example]
    while queue:
        current = queue.pop()
        wanted = [path for path in good if path.startswith("partner/")]
        if current.is_translation:
            wanted.append(current.original_path)
        wanted += [_resolve(current.path, target) for target in FILENAME_LINK.findall(current.body())]
        for path in wanted:
            if path in good and path != example.path and path not in needed:
                needed[path] = good[path]
                queue.append(good[path])
    return list(needed.values())


def photos():
    """Every image file the guide's good examples show, as a path relative to the content folder.

    The guide cannot contain the photos themselves; an editor puts their own photo next to the article. So every
    check gets a small real JPEG/PNG/WebP at each such path (broken examples may then misname or misuse it).
    """
    paths = set()
    for example in GOOD:
        for target in IMAGE.findall(example.body()):
            if "://" in target or target.startswith(("{", "/")):
                continue
            paths.add(_resolve(example.path, target))
    return sorted(paths)


def make_photo(path):
    from PIL import Image

    formats = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (160, 120), (200, 210, 220)).save(path, formats[path.suffix.lower()])


def site_with(tmp_path, example):
    content = copy_fixture_site(tmp_path)
    for relative in photos():
        make_photo(content / relative)
    for other in needed_examples(example) + [example]:
        target = content / other.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(other.text, encoding="utf-8")
    return content


def page_of(content, relative):
    """The output path of the page made from the content file `relative`, as the build addresses it."""
    from content_model import translations
    from pelican.settings import read_settings

    from sitebuild.languages import translation_map

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    mapping, _, _ = translation_map(settings)
    source = str(content / relative)
    stem, lang = translations.split_language(source)
    key = translations.translation_key(source, str(content))
    if relative.startswith("partner/"):
        key = f"partner:{os.path.basename(stem)}"
    if key not in mapping:
        return None  # not published (a draft), so it has no public page
    return mapping[key][lang or settings["ORIGINAL_LANG"]] + "index.html"


# --- The examples ------------------------------------------------------------------------------------------------


def test_the_guide_marks_its_examples_correctly():
    assert GUIDE.exists(), "docs/redaktionshandbuch.md is missing"
    assert not MARKING_PROBLEMS, "\n".join(MARKING_PROBLEMS)
    paths = [(example.kind, example.path) for example in EXAMPLES]
    assert len(paths) == len(set(paths)), "two examples of the same kind have the same file name"


def test_the_guide_has_a_complete_example_of_everything():
    import pelicanconf

    folders = {example.path.split("/")[1] for example in GOOD if example.path.startswith("artikel/")}
    for kind, spec in pelicanconf.ARTICLE_KINDS.items():
        assert spec["folder"] in folders, f"no complete example of a {kind}"
    assert any(example.path.startswith("seiten/") for example in GOOD), "no example page"
    assert any(example.path.startswith("partner/") for example in GOOD), "no example partner"
    for lang in pelicanconf.SITE_LANGUAGES:
        if lang != pelicanconf.ORIGINAL_LANG:
            assert any(example.path.endswith(f".{lang}.md") for example in GOOD), f"no example translation ({lang})"
    # The guide's promise: a delivery with a photo and two partners.
    assert any(
        example.path.startswith("artikel/lieferungen/")
        and IMAGE.search(example.body())
        and "partners" in example.header()
        for example in GOOD
    ), "no example delivery with a photo"
    assert len(BROKEN) >= 5, "the guide should show the typical mistakes with the messages they cause"


@pytest.mark.parametrize("example", GOOD, ids=lambda example: example.path)
def test_example_passes_the_check(example, tmp_path):
    content = site_with(tmp_path, example)
    checked = check_content(tmp_path, content)

    assert checked.returncode == 0, f"{example} fails the check:\n{checked.stderr}"
    if checked.output is None:
        return
    address = page_of(content, example.path)
    assert address, f"{example} is not published (a draft?): an example should show a published page"
    page = checked.output / address
    assert page.is_file(), f"{example}: the build wrote no page {address}"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for target in IMAGE.findall(example.body()):
        # The page may show the photo itself or a resized version of it (foto.jpg → foto.480w.jpg …).
        stem = os.path.splitext(os.path.basename(target))[0]
        images = [img for img in soup.find_all("img") if os.path.basename(img.get("src", "")).startswith(stem + ".")]
        assert images, f"{example}: the page does not show the photo {target}"
        assert all(img.get("alt", "").strip() for img in images), f"{example}: the photo {target} has no alt text"


@pytest.mark.parametrize("example", BROKEN, ids=lambda example: example.path)
def test_broken_example_fails_with_the_messages_the_guide_shows(example, tmp_path):
    content = site_with(tmp_path, example)
    checked = check_content(tmp_path, content)

    assert checked.returncode == 1, f"{example} passes the check although it is meant to fail"
    assert example.messages, f"{example} shows no message"
    for expected in example.messages:
        assert expected in checked.problems, (
            f"{example}: the guide shows\n  {expected}\nbut the check printed:\n" + "\n".join(checked.problems)
        )
    # The guide shows all of it: an editor who tries the example sees no other message.
    unexpected = [line for line in checked.problems if line not in example.messages]
    assert not unexpected, f"{example}: the check also printed\n" + "\n".join(unexpected)


def test_broken_examples_show_messages_in_the_documented_form():
    form = re.compile(r"^content/\S+:\d+: (\w+: )?.+ — .+$")
    for example in BROKEN:
        for message in example.messages:
            assert form.match(message), f"{example}: not of the form datei:zeile: feld: … — …\n  {message}"


# --- The guide covers the content model ----------------------------------------------------------------------


def _named(name, text):
    return f"`{name}`" in text


def _has_example_value(name):
    """`Name: value` as inline code in the guide, or a header line of one of its example files."""
    return f"`{name}: " in GUIDE_TEXT or any(name.lower() in example.header() for example in GOOD)


def test_every_field_of_every_kind_is_explained_with_an_example():
    from content_model import schema

    import pelicanconf

    common = section("Felder, die jeder Artikel hat")
    for field in schema.ARTICLE_COMMON:
        name = field.name.capitalize()
        assert _named(name, common), f"{name} is not explained among the fields of every article"
        assert _has_example_value(name), f"{name} has no example value"
    for kind, fields in schema.KIND_FIELDS.items():
        singular = pelicanconf.ARTICLE_KINDS[kind]["singular"]
        text = section(f"So legen Sie ein{'en' if kind == 'besuch' else 'e'} {singular} an")
        for field in fields:
            name = field.name.capitalize()
            assert _named(name, text), f"{name} is not explained in the section on {singular}"
            assert _has_example_value(name), f"{name} has no example value"
    page = section("So legen Sie eine Seite an")
    for field in schema.PAGE_FIELDS:
        name = field.name.capitalize()
        assert _named(name, page), f"{name} is not explained in the section on pages"
        assert _has_example_value(name), f"{name} has no example value"


def test_every_partner_field_and_value_is_explained():
    from partner_list.registry import SINGLE_LINE_FIELDS

    import pelicanconf

    partners = section("Partner")
    for field in list(SINGLE_LINE_FIELDS) + list(pelicanconf.PARTNER_EXTRA_FIELDS):
        name = field.capitalize()
        assert _named(name, partners), f"partner field {name} is not explained"
        assert _has_example_value(name), f"partner field {name} has no example value"
    for value in list(pelicanconf.PARTNER_KINDS) + list(pelicanconf.PARTNER_GROUPS):
        assert _named(value, partners), f"partner value {value} is not explained"


def test_every_unit_kind_and_limit_is_named():
    from content_model import schema
    from content_model.values import Text

    import pelicanconf

    delivery = section("So legen Sie eine Lieferung an")
    for unit in pelicanconf.ITEM_UNITS:
        assert _named(unit, delivery), f"unit {unit} is missing from the section on deliveries"
    for kind in pelicanconf.ARTICLE_KINDS:
        assert _named(kind, GUIDE_TEXT), f"kind {kind} is not named"
    fields = schema.ARTICLE_COMMON + schema.PAGE_FIELDS + [f for fs in schema.KIND_FIELDS.values() for f in fs]
    for field in fields:
        if isinstance(field.type, Text):
            limit = f"höchstens {field.type.max_length} zeichen"
            assert limit in GUIDE_TEXT.lower(), f"the limit of {field.name} ({limit}) is not given"


def test_the_photo_limits_are_the_builds():
    import pelicanconf

    limits = section("Fotos und andere Bilder")
    max_bytes, max_side = getattr(pelicanconf, "PHOTO_MAX_BYTES", None), getattr(pelicanconf, "PHOTO_MAX_SIDE", None)
    if max_bytes:
        assert f"über {max_bytes / 1_000_000:g} MB" in limits, "the guide gives another size limit for photos"
    if max_side:
        assert f"über {max_side} Pixel" in limits, "the guide gives another pixel limit for photos"


def test_the_translatable_fields_are_the_schemas():
    from content_model import schema

    translations = section("Übersetzungen")
    table = {"Artikel": "article", "Seite": "page", "Partner": "other"}
    for label, kind in table.items():
        row = next((line for line in translations.splitlines() if line.startswith(f"| {label} |")), None)
        assert row, f"no row for {label} in the table of translatable fields"
        named = {name.lower() for name in re.findall(r"`([A-Za-z_]+)`", row)}
        assert named == schema.TRANSLATABLE_FIELDS[kind], f"{label}: {sorted(named)}"


# --- The messages the guide quotes are real ----------------------------------------------------------------------

MESSAGE_SOURCES = (
    sorted((ROOT / "plugins" / "content_model").glob("*.py"))
    + [ROOT / "plugins" / "partner_list" / "messages.py"]
    + sorted((ROOT / "plugins" / "photos").glob("*.py"))
    + sorted((ROOT / "sitebuild").glob("*.py"))
    + sorted((ROOT / "editors").glob("*.py"))
    + sorted((ROOT / "hosting").glob("*.py"))
)
PLACEHOLDER = re.compile(r"„…“|…")
MIN_PIECE = 10


def _in_code(fragment, code):
    """Whether `fragment` (a fixed part of a message) is in the code, whole or in pieces of ≥ MIN_PIECE characters
    (a message may be put together from several strings, e.g. "Die Datei liegt " + "im Ordner „…“")."""
    if not fragment.strip() or fragment in code:
        return True
    for cut in range(len(fragment) - 1, MIN_PIECE - 1, -1):
        if fragment[:cut] in code:
            rest = fragment[cut:]
            return (len(rest) < MIN_PIECE and rest.strip(" ,.()") == "") or _in_code(rest, code)
    return False


def test_every_message_in_the_table_is_one_the_build_prints():
    code = "\n".join(path.read_text(encoding="utf-8") for path in MESSAGE_SOURCES)
    table = section("Alle Meldungen", level=3)
    messages = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert len(messages) >= 50, "the table of messages looks incomplete"
    for message in messages:
        for fragment in PLACEHOLDER.split(message):
            assert _in_code(fragment, code), f"the guide quotes a message the code does not print:\n  {message}"


# --- Links -------------------------------------------------------------------------------------------------------


def _anchor(heading):
    """A heading's anchor as GitHub and GitLab make it: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*]", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _outside_code(text):
    """The text without fenced blocks and `code`: links in examples are content for the site, not for the guide."""
    kept, fence = [], None
    for line in text.split("\n"):
        opening = FENCE.match(line.strip())
        if fence is None and opening:
            fence = opening[1]
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None:
            kept.append(re.sub(r"`[^`]*`", "", line))
    return "\n".join(kept)


def test_the_guide_is_split_into_pages_an_editor_can_find():
    assert len(PAGES) >= 10, "the overview links its pages (docs/handbuch/*.md)"
    on_disk = sorted((GUIDE.parent / "handbuch").glob("*.md"))
    assert sorted(page for page, _ in PAGES[1:]) == on_disk, "every page is linked from the overview, once"
    for page, text in PAGES[1:]:
        assert text.startswith("# Redaktionshandbuch: "), f"{page.name} starts with its title"
        assert "](../redaktionshandbuch.md)" in text, f"{page.name} links back to the overview"
        assert len(text.split("\n")) <= 400, f"{page.name} is too long to find anything in"


def test_the_guides_own_links_lead_somewhere():
    for page, text in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", _outside_code(text)):
            if re.match(r"^[a-z]+:", target) or target.startswith("/"):
                continue
            path, _, anchor = target.partition("#")
            document = (page.parent / path).resolve() if path else page
            assert document.is_file(), f"{page.name} links to {target}, which does not exist"
            if anchor and document.suffix == ".md":
                anchors = {_anchor(title) for _, _, title in headings(document.read_text(encoding="utf-8"))}
                assert anchor in anchors, f"{page.name} links to {target}, which is no heading there"


def test_the_readme_links_the_guide():
    linked = "](docs/redaktionshandbuch.md" in README.read_text(encoding="utf-8")
    assert linked, "README.md should link the editors' guide: [Redaktionshandbuch](docs/redaktionshandbuch.md)"


# --- Commands ----------------------------------------------------------------------------------------------------

# A command as typed: at the start of a line (in a code block) or in `backticks`.
COMMAND = re.compile(r"(?:^\s*|`)(make|invoke) ([a-z][a-z0-9-]*)", re.MULTILINE)


def test_every_command_the_guide_and_readme_name_exists():
    """`make x` must be a Makefile target and `invoke x` a task: an editor types exactly what the guide says."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    listed = subprocess.run([str(Path(sys.executable).parent / "invoke"), "--list"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    # "  new (neu)   Create …": a task, then its German aliases (tasks.py) in brackets.
    tasks = set()
    for name, aliases in re.findall(r"^  ([a-z][a-z0-9-]*)(?: \(([^)]*)\))?(?: {2,}|$)", listed.stdout, re.MULTILINE):
        tasks.update([name, *(alias.strip() for alias in aliases.split(",") if alias.strip())])
    assert {"new", "neu", "check", "pruefen", "preview", "vorschau", "uebersetzung"} <= tasks, listed.stdout
    documents = [page for page, _ in PAGES] + [README, ROOT / "docs" / "schnellstart-web.md",
                                              ROOT / "docs" / "schnellstart-lokal.md"]
    assert COMMAND.findall(GUIDE_TEXT), "the guide names no command"
    for document in documents:
        named = COMMAND.findall(document.read_text(encoding="utf-8"))
        for tool, name in named:
            known = targets if tool == "make" else tasks
            assert name in known, f"{document.name} says `{tool} {name}`, which does not exist"
