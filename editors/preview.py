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

The pages are built exactly as by `invoke build`; the server adds, to each HTML page it sends, one script that
listens for "reload" and widens the page's Content-Security-Policy just enough for that script. A failed build
changes no page: the browser keeps the last good state, with the problems in a box at its top
(preview_problems.py), and the terminal shows them too.
"""

import functools
import http.server
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback

import watchfiles

from editors import preview_problems

RELOAD_PATH = "/__vorschau/neu-laden.js"
EVENTS_PATH = "/__vorschau/ereignisse"
RELOAD_SCRIPT = b"""// Preview only (editors/preview.py): reload this page when its language's site has been rebuilt.
const events = new EventSource("/__vorschau/ereignisse");
events.addEventListener("reload", (event) => {
  if (event.data.split(" ").includes(document.documentElement.lang)) location.reload();
});
"""
INJECTED = f'<script src="{RELOAD_PATH}" defer></script>'.encode()


class Generations:
    """Counts successful builds and says which languages each one rebuilt; request threads wait for the next."""

    def __init__(self):
        self.number = 0
        self.languages = {}  # generation → the languages it rebuilt
        self.changed = threading.Condition()

    def advance(self, languages):
        with self.changed:
            self.number += 1
            self.languages[self.number] = list(languages)
            self.changed.notify_all()

    def languages_since(self, number):
        with self.changed:
            return sorted({lang for seen, langs in self.languages.items() if seen > number for lang in langs})

    def wait_after(self, number, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.number > number, timeout=timeout)
            return self.number


def for_preview(html):
    """The page as the preview sends it: with the reload script, which its CSP must then allow."""
    html = html.replace(b"script-src 'none'", b"script-src 'self'", 1)
    position = html.find(b"</head>")
    return html[:position] + INJECTED + html[position:] if position >= 0 else html + INJECTED


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    generations = None  # set by serve()

    def do_GET(self):  # noqa: N802 - the name http.server asks for
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if path == EVENTS_PATH:
            return self._stream_events()
        file = self.translate_path(path)
        if os.path.isdir(file):
            if not path.endswith("/"):
                return super().do_GET()  # redirects to the folder's address with a slash
            file = os.path.join(file, "index.html")
        if file.endswith(".html"):
            if os.path.isfile(file):
                with open(file, "rb") as handle:
                    return self._send(200, "text/html; charset=utf-8", for_preview(handle.read()))
            return self._not_found()
        if not os.path.exists(file):
            return self._not_found()
        return super().do_GET()

    def _not_found(self):
        page = os.path.join(self.directory, "404.html")
        body = open(page, "rb").read() if os.path.isfile(page) else b"<!doctype html><title>404</title>"
        self._send(404, "text/html; charset=utf-8", for_preview(body))

    def _send(self, status, content_type, body):
        if content_type.startswith("text/html"):
            body = preview_problems.with_problems(body, self.directory)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _stream_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.generations.number
        try:
            while True:
                now = self.generations.wait_after(seen, timeout=15)
                if now > seen:
                    languages = " ".join(self.generations.languages_since(seen))
                    seen = now
                    self.wfile.write(f"event: reload\ndata: {languages}\n\n".encode())
                else:
                    self.wfile.write(b": ping\n\n")  # keeps the connection open through idle periods
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def languages_in_order(changes, languages, original):
    """Which languages to rebuild first: those of the changed translations; any other change (an original,
    the theme, the code) concerns every language's site, the original's first."""
    changed = set()
    for _, path in changes:
        name = os.path.basename(path)
        parts = name.split(".")
        if len(parts) >= 3 and parts[-1] == "md" and parts[-2] in languages and parts[-2] != original:
            changed.add(parts[-2])
        else:
            changed.add(original)
    first = [lang for lang in languages if lang in changed]
    return [first, [lang for lang in languages if lang not in changed]]


def serve(root, output, build, languages, original, port=8000,
          watched=("content", "theme", "plugins", "pelicanconf.py"), ready=None, search_index=None):
    """Build, serve `output` on 127.0.0.1:`port`, and rebuild and reload on every change under `watched`.

    `build(languages)` rebuilds those languages' sites (None: all) and returns True when they are in place. After
    a change, the languages it concerns most are rebuilt and their pages reloaded first, the others next: the
    page an editor is looking at comes back after one language's build, not three.
    `search_index(output)` (optional) runs last: the search works a moment after the pages.
    Both run in the builder process (Builder). SIGINT, SIGTERM and SIGHUP stop the preview and all it started.
    """
    generations = Generations()
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)
    builder = server = serving = None
    try:
        builder = Builder(build, search_index and functools.partial(search_index, output))
        handler = functools.partial(type("Handler", (PreviewHandler,), {"generations": generations}),
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
            started = time.perf_counter()
            rebuilt = []
            for group in languages_in_order(changes, languages, original):
                if group and builder.build(group):
                    generations.advance(group)
                    rebuilt.extend(group)
                elif group:
                    generations.advance(group)  # the open pages reload and show the problems (preview_problems)
                    break
            if rebuilt:
                print(f"Neu gebaut ({', '.join(rebuilt)}) in {time.perf_counter() - started:.2f} s.", flush=True)
                builder.search_index()
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


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop(number, frame):
    """SIGTERM and SIGHUP stop the preview the way Ctrl+C does: through the `finally` that ends the builder."""
    raise KeyboardInterrupt


class BuilderGone(Exception):
    pass


class Builder:
    """The process that runs the builds (and the search index) on request; see the module's docstring."""

    def __init__(self, build, search_index=None, grace=5.0):
        if threading.active_count() > 1:
            raise RuntimeError("the builder must be forked before any thread starts (see editors/preview.py)")
        self.grace = grace
        self._connection, theirs = multiprocessing.Pipe()
        # Not daemonic: a daemonic process may not start the language builds' processes.
        self.process = multiprocessing.get_context("fork").Process(
            target=_build_on_request, args=(theirs, build, search_index), name="vorschau-builder")
        self.process.start()
        theirs.close()
        try:
            # Also here, not only in the child: a stop right after the start must find the group.
            os.setpgid(self.process.pid, self.process.pid)
        except OSError:
            pass  # the child got there first

    def build(self, languages):
        return self._ask(("build", languages))

    def search_index(self):
        return self._ask(("search index", None))

    def _ask(self, request):
        try:
            self._connection.send(request)
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


def _build_on_request(connection, build, search_index):
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
        while True:
            try:
                kind, languages = connection.recv()
            except EOFError:
                return  # the preview has ended
            try:
                if kind == "build":
                    answer = build(languages)
                else:
                    answer = search_index() if search_index else None
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


def pagefind(output):
    """The search index of the preview, built after the reload (see serve), as the build makes it."""
    from sitebuild import search_index

    for problem in search_index.build(output):
        print(problem, file=sys.stderr, flush=True)
