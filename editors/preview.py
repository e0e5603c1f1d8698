"""The editors' preview: serve output/ on localhost, rebuild on every save, and refresh the open browser tabs.

Why not the `livereload` package: it looks for changes every 800 ms (a fixed interval in its handler), which
alone would use most of the one second an editor should wait between saving and seeing the page. Here
`watchfiles` (already required by Pelican; inotify on Linux) reports a save within a few dozen milliseconds,
the rebuild runs in a builder process forked from this one (Pelican is imported once; each language's build is a
fork of the builder), and the browser is told to reload over Server-Sent Events, which need no extra library on
either side.

Why a builder process: the server answers each request in a thread, and a process forked from a process with
threads inherits every lock another thread held at that moment, held forever (a forked build then hung on a
futex or a pipe). The builder is forked before the first thread starts and never starts one that outlives a
build, so its forks are safe. It leads a process group of its own: when the preview is stopped (Ctrl+C, `kill`,
a closed terminal), the builder is told to stop and clean up, and whatever of its group is still running a few
seconds later is killed, so nothing the preview started outlives it.

What comes first after a save: the pages open in a browser. Each open page holds an event stream that names the
page and the version it was served in (a hash of its bytes), so the server knows which pages are open, and tells
a page to reload exactly when the bytes it would now send for it differ, whichever build changed them: once per
save. When only texts were saved, the builder first renders just the open pages (and the saved text's page), with
every check of their language's build (sitebuild.build.render_pages); then that language is rebuilt in full, then
the others, then the search index, which the next save ends early. The builder builds the site once in its own
process before the first request (sitebuild.build.warm_up): what a build loads on first use is then loaded in
every build forked from it (measured: 0.41 → 0.29 s for the open pages).

The pages are built exactly as by `invoke build`; the server adds, to each HTML page it sends, one script that
listens for "reload" and widens the page's Content-Security-Policy just enough for that script. A failed build
changes no page: the browser keeps the last good state, with the problems in a box at its top
(preview_problems.py), and the terminal shows them too.
"""

import functools
import hashlib
import http.server
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import traceback
import urllib.parse

import watchfiles

from editors import preview_problems

RELOAD_PATH = "/__vorschau/neu-laden.js"
EVENTS_PATH = "/__vorschau/ereignisse"
RELOAD_SCRIPT = b"""// Preview only (editors/preview.py): reload this page when the preview would send another version of it.
const stand = document.currentScript.dataset.stand;
const events = new EventSource("/__vorschau/ereignisse?seite=" + encodeURIComponent(location.pathname) +
                               "&stand=" + stand);
events.addEventListener("reload", () => location.reload());
"""


class Generations:
    """Counts the builds that changed the output (quick or full); request threads wait for the next."""

    def __init__(self):
        self.number = 0
        self.changed = threading.Condition()

    def advance(self):
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def wait_after(self, number, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.number > number, timeout=timeout)
            return self.number


class OpenPages:
    """The pages open in a browser (each holds an event stream), as paths of files in the output folder: what the
    quick rebuild renders first (sitebuild.build.render_pages)."""

    def __init__(self):
        self._counts = {}
        self._lock = threading.Lock()

    def add(self, page):
        with self._lock:
            self._counts[page] = self._counts.get(page, 0) + 1

    def remove(self, page):
        with self._lock:
            self._counts[page] -= 1
            if not self._counts[page]:
                del self._counts[page]

    def snapshot(self):
        with self._lock:
            return sorted(self._counts)


def stand(body):
    """What a page's version is called: it changes whenever the page the preview sends changes."""
    return hashlib.sha256(body).hexdigest()[:20]


def for_preview(html):
    """The page as the preview sends it: with the reload script, which its CSP must then allow; the script knows
    which version of the page it came with, so that the page reloads only when that changes."""
    injected = f'<script src="{RELOAD_PATH}" data-stand="{stand(html)}" defer></script>'.encode()
    html = html.replace(b"script-src 'none'", b"script-src 'self'", 1)
    position = html.find(b"</head>")
    return html[:position] + injected + html[position:] if position >= 0 else html + injected


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    generations = None  # set by serve()
    open_pages = None

    def do_GET(self):  # noqa: N802 - the name http.server asks for
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if path == EVENTS_PATH:
            return self._stream_events()
        file = self.translate_path(path)
        if os.path.isdir(file) and not path.endswith("/"):
            return super().do_GET()  # redirects to the folder's address with a slash
        answer = self._answer(path)
        if answer is None:
            return super().do_GET()
        status, body = answer
        return self._send(status, "text/html; charset=utf-8", for_preview(body))

    def _page_file(self, path):
        """The HTML file that answers `path` (which may not exist), or None for other files."""
        file = self.translate_path(path)
        if os.path.isdir(file) or path.endswith("/"):
            file = os.path.join(file, "index.html")
        return file if file.endswith(".html") else None

    def _answer(self, path):
        """(status, body) of the page the preview sends for `path`, before the reload script goes in; None for a
        file that is sent as it is."""
        file = self._page_file(path)
        if file is None:
            return None if os.path.exists(self.translate_path(path)) else self._not_found()
        try:
            with open(file, "rb") as handle:
                body = handle.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return self._not_found()
        return 200, preview_problems.with_problems(body, self.directory)

    def _stand(self, path):
        answer = self._answer(path)
        return stand(answer[1]) if answer else ""

    def _not_found(self):
        page = os.path.join(self.directory, "404.html")
        body = open(page, "rb").read() if os.path.isfile(page) else b"<!doctype html><title>404</title>"
        return 404, preview_problems.with_problems(body, self.directory)

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _stream_events(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        path = query.get("seite", ["/"])[0]
        seen_stand = query.get("stand", [""])[0]
        file = self._page_file(path)
        page = os.path.relpath(file, self.directory).replace(os.sep, "/") if file else None
        if page:
            self.open_pages.add(page)  # before the answer: once a browser has it, the page counts as open
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            number = self.generations.number
            while True:
                current = self._stand(path)
                if current != seen_stand:
                    # The browser shows another version of the page than the preview would send now: reload.
                    seen_stand = current
                    self.wfile.write(b"event: reload\ndata: \n\n")
                    self.wfile.flush()
                newer = self.generations.wait_after(number, timeout=15)
                if newer == number:
                    self.wfile.write(b": ping\n\n")  # keeps the connection open through idle periods
                    self.wfile.flush()
                number = newer
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            if page:
                self.open_pages.remove(page)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def languages_in_order(changes, languages, original, viewed=()):
    """Which languages to rebuild first: those of the changed translations; any other change (an original,
    the theme, the code) concerns every language's site, the original's first. When the changes concern several
    languages, those `viewed` (open in a browser) come first, alone: a date changed in an article and its
    translations (three files renamed) brings the open listing back after one language's build, not three."""
    changed = set()
    for _, path in changes:
        name = os.path.basename(path)
        parts = name.split(".")
        if len(parts) >= 3 and parts[-1] == "md" and parts[-2] in languages and parts[-2] != original:
            changed.add(parts[-2])
        else:
            changed.add(original)
    groups = [[lang for lang in languages if lang in changed and lang in viewed],
              [lang for lang in languages if lang in changed and lang not in viewed],
              [lang for lang in languages if lang not in changed]]
    if not groups[0] or not groups[1]:
        groups = [groups[0] + groups[1], groups[2]]
    return groups


def viewed_languages(pages, languages, original):
    """The languages of the open pages (paths in the output folder: "uk/…" is Ukrainian, the rest the original)."""
    return {next((lang for lang in languages if lang != original and page.startswith(f"{lang}/")), original)
            for page in pages}


def serve(root, output, build, languages, original, port=8000,
          watched=("content", "theme", "plugins", "pelicanconf.py"), ready=None, search_index=None,
          render_pages=None, warm_up=None):
    """Build, serve `output` on 127.0.0.1:`port`, and rebuild and reload on every change under `watched`.

    `build(languages)` rebuilds those languages' sites (None: all) and returns True when they are in place. After
    a change, the languages it concerns most are rebuilt first, the others next: the page an editor is looking at
    comes back after one language's build, not three. Before that, when only texts were saved,
    `render_pages(language, pages, saved files)` (optional) renders just the pages open in a browser, with every
    check of that language's build, and returns those it put in place (none when it cannot answer alone, see
    sitebuild.build.render_pages): the open page comes back before its language's build is done. `warm_up()`
    (optional) runs once in the builder before its first build, so that every build forked from it starts warm.
    `search_index(output)` (optional) runs last: the search works a moment after the pages.
    All of these run in the builder process (Builder). An open page reloads when what the preview would send for it
    has changed, after whichever build changed it. SIGINT, SIGTERM and SIGHUP stop the preview and all it started.
    """
    generations = Generations()
    open_pages = OpenPages()
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)
    builder = server = serving = None
    try:
        builder = Builder(build, search_index and functools.partial(search_index, output), render_pages, warm_up)
        handler = functools.partial(
            type("Handler", (PreviewHandler,), {"generations": generations, "open_pages": open_pages}),
            directory=output)
        server = _Server(("127.0.0.1", port), handler)
        builder.build(None)
        builder.search_index()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        paths = [os.path.join(root, path) for path in watched if os.path.exists(os.path.join(root, path))]
        announced = False
        # The watcher starts with the first turn of the loop; the address is announced once it watches (its first
        # timeout), so that a file saved as soon as the preview says it is ready is seen.
        for changes in watchfiles.watch(*paths, debounce=50, step=20, rust_timeout=200, yield_on_timeout=True):
            if not announced:
                announced = True
                print(f"Vorschau: http://127.0.0.1:{server.server_address[1]}/ (Strg+C beendet)", flush=True)
                if ready:
                    ready(server.server_address[1])
            if not changes:
                continue
            plugins = os.path.join(os.path.abspath(root), "plugins", "")
            if any(path.endswith(".py") and os.path.abspath(path).startswith(plugins) for _, path in changes):
                # The builder has imported the plugins (its warm-up, and sitebuild imports some of them): their new
                # code only comes with a new process.
                print("Der Code der Plugins hat sich geändert: die Vorschau startet neu.", flush=True)
                raise CodeChanged
            started = time.perf_counter()
            pages = open_pages.snapshot()
            order = languages_in_order(changes, languages, original, viewed_languages(pages, languages, original))
            saved = only_saved_texts(changes, os.path.join(root, "content"))
            if render_pages and saved and pages and len(order[0]) == 1 and not preview_problems.problems(output):
                replaced = builder.render_pages(order[0][0], pages, saved)
                if replaced:
                    generations.advance()
                    print(f"Zuerst neu: {len(replaced)} offene Seite(n) in {time.perf_counter() - started:.2f} s.",
                          flush=True)
            rebuilt = []
            for group in order:
                if group and builder.build(group):
                    generations.advance()
                    rebuilt.extend(group)
                elif group:
                    generations.advance()  # the open pages reload and show the problems (preview_problems)
                    break
            if rebuilt:
                print(f"Neu gebaut ({', '.join(rebuilt)}) in {time.perf_counter() - started:.2f} s.", flush=True)
                builder.search_index(wait=False)
    except KeyboardInterrupt:
        pass
    except BuilderGone as gone:
        print(gone, file=sys.stderr, flush=True)
        raise SystemExit(1) from None
    finally:
        # A second Ctrl+C while stopping must not leave the builder running.
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        if serving is not None:
            server.shutdown()  # waits for serve_forever: only if it was started
        if server is not None:
            server.server_close()
        if builder is not None:
            builder.stop()


def only_saved_texts(changes, content):
    """The saved Markdown files when nothing else changed (no file deleted, no theme, code or setting); else []."""
    paths = sorted({path for _, path in changes})
    inside = os.path.join(os.path.abspath(content), "")
    if all(change != watchfiles.Change.deleted and path.endswith(".md") and os.path.abspath(path).startswith(inside)
           and os.path.isfile(path) for change, path in changes):
        return paths
    return []


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop(number, frame):
    """SIGTERM and SIGHUP stop the preview the way Ctrl+C does: through the `finally` that ends the builder."""
    raise KeyboardInterrupt


class CodeChanged(Exception):
    """Raised by serve() after it has stopped everything it started: the caller starts the preview again."""


class BuilderGone(Exception):
    pass


class Builder:
    """The process that runs the builds (and the search index) on request; see the module's docstring."""

    def __init__(self, build, search_index=None, render_pages=None, warm_up=None, grace=5.0):
        if threading.active_count() > 1:
            raise RuntimeError("the builder must be forked before any thread starts (see editors/preview.py)")
        self.grace = grace
        self._unanswered = False  # a request whose answer is still to be read (search_index(wait=False))
        self._connection, theirs = multiprocessing.Pipe()
        # Not daemonic: a daemonic process may not start the language builds' processes.
        self.process = multiprocessing.get_context("fork").Process(
            target=_build_on_request, args=(theirs, build, search_index, render_pages, warm_up),
            name="vorschau-builder")
        self.process.start()
        theirs.close()
        try:
            # Also here, not only in the child: a stop right after the start must find the group.
            os.setpgid(self.process.pid, self.process.pid)
        except OSError:
            pass  # the child got there first

    def build(self, languages):
        return self._ask(("build", languages))

    def render_pages(self, language, pages, saved):
        return self._ask(("render pages", (language, pages, saved)))

    def search_index(self, wait=True):
        """Make the search index; with `wait=False` return at once: the builder then makes it until the next
        request, which ends it early (a save is not kept waiting for the index of a state it replaces)."""
        if wait:
            return self._ask(("search index", None))
        self._ask(("search index", None), answer_later=True)

    def _ask(self, request, answer_later=False):
        try:
            self._connection.send(request)
            if self._unanswered:
                self._connection.recv()  # the search index's: done, or ended by this request
                self._unanswered = False
            if answer_later:
                self._unanswered = True
                return None
            return self._connection.recv()
        except (EOFError, OSError):
            raise BuilderGone("Der Build-Prozess der Vorschau ist unerwartet beendet worden; bitte die Vorschau "
                              "neu starten (invoke preview).") from None

    def stop(self):
        """Ask the builder to stop (it removes its staging folders and ends its builds), then kill whatever of
        its process group is left."""
        self._connection.close()
        if self.process.exitcode is None:
            try:
                os.kill(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.process.join(self.grace)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is empty: everything has ended
        self.process.join()


def _build_on_request(connection, build, search_index, render_pages, warm_up):
    stopping = []

    def stop(number, frame):
        stopping.append(number)
        raise KeyboardInterrupt

    try:  # from the first line: a stop that comes this early is a stop too (the preview's handler is inherited)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, stop)
        # Not the terminal's Ctrl+C (this group is not the terminal's): the preview says when to stop, by SIGTERM.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.setpgid(0, 0)
        if warm_up:
            try:
                warm_up()  # the builds forked from here on start with everything loaded
            except Exception:  # noqa: BLE001 - without it the builds are only slower
                traceback.print_exc()
        while True:
            try:
                kind, arguments = connection.recv()
            except EOFError:
                return  # the preview has ended
            try:
                if kind == "build":
                    answer = build(arguments)
                elif kind == "render pages":
                    answer = render_pages(*arguments)
                else:
                    answer = _until_asked_again(search_index, connection) if search_index else None
            except Exception:  # noqa: BLE001 - a broken build must not end the preview
                if stopping:
                    return
                traceback.print_exc()
                print("Build fehlgeschlagen (siehe oben); die Vorschau zeigt den letzten guten Stand.",
                      file=sys.stderr, flush=True)
                answer = False
            connection.send(answer)
    except (KeyboardInterrupt, BrokenPipeError):
        return


def _until_asked_again(function, connection):
    """Run `function` in a process forked from the builder; end it as soon as the preview asks for something
    else (that request is then read as usual). Returns whether it ran to its end."""
    child = multiprocessing.get_context("fork").Process(target=_ended_by_sigterm, args=(function,),
                                                        name="vorschau-suchindex")
    child.start()
    try:
        multiprocessing.connection.wait([connection, child.sentinel])
    finally:  # also when the builder itself is stopped meanwhile
        if child.exitcode is None:
            child.terminate()  # SIGTERM: the function's own clean-up runs (see _ended_by_sigterm)
        child.join()
    return child.exitcode == 0


def _ended_by_sigterm(function):
    def stop(number, frame):
        raise KeyboardInterrupt  # subprocess.run kills its program; `with` blocks remove their folders

    signal.signal(signal.SIGTERM, stop)
    try:
        function()
    except KeyboardInterrupt:
        os._exit(1)


def pagefind(output):
    """The search index of the preview, built after the reload (see serve), as the build makes it."""
    from sitebuild import search_index

    for problem in search_index.build(output):
        print(problem, file=sys.stderr, flush=True)
