"""Memory and process limits: sizes read as an instructor writes them, and a box the kernel
enforces on a whole process tree (small sizes only: this machine is shared)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from course_lib.grading.box import ProcessBox, cgroups_available
from course_lib.grading.cli import main
from course_lib.grading.limits import Limits, parse_size

needs_cgroups = pytest.mark.skipif(not cgroups_available()[0], reason=f"no cgroups: {cgroups_available()[1]}")
SMALL = Limits(memory=128 * 1024**2, processes=32)


@pytest.mark.parametrize("text, size", [("2G", 2 * 1024**3), ("512M", 512 * 1024**2), ("1.5g", 1536 * 1024**2),
                                        ("256MB", 256 * 1024**2), ("none", None)])
def test_sizes_are_read_as_written(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "2 gallons", "-1G", "10M"])
def test_a_bad_size_says_what_would_be_right(text, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "x.ipynb", f"--memory-limit={text}"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--memory-limit" in err and ("512M" in err or "2G" in err), err


def test_a_bad_process_limit_says_what_would_be_right(capsys):
    with pytest.raises(SystemExit):
        main(["check", "x.ipynb", "--max-processes", "3"])
    assert "at least 16" in capsys.readouterr().err


def _run(box: ProcessBox, code: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(box.wrap([sys.executable, "-c", code]), env={**os.environ, **box.env()}, **kw)


@needs_cgroups
def test_a_tree_over_the_memory_limit_is_killed_and_reported():
    # the parent allocates nothing; its child allocates 1 GiB against a 128 MiB limit
    code = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'b = bytearray(1024**3)'])"
    with ProcessBox(SMALL) as box:
        proc = _run(box, code)
        proc.wait(timeout=60)
        assert box.memory_exceeded() and not box.processes_exceeded()
        groups = list(box._groups.values())
    assert groups and not any(g.exists() for g in groups), "the cgroups were left behind"


@needs_cgroups
def test_a_fork_loop_meets_the_process_limit():
    code = ("import os, time\nkids = 0\nwhile kids < 200:\n    try:\n        if os.fork() == 0:\n"
            "            os.close(1)\n            time.sleep(30)\n            os._exit(0)\n"
            "        kids += 1\n    except OSError:\n        break\nprint('STOPPED AT', kids, flush=True)\n")
    with ProcessBox(SMALL) as box:
        proc = _run(box, code, stdout=subprocess.PIPE, text=True)
        out = proc.communicate(timeout=60)[0]
        assert box.processes_exceeded(), out
        assert int(out.split()[-1]) < 32
        assert box.kill_all() and not box.pids()


@needs_cgroups
def test_kill_all_reaches_a_child_in_its_own_session_that_ignores_sigterm():
    code = ("import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', 'import signal, time; "
            "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'], start_new_session=True)\n"
            "time.sleep(600)\n")
    with ProcessBox(SMALL) as box:
        proc = _run(box, code, start_new_session=True)
        while len(box.pids()) < 2:
            time.sleep(0.05)
        assert box.kill_all(), box.pids()
        proc.wait(timeout=10)
        assert not box.pids()


def test_without_cgroups_the_rlimit_fallback_still_caps_memory():
    with ProcessBox(SMALL, use_cgroups=False) as box:
        assert box.mode == "rlimit"
        proc = _run(box, "try:\n    bytearray(1024**3)\nexcept MemoryError:\n    print('MemoryError')\n",
                    stdout=subprocess.PIPE, text=True)
        assert proc.communicate(timeout=60)[0].strip() == "MemoryError"
