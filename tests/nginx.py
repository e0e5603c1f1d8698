"""Debian's nginx on 127.0.0.1 for the tests, serving a built site with the real hosting/nginx/site.conf.

Each server gets a folder of its own for its configuration, pid, logs and temporary files; nothing of the
system's nginx (/etc/nginx/nginx.conf, /var/log/nginx, a running service) is used or touched. Only its
mime.types and the Brotli module are read.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "hosting" / "nginx" / "site.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
PACKAGES = "nginx-light libnginx-mod-http-brotli-static"

CONFIG = """\
load_module {brotli_module};
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
{user}
events {{
    worker_connections 64;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {site_conf};
    }}
}}
"""


def executable():
    return shutil.which("nginx") or next((path for path in ("/usr/sbin/nginx",) if os.path.exists(path)), None)


def missing():
    """Why nginx cannot be started here, or None."""
    if not executable():
        return f"nginx is not installed: apt-get install {PACKAGES} (`make test` installs them: tests/system-packages.sh)"
    if not BROTLI_MODULE.exists():
        return f"nginx's Brotli module is not installed: apt-get install {PACKAGES} (`make test` installs them: tests/system-packages.sh)"
    if not MIME_TYPES.exists():
        return f"{MIME_TYPES} is missing: apt-get install {PACKAGES}"
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def serve(site, port, work):
    """Serve the folder `site` on http://127.0.0.1:port; `work` holds the configuration and the logs."""
    problem = missing()
    if problem:
        raise RuntimeError(problem)
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    # The site is in pytest's private temporary folder (mode 700): as root, nginx's worker would run as `nobody`
    # and could not read it, so it stays root. Started by another user, nginx runs as that user anyway.
    user = "user root;" if os.geteuid() == 0 else ""
    config = work / "nginx.conf"
    config.write_text(CONFIG.format(brotli_module=BROTLI_MODULE, work=work, user=user, mime_types=MIME_TYPES,
                                    port=port, site=Path(site).resolve(), site_conf=SITE_CONF))
    log = work / "error.log"
    process = subprocess.Popen([executable(), "-p", str(work), "-c", str(config), "-e", str(log)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                errors = log.read_text(errors="replace") if log.exists() else ""
                raise RuntimeError(f"nginx did not start on 127.0.0.1:{port}:\n{output}\n{errors}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown, master and worker
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def error_log(work):
    log = Path(work) / "error.log"
    return log.read_text(errors="replace") if log.exists() else ""
