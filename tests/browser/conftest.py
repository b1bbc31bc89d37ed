"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with the network blocked.

If chromium or playwright is missing, scripts/install-browser.sh is run once; only when that could
not install them do the tests skip, with a loud reason (set KAZKG_REQUIRE_BROWSER=1 to make that a
failure instead, KAZKG_NO_BROWSER_INSTALL=1 to never run the installer from pytest).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "scripts" / "install-browser.sh"
from graph.views.render import CHROMIUM, CHROMIUM_ARGS

_SKIP_REASON: list[str] = []


def _missing() -> str | None:
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found"
    try:
        importlib.invalidate_caches()
        importlib.import_module("playwright.sync_api")
    except ImportError:
        return "python package playwright not installed"
    return None


def _ensure_browser() -> str | None:
    reason = _missing()
    if reason and os.environ.get("KAZKG_NO_BROWSER_INSTALL") != "1" and shutil.which("bash"):
        subprocess.run(["bash", str(INSTALL)], check=False, timeout=900)
        reason = _missing()
    return reason


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _ensure_browser()
    if reason:
        msg = f"BROWSER TESTS NOT RUN: {reason}; scripts/install-browser.sh could not install it"
        if os.environ.get("KAZKG_REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        _SKIP_REASON.append(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    """A loaded page plus everything it tried to do that a test may want to assert on."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_html(browser: Any) -> Iterator[Callable[[Path], Opened]]:
    """Open a rendered file offline and wait for the page's own ready mark (no sleeps)."""
    contexts = []

    def _open(path: Path, timeout_ms: int = 30_000) -> Opened:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                opened.blocked.append(url)
                r.abort()

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kazkgReady !== undefined", timeout=timeout_ms)
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for msg in dict.fromkeys(_SKIP_REASON):
        terminalreporter.write_line("!" * 78, red=True, bold=True)
        terminalreporter.write_line(f"!!! {msg}", red=True, bold=True)
        terminalreporter.write_line("!" * 78, red=True, bold=True)
