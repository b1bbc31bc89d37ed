"""Exports are replaced atomically or not at all: crashes, Ctrl-C, kill -9, two builds at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import graph.rdf.store

from .conftest import GOOD_A, GOOD_B, ROOT, Project, one_line_error


def stray_temp_files(folder: Path, store: bool = True) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if (p.name.endswith(".tmp") or p.name.startswith(".graph."))
                  and (store or "store" not in p.relative_to(folder).parts))


def test_robustness_failed_rename_keeps_previous_exports(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    before = project.snapshot()
    (project.corpus / "c.txt").write_text(GOOD_A.replace("Ерлан", "Марат"), encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(graph.rdf.store.os, "replace", broken_replace)
    result = project.build()
    assert result.exit_code != 0
    assert project.snapshot() == before
    assert stray_temp_files(project.root / "exports") == []


def test_robustness_write_error_is_one_line(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk is the user's problem to fix, so it gets an ``Error:`` line, not a traceback."""

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(graph.rdf.store.os, "replace", broken_replace)
    line = one_line_error(project.build())
    assert "No space left on device" in line and "graph.ttl" in line


def test_robustness_interrupt_while_writing_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(graph.rdf.store.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        graph.rdf.store.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_robustness_build_never_deletes_user_files(project: Project) -> None:
    exports = project.root / "exports"
    notes = exports / "notes.txt"
    notes.write_text("менің жазбаларым\n", encoding="utf-8")
    (exports / "graph.ttl.bak").write_bytes(b"user backup")
    (exports / "sub").mkdir()
    (exports / "sub" / "keep.ttl").write_text("# mine\n", encoding="utf-8")
    ok = project.build()
    assert ok.exit_code == 0, ok.output
    (project.corpus / "a.txt").write_bytes(b"\x00")
    (project.corpus / "b.txt").write_bytes(b"")
    failed = project.build()
    assert failed.exit_code == 1
    assert notes.read_text(encoding="utf-8") == "менің жазбаларым\n"
    assert (exports / "graph.ttl.bak").read_bytes() == b"user backup"
    assert (exports / "sub" / "keep.ttl").read_text(encoding="utf-8") == "# mine\n"


def test_robustness_exports_are_readable_by_others(project: Project) -> None:
    """Exports are shared (web servers, colleagues): the temp file's 0600 mode must not leak."""
    old = os.umask(0o022)
    try:
        result = project.build()
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.trig"):
        assert (project.root / "exports" / name).stat().st_mode & 0o044 == 0o044, name


# ----------------------------------------------------------------------------- real processes


def _synthetic_corpus(folder: Path, n: int = 150) -> None:
    """``n`` distinct articles of a few kilobytes: enough work for a build to be interrupted."""
    names = ["Ерлан", "Марат", "Әсел", "Жанар", "Асхат", "Нұрлан", "Дина", "Бауыржан"]
    surnames = ["Қалиев", "Жанұзақов", "Нұрланов", "Сейітов", "Ахметов", "Тоқтаров"]
    for i in range(n):
        first, last = names[i % len(names)], surnames[(i // len(names)) % len(surnames)]
        body = (GOOD_A + GOOD_B).replace("Ерлан Қалиев", f"{first} {last}").replace("Әсел Нұрланова", f"{first}а {last}а")
        (folder / f"{i:03d}.txt").write_text(body * 8 + f"Мақала {i}.\n", encoding="utf-8")


def _start_build(project: Project) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KAZKG_DEBUG", None)
    # `python -m graph build ...` with Ctrl-C restored as in a terminal: a test run started
    # in the background (CI, `cmd &`) hands down an ignored SIGINT, and Python would then
    # never raise KeyboardInterrupt.
    start = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
             "runpy.run_module('graph', run_name='__main__', alter_sys=True)")
    return subprocess.Popen(
        [sys.executable, "-c", start, "build", "corpus", "-o", "exports/graph.ttl", "-s"],
        cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _wait_until_analysing(project: Project, proc: subprocess.Popen[bytes], done: int = 5,
                          timeout: float = 60) -> None:
    """Wait until the workers have cached ``done`` articles: most of the build is still ahead."""
    cache = project.root / "exports" / "store" / "cache"
    deadline = time.monotonic() + timeout
    while proc.poll() is None and len(list(cache.glob("*/*.pkl"))) < done and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "build finished before it could be interrupted: make the corpus bigger"


def _exports_valid(project: Project) -> None:
    assert len(Graph().parse(project.graph)) > 0
    Dataset().parse(project.graph.with_suffix(".trig"), format="trig")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_robustness_interrupted_build_keeps_exports_and_next_build_works(project: Project, sig: int) -> None:
    _synthetic_corpus(project.corpus)
    before = project.snapshot()
    proc = _start_build(project)
    _wait_until_analysing(project, proc)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    interrupted_rc, interrupted_err = proc.returncode, err.decode()
    assert interrupted_rc != 0, interrupted_err
    # The exports are exactly the old ones. The store may already hold the new build
    # (its transaction can commit just before the kill) but is never half-written:
    # it opens, and the next build below completes from it.
    assert project.snapshot(store=False) == {k: v for k, v in before.items() if not k.startswith("store")}
    # No temporary file among the exports. Inside the store a SIGKILL can catch a file
    # between its creation and its rename; the next build removes it (asserted below).
    assert stray_temp_files(project.root / "exports", store=False) == []
    _exports_valid(project)
    # The next build starts from whatever the interrupted one left and completes.
    proc = _start_build(project)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    _exports_valid(project)
    assert project.snapshot() != before
    assert stray_temp_files(project.root / "exports") == []
    if sig == signal.SIGINT:
        # Ctrl-C is not a crash: the conventional exit status 130 and one line, no "Aborted!".
        assert interrupted_rc == 130, interrupted_err
        assert interrupted_err.strip().splitlines()[-1] == "Error: interrupted"
    else:
        assert interrupted_rc == -signal.SIGKILL


def test_robustness_two_builds_on_one_output_are_serialised(project: Project) -> None:
    _synthetic_corpus(project.corpus)
    first = _start_build(project)
    _wait_until_analysing(project, first)
    second = _start_build(project)
    _out1, err1 = first.communicate(timeout=300)
    _out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1.decode()
    # The second build either waited for the lock (exit 0) or refused clearly (exit 1);
    # in both cases it said that the output was locked.
    assert second.returncode in (0, 1)
    assert "locked" in err2.decode()
    if second.returncode == 1:
        assert len([line for line in err2.decode().splitlines() if line.startswith("Error:")]) == 1
    _exports_valid(project)
