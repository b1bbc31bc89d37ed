"""Files a build or a command must not read, hang on, or overwrite (issue 14, cases 2–5, 8–10)."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

import graph.build.corpus
from graph.build.corpus import read_corpus

from .conftest import GOOD_A, Project, invoke, one_line_error, run_kazkg
from .test_robustness_inputs import KK, file_names, messages, warned

# ----------------------------------------------------------------------------- sidecars (cases 2 and 4)


def test_robustness_sidecar_symlink_outside_corpus_is_not_read(
    project: Project, warnings_log: pytest.LogCaptureFixture
) -> None:
    outside = project.root / "private.meta.json"
    outside.write_text(json.dumps({"title": "Құпия тақырып", "url": "file:///etc/shadow"}), encoding="utf-8")
    (project.corpus / "a.meta.json").symlink_to(outside)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "a.txt" in file_names(project.graph)
    assert "Құпия" not in project.graph.read_text(encoding="utf-8")
    warned(warnings_log, "a.meta.json", "outside the corpus")


def test_robustness_sidecar_symlink_inside_corpus_is_read(project: Project) -> None:
    (project.corpus / "shared.json").write_text(json.dumps({"outlet": "Азаттық"}), encoding="utf-8")
    (project.corpus / "a.meta.json").symlink_to("shared.json")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "Азаттық" in project.graph.read_text(encoding="utf-8")


def _device(path: Path, major: int, minor: int) -> None:
    """A character device node (root only, as the tests run in CI), like /dev/zero = (1, 5)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))


@pytest.mark.parametrize("kind", ["fifo", "zero device", "zero symlink", "oversized", "folder"])
def test_robustness_sidecar_that_is_no_small_regular_file_is_ignored(
    project: Project, warnings_log: pytest.LogCaptureFixture, kind: str
) -> None:
    sidecar = project.corpus / "a.meta.json"
    if kind == "fifo":
        os.mkfifo(sidecar)
    elif kind == "zero device":
        _device(sidecar, 1, 5)
    elif kind == "zero symlink":
        sidecar.symlink_to("/dev/zero")
    elif kind == "oversized":
        with open(sidecar, "wb") as fh:
            fh.truncate(graph.build.corpus.MAX_META_BYTES + 1)
    else:
        sidecar.mkdir()
    done = run_kazkg("build", "corpus", "-o", "exports/graph.ttl", cwd=project.root, deadline=60, memory_gb=3)
    assert done.returncode == 0, done
    assert done.seconds < 30
    assert "a.txt" in file_names(project.graph)
    assert any("a.meta.json" in line for line in done.error_lines()), done.stderr
    assert stat.S_ISFIFO(os.lstat(sidecar).st_mode) if kind == "fifo" else True


# ----------------------------------------------------------------------------- one article (case 3)


def test_robustness_two_thousand_repeated_surnames_do_not_abort_the_build(project: Project) -> None:
    (project.corpus / "surnames.txt").write_text("Қалиев " * 2000 + "соттады.\n", encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "surnames.txt" in file_names(project.graph)


def test_robustness_file_name_that_is_not_utf8_is_skipped_with_a_warning(
    project: Project, warnings_log: pytest.LogCaptureFixture
) -> None:
    raw = os.fsencode(project.corpus) + b"/\xff\xfebad.txt"
    with open(raw, "wb") as fh:
        fh.write(KK.encode())
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    line = warned(warnings_log, "bad.txt", "not valid UTF-8")
    assert "\\xff\\xfe" in line
    line.encode("utf-8")  # the warning itself can be printed


def test_robustness_folder_name_that_is_not_utf8_is_skipped_with_a_warning(
    project: Project, warnings_log: pytest.LogCaptureFixture
) -> None:
    folder = os.fsencode(project.corpus) + b"/\xe9t\xe9"
    os.mkdir(folder)
    with open(folder + b"/c.txt", "wb") as fh:
        fh.write(KK.encode())
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "\\xe9t\\xe9", "not valid UTF-8")


def test_robustness_article_whose_analysis_crashes_is_skipped(
    project: Project, warnings_log: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong inside the language layer on one article, the others are built."""
    import graph.lang.sentences

    real = graph.lang.sentences.split_sentences

    def fragile(doc):
        if doc.id == "crash.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)

    monkeypatch.setattr(graph.lang.sentences, "split_sentences", fragile)
    (project.corpus / "crash.txt").write_text(KK, encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "crash.txt", "skipped", "RecursionError")
    again = project.build()  # the next build tries it again and warns again
    assert again.exit_code == 0, again.output
    assert sum("crash.txt" in m for m in messages(warnings_log)) == 2


# ----------------------------------------------------------------------------- unreadable folder (case 9)


def test_robustness_unreadable_subfolder_is_skipped_with_a_warning(
    project: Project, warnings_log: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = project.corpus / "secret"
    secret.mkdir()
    (secret / "c.txt").write_text(KK, encoding="utf-8")
    if os.geteuid() == 0:
        # chmod 000 does not stop root: simulate the OS refusing to list the folder.
        real = os.scandir

        def scandir(path):
            if Path(path) == secret:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(graph.build.corpus.os, "scandir", scandir)
    else:
        secret.chmod(0)
    result = project.build()
    assert result.exit_code == 0, result.output
    assert file_names(project.graph) == {"a.txt", "b.txt"}
    warned(warnings_log, "secret", "cannot read", "Permission denied")
    assert sum("secret" in m for m in messages(warnings_log)) == 1


# ----------------------------------------------------------------------------- NUL bytes (case 10)


def test_robustness_stray_nul_byte_is_removed_with_a_warning(
    project: Project, warnings_log: pytest.LogCaptureFixture
) -> None:
    data = (GOOD_A * 5).encode()
    (project.corpus / "nul.txt").write_bytes(data[:100] + b"\x00" + data[100:])
    result = project.build()
    assert result.exit_code == 0, result.output
    assert "nul.txt" in file_names(project.graph)
    warned(warnings_log, "nul.txt", "NUL byte", "byte 100")
    (doc,) = [d for d in read_corpus([project.corpus]) if d.id == "nul.txt"]
    assert "\x00" not in doc.text and "Қалиев" in doc.text


# ----------------------------------------------------------------------------- inputs that block (case 4)


@pytest.mark.parametrize("kind", ["fifo", "zero device", "folder"])
@pytest.mark.parametrize("command", ["query -f", "mentions"])
def test_robustness_query_file_and_mentions_refuse_special_files(project: Project, kind: str, command: str) -> None:
    special = project.root / ("input.rq" if command == "query -f" else "input.txt")
    if kind == "fifo":
        os.mkfifo(special)
    elif kind == "zero device":
        _device(special, 1, 5)
    else:
        special.mkdir()
    args = ["query", "-f", str(special), "--store", str(project.store)] if command == "query -f" \
        else ["mentions", str(special)]
    done = run_kazkg(*args, cwd=project.root, deadline=20, memory_gb=3)
    assert done.returncode not in (0, None), done
    assert len(done.error_lines()) == 1 and done.error_lines()[0].startswith("Error: "), done.stderr
    assert "not a regular file" in done.stderr or "folder" in done.stderr


# ----------------------------------------------------------------------------- outputs (cases 5 and 8)


def _special_target(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        _device(path, 1, 3)  # a /dev/null of our own: never the system's device
    else:
        path.symlink_to(path.with_name("elsewhere.txt"))
        path.with_name("elsewhere.txt").write_text("someone else's file\n", encoding="utf-8")


def _unchanged(path: Path, kind: str) -> bool:
    mode = os.lstat(path).st_mode
    if kind == "fifo":
        return stat.S_ISFIFO(mode)
    if kind == "device":
        return stat.S_ISCHR(mode)
    return stat.S_ISLNK(mode) and path.with_name("elsewhere.txt").read_text(encoding="utf-8") == "someone else's file\n"


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink"])
@pytest.mark.parametrize("command", ["export", "build", "build (TriG)", "render"])
def test_robustness_output_onto_a_special_file_is_refused(project: Project, kind: str, command: str) -> None:
    exports = project.root / "exports"
    target = exports / {"export": "out.nt", "build": "new.ttl", "build (TriG)": "new.trig", "render": "g.html"}[command]
    _special_target(target, kind)
    before = project.snapshot()
    if command == "export":
        args = ["export", "--format", "nt", "-o", str(target)]
    elif command == "render":
        args = ["render", "-o", str(target)]
    else:
        args = ["build", str(project.corpus), "-o", str(exports / "new.ttl"), "-s"]
    result = invoke(*args, "--store", str(project.store))
    line = one_line_error(result)
    assert target.name in line and "not a regular file" in line, line
    assert _unchanged(target, kind)
    assert project.snapshot() == before


def test_robustness_build_never_overwrites_a_users_companion_file(project: Project) -> None:
    exports = project.root / "exports"
    mine = exports / "other.trig"
    mine.write_text("# my own TriG, not kazkg's\n", encoding="utf-8")
    result = invoke("build", str(project.corpus), "-o", str(exports / "other.ttl"), "-s")
    line = one_line_error(result)
    assert "other.trig" in line and "--force" in line, line
    assert mine.read_text(encoding="utf-8") == "# my own TriG, not kazkg's\n"
    assert not (exports / "other.ttl").exists()
    forced = invoke("build", str(project.corpus), "-o", str(exports / "other.ttl"), "-s", "--force")
    assert forced.exit_code == 0, forced.output
    assert "kazkg" in mine.read_text(encoding="utf-8") and (exports / "other.ttl").exists()


@pytest.mark.parametrize("command", ["export", "render"])
def test_robustness_export_never_overwrites_a_users_file(project: Project, command: str) -> None:
    mine = project.root / "exports" / ("mine.nt" if command == "export" else "mine.html")
    mine.write_text("my notes\n", encoding="utf-8")
    args = ["export", "--format", "nt"] if command == "export" else ["render"]
    result = invoke(*args, "-o", str(mine), "--store", str(project.store))
    assert "--force" in one_line_error(result)
    assert mine.read_text(encoding="utf-8") == "my notes\n"
    assert invoke(*args, "-o", str(mine), "--store", str(project.store), "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "my notes\n"
    # Written by kazkg now: the next export replaces it without being asked.
    again = invoke(*args, "-o", str(mine), "--store", str(project.store))
    assert again.exit_code == 0, again.output


def test_robustness_stale_temporaries_of_a_killed_export_are_cleaned(project: Project) -> None:
    """kill -9 between staging and renaming leaves these names; the next build removes them."""
    exports = project.root / "exports"
    stale = [
        Path(tempfile.mkstemp(prefix="..graph.ttl.staged.", suffix=".tmp", dir=exports)[1]),
        Path(tempfile.mkstemp(prefix="..graph.trig.staged.", suffix=".tmp", dir=exports)[1]),
        Path(tempfile.mkstemp(prefix=".graph.ttl.", suffix=".tmp", dir=exports)[1]),
        exports / ".graph.trig.staged",
    ]
    stale[-1].write_text("half a TriG", encoding="utf-8")
    keep = [exports / ".graph.ttl.notes", exports / "..graph.ttl.staged.mine", exports / ".other.ttl.abcd1234.tmp"]
    for path in keep:
        path.write_text("user's\n", encoding="utf-8")
    result = project.build()
    assert result.exit_code == 0, result.output
    assert [p.name for p in stale if p.exists()] == []
    assert all(p.read_text(encoding="utf-8") == "user's\n" for p in keep)
