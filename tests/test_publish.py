"""Publishing to our own server (hosting/publish.py: `invoke publish`, `invoke rollback`, `invoke releases`),
tested against a real OpenSSH server and a real nginx on loopback (tests/servers.py), with real rsync.

The "server" is this machine: the remote root is a temporary folder, so the tests look at what arrived directly.
"""

import hashlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, as_from_a_terminal, copy_project, run_build
from servers import require, start_nginx, start_sshd
from hosting import publish as publisher

RELEASE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{7}(-dirty)?(-\d+)?$")
ARTICLE = "artikel/lieferungen/2022-12-07-fahrzeuge.md"
ARTICLE_URL = "lieferungen/2022-12-07-fahrzeuge/index.html"


# --- Fixtures ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    require("rsync")
    server = start_sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


def _git(project, *args):
    subprocess.run(["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """An editor's clone: the project with the minimal site's content, everything committed."""
    project = copy_project(tmp_path_factory.mktemp("clone") / "project", FIXTURES / "minimal" / "content")
    # .venv is a symlink here, which the project's `/.venv/` (folders only) does not match.
    (project / ".gitignore").write_text((ROOT / ".gitignore").read_text() + "/.venv\n")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Inhalt")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Two publish builds of the minimal site: A, and B with one article changed."""
    folder = tmp_path_factory.mktemp("sites")
    content = folder / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    a = run_build(folder / "A", content=content, settings="publishconf.py")
    assert a.returncode == 0, a.stderr
    article = content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Title: Fahrzeuge für die Partnerstadt", "Title: Neue Fahrzeuge für die Partnerstadt"), encoding="utf-8")
    b = run_build(folder / "B", content=content, settings="publishconf.py")
    assert b.returncode == 0, b.stderr
    assert (a.output / ARTICLE_URL).read_bytes() != (b.output / ARTICLE_URL).read_bytes()
    return a.output, b.output


@pytest.fixture
def root(tmp_path):
    """The publish target's folder on the server (publish creates it)."""
    return tmp_path / "srv" / "hannover-mykolajiw"


def _environment():
    env = {key: value for key, value in os.environ.items() if not key.startswith("PUBLISH_")}
    return dict(env, PYTHONPATH=str(ROOT), COLUMNS="200")


def connection(sshd, root):
    return ["--target", sshd.target(root), "--port", str(sshd.port), "--identity", str(sshd.identity),
            f"--ssh-options={shlex.join(sshd.ssh_options())}"]


def command(sshd, root, action, *args):
    return [sys.executable, "-m", "hosting.publish", action, *connection(sshd, root), *args]


def run(sshd, root, action, *args, project, timeout=60):
    """`python -m hosting.publish <action> …` in the editor's clone, as `invoke publish` runs it."""
    return subprocess.run(command(sshd, root, action, *args), cwd=project, env=_environment(), capture_output=True,
                          text=True, timeout=timeout)


def publish(sshd, root, site, project, *args):
    completed = run(sshd, root, "publish", "--site", str(site), *args, project=project)
    assert completed.returncode == 0, completed.stderr
    assert "Live ist jetzt" in completed.stdout
    return live(root)


def live(root):
    link = os.readlink(root / "current")
    assert link.startswith("releases/"), "current is a relative link into releases/"
    return link.removeprefix("releases/")


def releases(root):
    return sorted(path.name for path in (root / "releases").iterdir())


def tree(folder):
    """Every file of a folder: path → bytes."""
    folder = Path(folder)
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def snapshot(root):
    """What the live site is, down to the inode: the links, and every file's bytes, mode, mtime and inode."""
    files = {}
    live_folder = root / "current"
    for path in sorted(live_folder.rglob("*")):
        info = path.lstat()
        files[str(path.relative_to(live_folder))] = (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None,
            info.st_mode, info.st_mtime_ns, info.st_ino,
        )
    links = {name: os.readlink(root / name) for name in ("current", "previous") if (root / name).is_symlink()}
    return links, files


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def etag(url):
    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5) as response:
        assert response.status == 200
        return response.headers["ETag"]


# --- Names and decisions -----------------------------------------------------------------------------------------

def test_targets_are_parsed_and_bad_ones_explained():
    assert publisher.parse_target("deploy@web.example.org:/srv/site/") == \
        ("deploy@web.example.org", "deploy@web.example.org", "/srv/site")
    assert publisher.parse_target("deploy@[2001:db8::1]:/srv/site") == \
        ("deploy@2001:db8::1", "deploy@[2001:db8::1]", "/srv/site")
    assert publisher.parse_target("web:site") == ("web", "web", "site")
    for wrong in ("/srv/site", "deploy@web.example.org", "https://web.example.org/srv", ""):
        with pytest.raises(publisher.PublishError, match="keine SSH-Adresse"):
            publisher.parse_target(wrong)
    with pytest.raises(publisher.PublishError, match="PUBLISH_TARGET"):
        publisher.target_from(environ={})


def test_release_names_sort_by_time_and_never_collide():
    taken = {"20250314T093012Z-1a2b3c4", "20250314T093012Z-1a2b3c4-2.partial"}
    assert publisher.new_release_name("20250314T093012Z", "1a2b3c4", False, taken) == "20250314T093012Z-1a2b3c4-3"
    assert publisher.new_release_name("20250314T093013Z", "1a2b3c4", True, taken) == "20250314T093013Z-1a2b3c4-dirty"
    names = ["20250314T093012Z-1a2b3c4-10", "20250101T000000Z-ffffff0", "20250314T093012Z-1a2b3c4",
             "20250314T093012Z-1a2b3c4-2", "lost+found", "20250314T093012Z-1a2b3c4.partial"]
    assert publisher.sort_releases(names) == ["20250101T000000Z-ffffff0", "20250314T093012Z-1a2b3c4",
                                              "20250314T093012Z-1a2b3c4-2", "20250314T093012Z-1a2b3c4-10"]
    assert publisher.older_than(names, "20250314T093012Z-1a2b3c4-2") == "20250314T093012Z-1a2b3c4"
    assert publisher.older_than(names, "20250101T000000Z-ffffff0") is None


def test_pruning_keeps_the_newest_the_live_and_the_previous_release():
    names = [f"2025010{day}T000000Z-abcdef{day}" for day in range(1, 8)]
    assert publisher.to_prune(names, 3, names[-1], names[-2]) == names[:4]
    # Live is an old release after a rollback, and the one live before it is older still: both stay.
    assert publisher.to_prune(names, 2, names[1], names[0]) == names[2:5]
    assert publisher.to_prune(names, 1, names[-1], names[-2]) == names[:5]


# --- Publishing --------------------------------------------------------------------------------------------------

def test_invoke_publish_refuses_uncommitted_changes_then_builds_uploads_and_switches(sshd, project, sites, root):
    invoke = [str(project / ".venv" / "bin" / "invoke"), "publish", *connection(sshd, root)]
    draft = project / "content" / "seiten" / "neu.md"
    draft.write_text("Title: Neu\n")
    refused = subprocess.run(invoke, cwd=project, env=_environment(), capture_output=True, text=True, timeout=120)
    draft.unlink()
    assert refused.returncode == 1
    assert "nicht committet" in refused.stderr and "content/seiten/neu.md" in refused.stderr
    assert "--allow-dirty" in refused.stderr
    assert not root.exists(), "nothing was built or uploaded"

    done = subprocess.run(invoke, cwd=project, env=_environment(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Baue die Website mit publishconf.py" in done.stdout and "Fertig:" in done.stdout
    commit = subprocess.run(["git", "-C", str(project), "rev-parse", "--short=7", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
    [name] = releases(root)
    assert RELEASE.match(name) and name.endswith(f"-{commit}")
    assert os.readlink(root / "current") == f"releases/{name}"
    assert not (root / "previous").exists()
    assert f"Live ist jetzt {name} (die erste Version)" in done.stdout

    # What is live is exactly what the publish build makes of this content (site A: the same content, built
    # elsewhere; builds are reproducible), readable by the web server.
    assert tree(root / "current") == tree(sites[0])
    for path in (root / "releases" / name).rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path


def test_a_second_publish_links_unchanged_files_and_keeps_the_first(sshd, project, sites, root):
    a, b = sites
    first = publish(sshd, root, a, project)
    second_run = run(sshd, root, "publish", "--site", str(b), project=project)
    assert second_run.returncode == 0, second_run.stderr
    second = live(root)
    assert releases(root) == [first, second] and second > first
    assert os.readlink(root / "previous") == f"releases/{first}"
    assert tree(root / "releases" / first) == tree(a), "the first release is kept as it was"
    assert tree(root / "current") == tree(b)

    old, new = tree(a), tree(b)
    changed = sorted(path for path in new if old.get(path) != new[path])
    assert ARTICLE_URL in changed and len(changed) < len(new) / 2
    for path in set(new) & set(old):
        inodes = {(root / "releases" / release / path).stat().st_ino for release in (first, second)}
        assert (len(inodes) == 1) == (path not in changed), path
    assert f"{len(new)} Dateien, davon {len(changed)} neu oder geändert" in second_run.stdout
    assert f"{len(new) - len(changed)} unverändert, als harte Links übernommen" in second_run.stdout


def test_old_releases_are_pruned_but_never_the_live_or_the_previous_one(sshd, project, sites, root):
    a, b = sites
    published = [publish(sshd, root, site, project, "--keep", "3") for site in (a, b, a, b)]
    assert len(set(published)) == 4
    assert releases(root) == published[1:]

    assert run(sshd, root, "rollback", "--to", published[1], project=project).returncode == 0
    newest = publish(sshd, root, b, project, "--keep", "2")
    # The two newest, and the one that was live before (an old one, after the rollback).
    assert releases(root) == [published[1], published[3], newest]
    assert os.readlink(root / "previous") == f"releases/{published[1]}"


# --- Rolling back ------------------------------------------------------------------------------------------------

def test_rollback_switches_back_and_refuses_when_there_is_nothing_older(sshd, project, sites, root, tmp_path):
    a, b = sites
    web = start_nginx(tmp_path / "nginx", root / "current")
    try:
        first = publish(sshd, root, a, project)
        second = publish(sshd, root, b, project)
        assert fetch(f"{web.url}/{ARTICLE_URL}") == (200, (b / ARTICLE_URL).read_bytes())

        unchanged = next(path for path, data in sorted(tree(a).items())
                         if path.startswith("theme/") and (b / path).read_bytes() == data)
        tags = {path: etag(f"{web.url}/{path}") for path in (unchanged, ARTICLE_URL)}

        back = run(sshd, root, "rollback", project=project)
        assert back.returncode == 0, back.stderr
        assert live(root) == first and f"Live ist jetzt {first} (vorher: {second})" in back.stdout
        assert fetch(f"{web.url}/{ARTICLE_URL}") == (200, (a / ARTICLE_URL).read_bytes())
        # A file the same in both releases is one file (hard link): a browser's cached copy stays valid.
        assert etag(f"{web.url}/{unchanged}") == tags[unchanged]
        assert etag(f"{web.url}/{ARTICLE_URL}") != tags[ARTICLE_URL]
        revalidated = urllib.request.Request(f"{web.url}/{unchanged}", headers={"If-None-Match": tags[unchanged]})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(revalidated, timeout=5)
        assert not_modified.value.code == 304
        assert releases(root) == [first, second], "a rollback deletes nothing"

        listing = run(sshd, root, "releases", project=project)
        assert listing.returncode == 0
        assert f"* {first}   live" in listing.stdout and f"    {second}\n" in listing.stdout

        before = snapshot(root)
        refused = run(sshd, root, "rollback", project=project)
        assert refused.returncode == 1
        assert f"Es gibt keine ältere Version als {first}" in refused.stderr
        assert "Die Website ist unverändert." in refused.stderr
        assert snapshot(root) == before
        assert fetch(f"{web.url}/{ARTICLE_URL}") == (200, (a / ARTICLE_URL).read_bytes())

        unknown = run(sshd, root, "rollback", "--to", "20000101T000000Z-0000000", project=project)
        assert unknown.returncode == 1 and "gibt es auf dem Server nicht" in unknown.stderr
        forward = run(sshd, root, "rollback", "--to", second, project=project)
        assert forward.returncode == 0 and live(root) == second
    finally:
        web.stop()


def test_rollback_after_a_fix_goes_to_the_release_live_before_it(sshd, project, sites, root):
    """A → B (broken) → rollback to A → C (the fix) → rollback: back to A, not to the broken B."""
    a, b = sites
    good = publish(sshd, root, a, project)
    publish(sshd, root, b, project)
    assert run(sshd, root, "rollback", project=project).returncode == 0
    publish(sshd, root, b, project)
    again = run(sshd, root, "rollback", project=project)
    assert again.returncode == 0, again.stderr
    assert live(root) == good


def test_nothing_to_roll_back_on_a_new_server(sshd, project, root):
    missing = run(sshd, root, "rollback", project=project)
    assert missing.returncode == 1 and f"Auf dem Server gibt es {root} nicht" in missing.stderr
    root.mkdir(parents=True)
    empty = run(sshd, root, "rollback", project=project)
    assert empty.returncode == 1 and "ist noch keine Version live" in empty.stderr


# --- Failures leave the live site alone --------------------------------------------------------------------------

@pytest.fixture
def slow_site(sites, tmp_path):
    """Site B plus a new small file that arrives early and a large one that would take 20 s at --bwlimit=300."""
    site = tmp_path / "C"
    shutil.copytree(sites[1], site)
    (site / "a-new.pdf").write_bytes(os.urandom(32_000))
    (site / "zz-large.pdf").write_bytes(os.urandom(6_000_000))
    return site


def _wait_for_partial(root, name, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for partial in (root / "releases").glob("*.partial"):
            if (partial / name).is_file():
                return partial
        time.sleep(0.01)
    raise AssertionError(f"{name} never arrived")


def test_an_interrupted_upload_leaves_the_live_site_untouched(sshd, project, sites, slow_site, root, tmp_path):
    """Ctrl-C in the middle of the upload; meanwhile a second publish is refused, not let in to clean up."""
    a, _ = sites
    first = publish(sshd, root, a, project)
    web = start_nginx(tmp_path / "nginx", root / "current")
    before = snapshot(root)
    upload = subprocess.Popen(command(sshd, root, "publish", "--site", str(slow_site), "--rsync-options=--bwlimit=300"),
                              cwd=project, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True, preexec_fn=as_from_a_terminal)
    try:
        partial = _wait_for_partial(root, "a-new.pdf")
        arrived = (partial / "a-new.pdf").stat().st_ino

        other = run(sshd, root, "publish", "--site", str(a), project=project)
        assert other.returncode == 1 and "läuft gerade eine andere Veröffentlichung" in other.stderr
        assert partial.is_dir(), "the other publish did not touch the upload in progress"
        assert upload.poll() is None, "the upload was still running while the other publish was refused"

        os.killpg(upload.pid, signal.SIGINT)  # Ctrl-C in the editor's terminal
        stdout, stderr = upload.communicate(timeout=30)
    finally:
        if upload.poll() is None:
            os.killpg(upload.pid, signal.SIGKILL)
            upload.wait()
    assert upload.returncode == 130, stdout + stderr
    assert "Abgebrochen während des Hochladens" in stderr and "Die Website ist unverändert." in stderr
    assert "Live ist jetzt" not in stdout
    assert snapshot(root) == before, "not a byte, link or inode of the live site changed"
    assert live(root) == first
    assert fetch(f"{web.url}/{ARTICLE_URL}") == (200, (a / ARTICLE_URL).read_bytes())
    web.stop()
    assert [path.name for path in (root / "releases").glob("*.partial")] == [partial.name]

    # The next publish finishes the job: it removes the leftover and reuses what had arrived.
    again = run(sshd, root, "publish", "--site", str(slow_site), project=project)
    assert again.returncode == 0, again.stderr
    assert "1 abgebrochene(n) Upload(s)" in again.stdout
    assert not list((root / "releases").glob("*.partial"))
    assert tree(root / "current") == tree(slow_site)
    assert (root / "current" / "a-new.pdf").stat().st_ino == arrived


def test_publish_uploads_nothing_that_fails_the_checks(sshd, project, sites, root, tmp_path):
    """The checks CI makes (output gate, links, HTML) run before every upload: a built site with a script in a page
    is refused, and the server is not even contacted."""
    site = tmp_path / "tampered"
    shutil.copytree(sites[0], site)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<script>alert(1)</script></main>"),
                    encoding="utf-8")
    refused = run(sshd, root, "publish", "--site", str(site), project=project)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "ein <script> mit Programmcode in der Seite ist nicht erlaubt" in refused.stderr
    assert "Die Prüfung der gebauten Website ist fehlgeschlagen" in refused.stderr
    assert not root.exists(), "nothing was uploaded"


def _remote_rsync(root):
    """The pid of the server side of an rsync upload into `root`."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if os.path.basename(arguments[0]) == b"rsync" and b"--server" in arguments \
                and any(str(root).encode() in argument for argument in arguments):
            return int(pid)
    return None


def test_a_connection_lost_during_upload_leaves_the_live_site_untouched(sshd, project, sites, slow_site, root):
    a, _ = sites
    first = publish(sshd, root, a, project)
    before = snapshot(root)
    upload = subprocess.Popen(command(sshd, root, "publish", "--site", str(slow_site), "--rsync-options=--bwlimit=300"),
                              cwd=project, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        _wait_for_partial(root, "a-new.pdf")
        server_side = _remote_rsync(root)
        assert server_side, "the server side of the upload is running"
        os.kill(server_side, signal.SIGKILL)  # as if the server or the line went down
        stdout, stderr = upload.communicate(timeout=30)
    finally:
        if upload.poll() is None:
            upload.kill()
            upload.wait()
    assert upload.returncode == 1, stdout + stderr
    assert "Das Hochladen ist fehlgeschlagen" in stderr and "Die Website ist unverändert." in stderr
    assert "die Verbindung wurde unterbrochen" in stderr
    assert re.search(r"bleibt als releases/\S+\.partial liegen und wird bei der nächsten Veröffentlichung gelöscht",
                     stderr)
    assert snapshot(root) == before
    assert live(root) == first


def test_an_unknown_server_is_refused(sshd, project, sites, root, tmp_path):
    """The host key must be in known_hosts already (StrictHostKeyChecking=yes): nothing is sent to a stranger."""
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    completed = subprocess.run(
        [sys.executable, "-m", "hosting.publish", "publish", "--site", str(sites[0]), "--target", sshd.target(root),
         "--port", str(sshd.port), "--identity", str(sshd.identity),
         f"--ssh-options=-F none -o UserKnownHostsFile={empty} -o GlobalKnownHostsFile=/dev/null"],
        cwd=project, env=_environment(), capture_output=True, text=True, timeout=60)
    assert completed.returncode == 1
    assert "known_hosts" in completed.stderr and "Die Website ist unverändert." in completed.stderr
    assert empty.read_text() == "", "the unknown key was not added"
    assert not root.exists()


# --- Serving while switching -------------------------------------------------------------------------------------

class Poller:
    """Requests a few pages from nginx in a loop, in a thread, and keeps every answer that is not one of the two
    releases' files with status 200."""

    def __init__(self, url, releases, paths):
        self.url, self.paths = url, paths
        self.expected = {path: {(release / (path or "index.html")).read_bytes() for release in releases}
                         for path in paths}
        self.requests, self.versions, self.wrong = 0, set(), []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.poll)

    def poll(self):
        while not self.stop.is_set():
            for path in self.paths:
                status, body = fetch(f"{self.url}/{path}")
                self.requests += 1
                if path == self.paths[0]:
                    self.versions.add(body)
                if status != 200 or body not in self.expected[path]:
                    self.wrong.append((path, status, body[:100]))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def wait_for_more_requests(self, count, timeout=30):
        """Until `count` more requests were answered: the switches are interleaved with requests however busy
        the machine is, instead of hoping that the thread got its turn."""
        target, deadline = self.requests + count, time.monotonic() + timeout
        while self.requests < target:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the polling thread stopped"
            time.sleep(0.001)


def test_nginx_serves_every_request_during_switches(sshd, project, sites, root, tmp_path):
    """nginx serves either release, complete, and never an error, while the live link is switched 50 times.

    First, as a control, a switch that is not atomic (remove the link, wait 0.2 s, make the new one) must be
    caught by the same polling: the polling sees a missing site when there is one. Between two switches the
    polling always makes a few requests, so that every state of the link is looked at."""
    a, b = sites
    first = publish(sshd, root, a, project)
    second = publish(sshd, root, b, project)
    web = start_nginx(tmp_path / "nginx", root / "current")
    target = publisher.target_from(sshd.target(root), sshd.port, str(sshd.identity), shlex.join(sshd.ssh_options()),
                                   environ={})
    paths = [ARTICLE_URL, "", "404.html", "partner/lhh/index.html"]
    try:
        with publisher.Session(target) as session:
            with Poller(web.url, sites, paths) as control:
                for turn in range(5):
                    name = (first, second)[turn % 2]
                    session.switch(f"cd {shlex.quote(str(root))}\nrm current && sleep 0.2 && "
                                   f"ln -s releases/{name} current\necho SWITCHED\n", name)
                    control.wait_for_more_requests(len(paths))
                    if control.wrong:
                        break
            assert control.wrong, "the polling notices a live site that is briefly missing"
            assert {status for _, status, _ in control.wrong} == {404}

            with Poller(web.url, sites, paths) as poller:
                for turn in range(50):
                    name, other = (first, second) if turn % 2 == 0 else (second, first)
                    session.switch(publisher._switch_script(str(root), name, other), name)
                    assert live(root) == name
                    poller.wait_for_more_requests(len(paths))
        with Poller(web.url, sites, paths) as command_poller:
            # And the command itself, as an editor runs it.
            assert publisher.rollback(target, out=lambda message: None) == first
            assert publisher.rollback(target, to=second, out=lambda message: None) == second
    finally:
        web.stop()
    assert not poller.wrong and not command_poller.wrong, (poller.wrong + command_poller.wrong)[:5]
    assert poller.requests >= 50 * len(paths), "requests were made throughout the switches"
    assert poller.versions == {(a / ARTICLE_URL).read_bytes(), (b / ARTICLE_URL).read_bytes()}
