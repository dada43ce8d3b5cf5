"""Run untrusted code under bubblewrap: only what a notebook needs, read-only; no network.

A submission is someone else's code. Each one runs as::

    bwrap --tmpfs / --ro-bind /usr /usr --symlink usr/bin /bin ... --ro-bind /etc /etc
          --ro-bind PYTHON PYTHON --ro-bind VENV VENV --ro-bind COURSE_LIB COURSE_LIB
          --ro-bind DATA DATA --ro-bind EXERCISE EXERCISE --dev /dev --proc /proc --tmpfs /tmp
          --tmpfs /tmp/grade --ro-bind SUBMISSION /tmp/grade/submission.ipynb --unshare-all --die-with-parent --new-session --cap-drop ALL
          --clearenv --setenv ... -- CMD

The sandbox's root is an empty in-memory folder: it sees the system folders, the Python
environment, ``course_lib`` and its data, and the exercise's public folder, all read-only,
bound at their own paths; and a fresh in-memory ``/tmp`` and work folder, the only places it can
write: nothing it writes reaches the disk.
Not the course's ``solutions/``, ``artifacts/`` or ``.git``, nor any other folder of the
instructor's (home, ``/work``, ``/srv`` ...), nor ``/sys`` (the cgroups). It has no network and
no capabilities (as root, bwrap would otherwise keep them, and a submission could remount
``/`` read-write). The tests are not bound at all: :mod:`course_lib.grading.worker` receives
them on its standard input.

Where bwrap is missing or refused (another OS, no user namespaces), :func:`sandbox_available`
says why and the grader falls back to a temporary copy with a plain warning.

Examples
--------
>>> from course_lib.grading.sandbox import sandbox_available
>>> ok, why = sandbox_available()
>>> isinstance(ok, bool)
True
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["sandbox_available", "wrap", "needed_paths", "WORK", "FALLBACK_WARNING"]

#: Where the work folder appears inside the sandbox.
WORK = "/tmp/grade"
#: System folders bound read-only (or kept as the symlinks they are).
_SYSTEM = ("usr", "bin", "lib", "lib32", "lib64", "libx32", "sbin", "etc")
#: Files inside those that a submission has no business reading.
_MASKED = ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-")

FALLBACK_WARNING = (
    "Warning: bubblewrap (bwrap) cannot sandbox here ({why}). Each submission runs in a "
    "temporary copy instead, WITHOUT a sandbox: its code could write outside that copy or use "
    "the network. Install bubblewrap ('apt-get install bubblewrap') to grade sandboxed."
)


@functools.lru_cache(maxsize=1)
def sandbox_available() -> tuple[bool, str]:
    """Return ``(True, "")`` when bwrap can run a sandbox here, else ``(False, reason)``."""
    exe = shutil.which("bwrap")
    if exe is None:
        return False, "bwrap is not installed"
    try:
        proc = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
             "--unshare-net", "--unshare-pid", "--", "true"],
            capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, f"bwrap failed to start: {err}"
    if proc.returncode != 0:
        return False, f"bwrap refused: {proc.stderr.strip()[:200] or proc.returncode}"
    return True, ""


def _system_binds() -> list[str]:
    """bwrap arguments for the system folders: real folders bound read-only, symlinks kept."""
    out: list[str] = []
    for name in _SYSTEM:
        path = Path("/") / name
        if path.is_symlink():
            out += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            out += ["--ro-bind", str(path), str(path)]
    for secret in _MASKED:  # readable by root even without capabilities: hide them
        if Path(secret).exists():
            out += ["--ro-bind", "/dev/null", secret]
    return out


def _python_paths() -> list[Path]:
    """The folders the grading run needs: Python, the venv, ``course_lib`` and its data."""
    import course_lib

    package = Path(course_lib.__file__).resolve().parent
    return [
        Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.base_exec_prefix),
        Path(sys.executable).resolve().parent, package, course_lib.data_dir().resolve(),
    ]


def needed_paths(extra: tuple[Path, ...] = ()) -> list[str]:
    """The folders bound read-only into the sandbox beyond the system ones, outermost first.

    A folder inside one already bound (or inside a system folder) is visible through it.

    Examples
    --------
    >>> paths = needed_paths()
    >>> any(p.endswith("course_lib") for p in paths)
    True
    """
    system = [Path("/") / name for name in _SYSTEM]
    found = sorted({p.resolve() for p in (*_python_paths(), *extra) if p.exists()},
                   key=lambda p: len(p.parts))
    keep: list[Path] = []
    for path in found:
        if path == Path("/"):
            continue
        if not any(path.is_relative_to(parent) for parent in (*keep, *system)):
            keep.append(path)
    return [str(p) for p in keep]


def wrap(
    cmd: list[str], work: Path, env: dict[str, str], extra: tuple[Path, ...] = (), size: int | None = None
) -> list[str]:
    """Return ``cmd`` wrapped in bwrap.

    Only :func:`needed_paths` (and ``extra``) are visible, read-only at their own paths. The
    work folder :data:`WORK` and ``/tmp`` are fresh in-memory folders (of at most ``size``
    bytes each, when given; under a cgroup their pages count against its memory limit too), so
    nothing a submission writes reaches the disk; ``work/submission.ipynb`` is bound in
    read-only. ``env`` is the whole environment inside."""
    sized = ["--size", str(size)] if size else []
    out = [
        shutil.which("bwrap") or "bwrap",
        "--tmpfs", "/",
        *_system_binds(),
        "--dev", "/dev",
        "--proc", "/proc",
        *sized, "--tmpfs", "/tmp",
        # after /tmp: a course or venv that lives under /tmp (a CI checkout) is bound back
        *[arg for path in needed_paths(extra) for arg in ("--ro-bind", path, path)],
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop", "ALL",
        *sized, "--tmpfs", WORK,
        "--ro-bind", str(work / "submission.ipynb"), f"{WORK}/submission.ipynb",
        "--remount-ro", "/",
        "--chdir", WORK,
        "--clearenv",
    ]
    for key, value in sorted(env.items()):
        out += ["--setenv", key, value]
    return out + ["--"] + cmd
