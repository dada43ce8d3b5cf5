"""Hold one submission's whole process tree: kernel-enforced limits, one kill for everything.

Each submission runs in a :class:`ProcessBox`. Where this process may make cgroups (cgroup v1
with the ``memory`` and ``pids`` controllers, as root; see :func:`cgroups_available`), the box
is a pair of fresh cgroups: the kernel caps the memory of every process in them together
(``memory.limit_in_bytes``: page cache and the sandbox's ``/tmp`` count too) and the number of
tasks (``pids.max``); it records when a limit was hit (``oom_kill``, ``pids.events``); and
:meth:`ProcessBox.kill_all` kills every process in them, whatever session or process group it
moved to. Elsewhere the box falls back to ``RLIMIT_AS`` (address space, per process) and no
process limit (``RLIMIT_NPROC`` counts every process of the user, a desktop's too, so a
per-notebook value would stop the kernel from starting), and says so.

Either way every process started for a submission carries ``CSTO_GRADE_RUN=<token>`` in its
environment, and :meth:`ProcessBox.kill_all` also kills every process that still carries it.

A process joins the box before it runs anything: the command is prefixed by a tiny launcher
(``python -I -S -c ...``) that writes its own pid to the cgroups, sets the rlimits, and
``exec``\\ s the command.

Examples
--------
>>> from course_lib.grading.limits import Limits
>>> with ProcessBox(Limits(memory=256 * 1024**2, processes=64)) as box:
...     box.mode in ("cgroup", "rlimit")
True
"""

from __future__ import annotations

import functools
import itertools
import os
import signal
import sys
import time
import uuid
from pathlib import Path

from .limits import Limits

__all__ = ["ProcessBox", "cgroups_available", "RUN_TOKEN_VAR", "FALLBACK_WARNING"]

#: The environment variable every process of a submission carries (its box's token).
RUN_TOKEN_VAR = "CSTO_GRADE_RUN"
_PREFIX = "csto-grade-"
_COUNTER = itertools.count()

FALLBACK_WARNING = (
    "Warning: no cgroup can be made here ({why}), so the memory limit applies to each process's "
    "address space (RLIMIT_AS) instead of the notebook as a whole, and there is no process limit. "
    "Run csto grade as root on a Linux machine with cgroup v1 memory and pids controllers for "
    "whole-notebook limits."
)

_LAUNCHER = r"""
import os, sys, resource
args = sys.argv[1:]
cut = args.index("--")
for opt in args[:cut]:
    key, value = opt.split("=", 1)
    if key == "cgroup":
        with open(value, "w") as f:
            f.write(str(os.getpid()))
    elif key == "as":
        try:  # some systems (macOS) refuse it: run without rather than not at all
            resource.setrlimit(resource.RLIMIT_AS, (int(value), int(value)))
        except (ValueError, OSError):
            pass
os.execv(args[cut + 1], args[cut + 1:])
"""


def _v1_mounts() -> dict[str, Path]:
    """Controller name -> mount point of each cgroup v1 hierarchy."""
    found: dict[str, Path] = {}
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(tail) >= 3 and tail[0] == "cgroup":
            for opt in tail[2].split(","):
                if opt in ("memory", "pids"):
                    found[opt] = Path(fields[4])
    return found


def _own_paths() -> dict[str, str]:
    """Controller name -> this process's cgroup path within that hierarchy."""
    own: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return own
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for name in parts[1].split(","):
                own[name] = parts[2]
    return own


def _parents() -> dict[str, Path]:
    mounts, own = _v1_mounts(), _own_paths()
    return {c: mounts[c] / own.get(c, "/").lstrip("/") for c in ("memory", "pids") if c in mounts}


@functools.lru_cache(maxsize=1)
def cgroups_available() -> tuple[bool, str]:
    """Return ``(True, "")`` when a memory and a pids cgroup can be made here, else ``(False, why)``."""
    if not sys.platform.startswith("linux"):
        return False, f"cgroups are a Linux feature and this is {sys.platform}"
    parents = _parents()
    missing = [c for c in ("memory", "pids") if c not in parents]
    if missing:
        return False, f"no cgroup v1 {' or '.join(missing)} controller is mounted"
    for controller, parent in parents.items():
        probe = parent / f"{_PREFIX}probe-{os.getpid()}"
        try:
            probe.mkdir()
            probe.rmdir()
        except OSError as err:
            return False, f"cannot make a {controller} cgroup in {parent} ({err.strerror})"
    return True, ""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(parent: Path) -> None:
    """Remove empty cgroups left by a csto that was itself killed (its pid is gone)."""
    for old in parent.glob(f"{_PREFIX}*-*"):
        try:
            owner = int(old.name[len(_PREFIX):].split("-")[0])
        except ValueError:
            continue
        if not _pid_alive(owner):
            try:
                old.rmdir()
            except OSError:
                pass


def _read_int(path: Path, key: str | None = None) -> int:
    try:
        text = path.read_text()
    except OSError:
        return 0
    if key is None:
        return int(text.strip() or 0)
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return int(value)
    return 0


class ProcessBox:
    """The cgroups (or rlimits) and the kill switch of one submission.

    Parameters
    ----------
    limits : Limits
    use_cgroups : bool, optional
        Decided by :func:`cgroups_available` when None.

    Attributes
    ----------
    mode : str
        ``cgroup`` or ``rlimit``.
    token : str
        The value of ``CSTO_GRADE_RUN`` in every process of this box.
    """

    def __init__(self, limits: Limits, use_cgroups: bool | None = None) -> None:
        self.limits = limits
        self.token = uuid.uuid4().hex
        if use_cgroups is None:
            use_cgroups = cgroups_available()[0]
        self.mode = "cgroup" if use_cgroups else "rlimit"
        self._groups: dict[str, Path] = {}
        if self.mode == "cgroup":
            self._make_groups()

    def _make_groups(self) -> None:
        name = f"{_PREFIX}{os.getpid()}-{next(_COUNTER)}"
        try:
            for controller, parent in _parents().items():
                _remove_stale(parent)
                group = parent / name
                group.mkdir()
                self._groups[controller] = group
            mem, pids = self._groups["memory"], self._groups["pids"]
            if self.limits.memory is not None:
                (mem / "memory.limit_in_bytes").write_text(str(self.limits.memory))
                try:  # where swap is accounted, the limit holds for memory + swap too
                    (mem / "memory.memsw.limit_in_bytes").write_text(str(self.limits.memory))
                except OSError:
                    pass
            if self.limits.processes is not None:
                (pids / "pids.max").write_text(str(self.limits.processes))
        except OSError:
            self.close()
            raise

    def __enter__(self) -> "ProcessBox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def env(self) -> dict[str, str]:
        """The variables every process of this box must carry."""
        return {RUN_TOKEN_VAR: self.token}

    def wrap(self, cmd: list[str]) -> list[str]:
        """Return ``cmd`` prefixed by the launcher that puts it in this box first."""
        opts = [f"cgroup={g / 'cgroup.procs'}" for g in self._groups.values()]
        if self.mode == "rlimit":
            if self.limits.memory is not None:
                opts.append(f"as={self.limits.memory}")
        if not opts:
            return list(cmd)
        return [sys.executable, "-I", "-S", "-c", _LAUNCHER, *opts, "--", *cmd]

    def memory_exceeded(self) -> bool:
        """True when the kernel killed a process of this box for using too much memory."""
        group = self._groups.get("memory")
        return group is not None and _read_int(group / "memory.oom_control", "oom_kill") > 0

    def processes_exceeded(self) -> bool:
        """True when a process of this box was refused a new process or thread (``pids.max``)."""
        group = self._groups.get("pids")
        return group is not None and _read_int(group / "pids.events", "max") > 0

    def pids(self) -> set[int]:
        """Every process of this box still alive: in its cgroups, or carrying its token."""
        found: set[int] = set()
        for group in self._groups.values():
            try:
                found.update(int(p) for p in (group / "cgroup.procs").read_text().split())
            except OSError:
                pass
        needle = f"{RUN_TOKEN_VAR}={self.token}".encode()
        for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
            if not entry.name.isdigit():
                continue
            try:
                if needle in (entry / "environ").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue
        found.discard(os.getpid())
        return found

    def kill_all(self, patience: float = 10.0) -> bool:
        """SIGKILL every process of the box until none is left; return True when none is.

        A process forking while it is killed only adds pids the next round finds (the pids
        limit bounds how many).
        """
        deadline = time.monotonic() + patience
        while True:
            alive = self.pids()
            if not alive:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.02)

    def close(self) -> None:
        """Kill what is left and remove the cgroups (waits briefly for the kernel to let go)."""
        self.kill_all()
        for group in list(self._groups.values()):
            for _ in range(100):
                try:
                    group.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.05)
        self._groups.clear()
