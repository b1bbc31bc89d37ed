#!/usr/bin/env bash
# Install what the browser tests (tests/browser, marker `browser`) and bench/render.py need:
#   * Debian's chromium at /usr/bin/chromium (apt-get; Playwright cannot download its own browser here)
#   * the Python package playwright in the project venv (.venv, or $KAZKG_PYTHON)
# Idempotent: does nothing when both are present. Never fails the build: if something cannot be
# installed it prints a loud reason and exits 0, and the browser tests then skip with that reason.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${KAZKG_PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3 || true)"
CHROMIUM=/usr/bin/chromium

loud() {
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!!! install-browser.sh: $*" >&2
    echo "!!! browser tests (pytest -m browser) will be SKIPPED on this machine." >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
}

if [ -x "$CHROMIUM" ]; then
    echo "install-browser: chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
elif ! command -v apt-get >/dev/null 2>&1; then
    loud "no $CHROMIUM and no apt-get to install it"
else
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
    fi
    if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
        loud "not root and no password-less sudo: cannot apt-get install chromium"
    else
        echo "install-browser: installing Debian chromium with apt-get"
        $SUDO apt-get update -q >/dev/null \
            && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium fonts-dejavu-core >/dev/null \
            || loud "apt-get install chromium failed"
        [ -x "$CHROMIUM" ] || loud "apt-get finished but $CHROMIUM is still missing"
    fi
fi

if [ -z "$PY" ]; then
    loud "no python interpreter found for playwright"
elif "$PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
    echo "install-browser: playwright present: $("$PY" -m pip show playwright 2>/dev/null | sed -n 's/^Version: //p')"
else
    echo "install-browser: installing playwright into $("$PY" -c 'import sys; print(sys.prefix)')"
    # Only the Python package: its browser download is not used (we drive /usr/bin/chromium).
    "$PY" -m pip install -q "playwright>=1.40" || loud "pip install playwright failed"
    "$PY" -c "import playwright.sync_api" >/dev/null 2>&1 || loud "playwright still not importable"
fi
exit 0
