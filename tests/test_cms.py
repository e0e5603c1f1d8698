"""Web editing with Sveltia CMS (cms/, editors/cms_config.py): the files it writes are ours, and they build.

- cms/config.yml is what the schema generates, valid for Sveltia CMS, and names every field of every kind once;
- cms/pelican-format.js (run in Node) reads and writes every file in content/ byte for byte, also in the field
  order the CMS saves in;
- a delivery written the way the CMS writes it (two partners, goods, sources, a photo) builds and shows, and a
  mistake in one is reported as `file:line: field: …`;
- /admin/ is in a built site only with CMS_REPO, without anything from a CDN;
- in Chromium, the admin page shows its sign-in under its own Content-Security-Policy, and the CMS itself (its
  test backend, which keeps files in the browser) creates a delivery, edits one and adds a Ukrainian translation,
  in files that build.

Needs Node.js (apt-get install nodejs npm) and the pinned Sveltia CMS package (`cd cms && npm ci`, done here if
missing); the browser tests need Debian's chromium, like tests/test_browser.py.
"""

import base64
import fcntl
import http.server
import json
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest
import yaml
from PIL import Image
from pelican.settings import read_settings

from browser import serve as serve_folder
from conftest import ROOT, copy_fixture_site, run_build, run_check
from content_model import header, schema
from partner_list.registry import SINGLE_LINE_FIELDS
from editors import cms_admin, cms_config, cms_local, scaffold

CMS = ROOT / "cms"
FORMAT_URL = (CMS / "pelican-format.js").as_uri()
CONTENT = ROOT / "content"
TRANSLATION = re.compile(r"\.[a-z]{2}\.md$")


# --- Helpers -------------------------------------------------------------------------------------------------------


def node_binary():
    path = shutil.which("node")
    if not path:
        pytest.fail("Node.js is needed to test the CMS's file format: apt-get install nodejs npm")
    return path


def node(script, payload=None):
    """Run an ES module in Node with `payload` as JSON on stdin; return what it prints as JSON."""
    completed = subprocess.run(
        [node_binary(), "--input-type=module", "-e", f"import * as format from {json.dumps(FORMAT_URL)};\n{script}"],
        input=json.dumps(payload), capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


STDIN = "import { readFileSync } from 'node:fs'; const input = JSON.parse(readFileSync(0, 'utf8'));\n"


def to_file(data):
    """What cms/pelican-format.js writes for `data` (keys in order)."""
    return node(STDIN + "console.log(JSON.stringify(format.toFile(input)));", data)


def site_settings(**override):
    return read_settings(str(ROOT / "pelicanconf.py"), override=override or None)


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((CMS / "config.yml").read_text(encoding="utf-8"))


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def collection_for(config, path):
    folder = path.parent.relative_to(ROOT).as_posix()
    return next(c for c in config["collections"] if c["folder"] == folder)


def field_order(coll, translation):
    """The order the CMS saves a file in: the collection's fields; a translation has only the translatable ones."""
    return [field["name"] for field in coll["fields"] if not translation or field.get("i18n")]


@pytest.fixture(scope="session")
def sveltia():
    """The pinned Sveltia CMS package, installed from cms/package-lock.json with `npm ci` when it is missing."""
    pinned = json.loads((CMS / "package.json").read_text())["dependencies"]["@sveltia/cms"]
    installed = Path(cms_config.BUNDLE_FOLDER) / "package.json"
    # The test workers (pytest-xdist) share cms/node_modules: one installs, the others wait for it.
    with open(CMS / "package.json") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed.exists() or json.loads(installed.read_text())["version"] != pinned:
            npm = shutil.which("npm")
            if not npm:
                pytest.fail("npm is needed to install Sveltia CMS for the tests: apt-get install nodejs npm")
            completed = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CMS, capture_output=True,
                                       text=True, timeout=300)
            assert completed.returncode == 0, completed.stdout + completed.stderr
    assert json.loads(installed.read_text())["version"] == pinned
    return Path(cms_config.BUNDLE_FOLDER)


# --- The configuration ---------------------------------------------------------------------------------------------


def test_the_committed_config_is_what_the_schema_generates():
    committed = (CMS / "config.yml").read_text(encoding="utf-8")
    assert committed == cms_config.render(), "cms/config.yml is stale: run `invoke docs` and commit it"


def test_one_collection_per_kind_of_file_each_in_its_folder(config):
    kinds = site_settings()["ARTICLE_KINDS"]
    expected = {kind: f"content/artikel/{spec['folder']}" for kind, spec in kinds.items()}
    expected.update(seite="content/seiten", partner="content/partner")
    assert {c["name"]: c["folder"] for c in config["collections"]} == expected
    for coll in config["collections"]:
        assert Path(ROOT / coll["folder"]).is_dir(), coll["folder"]
        assert coll["format"] == "pelican" and coll["create"] is True
        # Photos next to the file, referenced by name alone.
        assert coll["media_folder"] == "" and coll["public_folder"] == ""
    assert config["i18n"]["structure"] == "multiple_files"
    assert config["i18n"]["omit_default_locale_from_file_path"] is True
    assert config["i18n"]["locales"] == site_settings()["SITE_LANGUAGES"]


def test_every_field_of_every_kind_is_named_exactly_once_with_its_rules(config):
    partner_fields = list(SINGLE_LINE_FIELDS) + list(site_settings()["PARTNER_EXTRA_FIELDS"])
    kinds = {kind: (schema.article_fields(kind), "article") for kind in site_settings()["ARTICLE_KINDS"]}
    kinds["seite"] = (schema.PAGE_FIELDS, "page")
    for name, (fields, kind_of_content) in kinds.items():
        configured = [field for field in collection(config, name)["fields"] if field["name"] != "body"]
        names = [field["name"] for field in configured]
        assert sorted(names) == sorted(field.name for field in fields), name
        assert len(names) == len(set(names)), name
        by_name = {field["name"]: field for field in configured}
        for field in fields:
            cms_field = by_name[field.name]
            translatable = field.name in schema.TRANSLATABLE_FIELDS[kind_of_content]
            assert cms_field.get("i18n", False) is translatable, (name, field.name)
            if cms_field["widget"] != "hidden":
                expected = (["de"] if translatable else True) if field.required else False
                assert cms_field["required"] == expected, (name, field.name)
            # A default would be written into every existing file without the field; only the kind has one.
            assert "default" not in cms_field or field.name == "kind", (name, field.name)
        if kind_of_content == "article":
            assert by_name["kind"] == {"name": "kind", "label": "Art (Kind)", "widget": "hidden", "default": name}
        for field in fields:
            if field.name in schema.PARTNER_FIELDS:
                assert by_name[field.name]["widget"] == "relation"
                assert by_name[field.name]["collection"] == "partner" and by_name[field.name]["multiple"] is True
    partner = [field["name"] for field in collection(config, "partner")["fields"] if field["name"] != "body"]
    assert sorted(partner) == sorted(partner_fields)
    for coll in config["collections"]:
        assert coll["fields"][-1]["name"] == "body" and coll["fields"][-1]["widget"] == "markdown"


def test_the_config_is_valid_for_sveltia_cms_and_the_check_would_catch_a_typo(sveltia):
    """Sveltia CMS's own JSON schema (in its package) accepts the published configuration; a misspelt option or a
    wrong value is refused, so the check is real."""
    cms_schema = json.loads((sveltia / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(cms_schema)
    published = yaml.safe_load(cms_config.render(site_settings(CMS_REPO="stadt-hannover/partnerschaft"),
                                                 deployment=True))
    assert [error.message for error in validator.iter_errors(published)] == []
    assert published["backend"]["repo"] == "stadt-hannover/partnerschaft"
    typo = json.loads(json.dumps(published))
    typo["collections"][0]["fields"][0]["maxlenght"] = 120
    assert list(validator.iter_errors(typo))
    wrong = json.loads(json.dumps(published))
    wrong["collections"][0]["slug"]["editable"] = "ja"
    assert list(validator.iter_errors(wrong))


def test_the_published_config_differs_from_the_committed_one_only_in_the_deployment(config):
    published = yaml.safe_load(cms_config.render(
        site_settings(CMS_REPO="stadt-hannover/partnerschaft", CMS_AUTH_URL="https://auth.example/",
                      SITEURL="https://partnerschaft.example"), deployment=True))
    backend = published.pop("backend")
    assert backend["repo"] == "stadt-hannover/partnerschaft" and backend["base_url"] == "https://auth.example"
    assert "auth_methods" not in backend  # with an OAuth service, both ways of signing in
    assert published.pop("site_url") == "https://partnerschaft.example"
    # Online, each change is a pull request that the checks see before it goes live (docs/schnellstart-web.md).
    assert published.pop("publish_mode") == "editorial_workflow"
    assert published == {key: value for key, value in config.items() if key != "backend"}
    token_only = yaml.safe_load(cms_config.render(site_settings(CMS_REPO="a/b"), deployment=True))
    assert token_only["backend"]["auth_methods"] == ["token"]


def test_the_format_knows_exactly_the_list_and_number_fields_of_the_config(config):
    known = node("console.log(JSON.stringify([format.NAME_LIST_FIELDS, format.NUMBER_FIELDS]));")
    fields = [field for coll in config["collections"] for field in coll["fields"]]
    assert sorted(known[0]) == sorted({f["name"] for f in fields if f["widget"] == "relation" and f.get("multiple")})
    assert sorted(known[1]) == sorted({f["name"] for f in fields if f["widget"] == "number"})


# --- The format ----------------------------------------------------------------------------------------------------


ROUND_TRIP = STDIN + """
import { readFileSync as read } from 'node:fs';
const result = input.map(({ path, order }) => {
  const text = read(path, 'utf8');
  const data = format.fromFile(text.trim());            // the CMS hands over the text trimmed
  const same = format.toFile(format.fromFile(text)) === text;
  // Saved from the CMS: sorted by the collection's fields, anything else after them (as Sveltia CMS does).
  const sorted = {};
  for (const name of order) if (name in data) sorted[name] = data[name];
  const unknown = Object.keys(data).filter((name) => !order.includes(name));
  for (const name of unknown.sort()) sorted[name] = data[name];
  return { path, same, savedSame: format.toFile(sorted) === text, unknown, data };
});
console.log(JSON.stringify(result));
"""


@pytest.fixture(scope="module")
def round_trips(config):
    paths = sorted(CONTENT.rglob("*.md"))
    jobs = [{"path": str(path), "order": field_order(collection_for(config, path), bool(TRANSLATION.search(path.name)))}
            for path in paths]
    return node(ROUND_TRIP, jobs)


def test_every_content_file_comes_back_byte_for_byte(round_trips):
    assert len(round_trips) > 150
    assert [r["path"] for r in round_trips if not r["same"]] == []


def test_every_content_file_is_unchanged_when_saved_from_the_cms(round_trips):
    """Sveltia CMS saves the fields in the order of the collection's fields: that is the order of our files, and
    no file has a field the CMS does not know."""
    assert [r["path"] for r in round_trips if r["unknown"]] == []
    assert [r["path"] for r in round_trips if not r["savedSame"]] == []


def test_the_cms_reads_the_values_the_build_reads(round_trips):
    """Lists of partners become lists, multi-line fields keep their lines, the body starts after the blank line."""
    for result in round_trips:
        text = Path(result["path"]).read_text(encoding="utf-8")
        parsed = header.parse(text)
        data = dict(result["data"])
        assert data.pop("body") == (text.split("\n\n", 1)[1].removesuffix("\n") if "\n\n" in text else "")
        assert sorted(data) == sorted(parsed.fields), result["path"]
        for name, raw in parsed.fields.items():
            if name in schema.PARTNER_FIELDS:
                assert data[name] == [n.strip() for line in raw.lines for n in line.split(",") if n.strip()]
            elif name == "order":
                assert data[name] == int(raw.lines[0])
            else:
                assert data[name] == "\n".join(raw.lines), (result["path"], name)


def test_a_new_file_loses_its_note_lines_and_empty_fields_and_nothing_else(tmp_path):
    """`invoke new` explains every field in `# …` lines; the CMS shows its own hints, so it drops them."""
    (tmp_path / "content").mkdir()
    settings = site_settings(PATH=str(tmp_path / "content"))
    path = scaffold.new_article(settings, "lieferung", "Zehn Fahrzeuge für Mykolajiw", "2026-11-20")
    text = Path(path).read_text(encoding="utf-8")
    assert "\n# " in text
    saved = node(STDIN + "console.log(JSON.stringify(format.toFile(format.fromFile(input))));", text)
    assert "#" not in saved.split("\n\n", 1)[0]
    before, after = header.parse(text), header.parse(saved)
    assert {n: f.lines for n, f in after.fields.items()} == {
        n: f.lines for n, f in before.fields.items() if "".join(f.lines).strip()}
    assert after.body.strip() == before.body.strip() and after.problems == []


def test_a_file_the_cms_cannot_read_is_refused_not_rewritten():
    results = node(STDIN + """
      console.log(JSON.stringify(input.map((text) => {
        try { format.fromFile(text); return 'read'; } catch (error) { return error.message; }
      })));""", ["Title: A\nhttps://example.org verrutscht\n\nText", "Title: A\nTitle: B\n\nText"])
    assert results[0].startswith("Zeile 2 ist kein Feld") and results[1].startswith("Das Feld „Title“ steht doppelt")


# --- What the CMS writes builds -----------------------------------------------------------------------------------


def entry_as_the_cms_saves_it(config, name, values):
    """The object Sveltia CMS hands to the format when it saves: the collection's fields in order, empty ones
    left out (output.omit_empty_optional_fields), the body last."""
    return {field["name"]: values[field["name"]] for field in collection(config, name)["fields"]
            if values.get(field["name"]) not in (None, "", [])}


DELIVERY = {
    # As an editor types it into the form: a relation field holds the chosen partners' short names.
    "title": "Zwölf Fahrzeuge für die Partnerstadt",
    "date": "2026-11-20",
    "kind": "lieferung",
    "summary": "Hannover schickt Fahrzeuge und Stromgeneratoren nach Mykolajiw.",
    "partners": ["mykolajiw", "lhh"],
    "donors": ["lhh"],
    "items": "12 fahrzeuge Spezialfahrzeuge, darunter zwei Radlader\n? generatoren Stromgeneratoren",
    "sources": "https://example.org/lieferung Beispielquelle, November 2026\n"
               "https://example.org/lieferung-2 Zweite Quelle, November 2026",
    "status": "",
    "slug": "",
    "body": "Die Fahrzeuge kamen im November an.\n\n## Was geliefert wurde\n\n"
            "![Ein Radlader auf einem Tieflader](foto.jpg)\n\nDazu kamen Stromgeneratoren.",
}


def plain(text):
    """Text with every run of white space (the typography's no-break spaces too) as one space."""
    return " ".join(text.split())


def write_photo(path):
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(path, "JPEG", quality=80)


def test_a_delivery_written_the_way_the_cms_writes_it_builds(config, tmp_path):
    text = to_file(entry_as_the_cms_saves_it(config, "lieferung", DELIVERY))
    assert text.startswith("Title: Zwölf Fahrzeuge für die Partnerstadt\nDate: 2026-11-20\nKind: lieferung\n")
    assert ("Partners: mykolajiw, lhh\nDonors: lhh\nItems: 12 fahrzeuge Spezialfahrzeuge, darunter zwei Radlader\n"
            "    ? generatoren Stromgeneratoren\nSources: https://example.org/lieferung") in text
    assert text.endswith("\n\nDazu kamen Stromgeneratoren.\n") and "Status" not in text and "Slug" not in text
    content = copy_fixture_site(tmp_path / "site")
    folder = content / "artikel" / "lieferungen"
    (folder / "2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt.md").write_text(text, encoding="utf-8")
    write_photo(folder / "foto.jpg")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    page = build.page("lieferungen/2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt/")
    assert plain(page.h1.get_text()) == "Zwölf Fahrzeuge für die Partnerstadt"
    text_of_page = plain(page.get_text(" "))
    for shown in ("12 Fahrzeuge", "Stromgeneratoren", "Stadt Hannover", "Stadt Mykolajiw", "Beispielquelle"):
        assert shown in text_of_page, shown
    picture = page.find("picture")
    assert picture is not None and picture.img["alt"] == "Ein Radlader auf einem Tieflader"


def test_a_mistake_in_a_cms_written_file_is_reported_with_file_line_and_field(config, tmp_path):
    text = to_file(entry_as_the_cms_saves_it(config, "lieferung", dict(DELIVERY, donors=["lhh", "hanova"],
                                                                         body="Text.")))
    content = copy_fixture_site(tmp_path / "site")
    (content / "artikel" / "lieferungen" / "2026-11-20-zwoelf-fahrzeuge.md").write_text(text, encoding="utf-8")
    check = run_check(content, cwd=tmp_path / "site")
    assert check.returncode == 1
    line = text.split("\n").index("Donors: lhh, hanova") + 1
    expected = f"content/artikel/lieferungen/2026-11-20-zwoelf-fahrzeuge.md:{line}: donors: "
    assert any(message.startswith(expected) and "hanova" in message for message in check.stderr.splitlines()), (
        check.stderr)


# --- The admin page ------------------------------------------------------------------------------------------------


def test_without_cms_repo_no_admin_page_is_installed(tmp_path):
    assert cms_admin.install_admin(tmp_path, site_settings(CMS_REPO=None)) == []
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def admin_site(sveltia, tmp_path_factory):
    """A site folder with the admin page installed as the publish build would (CMS_REPO set)."""
    site = tmp_path_factory.mktemp("admin-site")
    (site / "index.html").write_text("<!DOCTYPE html><title>Site</title>", encoding="utf-8")
    settings = site_settings(CMS_REPO="stadt-hannover/partnerschaft", SITEURL="https://partnerschaft.example")
    assert cms_admin.install_admin(site, settings) == []
    return site


def test_the_admin_page_serves_everything_itself_and_is_not_for_search_engines(admin_site):
    admin = admin_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert csp == site_settings()["CMS_CONTENT_SECURITY_POLICY"]
    assert "<script>" not in page and "$" not in page
    assert re.findall(r'<script src="([^"]+)"', page) == ["cms.js", "sveltia-cms.js"]
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in bundle and "sourceMappingURL" not in bundle
    fonts = re.findall(r"fonts/([a-z0-9-]+\.woff2)", bundle)
    assert len(fonts) == 3 and all((admin / "fonts" / font).stat().st_size > 10_000 for font in fonts)
    assert sorted(path.name for path in (admin / "locales").iterdir()) == [
        "de.json", "en-CA.json", "en-GB.json", "en-US.json", "uk.json"]
    assert (admin / "pelican-format.js").read_bytes() == (CMS / "pelican-format.js").read_bytes()
    published = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert published["backend"]["repo"] == "stadt-hannover/partnerschaft"
    assert (admin / "sveltia-cms.LICENSE.txt").exists()


def test_install_admin_says_what_is_missing(sveltia, tmp_path):
    settings = site_settings(CMS_REPO="stadt-hannover/partnerschaft")
    problems = cms_admin.install_admin(tmp_path, settings, bundle_folder=tmp_path / "kein-paket")
    assert len(problems) == 1 and "cd cms && npm ci" in problems[0]
    (tmp_path / "admin").mkdir(exist_ok=True)
    # With the package there (the fixture installs it: on a fresh clone no other test may have done so yet).
    assert "admin/ gibt es" in cms_admin.install_admin(tmp_path, settings, bundle_folder=sveltia)[0]


# --- In the browser ------------------------------------------------------------------------------------------------


class _AdminHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the admin page with its own policy as a header, as hosting/ should."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **cms_local.MEDIA_TYPES}
    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser hangs up on responses it no longer needs


def serve_admin(folder):
    handler = type("Handler", (_AdminHandler,), {
        "policy": site_settings()["CMS_CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"})
    return serve_folder(folder, handler_class=handler, server_class=_QuietServer)


# The policy lets the page talk to GitHub; in the tests, nothing leaves this machine: GitHub's status page gets a
# canned answer, anything else is refused and recorded.
ANSWERED = {"https://www.githubstatus.com/api/v2/status.json": '{"status": {"indicator": "none"}}'}


@contextmanager
def admin_browser_page(browser, url):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = {"console": [], "outside": [], "failed": []}
    page.on("console", lambda message: log["console"].append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: log["console"].append(f"pageerror: {error} {error.stack}"))
    page.on("response", lambda response: response.status >= 400 and log["failed"].append(response.url))

    def route(request_route):
        requested = request_route.request.url
        if requested.startswith(url):
            request_route.continue_()
        elif requested in ANSWERED:
            request_route.fulfill(status=200, content_type="application/json", body=ANSWERED[requested])
        else:
            log["outside"].append(requested)
            request_route.abort()

    page.route("**/*", route)
    try:
        yield page, log
    finally:
        context.close()


def problems_in(log):
    return [line for line in log["console"] if line.split(":")[0] in ("error", "warning", "pageerror")]


def test_the_admin_page_shows_its_sign_in_under_its_own_policy(admin_site, browser):
    with serve_admin(admin_site) as url, admin_browser_page(browser, url) as (page, log):
        page.goto(f"{url}/admin/")
        page.get_by_role("button", name="Mit Zugriffstoken anmelden").wait_for(timeout=15_000)
        # On localhost the CMS also offers to edit a local copy of the repository (File System Access API).
        assert page.get_by_role("button", name="Mit lokalem Repository arbeiten").is_visible()
        page.wait_for_timeout(500)
    assert problems_in(log) == [] and log["failed"] == []
    assert log["outside"] == []


READ_BROWSER_FILES = """async () => {
  const files = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
      else {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        files[prefix + name] = btoa(String.fromCharCode(...bytes));
      }
    }
  };
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle('sveltia-cms-test'), '');
  return files;
}"""
WRITE_BROWSER_FILES = """async (files) => {
  const root = await navigator.storage.getDirectory();
  const top = await root.getDirectoryHandle('sveltia-cms-test', { create: true });
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = top;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const writable = await (await folder.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""


def open_test_repository(page, url, config, files):
    """The web editor at `url` with `config` and Sveltia's test backend holding `files` ({path: base64}), opened
    from its start page as an editor would."""
    page.route(f"{url}/admin/config.yml*", lambda r: r.fulfill(
        status=200, content_type="application/yaml", body=yaml.safe_dump(config, allow_unicode=True)))
    page.goto(f"{url}/admin/sveltia-cms.LICENSE.txt")  # the origin, to fill its file system
    page.evaluate(WRITE_BROWSER_FILES, files)
    page.goto(f"{url}/admin/")
    page.get_by_role("button", name="Mit Test-Repository arbeiten").click(timeout=15_000)


def wait_for_browser_file(page, path, containing=""):
    """Wait until the CMS has written `path` (with `containing` in it) into the browser's file system."""
    deadline = time.monotonic() + 15
    while not page.evaluate("""async ([path, containing]) => {
      const parts = path.split('/');
      try {
        let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
        for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
        const file = await (await folder.getFileHandle(parts.at(-1))).getFile();
        return (await file.text()).includes(containing);
      } catch { return false; }
    }""", [path, containing]):
        assert time.monotonic() < deadline, f"the CMS did not write {path}"
        page.wait_for_timeout(100)


def test_the_cms_itself_creates_edits_and_translates_files_that_build(admin_site, browser, tmp_path):
    """Sveltia CMS's test backend keeps the repository in the browser's own file system: the fixture site goes in,
    an editor's clicks and keystrokes change it, and what comes out is built."""
    fixture = copy_fixture_site(tmp_path / "site")
    write_photo(fixture / "artikel" / "lieferungen" / "foto.jpg")  # as if uploaded next to the article
    files = {f"content/{path.relative_to(fixture).as_posix()}": base64.b64encode(path.read_bytes()).decode()
             for path in sorted(fixture.rglob("*")) if path.is_file()}
    test_config = yaml.safe_load((admin_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    test_config["backend"] = {"name": "test-repo"}
    del test_config["publish_mode"]  # the test backend saves directly: it has no pull requests
    original = (fixture / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md").read_text(encoding="utf-8")

    with serve_admin(admin_site) as url, admin_browser_page(browser, url) as (page, log):
        open_test_repository(page, url, test_config, files)
        page.get_by_text("Lieferungen").first.wait_for(timeout=15_000)

        # A new delivery, as an editor fills the form.
        page.goto(f"{url}/admin/#/collections/lieferung/new")
        editor = page.get_by_role("group", name=re.compile("Deutsch.-Inhalt bearbeiten"))
        editor.get_by_role("textbox", name="Titel (Title)").fill(DELIVERY["title"])
        editor.get_by_role("textbox", name="Datum (Date)").fill(DELIVERY["date"])
        editor.get_by_role("textbox", name="Zusammenfassung (Summary)").fill(DELIVERY["summary"])
        partners = editor.get_by_role("group", name="Beteiligte Partner (Partners)", exact=True)
        partners.get_by_role("checkbox", name="Stadt Mykolajiw").check()
        partners.get_by_role("checkbox", name="Stadt Hannover").check()
        editor.get_by_role("group", name="Spender (Donors)", exact=True).get_by_role(
            "checkbox", name="Stadt Hannover").check()
        editor.get_by_role("textbox", name="Güter (Items)").fill(DELIVERY["items"])
        editor.get_by_role("textbox", name="Quellen (Sources)").fill(DELIVERY["sources"])
        editor.get_by_role("textbox", name="Text", exact=True).fill(DELIVERY["body"])
        page.get_by_role("button", name="Speichern").click()
        wait_for_browser_file(page, "content/artikel/lieferungen/2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt.md")

        # An existing delivery: one field changed, and a Ukrainian translation added. (Saving took the editor back
        # to the list, where the new delivery is now listed.)
        page.get_by_role("row", name="Zwölf Fahrzeuge für die Partnerstadt").wait_for()
        page.get_by_role("row", name="Fahrzeuge für die Partnerstadt", exact=True).click()
        editor = page.get_by_role("group", name=re.compile("Deutsch.-Inhalt bearbeiten"))
        editor.get_by_role("textbox", name="Zusammenfassung (Summary)").fill("Zehn Fahrzeuge kommen an.")
        page.get_by_role("radio", name=re.compile("Ukrainisch")).first.click()
        page.get_by_role("button", name=re.compile("Ukrainisch. aktivieren")).click()
        ukrainian = page.get_by_role("group", name=re.compile("Ukrainisch.-Inhalt bearbeiten"))
        ukrainian.get_by_role("textbox", name="Titel (Title)").fill("Автомобілі для міста-партнера")
        ukrainian.get_by_role("textbox", name="Text", exact=True).fill("Десять автомобілів передано.")
        page.get_by_role("button", name="Speichern").click()
        wait_for_browser_file(page, "content/artikel/lieferungen/2022-12-07-fahrzeuge.uk.md")
        wait_for_browser_file(page, "content/artikel/lieferungen/2022-12-07-fahrzeuge.md", "kommen an")
        written = {path: base64.b64decode(data) for path, data in page.evaluate(READ_BROWSER_FILES).items()}
    assert log["outside"] == []
    # Two known blemishes of Sveltia CMS 0.221.1, and nothing else: its preview may look for a photo next to the
    # admin page before it finds it next to the entry (always so for an entry that has no file yet), and after
    # saving a translation its language switcher reads the state of a language it has just reset (upstream;
    # harmless: the files are right, see below).
    assert set(log["failed"]) <= {f"{url}/admin/foto.jpg", f"{url}/admin/bild.png"}
    known = ("error: Failed to load resource: the server responded with a status of 404",
             "pageerror: Cannot convert undefined or null to object")
    assert [line for line in problems_in(log) if not line.startswith(known)] == []

    folder = "content/artikel/lieferungen/"
    new_file = written[f"{folder}2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt.md"].decode()
    assert new_file == to_file(entry_as_the_cms_saves_it(
        yaml.safe_load((CMS / "config.yml").read_text(encoding="utf-8")), "lieferung", DELIVERY))
    edited = written[f"{folder}2022-12-07-fahrzeuge.md"].decode()
    assert edited == original.replace("Summary: Zehn Fahrzeuge werden geliefert.", "Summary: Zehn Fahrzeuge kommen an.")
    assert written[f"{folder}2022-12-07-fahrzeuge.uk.md"].decode() == (
        "Title: Автомобілі для міста-партнера\n\nДесять автомобілів передано.\n")
    unchanged = {path: data for path, data in written.items() if path in files}
    assert {path for path, data in unchanged.items() if data != base64.b64decode(files[path])} == {
        f"{folder}2022-12-07-fahrzeuge.md"}

    site = tmp_path / "from-cms"
    for path, data in written.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    build = run_build(tmp_path / "output", content=site / "content", cwd=site)
    assert build.returncode == 0, build.stderr
    assert build.page("lieferungen/2026-11-20-zwoelf-fahrzeuge-fuer-die-partnerstadt/").find("picture") is not None
    assert plain(build.page("lieferungen/2022-12-07-fahrzeuge/").find("meta", attrs={"name": "description"})[
        "content"]) == "Zehn Fahrzeuge kommen an."
    assert "Автомобілі для міста-партнера" in plain(build.page("uk/postavky/").get_text(" "))
