"""Stopping the preview: Ctrl+C (SIGINT), `kill` (SIGTERM) and a closed terminal (SIGHUP) each end the preview and
every process it started, even while a build runs and a browser holds a connection open.

The preview is started in a session of its own, so that a process it started is found even after its parent died
and it was adopted elsewhere (tests/processes.py). The signal goes to the preview's process alone, not to its
process group as a terminal would send it: the preview itself has to stop what it started.
"""

import signal
import subprocess
import time

import pytest

from conftest import FIXTURES, copy_project
from processes import descendants, kill_all, survivors, threads
from test_preview import ARTICLE, edit, free_port, start_preview


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=lambda number: signal.Signals(number).name)
def test_a_signal_stops_the_preview_and_every_process_it_started(browser, tmp_path, signal_number):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    port = free_port()
    log_path = tmp_path / "preview.log"
    process = start_preview(project, log_path, port)
    try:
        deadline = time.time() + 60
        while "Vorschau: http://127.0.0.1" not in log_path.read_text(encoding="utf-8"):
            assert process.poll() is None and time.time() < deadline, log_path.read_text(encoding="utf-8")
            time.sleep(0.1)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/{ARTICLE}")
        page.wait_for_timeout(300)  # the page's connection to the preview server is open
        idle = descendants(process.pid)
        # The builds' processes are forked from a process without threads, in a process group of its own.
        assert [(child.group, threads(child.pid)) for child in idle] == [(child.pid, 1) for child in idle] != []
        assert threads(process.pid) > 1, "the server's threads run in the preview's process, not the builder's"

        edit(project / "content" / "artikel" / "lieferungen" / "2022-12-07-fahrzeuge.md",
             "Title: Fahrzeuge für die Partnerstadt", "Title: Neue Fahrzeuge für Mykolajiw")
        # The signal comes while the rebuild runs: more processes than when idle.
        deadline = time.time() + 20
        while len(seen := descendants(process.pid)) <= len(idle):
            assert time.time() < deadline, "no build started after the edit\n" + log_path.read_text("utf-8")
            time.sleep(0.005)
        process.send_signal(signal_number)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the preview did not stop on {signal.Signals(signal_number).name}\n"
                        + log_path.read_text("utf-8"))
        left = survivors(seen, session=process.pid)
        assert left == [], f"{signal.Signals(signal_number).name}: still running:\n" + "\n".join(left)
        assert "Traceback" not in log_path.read_text(encoding="utf-8"), log_path.read_text(encoding="utf-8")
        page.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        kill_all(descendants(process.pid), session=process.pid)  # nothing left behind, even by a failed test


def test_stopping_the_preview_during_its_first_build_leaves_nothing_behind(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    log_path = tmp_path / "preview.log"
    process = start_preview(project, log_path)
    try:
        deadline = time.time() + 60
        # The first build runs: the builder and the language builds below it.
        while len(seen := descendants(process.pid)) < 2:
            assert process.poll() is None and time.time() < deadline, log_path.read_text(encoding="utf-8")
            time.sleep(0.005)
        process.terminate()
        process.wait(timeout=15)
        assert "Vorschau: http://" not in log_path.read_text(encoding="utf-8"), "stopped before it served"
        left = survivors(seen, session=process.pid)
        assert left == [], "still running:\n" + "\n".join(left)
        assert not list(project.glob(".output-new-*")), "the first build's staging folder is removed"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        kill_all([], session=process.pid)
