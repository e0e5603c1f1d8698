"""Throwaway servers on loopback for the publishing tests: a real OpenSSH server, and nginx serving a publish
target's live link (nginx's configuration is tests/nginx.py's, with the real hosting/nginx/site.conf).

Both are Debian's own binaries, started by the tests as root with a configuration of their own in a temporary
folder, and killed afterwards; nothing of the machine's configuration (/etc/ssh, /etc/nginx) is read or changed.
A missing binary fails the test with the Debian package to install: these tests are never skipped.
"""

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

# The binaries the publishing tests need, and the Debian package of each (`make test` installs them: tests/system-packages.sh).
PACKAGES = {
    "sshd": ("/usr/sbin/sshd", "openssh-server"),
    "ssh": ("/usr/bin/ssh", "openssh-client"),
    "ssh-keygen": ("/usr/bin/ssh-keygen", "openssh-client"),
    "rsync": ("/usr/bin/rsync", "rsync"),
}


def require(name):
    """The path of a binary the tests need; a failed test naming its Debian package if it is missing."""
    path, package = PACKAGES[name]
    found = shutil.which(name) or (path if os.access(path, os.X_OK) else None)
    if not found:
        pytest.fail(f"{name} is not installed: apt-get install {package} (`make test` installs it: tests/system-packages.sh)", pytrace=False)
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port, process, log, greeting=None, timeout=10):
    """Wait until the server accepts connections on 127.0.0.1:port (and, for sshd, says hello)."""
    deadline = time.monotonic() + timeout

    def logged():
        return Path(log).read_text(errors="replace") if Path(log).exists() else ""

    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode}: {logged()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                if greeting is None or connection.recv(64).startswith(greeting):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"server did not accept connections on port {port}: {logged()}")
        time.sleep(0.05)


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _keygen(path):
    subprocess.run([require("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "publish-test", "-f", str(path)],
                   check=True)


@dataclass
class SSHServer:
    port: int
    user: str
    identity: Path      # the client's private key, authorized on this server
    known_hosts: Path   # holds this server's host key, as an admin would have added it
    process: subprocess.Popen
    log: Path

    def target(self, root):
        return f"{self.user}@127.0.0.1:{root}"

    def ssh_options(self):
        """Options for a client: only this server's host key is known; strict host key checking stays on."""
        return ["-F", "none", "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "GlobalKnownHostsFile=/dev/null",
                # OpenSSH 9's default key exchange (post-quantum sntrup761) costs 0.2 s of CPU per connection
                # here; the tests open dozens of connections, and what they test does not depend on it.
                "-o", "KexAlgorithms=curve25519-sha256"]

    def stop(self):
        _stop(self.process)


def start_sshd(folder):
    """Start Debian's OpenSSH server on 127.0.0.1:<free port>, accepting only a freshly generated client key.

    It runs as the current user (root in CI, so the login is root@127.0.0.1), in the foreground (-D), logging to
    a file (-e), with its own host key, authorized_keys, pid file and sshd_config in `folder`.
    """
    sshd = require("sshd")
    require("ssh")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    host_key, client_key = folder / "host_key", folder / "client_key"
    _keygen(host_key)
    _keygen(client_key)
    authorized = folder / "authorized_keys"
    shutil.copy(folder / "client_key.pub", authorized)
    port = free_port()
    known_hosts = folder / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {(folder / 'host_key.pub').read_text().split(' publish-test')[0]}\n")
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\n"
        "ListenAddress 127.0.0.1\n"
        f"HostKey {host_key}\n"
        f"AuthorizedKeysFile {authorized}\n"
        f"PidFile {folder / 'sshd.pid'}\n"
        "PubkeyAuthentication yes\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "UsePAM no\n"
        "PermitRootLogin prohibit-password\n"
        # The temporary folder lies under /tmp, which is world-writable: sshd's ownership checks would refuse it.
        "StrictModes no\n"
        # Several connections of one publish may open at once (the lock session, rsync, the switch).
        "MaxStartups 50\n"
        "MaxSessions 50\n"
        "LogLevel INFO\n"
        # Debian's bash sources ~/.bashrc for every command run over ssh unless it is a nested shell; a
        # developer's .bashrc (pyenv, cargo …) can take a quarter of a second, once per remote command.
        # A server's account has no such .bashrc; this makes the test server's login shell as lean.
        "SetEnv SHLVL=1\n"
    )
    # sshd refuses to start without its privilege separation folder, which Debian's service unit creates.
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    log = folder / "sshd.log"
    with open(log, "w") as output:
        process = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)], stdout=output, stderr=subprocess.STDOUT)
    _wait_for(port, process, log, greeting=b"SSH-2.0-")
    return SSHServer(port, pwd.getpwuid(os.getuid()).pw_name, client_key, known_hosts, process, log)


@dataclass
class WebServer:
    port: int
    root: Path
    process: subprocess.Popen
    work: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        _stop(self.process)


def start_nginx(work, root):
    """Start Debian's nginx on 127.0.0.1:<free port> as the live server runs it (tests/nginx.py's configuration
    with the real hosting/nginx/site.conf), with `root` as its root: a publish target's <root>/current.

    Unlike tests/nginx.py's serve(), which resolves the folder it serves, `root` is given to nginx as it is, a
    symlink: nginx follows it on every request, which is what makes switching it switch the site.
    """
    import nginx

    problem = nginx.missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = work / "nginx.conf"
    config.write_text(nginx.CONFIG.format(
        brotli_module=nginx.BROTLI_MODULE, work=work, user="user root;" if os.geteuid() == 0 else "",
        mime_types=nginx.MIME_TYPES, port=port, site=os.path.abspath(root), site_conf=nginx.SITE_CONF))
    log = work / "error.log"
    process = subprocess.Popen([nginx.executable(), "-p", str(work), "-c", str(config), "-e", str(log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(port, process, log)
    return WebServer(port, Path(root), process, work)
