"""Run untrusted code under bubblewrap: a read-only system, a private /tmp, no network.

A submission is someone else's code. Each one runs as::

    bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --unshare-net --unshare-pid
          --die-with-parent --bind WORK /tmp/grade --ro-bind TESTS /tmp/grade-tests -- CMD

so it can write only its own work folder and a fresh ``/tmp``, cannot touch the tests or the
course, and cannot reach the network. Where bwrap is missing or refused (another OS, no user
namespaces), :func:`sandbox_available` says why and the grader falls back to a temporary copy
with a plain warning.

Examples
--------
>>> from course_lib.grading.sandbox import sandbox_available
>>> ok, why = sandbox_available()
>>> isinstance(ok, bool)
True
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["sandbox_available", "wrap", "WORK", "TESTS", "FALLBACK_WARNING"]

#: Where the work folder and the tests appear inside the sandbox.
WORK = "/tmp/grade"
TESTS = "/tmp/grade-tests"

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


def _course_paths_under_tmp() -> list[str]:
    """The folders the grading run needs (Python, the venv, the course) that lie under /tmp.

    ``--tmpfs /tmp`` hides everything under /tmp, so a course cloned or installed there (a CI
    checkout in /tmp, say) is bound back in, read-only, at the same place.
    """
    import course_lib

    candidates = {
        Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
        Path(sys.executable).resolve().parent, Path(course_lib.__file__).resolve().parent.parent,
        course_lib.data_dir().resolve(),
    }
    tmp = Path("/tmp").resolve()
    under = sorted({p.resolve() for p in candidates if p.resolve().is_relative_to(tmp)
                    and p.resolve() != tmp}, key=lambda p: len(p.parts))
    keep: list[Path] = []
    for path in under:  # a folder inside one already kept is visible through it
        if not any(path.is_relative_to(parent) for parent in keep):
            keep.append(path)
    return [str(p) for p in keep]


def wrap(cmd: list[str], work: Path, tests: Path, env: dict[str, str]) -> list[str]:
    """Return ``cmd`` wrapped in bwrap, with ``work`` writable at :data:`WORK` and ``tests``
    read-only at :data:`TESTS`; ``env`` is the whole environment inside."""
    out = [
        shutil.which("bwrap") or "bwrap",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--tmpfs", "/tmp",
        *[arg for path in _course_paths_under_tmp() for arg in ("--ro-bind", path, path)],
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--die-with-parent",
        "--new-session",
        "--bind", str(work), WORK,
        "--ro-bind", str(tests), TESTS,
        "--chdir", WORK,
        "--clearenv",
    ]
    for key, value in sorted(env.items()):
        out += ["--setenv", key, value]
    return out + ["--"] + cmd
