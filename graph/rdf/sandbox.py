"""Run a user's query in a child process that can be stopped, capped and kept off the network.

Oxigraph evaluates a query in one call into Rust: a Python alarm cannot interrupt it,
and Python cannot limit the memory it takes (a sorted three-way product grew to 24 GB).
A forked child can be killed at the deadline and given an address-space limit; on Linux
(x86-64, arm64) it also gets a seccomp filter that kills it the moment it opens a
network socket, so a SERVICE clause that got past :mod:`graph.rdf.querytext` still
sends nothing. The child sends back plain data (the text to print), never live objects.

A fork costs a few milliseconds; the child inherits everything already loaded, so
nothing is imported or parsed twice.
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import platform
import resource
import select
import signal
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TypeVar

from graph.errors import QueryError
from graph.rdf.querytext import SERVICE_REFUSED

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True, slots=True)
class Caps:
    """Bounds of one query: wall-clock seconds, megabytes of memory beyond what is loaded, network."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    network: bool = False

    def timeout_message(self) -> str:
        return f"query stopped after {self.timeout:g} s (--timeout): add LIMIT or narrow the pattern"

    def memory_message(self) -> str:
        return (f"query needed more than {self.memory_mb} MB of memory (--max-memory): "
                "add LIMIT or narrow the pattern")


def run_capped(work: Callable[[], T], caps: Caps) -> T:
    """``work()`` in a forked child under ``caps``: its return value, or its exception re-raised.

    Raises:
        QueryError: the deadline passed, the memory cap was reached, the work tried to
            open a network connection without ``caps.network``, or the child died.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - kazkg needs POSIX (flock); no caps without fork
        return work()
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as stderr:
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(work, caps, write_end, stderr.fileno())  # never returns
        os.close(write_end)
        try:
            reply = _read_until(read_end, caps.timeout)
        except BaseException:  # Ctrl-C while waiting: the child goes with us
            _kill(pid)
            raise
        finally:
            os.close(read_end)
        if reply is None:
            _kill(pid)
            raise QueryError(caps.timeout_message())
        _, status = os.waitpid(pid, 0)
        return _outcome(reply, status, caps, stderr)


def _read_until(fd: int, timeout: float | None) -> bytes | None:
    """Everything written to ``fd`` until the writer closes it; None if ``timeout`` passes first."""
    deadline = None if not timeout else time.monotonic() + timeout
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _outcome(reply: bytes, status: int, caps: Caps, stderr: IO[bytes]) -> T:  # type: ignore[type-var]
    """What the child sent (a value or an exception), or why it died without a word."""
    if reply:
        kind, value = pickle.loads(reply)
        if kind == "value":
            return value
        if kind == "memory":
            raise QueryError(caps.memory_message())
        raise value
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGSYS:
        raise QueryError(SERVICE_REFUSED)  # the seccomp filter: the query opened a network socket
    stderr.seek(0)
    said = stderr.read()[-4000:].decode("utf-8", "replace")
    # Under the cap, running out of address space aborts: Rust's "memory allocation of N
    # bytes failed", C++'s bad_alloc, or a thread that cannot get its stack ("Resource
    # temporarily unavailable").
    aborted = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT
    if caps.memory_mb and (aborted or any(sign in said for sign in ("memory allocation", "MemoryError"))):
        raise QueryError(caps.memory_message())
    how = (f"signal {signal.Signals(os.WTERMSIG(status)).name}" if os.WIFSIGNALED(status)
           else f"exit status {os.WEXITSTATUS(status)}")
    last = said.strip().splitlines()[-1:] or [""]
    raise QueryError(f"query failed: the query process ended with {how}" + (f" ({last[0][:200]})" if last[0] else ""))


# --------------------------------------------------------------------------- the child


def _child(work: Callable[[], object], caps: Caps, out: int, stderr: int) -> None:
    """Set the caps, run ``work``, send the pickled outcome and exit (never returns)."""
    code = 0
    try:
        parent = os.getppid()
        os.dup2(stderr, 2)  # Rust's abort message and stray logs must not reach the user's terminal
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        _die_with(parent)
        if caps.memory_mb:
            _cap_memory(caps.memory_mb)
        if not caps.network:
            _deny_network()
        try:
            reply = ("value", work())
        except MemoryError:
            reply = ("memory", None)
        except BaseException as err:  # noqa: BLE001 - the parent re-raises it
            reply = ("raise", err)
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        except Exception as err:  # noqa: BLE001 - an exception that cannot be pickled
            data = pickle.dumps(("raise", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]} ({err})")))
        view = memoryview(data)
        while view:
            view = view[os.write(out, view):]
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = 70
    finally:
        os._exit(code)


def _die_with(parent: int) -> None:
    """SIGKILL this child when the parent dies (Linux), so an abandoned query never runs on."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(70)


def _cap_memory(megabytes: int) -> None:
    """Limit the address space to what the child already maps plus ``megabytes``."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        mapped = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    limit = mapped + megabytes * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as err:  # pragma: no cover - e.g. a platform without RLIMIT_AS
        log.debug("memory cap not set: %s", err)


# Architectures whose seccomp numbers are known: (AUDIT_ARCH_*, socket(2) number).
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_IO_URING_SETUP = 425  # same number on both; io_uring can open sockets without socket(2)
_AF_UNIX = 1
_LD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
_KILL, _ALLOW = 0x80000000, 0x7FFF0000  # SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_ALLOW


def _network_filter(audit_arch: int, nr_socket: int) -> bytes:
    """A seccomp BPF program: kill on socket() of any family but AF_UNIX, and on io_uring_setup."""
    program = [
        (_LD, 0, 0, 4),                 # 0: A = seccomp_data.arch
        (_JEQ, 1, 0, audit_arch),       # 1: our ABI? go to 3
        (_RET, 0, 0, _KILL),            # 2: another ABI (e.g. int 0x80)
        (_LD, 0, 0, 0),                 # 3: A = syscall number
        (_JGE, 4, 0, 0x40000000),       # 4: x32 system calls: kill (9)
        (_JEQ, 3, 0, _IO_URING_SETUP),  # 5: kill (9)
        (_JEQ, 0, 3, nr_socket),        # 6: not socket(): allow (10)
        (_LD, 0, 0, 16),                # 7: A = low word of the first argument, the address family
        (_JEQ, 1, 0, _AF_UNIX),         # 8: a local socket: allow (10)
        (_RET, 0, 0, _KILL),            # 9
        (_RET, 0, 0, _ALLOW),           # 10
    ]
    return b"".join(struct.pack("=HBBI", *op) for op in program)


def _deny_network() -> bool:
    """Install the seccomp filter in this process; False where it is not available."""
    arch = _ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    code = _network_filter(*arch)

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]

    prog = Prog(len(code) // 8, code)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS: required to filter unprivileged
            return False
        return libc.prctl(22, 2, ctypes.byref(prog), 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return False
