"""tests/system-packages.sh, which `make test` runs first: it installs the Debian packages the tests need when they
are missing, as root with apt-get, otherwise with sudo, and where neither works says in one line what to install.

Each case runs the real script with a PATH of its own: links to the real programs that case has, and stand-ins for
apt-get, sudo and id that record how they were called instead of installing anything.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "tests" / "system-packages.sh"
# The programs the script looks for, and the package each comes from.
PROGRAMS = {"chromium": "chromium", "java": "default-jre-headless", "ssh": "openssh-client",
            "ssh-keygen": "openssh-client", "rsync": "rsync", "node": "nodejs", "npm": "npm", "git": "git"}
# What the script itself runs.
TOOLS = ["sort", "paste", "mktemp", "tail", "rm", "cat"]
RECORDER = """#!/bin/sh
echo "{name} $*" >> "{log}"
{then}
"""


def fake_machine(folder, have, uid=0, apt=True, sudo=True, apt_fails=False):
    """A bin folder with the real programs in `have`, the tools the script uses, and recording stand-ins."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    log = folder / "calls.log"
    log.touch()
    for name in [*have, *TOOLS]:
        real = shutil.which(name)
        assert real, f"{name} must be installed for this test (make test installs it)"
        (bin_folder / name).symlink_to(real)

    def stand_in(name, then):
        path = bin_folder / name
        path.write_text(RECORDER.format(name=name, log=log, then=then))
        path.chmod(0o755)

    stand_in("id", f"echo {uid}")
    if apt:
        stand_in("apt-get", "exit 1" if apt_fails else "exit 0")
    if sudo:
        stand_in("sudo", 'exec "$@"')
    return bin_folder, log


def run(bin_folder):
    return subprocess.run(["/bin/sh", str(SCRIPT)], env={"PATH": str(bin_folder), "HOME": os.environ["HOME"]},
                          capture_output=True, text=True, timeout=30)


def calls(log):
    return [line for line in log.read_text().splitlines() if not line.startswith("id")]


def test_with_everything_present_it_installs_nothing_and_says_nothing(tmp_path):
    bin_folder, log = fake_machine(tmp_path, have=PROGRAMS)
    result = run(bin_folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert calls(log) == []


def test_as_root_it_installs_exactly_what_is_missing_with_apt_get(tmp_path):
    have = [name for name in PROGRAMS if name not in ("chromium", "node")]
    bin_folder, log = fake_machine(tmp_path, have=have)
    result = run(bin_folder)
    assert result.returncode == 0, result.stderr
    assert calls(log) == ["apt-get update -qq", "apt-get install -y -qq chromium nodejs"]
    assert "chromium nodejs" in result.stderr


def test_a_package_wanted_for_two_programs_is_named_once(tmp_path):
    have = [name for name in PROGRAMS if not name.startswith("ssh")]
    bin_folder, log = fake_machine(tmp_path, have=have)
    assert run(bin_folder).returncode == 0
    assert calls(log)[-1] == "apt-get install -y -qq openssh-client"


def test_as_a_user_it_installs_with_sudo(tmp_path):
    have = [name for name in PROGRAMS if name != "java"]
    bin_folder, log = fake_machine(tmp_path, have=have, uid=1000)
    result = run(bin_folder)
    assert result.returncode == 0, result.stderr
    assert calls(log) == ["sudo apt-get update -qq", "apt-get update -qq",
                          "sudo apt-get install -y -qq default-jre-headless",
                          "apt-get install -y -qq default-jre-headless"]


@pytest.mark.parametrize("machine", ["no apt-get (macOS)", "a user without sudo", "apt-get fails"])
def test_where_it_cannot_install_it_says_in_one_line_what_to_install(tmp_path, machine):
    have = [name for name in PROGRAMS if name != "git"]
    bin_folder, log = fake_machine(tmp_path, have=have, uid=0 if machine != "a user without sudo" else 1000,
                                   apt=machine != "no apt-get (macOS)", sudo=machine != "a user without sudo",
                                   apt_fails=machine == "apt-get fails")
    result = run(bin_folder)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "git" in last and "install" in last, result.stderr
    if machine == "no apt-get (macOS)":
        assert result.stderr.count("\n") == 1 and calls(log) == []
    if machine == "a user without sudo":
        assert result.stderr.count("\n") == 1 and "apt-get install -y git" in last and calls(log) == []


def test_it_is_the_first_step_of_make_test_and_ci_runs_make_test():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert recipe.splitlines()[1].strip() == "@sh tests/system-packages.sh", recipe
    ci = [line for line in Path(ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "make test"
