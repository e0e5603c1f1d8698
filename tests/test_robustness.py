"""The build never loses or twists an editor's work (issue 15): unusual but valid input builds as meant; a build
killed at any moment leaves the last good site whole and its leftovers are gone after the next build; what the
operating system refuses is one German line; Ctrl+C is a line, not a traceback.

The broken inputs of the same issue are fixtures in tests/fixtures/bad/ (test_bad_input.py: exactly the expected
message and nothing else).
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, as_from_a_terminal, copy_fixture_site, run_build

MINIMAL = FIXTURES / "minimal" / "content"
IMPRESSUM = (MINIMAL / "seiten" / "impressum.md").read_text(encoding="utf-8")
VISIT = "artikel/besuche/2023-04-17-besuch-zur-messe.md"
DELIVERY = "artikel/lieferungen/2022-12-07-fahrzeuge.md"


def edited(name):
    return (MINIMAL / name).read_text(encoding="utf-8")


# What an editor's tools write that differs from the usual, and what the site must show for it.
AS_MEANT = {
    "line ends of an old Mac (CR only)": (
        {"seiten/impressum.md": IMPRESSUM.replace("\n", "\r")}, "impressum/", "Angaben nach § 5 DDG"),
    "a space before the colon": (
        {VISIT: edited(VISIT).replace("Date: 2023", "Date : 2023")}, "besuche/2023-04-17-besuch-zur-messe/",
        "Besuch zur Messe"),
    "a continuation indented by a tab": (
        {VISIT: edited(VISIT).replace("April 2023", "April 2023\n\thttps://example.org/zweite Zweite Quelle")},
        "besuche/2023-04-17-besuch-zur-messe/", "Zweite Quelle"),
    "an img written without a space before an attribute": (
        {DELIVERY: edited(DELIVERY) + '\n<img src="bild.png"alt="Ein Radlader auf einem Tieflader">\n'},
        "lieferungen/2022-12-07-fahrzeuge/", "Ein Radlader auf einem Tieflader"),
}


@pytest.mark.parametrize("case", AS_MEANT)
def test_unusual_but_valid_input_builds_as_meant(tmp_path, case):
    files, page, shown = AS_MEANT[case]
    content = copy_fixture_site(tmp_path / "site")
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert build.stderr.strip() == ""
    html = build.page(page)
    assert shown in html.get_text().replace("\xa0", " ") or html.select_one(f'img[alt="{shown}"]'), case


def test_a_heading_named_like_the_sources_keeps_the_page_valid(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / VISIT).write_text(edited(VISIT) + "\n## Quellen\n\nNoch mehr.\n", encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    ids = [element["id"] for element in build.page("besuche/2023-04-17-besuch-zur-messe/").select("[id]")]
    assert len(ids) == len(set(ids)), ids
    assert "quellen" in ids and "quellen-im-text" in ids


def test_a_title_of_punctuation_only_gets_the_file_names_address(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / "seiten" / "impressum.en.md").write_text("Title: ?!…\n\nLegal notice.\n", encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert (build.output / "en" / "impressum" / "index.html").is_file()


def test_word_processor_spaces_stay_out_of_titles_and_previews(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / "seiten" / "impressum.md").write_text(
        IMPRESSUM.replace("Title: Impressum", "Title: Im\u00adpres\u00adsum der\u202fStadt"), encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 0, build.stderr
    page = build.page("impressum/")
    for text in (page.title.string, page.find("meta", property="og:title")["content"], page.h1.get_text()):
        assert "\u00ad" not in text and "\u202f" not in text and "Impressum der" in text.replace("\xa0", " "), text


def test_a_link_to_a_draft_fails_the_publish_build_and_names_the_link(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    (content / "seiten" / "entwurf.md").write_text("Title: Entwurf\nStatus: draft\n\nText.\n", encoding="utf-8")
    (content / "seiten" / "impressum.md").write_text(IMPRESSUM + "\nSiehe [Entwurf]({filename}entwurf.md).\n",
                                                     encoding="utf-8")
    build = run_build(tmp_path / "output", content=content, settings="publishconf.py", cwd=tmp_path / "site")
    assert build.returncode == 1
    assert build.stderr.startswith("content/seiten/impressum.md:7: Text: Das Link-Ziel „entwurf.md“ ist ein Entwurf")
    local = run_build(tmp_path / "local", content=content, cwd=tmp_path / "site")
    assert local.returncode == 0, "the preview and local builds show drafts, and the link leads there"


def test_invoke_new_takes_a_german_date_and_refuses_an_impossible_one(tmp_path):
    sys.path.insert(0, str(ROOT))
    from editors.scaffold import ScaffoldError, event_date

    assert event_date("17.11.2026") == "2026-11-17"
    assert event_date("2026-11") == "2026-11"
    with pytest.raises(ScaffoldError, match="diesen Tag gibt es nicht"):
        event_date("31.02.2026")


# --- The output folder ----------------------------------------------------------------------------------------

def fingerprint(folder):
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def build_command(content, output):
    return [sys.executable, "-m", "sitebuild", "--settings", str(ROOT / "pelicanconf.py"), "--content",
            str(content), "--output", str(output)]


def leftovers(parent):
    return sorted(path.name for path in Path(parent).iterdir() if path.name.startswith(".output-"))


def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_nothing_behind(tmp_path):
    """The build is SIGKILLed (with all its processes) after 0 ms, then later and later until it finishes;
    `output/` must each time be byte for byte the last good site or the new one."""
    good = copy_fixture_site(tmp_path / "good")
    changed = copy_fixture_site(tmp_path / "changed")
    (changed / VISIT).write_text(edited(VISIT).replace("Gespräche", "Neue Gespräche"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for content, name in ((good, "ref-good"), (changed, "ref-changed")):
        subprocess.run(build_command(content, tmp_path / name), check=True, env=env, capture_output=True)
    old, new = fingerprint(tmp_path / "ref-good"), fingerprint(tmp_path / "ref-changed")
    assert old != new

    site = tmp_path / "site"
    site.mkdir()
    output = site / "output"
    started = time.perf_counter()
    subprocess.run(build_command(good, output), check=True, env=env, capture_output=True)
    duration = time.perf_counter() - started
    # Kills from 0 ms on, in steps of 1/24 of a build's time, at least 30 of them and on until one came after the
    # swap: on a busy machine a build can take longer than the one measured above.
    seen = set()
    for step in range(240):
        if step >= 30 and "new" in seen:
            break
        moment = round(duration * step / 24, 3)
        process = subprocess.Popen(build_command(changed, output), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(moment)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # already done
        process.wait()
        now = fingerprint(output)
        assert now in (old, new), f"killed after {moment:.3f} s: output/ is neither site"
        seen.add("new" if now == new else "old")
        if now == new:  # put the old site back for the next try
            shutil.rmtree(output)
            subprocess.run(build_command(good, output), check=True, env=env, capture_output=True)
    assert seen == {"old", "new"}, "the kills came both before and after the swap"
    finished = subprocess.run(build_command(changed, output), env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert fingerprint(output) == new
    assert leftovers(site) == [], "the next build removes what killed builds left"
    assert not [name for name in os.listdir("/dev/shm") if name.startswith("sitebuild-pagefind-")
                and not _locked(Path("/dev/shm") / name)]


def _locked(folder):
    import fcntl

    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(handle)


def test_ctrl_c_is_one_line_and_leaves_the_site(tmp_path):
    content = tmp_path / "site" / "content"
    shutil.copytree(ROOT / "content", content)  # the real site: a build that lasts long enough to interrupt
    output = tmp_path / "output"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(build_command(content, output), check=True, env=env, capture_output=True)
    before = fingerprint(output)
    # An empty cache of its own makes the interrupted build a slow one (every text rendered and checked again).
    env["BUILD_CACHE_DIR"] = str(tmp_path / "cold-cache")
    process = subprocess.Popen(build_command(content, output), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=as_from_a_terminal)
    # Ctrl+C in the middle of the build, not during Python's start: once the staging folder exists.
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # as the terminal sends Ctrl+C to the whole foreground group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "Abgebrochen (Strg+C). Der Ausgabeordner ist unverändert."
    assert fingerprint(output) == before
    assert leftovers(tmp_path) == [], "the interrupted build removed its staging folder"


# --- What the operating system refuses --------------------------------------------------------------------------

@contextmanager
def tmpfs(folder, options):
    """A tmpfs mounted on `folder` for the duration (mounting needs root; CI runs as root, elsewhere: skipped)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    folder.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_one_line_naming_the_folder(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    with tmpfs(tmp_path / "small", "size=2m") as small_disk:
        (small_disk / "ballast").write_bytes(b"\0" * 1_900_000)
        build = run_build(small_disk / "output", content=content, cwd=tmp_path / "site")
        left = leftovers(small_disk)
    assert build.returncode == 1
    lines = [line for line in build.stderr.splitlines() if line.strip()]
    assert lines[0].startswith(f"Auf dem Datenträger von {small_disk}") and "kein Platz mehr" in lines[0], lines
    assert "Traceback" not in build.stderr and len(lines) <= 2, lines
    assert left == []


def test_a_read_only_folder_is_one_line_naming_the_folder(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    with tmpfs(tmp_path / "readonly", "size=2m,ro") as folder:
        build = run_build(folder / "output", content=content, cwd=tmp_path / "site")
    assert build.returncode == 1
    assert build.stderr.strip().startswith(f"{folder} ist schreibgeschützt — bauen Sie in einen Ordner"), build.stderr
    assert "Traceback" not in build.stderr


def test_an_output_folder_that_is_a_mount_point_is_one_line(tmp_path):
    content = copy_fixture_site(tmp_path / "site")
    with tmpfs(tmp_path / "output", "size=20m") as output:
        (output / "alt.html").write_text("der letzte Stand")
        build = run_build(output, content=content, cwd=tmp_path / "site")
        assert (output / "alt.html").read_text() == "der letzte Stand"
    assert build.returncode == 1
    assert build.stderr.strip().startswith(f"{output} ist in Gebrauch oder ein eingehängtes Laufwerk"), build.stderr
    assert "Traceback" not in build.stderr


def test_a_reader_never_finds_the_output_folder_missing_or_half_replaced(tmp_path):
    """The swap itself, watched from outside: a web server reading output/ while builds swap it in must at every
    moment find a whole site. (A kill can only land between system calls; this catches a swap that deletes the
    old site first, or renames in two steps, which the kill test above hits only by luck.)"""
    import threading

    from sitebuild.output_folder import Staging, swap_in

    output = tmp_path / "output"

    def site(generation):
        folder = Staging(str(output))
        for number in range(400):
            Path(folder.path, f"seite-{number}.html").write_text(str(generation))
        Path(folder.path, "index.html").write_text(str(generation))
        return folder

    first = site(0)
    swap_in(first.path, str(output))
    misses, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            try:
                generation = (output / "index.html").read_text()
                if not (output / "seite-399.html").exists():
                    misses.append(f"half a site (index of {generation})")
            except FileNotFoundError:
                misses.append("no output/index.html")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for generation in range(1, 15):
            staging = site(generation)
            swap_in(staging.path, str(output))
            staging.remove()  # the old site, under the staging folder's name
    finally:
        stop.set()
        watcher.join()
    assert (output / "index.html").read_text() == "14"
    assert misses == []
