"""The preview's output after a series of edits is byte for byte what a full build of the edited content makes.

The preview rebuilds only the languages a change concerns, the saved file's first, and puts them in place of
their old versions (sitebuild/build.py `rebuild`): after edits of every kind nothing of an earlier state may
remain, and nothing may differ from a fresh build. The search index (Pagefind, the same code in both) is left
out: the preview makes it after the pages, the build compared here, like the preview's, without it.
"""

import filecmp
import subprocess
import sys
import time

from conftest import FIXTURES, copy_project
from processes import descendants, kill_all
from test_preview import edit, free_port, start_preview
from test_preview_quick import EventStream

LIEFERUNG = "artikel/lieferungen/2022-12-07-fahrzeuge.md"
KOOPERATION = "artikel/kooperationen/2022-09-15-vereinbarung.md"
MOVED = "artikel/kooperationen/2022-09-16-vereinbarung.md"
NEW = "artikel/lieferungen/2023-01-10-generatoren.md"


def edits(content):
    """(what, change) in the order an editor might make them; each leaves a valid site."""
    lieferung = content / LIEFERUNG
    return [
        ("text", lambda: edit(lieferung, "Zehn Fahrzeuge wurden", "Elf Fahrzeuge wurden")),
        ("title", lambda: edit(lieferung, "Title: Fahrzeuge für die Partnerstadt", "Title: Elf Fahrzeuge")),
        # The date is also in the file's name (its address): a new date is the file saved under a new name.
        ("date", lambda: ((content / MOVED).write_text((content / KOOPERATION).read_text(encoding="utf-8")
                                                       .replace("Date: 2022-09-15", "Date: 2022-09-16"),
                                                       encoding="utf-8"), (content / KOOPERATION).unlink())),
        ("partner", lambda: edit(content / "partner" / "mykolajiw.md", "Name: Stadt Mykolajiw",
                                 "Name: Stadtverwaltung Mykolajiw")),
        ("new translation", lambda: (content / "seiten" / "impressum.uk.md").write_text(
            "Title: Вихідні дані\n\nТекст сторінки.\n", encoding="utf-8")),
        ("translation", lambda: edit(content / "seiten" / "impressum.uk.md", "Текст", "Новий текст")),
        ("new file", lambda: (content / NEW).write_text(
            lieferung.read_text(encoding="utf-8").replace("Title: Elf Fahrzeuge", "Title: Generatoren")
            .replace("Date: 2022-12-07", "Date: 2023-01-10"), encoding="utf-8")),
        ("deleted file", lambda: (content / NEW).unlink()),
    ]


def differences(left, right, ignore=("pagefind",)):
    """Paths (relative) that exist on one side only or differ in their bytes."""
    found = []

    def walk(comparison, prefix):
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only
                      if (prefix + name) not in ignore)
        for name in comparison.common_files:
            if not filecmp.cmp(f"{comparison.left}/{name}", f"{comparison.right}/{name}", shallow=False):
                found.append(prefix + name)
        found.extend(prefix + name for name in comparison.common_funny)
        for name, sub in comparison.subdirs.items():
            if (prefix + name) not in ignore:
                walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def test_after_edits_of_every_kind_the_preview_shows_what_a_full_build_makes(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    log_path = tmp_path / "preview.log"
    port = free_port()
    process = start_preview(project, log_path, port)
    streams = []
    try:
        def wait_until(condition, what):
            deadline = time.time() + 60
            while not condition():
                text = log_path.read_text(encoding="utf-8")
                assert process.poll() is None and "fehlgeschlagen" not in text, f"{what}\n{text}"
                assert time.time() < deadline, f"{what}: timed out\n{text}"
                time.sleep(0.05)

        def rebuilds():
            return log_path.read_text(encoding="utf-8").count("Neu gebaut")

        def settled(before):
            # Rebuilt, and nothing running below the builder (no build, no search index) for a moment.
            if rebuilds() <= before:
                return False
            for _ in range(10):
                if any(child.ppid != process.pid for child in descendants(process.pid)):
                    return False
                time.sleep(0.05)
            return True

        wait_until(lambda: "Vorschau: http://127.0.0.1" in log_path.read_text(encoding="utf-8"), "start")
        # Pages open in a browser: the preview renders them first after a saved text (test_preview_quick.py).
        streams = [EventStream(f"http://127.0.0.1:{port}", page) for page in (
            "lieferungen/2022-12-07-fahrzeuge/index.html", "lieferungen/index.html", "partner/mykolajiw/index.html")]
        time.sleep(0.3)
        for what, change in edits(project / "content"):
            before = rebuilds()
            change()
            wait_until(lambda before=before: settled(before), what)
        assert log_path.read_text(encoding="utf-8").count("Zuerst neu") >= 3  # text, title, partner
        process.terminate()
        process.wait(timeout=30)
    finally:
        for stream in streams:
            stream.close()
        if process.poll() is None:
            process.kill()
            process.wait()
        kill_all([], session=process.pid)

    full = tmp_path / "full"
    # The build the preview makes (tasks.py `preview`), of everything at once.
    built = subprocess.run([sys.executable, "-c", "import sys; from sitebuild.build import build; "
                            "result = build('pelicanconf.py', output_path=sys.argv[1], overrides={"
                            "'SEARCH_INDEX': False, 'FINISHING_STEPS': []}); sys.exit(0 if result.ok else 1)",
                            str(full)], cwd=project, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    pages = "".join(page.read_text(encoding="utf-8") for page in (project / "output").rglob("*.html"))
    assert "Elf Fahrzeuge" in pages and "Новий текст" in pages and "Stadtverwaltung Mykolajiw" in pages
    assert differences(project / "output", full) == []
