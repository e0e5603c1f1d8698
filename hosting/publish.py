"""Publishing to our own web server over SSH: `invoke publish`, `invoke rollback`, `invoke releases`.

The alternative to static hosting (GitHub Pages): a Debian server with nginx and an SSH account. On the server:

    <root>/releases/20250314T093012Z-1a2b3c4/   one complete build per publish ("release"), never changed again
    <root>/releases/…-….partial/                an upload in progress, or one that was interrupted
    <root>/current  -> releases/<name>          the live site: nginx's `root` is <root>/current
    <root>/previous -> releases/<name>          where `invoke rollback` goes
    <root>/.lock                                held while a publish or rollback runs

Only <root>/current is served; the releases, the links and the lock are outside the web server's root.

`invoke publish` refuses a working tree with uncommitted changes (`--allow-dirty` overrides; the release is then
named …-dirty), builds the site strictly with publishconf.py into a fresh local folder, uploads it with rsync
over SSH into releases/<name>.partial/, and only when rsync has finished without error renames it to
releases/<name> and switches `current` to it. A failed, interrupted or cancelled upload never touches the live
site; its .partial folder is removed by the next publish. Then releases beyond the newest `keep` (default 5) are
deleted, never the live one nor the previous one. `invoke rollback` switches back; `--to <name>` to any release.
`invoke releases` lists them.

Why it is done this way:
- The switch is atomic: `ln -sfn releases/<name> .current.tmp; mv -T .current.tmp current`. mv renames the new
  link over the old one with rename(2), so every request sees either the old release or the new one, complete.
  The link is relative, so the whole <root> can be moved or mounted elsewhere.
  (`ln -sfn … current` itself is not atomic: it removes the old link, then creates the new one.) The files are
  flushed to disk (`sync -f`) before the switch, so that a power cut cannot leave the live link pointing at
  files that were never written.
- rsync runs with `--checksum` and without `--times`, and with `--link-dest` to the live release: a file whose
  content is unchanged becomes a hard link to the live release's file instead of a copy. The build writes every
  file anew, so with `-a` (which compares size and modification time) not a single file would be linked; by
  content, usually all but a few are, so a publish sends only what changed and a release costs the space of its
  changes. A side effect that helps readers: a linked file keeps its modification time, so nginx's
  Last-Modified and ETag stay the same and a browser revalidating its cached copy (pages are sent with
  Cache-Control: no-cache) gets "304 Not Modified" across releases instead of the whole file again. The newest
  release (if it is not the live one, after a rollback) and the files of an interrupted upload that did arrive
  are further --link-dest folders, so the next attempt does not send them again.
- Permissions are set for the web server (`--chmod=D755,F644`), whatever the local umask; owners are not
  copied.
- Releases are named by the server's clock (UTC) and the commit: names sort by time whichever computer
  published, and every release says which commit it was built from.
- `previous` is written at each switch: after a publish it is the release that was live before; after a
  rollback, the release before the new live one. So rolling back twice goes back twice, and a release that was
  rolled back because it was broken is not where the next rollback goes after a fix was published.
- One publish or rollback at a time: the first SSH connection takes an exclusive `flock` on <root>/.lock and
  holds it until the end; when the publish ends (or the connection breaks) the lock goes with it. So the
  clean-up of .partial folders cannot remove another person's upload in progress; a second publish waits
  LOCK_WAIT_SECONDS, then gives up with a message. (A lock file with a name in it would outlive a crash.)
  That connection is also the SSH "master": the other steps (rsync, the switch) use it (ControlMaster), so the
  server is logged in to once.
- Every remote step is one ssh command running one POSIX sh script, every path quoted with shlex.quote. ssh runs
  with BatchMode (never asks for a password) and StrictHostKeyChecking=yes: the server's host key must already be
  in known_hosts. Options given in PUBLISH_SSH_OPTIONS come first and therefore win (ssh keeps the first value).

Settings (environment, or the options of the same name): PUBLISH_TARGET=user@host:/srv/hannover-mykolajiw,
PUBLISH_PORT, PUBLISH_IDENTITY (private key file), PUBLISH_KEEP (default 5), PUBLISH_SSH_OPTIONS (extra ssh
options), PUBLISH_RSYNC_OPTIONS (extra rsync options, e.g. --bwlimit=2000). The server needs rsync, GNU
coreutils and flock (util-linux), all part of a standard Debian system except `rsync`.
"""

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

DEFAULT_KEEP = 5
PARTIAL = ".partial"
# <UTC time>-<commit>[-dirty][-<n>]; n counts releases of the same commit published within the same second.
RELEASE_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}Z)-(?P<commit>[0-9a-f]{4,40}(?:-dirty)?)(?:-(?P<n>\d+))?$")
BUSY_STATUS = 75
# How long a publish waits for another one to finish before giving up (a rollback takes about a second).
LOCK_WAIT_SECONDS = 3


class PublishError(Exception):
    """A problem explained in German for the person publishing. `unchanged`: the live site is certainly as it
    was (False only when the connection broke while switching)."""

    def __init__(self, message, unchanged=True, status=1):
        super().__init__(message)
        self.unchanged = unchanged
        self.status = status


# --- Names and decisions (no I/O; tested directly) ---------------------------------------------------------------

def release_key(name):
    match = RELEASE_NAME.match(name)
    return match["stamp"], int(match["n"] or 1)


def sort_releases(names):
    """Release names, oldest first; anything else in releases/ is left out (and left alone)."""
    return sorted((name for name in names if RELEASE_NAME.match(name)), key=release_key)


def new_release_name(now, commit, dirty, taken):
    base = f"{now}-{commit}{'-dirty' if dirty else ''}"
    name, number = base, 1
    while name in taken or name + PARTIAL in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def older_than(releases, name):
    """The newest release older than `name`, or None."""
    older = [release for release in sort_releases(releases) if release_key(release) < release_key(name)]
    return older[-1] if older else None


def to_prune(releases, keep, live, previous):
    """The releases to delete: all but the newest `keep`, the live one and the previous one."""
    ordered = sort_releases(releases)
    kept = set(ordered[-keep:]) | {live, previous}
    return [name for name in ordered if name not in kept]


def parse_target(text):
    """`user@host:/path` → (host for ssh, host for rsync, path). IPv6 addresses go in brackets: user@[::1]:/srv."""
    match = re.fullmatch(r"(?P<user>[^@:/\s]+@)?(?:\[(?P<v6>[0-9A-Fa-f:.%\w]+)\]|(?P<host>[^@:/\[\]\s]+)):(?P<path>.+)",
                        text or "")
    if not match or match["path"].startswith("//"):  # a URL (https://…, rsync://…), not a server path
        raise PublishError(
            f"Das Ziel „{text}“ ist keine SSH-Adresse. Erwartet wird benutzer@server:/pfad, "
            "z. B. PUBLISH_TARGET=deploy@web.example.org:/srv/hannover-mykolajiw."
        )
    user = match["user"] or ""
    if match["v6"]:
        return user + match["v6"], f"{user}[{match['v6']}]", match["path"].rstrip("/") or "/"
    return user + match["host"], user + match["host"], match["path"].rstrip("/") or "/"


# --- The server ----------------------------------------------------------------------------------------------------

@dataclass
class Target:
    text: str
    port: int | None = None
    identity: str | None = None
    ssh_options: list[str] = field(default_factory=list)
    rsync_options: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.ssh_host, self.rsync_host, self.root = parse_target(self.text)

    def ssh(self, control=None, master=False):
        """The ssh command line (without host and command). The caller's options come first and so win."""
        command = ["ssh", *self.ssh_options]
        if self.port:
            command += ["-p", str(self.port)]
        if self.identity:
            command += ["-i", self.identity, "-o", "IdentitiesOnly=yes"]
        command += ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=20",
                    "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"]
        if control:
            command += ["-o", f"ControlPath={control}", "-o", f"ControlMaster={'yes' if master else 'no'}",
                        "-o", "ControlPersist=no"]
        return command


def _remote(script):
    """One POSIX sh script as the command for ssh (which hands it to the login shell of the account)."""
    return "sh -c " + shlex.quote("set -eu\n" + script)


# Takes the lock, reports the state, then holds the lock until our end of the connection closes.
LOCK_SCRIPT = """\
{prepare}
cd {root}
{lock}
echo "now $(date -u +%Y%m%dT%H%M%SZ)"
if [ -L current ]; then echo "current $(readlink current)"; elif [ -e current ]; then echo "current-not-a-link"; fi
if [ -L previous ]; then echo "previous $(readlink previous)"; fi
for entry in releases/*; do
  if [ -d "$entry" ] && [ ! -L "$entry" ]; then echo "entry ${{entry#releases/}}"; fi
done
echo END
exec cat >/dev/null
"""


@dataclass
class State:
    now: str = ""
    current: str | None = None
    previous: str | None = None
    releases: list[str] = field(default_factory=list)
    partials: list[str] = field(default_factory=list)


def _link_name(target):
    """The release a `current`/`previous` link points to (releases/<name>), or None for anything else."""
    if target and target.startswith("releases/") and RELEASE_NAME.match(target[len("releases/"):].rstrip("/")):
        return target[len("releases/"):].rstrip("/")
    return None


def _parse_state(lines, where):
    state = State()
    entries = []
    for line in lines:
        key, _, value = line.partition(" ")
        if key == "now":
            state.now = value
        elif key == "current":
            state.current = _link_name(value)
            if state.current is None:
                raise PublishError(f"{where}/current zeigt auf „{value}“, nicht auf eine Version in releases/. "
                                   "Bitte die Einrichtung des Servers prüfen.")
        elif key == "current-not-a-link":
            raise PublishError(
                f"{where}/current ist ein Ordner oder eine Datei, kein symbolischer Link. Verschieben Sie ihn "
                f"einmalig nach {where}/releases/ und ersetzen Sie ihn durch einen Link darauf (siehe "
                "hosting/publish.py), dann kann veröffentlicht werden."
            )
        elif key == "previous":
            state.previous = _link_name(value)
        elif key == "entry":
            entries.append(value)
    state.releases = sort_releases(entries)
    state.partials = sorted(entry for entry in entries
                            if entry.endswith(PARTIAL) and RELEASE_NAME.match(entry[: -len(PARTIAL)]))
    if state.previous not in state.releases:
        state.previous = None
    return state


def _explain_ssh_failure(target, status, stderr):
    text = stderr.strip()
    where = f"{target.ssh_host}" + (f" (Port {target.port})" if target.port else "")
    if "Host key verification failed" in text or "REMOTE HOST IDENTIFICATION HAS CHANGED" in text:
        return (
            f"Der Server {where} ist nicht als bekannt eingetragen oder hat einen anderen Schlüssel als eingetragen "
            "(known_hosts). Aus Sicherheitsgründen wird dann nichts hochgeladen. Lassen Sie sich den Fingerabdruck "
            "des Servers von der IT bestätigen und tragen Sie ihn in ~/.ssh/known_hosts ein (z. B. nach "
            f"`ssh {'-p ' + str(target.port) + ' ' if target.port else ''}{target.ssh_host}` und Vergleich des "
            "angezeigten Fingerabdrucks)."
        )
    if "Permission denied" in text:
        return (f"Der Server {where} hat die Anmeldung abgelehnt: Ihr SSH-Schlüssel ist dort nicht freigegeben. "
                "Geben Sie den richtigen Schlüssel mit --identity (oder PUBLISH_IDENTITY) an.")
    if "Could not resolve hostname" in text or "Connection refused" in text or "timed out" in text \
            or "No route to host" in text:
        return f"Der Server {where} ist nicht erreichbar ({text.splitlines()[-1]})."
    if "flock: not found" in text or "flock: command not found" in text:
        return "Auf dem Server fehlt flock (Debian-Paket util-linux)."
    last = text.splitlines()[-1] if text else f"ssh endete mit Status {status}"
    return f"Die Verbindung zum Server {where} ist fehlgeschlagen: {last}"


class Session:
    """One locked session on the server: the first ssh connection takes the lock and stays open (as the SSH
    master for the others) until `close()`."""

    def __init__(self, target, create=False, lock=True):
        self.target = target
        self.folder = tempfile.mkdtemp(prefix="publish-ssh-")
        self.control = os.path.join(self.folder, "master")
        self.errors = open(os.path.join(self.folder, "errors"), "w+", encoding="utf-8")
        try:
            self._open(create, lock)
        except BaseException:
            self.close()
            raise

    def _open(self, create, lock):
        target = self.target
        prepare = f"mkdir -p {shlex.quote(target.root)}/releases" if create else \
            f"[ -d {shlex.quote(target.root)} ] || {{ echo MISSING; exit 3; }}"
        take_lock = (f"exec 9>>.lock\nflock -w {LOCK_WAIT_SECONDS} -x 9 || {{ echo BUSY; exit {BUSY_STATUS}; }}"
                     if lock else "")
        script = LOCK_SCRIPT.format(prepare=prepare, root=shlex.quote(target.root), lock=take_lock)
        try:
            self.process = subprocess.Popen(
                [*target.ssh(self.control, master=True), target.ssh_host, _remote(script)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True,
            )
        except FileNotFoundError:
            raise PublishError("ssh ist nicht installiert: apt-get install openssh-client") from None
        lines = []
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if line == "END":
                break
            lines.append(line)
        else:
            status = self.process.wait()
            errors = self._error_text()
            if "BUSY" in lines:
                raise PublishError(
                    "Auf dem Server läuft gerade eine andere Veröffentlichung oder ein Rollback. "
                    "Warten Sie, bis sie fertig ist, und versuchen Sie es dann noch einmal."
                )
            if "MISSING" in lines:
                raise PublishError(f"Auf dem Server gibt es {target.root} nicht: dort wurde noch nie veröffentlicht.")
            raise PublishError(_explain_ssh_failure(target, status, errors))
        self.state = _parse_state(lines, target.root)

    def _error_text(self):
        self.errors.seek(0)
        return self.errors.read()

    def ssh_for_rsync(self):
        return shlex.join(self.target.ssh(self.control))

    def switch(self, script, live):
        """Run a switch script (_switch_script) over the open connection. PublishError if it did not switch;
        a warning (returned) if it switched but could not clean up."""
        try:
            completed = subprocess.run([*self.target.ssh(self.control), self.target.ssh_host, _remote(script)],
                                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
        except KeyboardInterrupt:
            raise PublishError(f"Abgebrochen beim Umschalten auf {live}. Ob {live} schon live ist, zeigt "
                               "`invoke releases`.", unchanged=False, status=130) from None
        switched = "SWITCHED" in completed.stdout.split()
        if completed.returncode and not switched:
            problem = _explain_ssh_failure(self.target, completed.returncode, completed.stderr)
            if completed.returncode == 255:  # the connection broke: the script may have run to its end
                raise PublishError(f"{problem}\nOb {live} schon live ist, zeigt `invoke releases`.", unchanged=False)
            raise PublishError(f"Das Umschalten auf {live} ist fehlgeschlagen: {problem}")
        if completed.returncode:
            return f"Warnung: Das Aufräumen alter Versionen ist fehlgeschlagen: {completed.stderr.strip()}"
        return None

    def close(self):
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            try:
                process.stdin.close()  # the server's `cat` ends, and the lock with it
                process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        if not self.errors.closed:
            self.errors.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _switch_script(root, live, previous, prune=(), finish=None):
    """Atomically point `previous` and then `current` at releases; optionally rename the upload first and delete
    releases afterwards. (If the connection breaks half-way, `previous` may already name the old live release:
    a rollback then still goes to the right place.)"""
    lines = [f"cd {shlex.quote(root)}"]
    if finish:
        lines += [f"mv -T releases/{finish}{PARTIAL} releases/{finish}",
                  f"sync -f releases/{finish} 2>/dev/null || sync"]
    # One command a line: under `set -e`, a failing command inside an && list would not stop the script.
    if previous:
        lines += [f"ln -sfn releases/{previous} .previous.tmp", "mv -T .previous.tmp previous"]
    else:
        lines.append("rm -f previous")
    lines += [f"ln -sfn releases/{live} .current.tmp", "mv -T .current.tmp current"]
    lines.append("echo SWITCHED")
    if prune:
        lines.append("rm -rf -- " + " ".join(f"releases/{name}" for name in prune))
    return "\n".join(lines) + "\n"


# --- What the tasks do ------------------------------------------------------------------------------------------

def _git(project, *args):
    try:
        completed = subprocess.run(["git", "-C", project, *args], capture_output=True, text=True)
    except FileNotFoundError:
        raise PublishError("git ist nicht installiert: apt-get install git") from None
    if completed.returncode:
        raise PublishError(f"{project} ist kein Git-Repository (git {' '.join(args)}: {completed.stderr.strip()}). "
                           "Veröffentlicht wird nur, was committet ist.")
    return completed.stdout


def _uncommitted(project):
    return [line for line in _git(project, "status", "--porcelain", "--untracked-files=normal").splitlines() if line]


def _build(project, output, out):
    out("Baue die Website mit publishconf.py …")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")])))
    completed = subprocess.run([sys.executable, "-m", "sitebuild", "--settings", "publishconf.py", "--output", output],
                               cwd=project, env=env)
    if completed.returncode:
        raise PublishError("Der Build ist fehlgeschlagen (siehe oben); es wurde nichts hochgeladen.")


def _verify(project, site, out):
    """The checks CI makes before publishing (hosting/verify.py: output gate, links, HTML), on the folder that
    is about to be uploaded. A folder whose files were verified before (same paths, same bytes) is not checked
    again: republishing a build costs no second run of the HTML checker."""
    stamp = os.path.join(project, ".cache", "verified", _tree_digest(site))
    if os.path.exists(stamp):
        out("Geprüft (diese Dateien wurden schon einmal geprüft).")
        return
    out("Prüfe die gebaute Website (Sicherheit, Links, HTML) …")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")])))
    siteurl = _publish_siteurl(project, env)
    completed = subprocess.run([sys.executable, "-m", "hosting.verify", site, "--siteurl", siteurl,
                                "--settings", "publishconf.py"], cwd=project, env=env)
    if completed.returncode:
        raise PublishError("Die Prüfung der gebauten Website ist fehlgeschlagen (siehe oben); es wurde nichts "
                           "hochgeladen.")
    os.makedirs(os.path.dirname(stamp), exist_ok=True)
    open(stamp, "w").close()


def _publish_siteurl(project, env):
    completed = subprocess.run(
        [sys.executable, "-c", "from pelican.settings import read_settings; "
                               "print(read_settings('publishconf.py')['SITEURL'])"],
        cwd=project, env=env, capture_output=True, text=True, check=True)
    return completed.stdout.strip()


def _tree_digest(folder):
    digest = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


_STAT = {
    "files": re.compile(r"^Number of files: .*?reg: ([\d,.]+)", re.M),
    "sent_files": re.compile(r"^Number of regular files transferred: ([\d,.]+)", re.M),
    "sent_bytes": re.compile(r"^Total transferred file size: ([\d,.]+)", re.M),
}


def _stats(text):
    found = {}
    for key, pattern in _STAT.items():
        match = pattern.search(text)
        found[key] = int(re.sub(r"\D", "", match[1])) if match else None
    return found


def _size(count):
    for unit in ("Bytes", "KB", "MB"):
        if count < 1000 or unit == "MB":
            return f"{count:.0f} {unit}" if unit == "Bytes" else f"{count:.1f} {unit}".replace(".", ",")
        count /= 1000
    return ""


def _upload(session, site, name, out):
    target, state = session.target, session.state
    link_dests = []
    present = set(state.releases) | set(state.partials)
    for candidate in [state.current, state.releases[-1] if state.releases else None, *reversed(state.partials)]:
        if candidate in present and candidate not in link_dests:
            link_dests.append(candidate)
    command = [
        "rsync", "--recursive", "--links", "--perms", "--chmod=D755,F644", "--checksum", "--compress",
        "--timeout=120", "--stats", "-e", session.ssh_for_rsync(),
        # Relative to the upload's folder, releases/<name>.partial/; rsync takes at most 20.
        *[f"--link-dest=../{entry}" for entry in link_dests[:20]],
        *target.rsync_options,
        site.rstrip("/") + "/", f"{target.rsync_host}:{target.root}/releases/{name}{PARTIAL}/",
    ]
    out(f"Lade hoch nach {target.text}/releases/{name} …")
    started = time.perf_counter()
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        raise PublishError("rsync ist nicht installiert: apt-get install rsync") from None
    try:
        stdout, stderr = process.communicate()
    finally:
        if process.poll() is None:  # interrupted (Ctrl-C): stop the upload, then let the interrupt through
            process.terminate()
            process.wait()
    if process.returncode in (20, -2, -15):  # rsync was stopped by a signal (Ctrl-C, kill): so are we
        raise KeyboardInterrupt
    if process.returncode:
        text = stderr.strip()
        if "command not found" in text or "rsync: not found" in text or process.returncode == 127:
            reason = "auf dem Server fehlt rsync (apt-get install rsync)"
        elif process.returncode == 255 or "connection unexpectedly closed" in text:
            reason = "die Verbindung wurde unterbrochen"
        else:
            reason = f"rsync meldet Status {process.returncode}"
        detail = "\n".join(text.splitlines()[-3:])
        raise PublishError(
            f"Das Hochladen ist fehlgeschlagen: {reason}."
            + (f"\n{detail}" if detail else "")
            + f"\nDer unvollständige Upload bleibt als releases/{name}{PARTIAL} liegen und wird bei der nächsten "
            "Veröffentlichung gelöscht (was schon angekommen ist, wird dann nicht noch einmal übertragen)."
        )
    stats = _stats(stdout)
    seconds = time.perf_counter() - started
    if stats["files"] is not None and stats["sent_files"] is not None:
        same = stats["files"] - stats["sent_files"]
        out(f"Hochgeladen in {seconds:.1f} s: {stats['files']} Dateien, davon {stats['sent_files']} neu oder "
            f"geändert ({_size(stats['sent_bytes'] or 0)}); {same} unverändert, als harte Links übernommen.")
    else:
        out(f"Hochgeladen in {seconds:.1f} s.")


def publish(project, target, keep=DEFAULT_KEEP, allow_dirty=False, site=None, out=print):
    """Build (unless `site` is an already built folder), upload and switch; returns the new release's name."""
    if keep < 1:
        raise PublishError("--keep muss mindestens 1 sein.")
    changes = _uncommitted(project)
    if changes and not allow_dirty:
        shown = "\n".join("  " + line for line in changes[:10]) + ("\n  …" if len(changes) > 10 else "")
        raise PublishError(
            f"Es gibt Änderungen, die nicht committet sind:\n{shown}\nVeröffentlicht wird nur, was im Repository "
            "steht, damit jede Version nachvollziehbar bleibt: committen Sie die Änderungen (oder verwerfen Sie "
            "sie) und veröffentlichen Sie dann. Ausnahmsweise trotzdem: --allow-dirty."
        )
    commit = _git(project, "rev-parse", "--short=7", "HEAD").strip()
    scratch = None
    try:
        if site is None:
            scratch = tempfile.mkdtemp(prefix="publish-build-")
            site = os.path.join(scratch, "site")
            _build(project, site, out)
        elif not os.path.isfile(os.path.join(site, "index.html")):
            raise PublishError(f"{site} enthält keine gebaute Website (keine index.html).")
        _verify(project, site, out)
        with Session(target, create=True) as session:
            state = session.state
            if not re.fullmatch(r"\d{8}T\d{6}Z", state.now):
                raise PublishError(f"Der Server nennt keine brauchbare Uhrzeit („{state.now}“; date -u).")
            name = new_release_name(state.now, commit, bool(changes), set(state.releases) | set(state.partials))
            try:
                _upload(session, site, name, out)
            except KeyboardInterrupt:
                raise PublishError(
                    f"Abgebrochen während des Hochladens. Der unvollständige Upload bleibt als "
                    f"releases/{name}{PARTIAL} liegen und wird bei der nächsten Veröffentlichung gelöscht.",
                    status=130) from None
            releases = state.releases + [name]
            prune = to_prune(releases, keep, name, state.current)
            warning = session.switch(
                _switch_script(target.root, name, state.current, prune + state.partials, finish=name), name)
    except KeyboardInterrupt:
        raise PublishError("Abgebrochen; es wurde nichts hochgeladen.", status=130) from None
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    before = f" (vorher: {state.current})" if state.current else " (die erste Version)"
    out(f"Live ist jetzt {name}{before}." + (" Zurück mit: invoke rollback" if state.current else ""))
    if prune or state.partials:
        parts = []
        if prune:
            parts.append(f"{len(prune)} alte Version(en)")
        if state.partials:
            parts.append(f"{len(state.partials)} abgebrochene(n) Upload(s)")
        if warning:
            print(warning, file=sys.stderr)
        else:
            out(f"Aufgeräumt: {' und '.join(parts)} gelöscht; auf dem Server liegen {len(releases) - len(prune)} "
                "Versionen.")
    return name


def rollback(target, to=None, out=print):
    """Switch the live site back to the previous release (or to `to`); returns its name."""
    with Session(target) as session:
        state = session.state
        if state.current is None:
            raise PublishError(f"Auf {target.text} ist noch keine Version live; es gibt nichts zurückzunehmen.")
        if to:
            to = to.strip().rstrip("/").removeprefix("releases/")
            if to not in state.releases:
                raise PublishError(f"Die Version „{to}“ gibt es auf dem Server nicht. Vorhanden: "
                                   + ", ".join(state.releases) + " (siehe `invoke releases`).")
            if to == state.current:
                raise PublishError(f"{to} ist schon live.")
            destination = to
        else:
            destination = state.previous if state.previous not in (None, state.current) else None
            destination = destination or older_than(state.releases, state.current)
            if destination is None:
                raise PublishError(
                    f"Es gibt keine ältere Version als {state.current}, zu der zurückgewechselt werden könnte."
                )
        session.switch(_switch_script(target.root, destination, older_than(state.releases, destination)), destination)
    out(f"Live ist jetzt {destination} (vorher: {state.current}). "
        f"Wieder vor mit: invoke rollback --to {state.current}")
    return destination


def releases(target, out=print):
    """List the releases on the server, the live one marked."""
    with Session(target, lock=False) as session:
        state = session.state
    if not state.releases:
        out(f"Auf {target.text} gibt es noch keine Version.")
    else:
        out(f"Versionen auf {target.text} (die neueste zuletzt):")
        for name in state.releases:
            if name == state.current:
                out(f"  * {name}   live")
            elif name == state.previous:
                out(f"    {name}   vorherige: Ziel von `invoke rollback`")
            else:
                out(f"    {name}")
    for name in state.partials:
        out(f"  ! {name}   abgebrochener Upload, wird bei der nächsten Veröffentlichung gelöscht")
    return state


# --- Command line ------------------------------------------------------------------------------------------------

def target_from(text=None, port=None, identity=None, ssh_options=None, rsync_options=None, environ=os.environ):
    text = text or environ.get("PUBLISH_TARGET")
    if not text:
        raise PublishError(
            "Kein Ziel angegeben. Setzen Sie PUBLISH_TARGET=benutzer@server:/srv/hannover-mykolajiw "
            "(oder --target)."
        )
    port = port or environ.get("PUBLISH_PORT") or None
    return Target(
        text,
        port=int(port) if port else None,
        identity=identity or environ.get("PUBLISH_IDENTITY") or None,
        ssh_options=shlex.split(ssh_options if ssh_options is not None else environ.get("PUBLISH_SSH_OPTIONS", "")),
        rsync_options=shlex.split(rsync_options if rsync_options is not None
                                  else environ.get("PUBLISH_RSYNC_OPTIONS", "")),
    )


def main(argv=None, project=None):
    parser = argparse.ArgumentParser(prog="python -m hosting.publish", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["publish", "rollback", "releases"])
    parser.add_argument("--target", help="user@host:/path (default: $PUBLISH_TARGET)")
    parser.add_argument("--port", type=int, help="SSH port (default: $PUBLISH_PORT or 22)")
    parser.add_argument("--identity", help="SSH private key file (default: $PUBLISH_IDENTITY or ssh's own)")
    parser.add_argument("--ssh-options", help="extra ssh options (default: $PUBLISH_SSH_OPTIONS)")
    parser.add_argument("--rsync-options", help="extra rsync options (default: $PUBLISH_RSYNC_OPTIONS)")
    parser.add_argument("--keep", type=int, help=f"releases to keep (default: $PUBLISH_KEEP or {DEFAULT_KEEP})")
    parser.add_argument("--allow-dirty", action="store_true", help="publish even with uncommitted changes")
    parser.add_argument("--site", help="publish this already built folder instead of building")
    parser.add_argument("--to", help="rollback: the release to switch to (default: the previous one)")
    args = parser.parse_args(argv)
    project = project or os.getcwd()
    try:
        target = target_from(args.target, args.port, args.identity, args.ssh_options, args.rsync_options)
        if args.action == "publish":
            keep = args.keep or int(os.environ.get("PUBLISH_KEEP") or DEFAULT_KEEP)
            publish(project, target, keep, args.allow_dirty, args.site)
        elif args.action == "rollback":
            rollback(target, args.to)
        else:
            releases(target)
    except PublishError as error:
        print(f"{error}", file=sys.stderr)
        if args.action != "releases" and error.unchanged:
            print("Die Website ist unverändert.", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        print("\nAbgebrochen. Die Website ist unverändert.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
