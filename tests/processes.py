"""The processes a program started, seen from outside through /proc (Linux): to prove that none outlives it.

A child whose parent has died is adopted by another process and no longer shows up among the descendants, so
each check also looks for every process of the program's session (the tests start it with a session of its own).
"""

import os
import signal
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    group: int
    session: int
    state: str
    started: int  # clock ticks after boot: tells a process from a later one that got the same pid

    def command(self):
        try:
            with open(f"/proc/{self.pid}/cmdline", "rb") as handle:
                return handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            return "?"


def _read(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # the command name in parentheses may contain spaces
    return Process(pid, int(fields[1]), int(fields[2]), int(fields[3]), fields[0], int(fields[19]))


def threads(pid):
    """How many threads `pid` runs."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def all_processes():
    return [process for name in os.listdir("/proc") if name.isdigit() and (process := _read(int(name)))]


def descendants(pid):
    """Every living process below `pid`, by parent links."""
    processes = all_processes()
    found, parents = [], {pid}
    while True:
        children = [process for process in processes
                    if process.ppid in parents and process not in found and process.state != "Z"]
        if not children:
            return found
        found.extend(children)
        parents = {process.pid for process in children}


def alive(process):
    """Whether `process` (as seen earlier) still runs; a zombie has ended and only waits to be collected."""
    now = _read(process.pid)
    return now is not None and now.started == process.started and now.state != "Z"


def survivors(seen, session, wait=5.0):
    """The processes of `seen` or of `session` still running after up to `wait` seconds."""
    deadline = time.time() + wait
    while True:
        left = _running(seen, session)
        if not left or time.time() > deadline:
            return [f"{process.pid} (parent {process.ppid}): {process.command()}" for process in left]
        time.sleep(0.05)


def _running(seen, session):
    left = {(process.pid, process.started): process for process in seen if alive(process)}
    for process in all_processes():
        if process.session == session and process.state != "Z":
            left.setdefault((process.pid, process.started), process)
    return list(left.values())


def kill_all(seen, session):
    """Ends what a failed test would otherwise leave running: `seen` and every process of `session`."""
    for process in _running(seen, session):
        try:
            os.kill(process.pid, signal.SIGKILL)
        except OSError:
            pass
