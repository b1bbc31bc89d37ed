"""Fixtures for the bad-input suite: a throw-away project folder with a previous build.

Every test gets its own copy of a small project (``corpus/`` with two articles and
``exports/graph.ttl`` + ``.trig`` from an earlier build), so it can break things and
then check that what existed before is byte-identical afterwards.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph.cli import cli

ROOT = Path(__file__).resolve().parents[2]

GOOD_A = (
    "Алматы аудандық соты белсенді Ерлан Қалиевті 5 жылға соттады.\n"
    "Құқық қорғаушылар Ерлан Қалиевті саяси тұтқын деп таныды.\n"
)
GOOD_B = "Белсенді Әсел Нұрланова Астанада Ерлан Қалиевті босатуды талап етіп, бір адамдық пикет өткізді.\n"


@dataclass
class Project:
    """A project folder: ``corpus/`` and ``exports/`` from a previous successful build."""

    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def graph(self) -> Path:
        return self.root / "exports" / "graph.ttl"

    @property
    def store(self) -> Path:
        return self.root / "exports" / "store"

    def snapshot(self, store: bool = True) -> dict[str, bytes]:
        """Bytes of every file under exports/, and the store's content (to compare after a failed build).

        The store's database files change whenever it is opened (RocksDB logs), so the
        store is compared by what it holds: its manifest and a sorted N-Quads dump.
        """
        out = self.root / "exports"
        internal = ("store/",)
        snap = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and not p.relative_to(out).as_posix().startswith(internal)}
        if store and (out / "store" / "manifest.json").exists():
            # "state" may say "writing" after a kill mid-transaction: the marker that makes
            # the next build repair the store. What the store records must not change.
            manifest = json.loads((out / "store" / "manifest.json").read_text(encoding="utf-8"))
            manifest.pop("state", None)
            snap["store/manifest.json (without state)"] = json.dumps(manifest, sort_keys=True).encode()
            from graph.rdf.oxstore import KgStore

            with KgStore.open(out / "store", read_only=True) as kg:
                snap["store (N-Quads)"] = kg.dump("nquads")
        return snap

    def build(self, *args: str) -> Result:
        """``kazkg build corpus -o exports/graph.ttl [args]`` through click's CliRunner."""
        return invoke("build", str(self.corpus), "-o", str(self.graph), "-s", *args)


def invoke(*args: str) -> Result:
    """Run the CLI in-process; unexpected exceptions are kept on ``result.exception``."""
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result) -> str:
    """The single ``Error: …`` line a failed command printed (asserts there is exactly one)."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.fixture(scope="session")
def _built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template")
    (root / "corpus").mkdir()
    (root / "corpus" / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (root / "corpus" / "b.txt").write_text(GOOD_B, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(root / "corpus"), "-o", str(root / "exports" / "graph.ttl"), "-s"]
    )
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(tmp_path: Path, _built_template: Path) -> Project:
    """A fresh copy of the template project (two good articles, exports from a build)."""
    root = tmp_path / "project"
    shutil.copytree(_built_template, root)
    return Project(root)


@pytest.fixture
def warnings_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture WARNING records of every kazkg logger."""
    with caplog.at_level(logging.WARNING):
        yield caplog


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable


# ----------------------------------------------------------------------------- processes and servers


@dataclass
class Finished:
    """A ``kazkg`` command run as its own process: exit status, output and wall time."""

    returncode: int | None  # None: it was still running at the deadline and was killed
    stdout: str
    stderr: str
    seconds: float

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_kazkg(*args: str, cwd: Path, deadline: float = 60, memory_gb: float = 4) -> Finished:
    """``python -m graph ARGS`` in ``cwd``, killed at ``deadline`` seconds.

    The process gets an address-space limit of ``memory_gb`` so that a command that
    does not bound its own memory fails the test instead of exhausting the machine.
    """
    import os
    import resource
    import subprocess
    import time

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KAZKG_DEBUG", None)

    def limit() -> None:
        cap = int(memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=limit)  # noqa: PLW1509 - only sets a resource limit
    try:
        out, err = proc.communicate(timeout=deadline)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        code = None
    return Finished(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - start)


@dataclass
class Loopback:
    """A tiny HTTP server on 127.0.0.1 that records every request and sends a fixed answer."""

    url: str
    requests: list[str]
    answer: dict


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    """A listening server on a free loopback port; ``answer`` sets status, content type and body."""
    import http.server
    import threading

    requests: list[str] = []
    answer = {"status": 200, "type": "application/sparql-results+json",
              "body": b'{"head": {"vars": []}, "results": {"bindings": []}}'}

    class Handler(http.server.BaseHTTPRequestHandler):
        def _reply(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            requests.append(f"{self.command} {self.path} {body[:200]!r}")
            self.send_response(answer["status"])
            self.send_header("Content-Type", answer["type"])
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        do_GET = do_POST = do_PUT = do_DELETE = _reply

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Loopback(f"http://127.0.0.1:{server.server_address[1]}", requests, answer)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
