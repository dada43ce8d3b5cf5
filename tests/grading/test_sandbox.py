"""The sandbox shows a submission only what a notebook needs, read-only, and no capability.

``--tmpfs /`` gives each submission an empty root: the system folders, the Python environment,
``course_lib`` and its data are bound back read-only at their own paths (also when they lie
under /tmp, as a CI checkout may), and nothing else of the instructor's: not ``solutions/``,
``artifacts/``, ``.git``, the home folder, nor ``/sys`` (the cgroups).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.grading import course_root, sandbox

ROOT = course_root()
needs_bwrap = pytest.mark.skipif(not sandbox.sandbox_available()[0], reason="bubblewrap cannot run here")


def _binds(argv: list[str]) -> list[str]:
    return [argv[i + 1] for i in range(argv.index("--")) if argv[i] == "--ro-bind"]


def test_a_venv_under_tmp_is_bound_back_read_only_after_the_fresh_tmp(monkeypatch, tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(venv))
    argv = sandbox.wrap(["python", "-c", "pass"], tmp_path / "work", {})
    assert str(venv.resolve()) in _binds(argv[argv.index("/tmp"):]), argv


def test_nested_folders_are_bound_once(monkeypatch, tmp_path):
    venv = tmp_path / "course" / ".venv"
    (venv / "bin").mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(venv))
    binds = sandbox.needed_paths((tmp_path / "course",))
    assert str((tmp_path / "course").resolve()) in binds
    assert str(venv.resolve()) not in binds


def test_the_course_root_itself_is_never_bound():
    binds = sandbox.needed_paths()
    assert str(ROOT) not in binds and "/" not in binds
    assert not any(ROOT.is_relative_to(b) for b in binds), binds


def _inside(script: str, work: Path, size: int | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    (work / "submission.ipynb").write_text("{}", encoding="utf-8")
    argv = sandbox.wrap([sys.executable, "-c", script], work, env, size=size)
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


@needs_bwrap
def test_inside_the_answers_are_out_of_reach_and_the_library_works(tmp_path):
    assert (ROOT / "solutions").is_dir() and (ROOT / ".git").exists()  # there to hide
    probe = (
        "import os, course_lib, pathlib\n"
        f"root = pathlib.Path({str(ROOT)!r})\n"
        "seen = [p for p in ('solutions', 'artifacts', '.git', 'exercises', 'tests', 'README.md') "
        "if (root / p).exists()]\n"
        "seen += [p for p in ('/sys/fs/cgroup', os.path.expanduser('~/.ssh'), '/work/shared') if os.path.exists(p)]\n"
        "print('SEEN', seen)\n"
        "print('DATA', len(list(course_lib.data_dir().glob('*.csv'))) > 0)\n"
    )
    proc = _inside(probe, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "SEEN []" in proc.stdout and "DATA True" in proc.stdout, proc.stdout


@needs_bwrap
def test_inside_nothing_but_its_own_memory_folders_can_be_written_even_as_root(tmp_path):
    probe = (
        "import os, subprocess\n"
        "for p in ('/etc/csto-x', '/usr/csto-x', os.path.join(os.path.dirname(os.__file__), 'csto-x')):\n"
        "    try:\n        open(p, 'w').write('x'); print('WROTE', p)\n    except OSError:\n        pass\n"
        "r = subprocess.run(['mount', '-o', 'remount,rw', '/'], capture_output=True)\n"
        "print('REMOUNT', r.returncode == 0)\n"
        "print('CAPS', [l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1])\n"
        "open('/tmp/grade/mine', 'w').write('ok')\n"
        "print('SUBMISSION', open('/tmp/grade/submission.ipynb').read())\n"
        "try:\n    open('/tmp/grade/submission.ipynb', 'w')\nexcept OSError:\n    print('READ-ONLY')\n"
    )
    proc = _inside(probe, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "WROTE" not in proc.stdout and "REMOUNT False" in proc.stdout, proc.stdout
    assert "CAPS 0000000000000000" in proc.stdout
    assert "SUBMISSION {}" in proc.stdout and "READ-ONLY" in proc.stdout, proc.stdout
    assert not (tmp_path / "mine").exists(), "the work folder must stay in memory, off the disk"
    assert not Path("/etc/csto-x").exists()


@needs_bwrap
def test_the_work_folder_and_tmp_are_capped_in_size(tmp_path):
    probe = (
        "import errno\n"
        "for path in ('/tmp/grade/big', '/tmp/big'):\n"
        "    try:\n"
        "        with open(path, 'wb') as f:\n"
        "            for _ in range(64):\n"
        "                f.write(bytes(1024**2))\n"
        "        print('WROTE 64 MB', path)\n"
        "    except OSError as err:\n"
        "        print('FULL', path, errno.errorcode[err.errno])\n"
    )
    proc = _inside(probe, tmp_path, size=16 * 1024**2)
    assert proc.returncode == 0, proc.stderr
    assert "FULL /tmp/grade/big ENOSPC" in proc.stdout and "FULL /tmp/big ENOSPC" in proc.stdout, proc.stdout
