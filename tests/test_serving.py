"""The site as the live server sends it (issue 8): Debian's nginx on 127.0.0.1 with the real
hosting/nginx/site.conf, serving a publish build made for that address.

Every kind of page in every language carries every security header with its exact value, the search pages and
Pagefind their own policy; a missing page is answered with its language's 404 page and status 404; the
pre-compressed .br and .gz files are sent to browsers that accept them and decompress to the very page; Chromium
reports no CSP violation and no console message on any page, and the search works under the header CSP; the
`_headers` file for Netlify and Cloudflare Pages parses as Netlify parses it and gives every file the headers
nginx sends. nginx missing is a failure with the command that installs it, never a skip.

The expected values are written here from the issue, not read back from hosting/headers.py.
"""

import brotli
import gzip
import http.client
import re
import shutil
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

import nginx as nginx_server
from browser import explain_console, unknown_feature_advice
from conftest import ROOT, run_build
from hosting import compress, headers

SETTINGS = read_settings(str(ROOT / "publishconf.py"))
LANGUAGES = SETTINGS["SITE_LANGUAGES"]

# --- What the issue asks for, written out --------------------------------------------------------------------
FRAME_ANCESTORS = "frame-ancestors 'none'"
PAGE_CSP = SETTINGS["CONTENT_SECURITY_POLICY"] + "; " + FRAME_ANCESTORS
SEARCH_CSP = SETTINGS["SEARCH_CONTENT_SECURITY_POLICY"] + "; " + FRAME_ANCESTORS
COMMON = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": (
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), "
        "display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), "
        "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
        "xr-spatial-tracking=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
NO_CACHE = "no-cache"
SHORT_CACHE = "public, max-age=600"
IMMUTABLE = "public, max-age=31536000, immutable"
OUR_HEADERS = [*COMMON, "Content-Security-Policy", "Cache-Control"]

# Every kind of page by its German URL; the Ukrainian and English ones are its hreflang alternates.
PAGE_KINDS = {
    "home": "/",
    "visit": "/besuche/2023-04-17-buergermeister-hannover-messe/",
    "delivery": "/lieferungen/2022-12-07-zehn-spezialfahrzeuge/",
    "cooperation": "/kooperationen/2022-09-15-solidaritaetspartnerschaft-unterzeichnet/",
    "listing": "/lieferungen/",
    "listing-page-2": "/lieferungen/seite/2/",
    "partner": "/partner/hanova/",
    "partner-index": "/partner/",
    "page": "/partnerschaft/",
    "chronicle": "/chronik/",
    "delivery-log": "/lieferliste/",
    "search": "/suche/",
}
SEARCH_KINDS = {"search"}
MISSING = {"de": "/gibt-es-nicht/", "uk": "/uk/nemaie-takoi/", "en": "/en/no-such-page/"}
# Files, with the Cache-Control and policy each must get.
FILES = {
    "stylesheet": ("/theme/css/site.css", SHORT_CACHE, PAGE_CSP, "text/css; charset=utf-8"),
    "image": ("/theme/images/favicon.svg", SHORT_CACHE, PAGE_CSP, "image/svg+xml; charset=utf-8"),
    "search-script": ("/theme/js/search.js", SHORT_CACHE, PAGE_CSP, "application/javascript; charset=utf-8"),
    "sitemap": ("/sitemap.xml", NO_CACHE, PAGE_CSP, "text/xml; charset=utf-8"),
    "robots": ("/robots.txt", NO_CACHE, PAGE_CSP, "text/plain; charset=utf-8"),
    "feed-de": ("/feeds/all.atom.xml", NO_CACHE, PAGE_CSP, "text/xml; charset=utf-8"),
    "feed-uk": ("/uk/feeds/all.atom.xml", NO_CACHE, PAGE_CSP, "text/xml; charset=utf-8"),
    "feed-en": ("/en/feeds/all.atom.xml", NO_CACHE, PAGE_CSP, "text/xml; charset=utf-8"),
    "partners-data": ("/partners.json", NO_CACHE, PAGE_CSP, "application/json; charset=utf-8"),
    "pagefind-script": ("/pagefind/pagefind.js", NO_CACHE, SEARCH_CSP, "application/javascript; charset=utf-8"),
    "pagefind-entry": ("/pagefind/pagefind-entry.json", NO_CACHE, SEARCH_CSP, "application/json; charset=utf-8"),
    "pagefind-wasm": ("/pagefind/wasm.de.pagefind", NO_CACHE, SEARCH_CSP, "application/octet-stream"),
}


# --- The server ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def port():
    problem = nginx_server.missing()
    if problem:
        pytest.fail(problem)
    return nginx_server.free_port()


@pytest.fixture(scope="module")
def published(tmp_path_factory, port):
    """The real site's publish build for the address nginx serves it on (links and feeds are absolute)."""
    build = run_build(tmp_path_factory.mktemp("served") / "output", settings="publishconf.py",
                      siteurl=f"http://127.0.0.1:{port}")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def server(published, port, tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    with nginx_server.serve(published.output, port, work) as url:
        yield url
    assert "[emerg]" not in nginx_server.error_log(work) and "[crit]" not in nginx_server.error_log(work)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def our_headers(self):
        """Each of our headers' values; a header sent twice would show as a list of two."""
        return {name: self.headers.get_all(name) for name in OUR_HEADERS}


def fetch(server, path, method="GET", accept_encoding="identity"):
    """One request, no redirects followed; `accept_encoding=None` sends no Accept-Encoding at all."""
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest(method, quote(path), skip_accept_encoding=True)
        if accept_encoding is not None:
            connection.putheader("Accept-Encoding", accept_encoding)
        connection.endheaders()
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def expected(csp, cache):
    return {**{name: [value] for name, value in COMMON.items()}, "Content-Security-Policy": [csp],
            "Cache-Control": [cache]}


@pytest.fixture(scope="module")
def pages(published):
    """{(kind, lang): URL path} of every kind of page in every language, from the German page's alternates."""
    found = {}
    for kind, path in PAGE_KINDS.items():
        page = published.page(path.lstrip("/"))
        for link in page.select('link[rel="alternate"][hreflang]'):
            if link["hreflang"] in LANGUAGES:
                found[kind, link["hreflang"]] = urlsplit(link["href"]).path
        assert {lang for (other, lang) in found if other == kind} == set(LANGUAGES), kind
    return found


def output_file(published, path):
    target = published.output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


# --- The configuration is the settings ---------------------------------------------------------------------------

def test_the_checked_in_nginx_config_is_made_from_the_settings():
    made = headers.nginx_config(read_settings(str(ROOT / "pelicanconf.py")))
    checked_in = (ROOT / "hosting" / "nginx" / "site.conf").read_text(encoding="utf-8")
    assert checked_in == made, "hosting/nginx/site.conf is stale: run `python -m hosting.headers`"
    # The publish settings make the same configuration (they only add what the local build leaves out).
    assert headers.nginx_config(SETTINGS) == made


def test_header_policies_are_strict():
    for policy in (PAGE_CSP, SEARCH_CSP):
        assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
        assert "default-src 'none'" in policy and "base-uri 'none'" in policy and FRAME_ANCESTORS in policy
    assert "script-src 'none'" in PAGE_CSP
    assert "script-src 'self' 'wasm-unsafe-eval'" in SEARCH_CSP
    for feature in ("camera", "microphone", "geolocation", "browsing-topics", "payment", "usb"):
        assert f"{feature}=()" in COMMON["Permissions-Policy"]
    assert "preload" not in COMMON["Strict-Transport-Security"]


# --- Headers from the real nginx --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_kind_of_page_has_every_header(server, published, pages, kind, lang):
    path = pages[kind, lang]
    response = fetch(server, path)
    assert response.status == 200, path
    csp = SEARCH_CSP if kind in SEARCH_KINDS else PAGE_CSP
    assert response.our_headers() == expected(csp, NO_CACHE), path
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.body == output_file(published, path).read_bytes()
    # The header CSP is the page's own <meta> policy plus frame-ancestors, which a <meta> cannot carry.
    meta = BeautifulSoup(response.body, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert f"{meta['content']}; {FRAME_ANCESTORS}" == csp


@pytest.mark.parametrize("name", FILES)
def test_files_have_every_header_and_their_caching(server, published, name):
    path, cache, csp, content_type = FILES[name]
    response = fetch(server, path)
    assert response.status == 200, path
    assert response.our_headers() == expected(csp, cache), path
    assert response.headers["Content-Type"] == content_type
    assert response.body == output_file(published, path).read_bytes()


def test_pagefinds_fingerprinted_index_files_are_kept_for_a_year(server, published):
    bundle = published.output / "pagefind"
    fingerprinted = [next(bundle.glob("pagefind.*.pf_meta")), next(bundle.glob("index/*.pf_index")),
                     next(bundle.glob("fragment/*.pf_fragment"))]
    for file in fingerprinted:
        path = "/" + file.relative_to(published.output).as_posix()
        response = fetch(server, path, accept_encoding="gzip, br")
        assert response.status == 200
        assert response.our_headers() == expected(SEARCH_CSP, IMMUTABLE), path
        # Pagefind's files are gzip inside already; they are sent as they are, not compressed again.
        assert "Content-Encoding" not in response.headers and response.body == file.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_page_is_a_404_with_the_languages_404_page(server, published, lang):
    response = fetch(server, MISSING[lang])
    assert response.status == 404
    page_404 = output_file(published, ("" if lang == "de" else f"/{lang}") + "/404.html")
    assert response.body == page_404.read_bytes()
    assert BeautifulSoup(response.body, "html.parser").html["lang"] == lang
    assert response.our_headers() == expected(PAGE_CSP, NO_CACHE)
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("path, page_404", [
    ("/suche/nichts/", "/404.html"),              # under a search page: the 404 page has the pages' policy
    ("/uk/poshuk/nichoho/", "/uk/404.html"),
    ("/theme/css/fehlt.css", "/404.html"),         # a missing file is not cached like the theme's files
    ("/pagefind/fehlt.js", "/404.html"),
    ("/ukraine/", "/404.html"),                    # not the Ukrainian folder
    ("/_headers", "/404.html"),                    # the rules for other hosts are not a page
])
def test_404_everywhere_with_the_pages_headers(server, published, path, page_404):
    response = fetch(server, path, accept_encoding="br")
    assert response.status == 404
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.body) == output_file(published, page_404).read_bytes()
    assert response.our_headers() == expected(PAGE_CSP, NO_CACHE)


def test_a_folder_without_its_slash_is_redirected_relatively(server):
    response = fetch(server, "/suche")
    assert response.status == 301 and response.headers["Location"] == "/suche/"
    # The redirect is not the search page: it gets the pages' policy (and runs nothing).
    assert response.our_headers() == expected(PAGE_CSP, NO_CACHE)


# --- Pre-compressed files --------------------------------------------------------------------------------------

ENCODED = ["/", "/uk/", "/en/search/", "/theme/css/site.css", "/theme/js/search.js", "/sitemap.xml",
           "/feeds/all.atom.xml", "/pagefind/pagefind.js", "/partners.json", "/daten/aktivitaeten.csv"]


@pytest.mark.parametrize("path", ENCODED)
def test_brotli_gzip_or_nothing_as_the_browser_asks(server, published, path):
    original = output_file(published, path).read_bytes()
    both = fetch(server, path, accept_encoding="gzip, deflate, br")
    assert both.headers["Content-Encoding"] == "br", "brotli is preferred when both are accepted"
    assert brotli.decompress(both.body) == original
    br = fetch(server, path, accept_encoding="br")
    assert br.headers["Content-Encoding"] == "br" and brotli.decompress(br.body) == original
    assert br.headers["Vary"] == "Accept-Encoding"
    gz = fetch(server, path, accept_encoding="gzip")
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.body) == original
    assert gz.headers["Vary"] == "Accept-Encoding"
    assert len(br.body) < len(gz.body) < len(original)
    for plain in (fetch(server, path, accept_encoding=None), fetch(server, path, accept_encoding="identity")):
        assert "Content-Encoding" not in plain.headers
        assert plain.body == original
    for response in (both, br, gz):
        assert response.our_headers() == fetch(server, path).our_headers()


def text_files(output):
    return [path for path in sorted(output.rglob("*"))
            if path.is_file() and path.suffix in compress.TEXT_SUFFIXES]


def test_every_text_file_of_some_size_has_smaller_br_and_gz_copies(published):
    files = text_files(published.output)
    assert len(files) > 150
    large = [path for path in files if path.stat().st_size >= compress.MIN_BYTES]
    assert len(large) > 150
    for path in files:
        data = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        if path.stat().st_size < compress.MIN_BYTES:
            assert not br.exists() and not gz.exists(), path
            continue
        assert br.exists() and gz.exists(), path
        assert brotli.decompress(br.read_bytes()) == data
        assert gzip.decompress(gz.read_bytes()) == data
        assert br.stat().st_size < gz.stat().st_size < len(data), path
        header = gz.read_bytes()[:10]
        assert header[4:8] == b"\0\0\0\0" and not header[3] & 0x08, f"{gz}: no time, no name: reproducible"
    # Nothing is compressed twice, and Pagefind's own gzip files are left alone.
    assert not list(published.output.rglob("*.gz.gz")) and not list(published.output.rglob("*.br.br"))
    assert not list(published.output.rglob("*.pf_*.gz")) and not list(published.output.rglob("*.pagefind.br"))


def test_compression_is_reproducible_and_skips_what_is_gzip_already(published, tmp_path):
    page = published.output / "index.html"
    copy = tmp_path / "index.html"
    shutil.copy(page, copy)
    fragment = next((published.output / "pagefind" / "fragment").iterdir())
    disguised = tmp_path / "fragment.json"  # a text name, gzip inside
    shutil.copy(fragment, disguised)
    disguised.write_bytes(disguised.read_bytes() + b"\0" * compress.MIN_BYTES)
    totals = compress.compress_site(tmp_path, workers=1)
    assert (tmp_path / "index.html.br").read_bytes() == (published.output / "index.html.br").read_bytes()
    assert (tmp_path / "index.html.gz").read_bytes() == (published.output / "index.html.gz").read_bytes()
    assert not (tmp_path / "fragment.json.gz").exists() and not (tmp_path / "fragment.json.br").exists()
    assert totals.files == 2 and totals.raw == page.stat().st_size + disguised.stat().st_size


def test_the_local_build_has_no_compressed_copies_and_no_headers_file(real_site_local):
    assert not list(real_site_local.output.rglob("*.gz")) and not list(real_site_local.output.rglob("*.br"))
    assert not (real_site_local.output / "_headers").exists()


# --- Netlify and Cloudflare Pages: _headers ----------------------------------------------------------------------

def parse_netlify_headers(text):
    """`_headers` as Netlify reads it (@netlify/headers-parser: line_parser.ts, for_regexp.ts): trimmed lines,
    `#` comments, a path line starts with `/`, a header line is `Name: value`; a repeated header in one rule is
    joined with ", ". Returns [(path, regexp, {name: value})] and the lines it could not parse."""
    rules, errors = [], []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("/"):
            rules.append((line, netlify_regexp(line), {}))
        elif ":" not in line:
            errors.append(f"{number}: {line}")
        elif not rules:
            errors.append(f"{number}: header before any path")
        else:
            name, value = line.split(":", 1)
            if not name.strip() or not value.strip():
                errors.append(f"{number}: {line}")
                continue
            values = rules[-1][2]
            values[name.strip()] = f"{values[name.strip()]}, {value.strip()}" if name.strip() in values \
                else value.strip()
    return rules, errors


def netlify_regexp(path):
    def part(text):
        if text.startswith(":"):
            return "([^/]+)"
        if text == "*":
            return "?(.*)"
        if "*" in text:
            return text.replace("*", "(.*)")
        return re.escape(text)
    return re.compile("^/" + "/".join(part(text) for text in path.split("/") if text.rstrip()) + "/?$", re.I)


@pytest.fixture(scope="module")
def netlify_rules(published):
    rules, errors = parse_netlify_headers((published.output / "_headers").read_text(encoding="utf-8"))
    assert errors == []
    return rules


def site_paths(output, compressed=True):
    """Every URL path the host serves: each file, and each folder with an index.html."""
    paths = []
    for file in sorted(output.rglob("*")):
        if not compressed and file.suffix in (".br", ".gz"):
            continue
        if file.is_file() and file.name != "_headers":
            path = "/" + file.relative_to(output).as_posix()
            paths.append(path)
            if file.name == "index.html":
                paths.append(path[: -len("index.html")])
    return paths


def test_headers_file_gives_each_path_each_header_once(published, netlify_rules):
    # The opener policy differs on the web editor's /admin/ (hosting/headers.py): it is set by the other rules.
    same_everywhere = {name: value for name, value in COMMON.items() if name != "Cross-Origin-Opener-Policy"}
    assert netlify_rules[0][0] == "/*" and netlify_rules[0][2] == same_everywhere
    # Cloudflare Pages reads at most 100 rules.
    assert len(netlify_rules) <= 100, f"{len(netlify_rules)} rules in _headers: Cloudflare Pages reads 100"
    for path in site_paths(published.output) + list(MISSING.values()) + ["/partnerschaftx/", "/uk/poshukx/"]:
        names = [name for _, regexp, values in netlify_rules if regexp.match(path) for name in values]
        assert len(names) == len(set(names)), f"{path}: set by more than one rule: {sorted(names)}"


def test_nginx_sends_every_file_the_headers_of_its_path(server, published):
    """Every file and folder of the site, asked of nginx (HEAD), has the headers hosting/headers.py gives its
    path (the expectations for each kind of path are checked above)."""
    paths = site_paths(published.output)
    assert len(paths) > 600
    for path in paths:
        response = fetch(server, path, method="HEAD")
        assert response.status == 200, path
        assert all(len(values) == 1 for values in response.our_headers().values()), path
        served = {name: values[0] for name, values in response.our_headers().items()}
        assert served == headers.headers_for(SETTINGS, path), path


def test_headers_file_gives_every_file_the_headers_nginx_sends(server, published, netlify_rules):
    """The same for the `_headers` rules that match each path. The .br and .gz copies are left out: they are for
    nginx; Netlify and Cloudflare compress by themselves and never send them in place of a page."""
    paths = site_paths(published.output, compressed=False)
    assert len(paths) > 200
    for path in paths:
        from_file = {}
        for _, regexp, values in netlify_rules:
            if regexp.match(path):
                from_file.update(values)
        served = {name: values[0] for name, values in fetch(server, path, method="HEAD").our_headers().items()}
        assert from_file == served, path


# --- In Chromium, through nginx ---------------------------------------------------------------------------------

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
"""


@pytest.fixture
def watched(browser):
    """A page that records CSP violations (as events and on the console), console messages and page errors."""
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
    yield page
    context.close()


def test_no_csp_violation_and_no_console_message_on_any_page(watched, server, pages):
    visited = []
    for (kind, lang), path in sorted(pages.items()) + [(("404", lang), path) for lang, path in MISSING.items()]:
        response = watched.goto(server + path)
        if kind in SEARCH_KINDS:
            # Only the search pages run a script, which may fetch more after `load`; the others are complete then.
            watched.wait_for_load_state("networkidle")
        assert response.headers["content-security-policy"] == (SEARCH_CSP if kind in SEARCH_KINDS else PAGE_CSP)
        assert watched.evaluate("window.__violations") == [], f"{kind} ({lang}): {path}"
        background = watched.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == "rgb(255, 255, 255)", f"{path}: the stylesheet did not load"
        visited.append(path)
    assert len(visited) == len(PAGE_KINDS) * 3 + 3
    # A 404 page is reported once each on the console, for its status; nothing else may appear.
    others = [problem for problem in watched.problems if "404" not in problem]
    assert others == [], explain_console(others, watched.context.browser.version)
    assert len(watched.problems) == 3, watched.problems


def test_the_browser_knows_every_feature_of_the_permissions_policy(browser, server):
    """Chromium logs a feature it does not know on every page (test above); this names each one directly."""
    policy = SETTINGS["SECURITY_HEADERS"]["Permissions-Policy"]
    features = [item.strip().split("=")[0] for item in policy.split(",")]
    assert len(features) >= 10 and all(f"{feature}=()" in policy for feature in features)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    known = set(page.evaluate("document.featurePolicy.features()"))
    context.close()
    assert "camera" in known and "made-up-feature" not in known  # the browser's list is real
    unknown = [feature for feature in features if feature not in known]
    assert unknown == [], "\n".join(unknown_feature_advice(feature, browser.version) for feature in unknown)


def test_the_violation_watch_sees_a_violation(watched, server):
    """The watch above is not blind: an image from elsewhere is refused and reported, by event and console."""
    watched.goto(server + "/")
    watched.evaluate("() => { const image = new Image(); image.src = 'https://example.invalid/x.png'; "
                     "document.body.append(image); }")
    watched.wait_for_function("window.__violations.length > 0")
    # Reported twice: the header's policy and the page's <meta> policy are both in force.
    assert watched.evaluate("window.__violations") == ["img-src https://example.invalid/x.png"] * 2
    assert any("img-src" in problem for problem in watched.problems), watched.problems


def test_no_other_site_can_frame_the_pages(browser, server):
    """frame-ancestors, which only the header carries (and X-Frame-Options): another origin's frame stays empty."""
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.set_content(f'<iframe src="{server}/"></iframe>')
    for _ in range(50):
        if messages:
            break
        page.wait_for_timeout(100)
    assert any("frame-ancestors 'none'" in message for message in messages), messages
    assert page.frames[1].url.startswith("chrome-error:"), "the frame shows Chromium's error page, not ours"
    context.close()


SEARCHES = {
    "de": ("Müllfahrzeuge", "/lieferungen/2023-09-27-muellfahrzeuge-abfallwirtschaft/"),
    "uk": ("сміттєвози", "/uk/postavky/2023-09-27-dva-smittievozy-y-multylift-dlia-mykolaieva/"),
    "en": ("refuse", "/en/deliveries/2023-09-27-two-refuse-vehicles-and-a-hook/"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_works_under_the_header_policy(watched, server, pages, lang):
    query, article = SEARCHES[lang]
    pagefind = []
    watched.on("response", lambda response: pagefind.append(response) if "/pagefind/" in response.url else None)
    watched.goto(f"{server}{pages['search', lang]}?q={quote(query)}")
    watched.locator("#suchergebnisse li").first.wait_for(timeout=15000)
    links = [urlsplit(link.get_attribute("href")).path for link in watched.locator("#suchergebnisse a").all()]
    assert article in links, links
    assert watched.evaluate("window.__violations") == []
    assert watched.problems == [], explain_console(watched.problems, watched.context.browser.version)
    # Pagefind's script, its WebAssembly and its index came from nginx, under the search policy.
    kinds = {urlsplit(response.url).path.rsplit(".", 1)[-1] for response in pagefind}
    assert kinds >= {"js", "json", "pf_meta", "pf_index", "pf_fragment"}, kinds
    assert all(response.status == 200 and response.headers["content-security-policy"] == SEARCH_CSP
               for response in pagefind)


# --- The web editor (cms/, only published with CMS_REPO) ---------------------------------------------------------

def test_the_web_editor_gets_its_own_policy_and_is_not_indexed(tmp_path, port):
    """/admin/ runs Sveltia CMS, which must talk to GitHub and open GitHub's sign-in window; nothing else may."""
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    for page in ("index.html", "404.html", "admin/index.html"):
        (site / page).write_text("<!doctype html><title>x</title>", encoding="utf-8")
    with nginx_server.serve(site, nginx_server.free_port(), tmp_path / "nginx") as url:
        admin, home = fetch(url, "/admin/"), fetch(url, "/")
    assert admin.status == 200 and home.status == 200
    for name, value in headers.headers_for(SETTINGS, "/admin/").items():
        assert admin.headers.get_all(name) == [value], name
    assert admin.headers["Content-Security-Policy"] == SETTINGS["CMS_CONTENT_SECURITY_POLICY"] + "; " + FRAME_ANCESTORS
    assert "https://api.github.com" in admin.headers["Content-Security-Policy"]
    assert admin.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert admin.headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
    # The rest of the site keeps its own.
    assert home.headers["Content-Security-Policy"] == PAGE_CSP
    assert home.headers["Cross-Origin-Opener-Policy"] == "same-origin" and "X-Robots-Tag" not in home.headers
