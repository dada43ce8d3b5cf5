"""The hostile corpus: submissions written to hurt the grader, made from the solved notebook.

``make_hostile(folder, solved, marker)`` writes one notebook per attack and returns what
grading each must give (:class:`~tests.grading.corpus.Expect`). Each attack is one cell inserted
near the top of a correct solution, so a row that still scores full marks shows the attack was
contained and the rest of the notebook graded. ``marker`` is put in the command line of every
process an attack leaves running, so a test can look for survivors.

Run it by hand to look at the files::

    python tests/grading/hostile.py /tmp/hostile
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

try:
    from .corpus import Expect
except ImportError:  # run as a script
    from corpus import Expect  # type: ignore[no-redef]

__all__ = ["make_hostile", "HOSTILE_KINDS", "WRITE_TARGETS"]

HOSTILE_KINDS = ["memory bomb", "fork loop", "child ignoring SIGTERM in its own session", "endless sleep",
                 "looks for the answers", "writes everywhere", "fills the disk"]

#: Where "writes everywhere" tries to write (besides the course's own folders, added at run time).
WRITE_TARGETS = ["/", "/tmp", "/dev/shm", "/etc", "/usr", "/usr/local", "/root", "/home", "/var/tmp", "/dev/shm", "/work",
                 "/work/shared", "/srv", "/opt", "/mnt", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids"]

_BOMB = "hoard = []\nwhile True:\n    hoard.append(bytearray(32 * 1024**2))  # touched: zero-filled\n"

_FORK = (
    "import os, time\n"
    "while True:\n"
    "    try:\n"
    "        if os.fork() == 0:\n"
    "            os.execvp('sleep', ['sleep', '600', '{marker}'])\n"
    "    except OSError:\n"
    "        time.sleep(0.01)\n"
)

_SETSID = (
    "import subprocess, sys\n"
    "code = 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(3600)'\n"
    "for _ in range(2):\n"
    "    subprocess.Popen([sys.executable, '-c', code, '{marker}'], start_new_session=True,\n"
    "                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
)

_SLEEP = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)  # the cell timeout cannot interrupt it\ntime.sleep(900)\n"

_SNOOP = (
    "import glob, os, pathlib\n"
    "found = []\n"
    "try:\n"
    "    import course_lib.grading.exercises as ex\n"
    "    root = ex.course_root()\n"
    "    found += [str(root / p) for p in ('solutions', 'artifacts', '.git', 'tests', 'bench') if (root / p).exists()]\n"
    "except Exception as err:\n"
    "    pass\n"
    "for top in ['/'] + [os.path.expanduser('~')]:\n"
    "    for dirpath, dirnames, filenames in os.walk(top):\n"
    "        dirnames[:] = [d for d in dirnames if dirpath != '/' or d not in ('proc', 'sys', 'dev', 'usr')]\n"
    "        for d in dirnames:\n"
    "            if d in ('solutions', '.git', 'artifacts'):\n"
    "                found.append(os.path.join(dirpath, d))\n"
    "        for f in filenames:\n"
    "            path = os.path.join(dirpath, f)\n"
    "            if f.endswith('autograder.zip') or f == 'master.sha256' or f.endswith('-solution.ipynb'):\n"
    "                found.append(path)\n"
    "            elif f.startswith('q') and f.endswith('.py'):\n"
    "                try:\n"
    "                    text = open(path, encoding='utf-8', errors='replace').read(200_000)\n"
    "                except OSError:\n"
    "                    continue\n"
    "                if \"'hidden': True\" in text or '\"hidden\": true' in text:\n"
    "                    found.append(path)\n"
    "# the grader's own processes: their command lines, environments and memory\n"
    "for pid in [p for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]:\n"
    "    for part in ('cmdline', 'environ'):\n"
    "        try:\n"
    "            if b'hidden' in open(f'/proc/{{pid}}/{{part}}', 'rb').read():\n"
    "                found.append(f'/proc/{{pid}}/{{part}}')\n"
    "        except OSError:\n"
    "            pass\n"
    "    try:\n"
    "        with open(f'/proc/{{pid}}/maps') as maps, open(f'/proc/{{pid}}/mem', 'rb') as mem:\n"
    "            for line in maps:\n"
    "                span, perms = line.split()[:2]\n"
    "                start, end = (int(x, 16) for x in span.split('-'))\n"
    "                if perms.startswith('rw') and end - start < 512 * 1024**2:\n"
    "                    mem.seek(start)\n"
    "                    if b\"'hidden': True\" in mem.read(end - start):\n"
    "                        found.append(f'/proc/{{pid}}/mem')\n"
    "                        break\n"
    "    except (OSError, ValueError, OverflowError):\n"
    "        pass\n"
    "raise RuntimeError(f'csto-found {{len(found)}}: {{found[:4]}}')\n"
)

_WRITE = (
    "import os, subprocess, sys\n"
    "targets = {targets!r}\n"
    "targets += [os.path.dirname(sys.executable), os.path.dirname(os.__file__), os.path.expanduser('~')]\n"
    "try:\n"
    "    import course_lib, course_lib.grading.exercises as ex\n"
    "    root = ex.course_root()\n"
    "    targets += [str(root), str(root / 'solutions'), str(root / 'exercises'), str(root / 'artifacts'),\n"
    "                os.path.dirname(course_lib.__file__), str(course_lib.data_dir())]\n"
    "except Exception:\n"
    "    pass\n"
    "wrote = []\n"
    "for d in targets:\n"
    "    try:\n"
    "        os.makedirs(d, exist_ok=True)\n"
    "        with open(os.path.join(d, '{marker}'), 'w') as f:\n"
    "            f.write('x')\n"
    "        wrote.append(d)\n"
    "    except OSError:\n"
    "        pass\n"
    "for cmd in (['mount', '-o', 'remount,rw', '/'], ['sh', '-c', 'echo 1 > /proc/sys/kernel/sysrq']):\n"
    "    if subprocess.run(cmd, capture_output=True).returncode == 0:\n"
    "        wrote.append(' '.join(cmd))\n"
    "# the sandbox's own fresh /tmp (HOME is in it) and /dev/shm are its to write; the test checks\n"
    "# the machine's own /tmp and /dev/shm stayed untouched\n"
    "wrote = [d for d in wrote if not d.startswith(('/tmp', '/dev/shm'))]\n"
    "raise RuntimeError(f'csto-wrote {{len(wrote)}}: {{wrote[:4]}}')\n"
)


_FILL = (
    "import os\n"
    "chunk = os.urandom(1024**2) * 32\n"
    "written = 0\n"
    "with open('{marker}.bin', 'wb') as f:  # in its working folder\n"
    "    while written < 64 * 1024**3:\n"
    "        f.write(chunk)\n"
    "        f.flush()\n"
    "        written += len(chunk)\n"
)


def _code(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def make_hostile(folder: Path, solved: Path, marker: str, memory: str) -> dict[str, Expect]:
    """Write the hostile corpus into ``folder``; return file name -> :class:`Expect`.

    Parameters
    ----------
    folder : pathlib.Path
    solved : pathlib.Path
        The class exercise's solved notebook.
    marker : str
        A word no other process on the machine carries (see the module docstring).
    memory : str
        The memory limit the corpus is graded with, as the row's message states it (``256 MB``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    base = json.loads(solved.read_text(encoding="utf-8"))
    out: dict[str, Expect] = {}

    def write(name: str, cell: str, expect: Expect) -> None:
        nb = copy.deepcopy(base)
        nb["cells"].insert(2, _code(cell))
        (folder / name).write_text(json.dumps(nb, indent=1), encoding="utf-8")
        out[name] = expect

    write("h1-memory-bomb.ipynb", _BOMB,
          Expect("memory", "none", rf"used more than {memory} of memory .*very large list.* cell \d+ was running"))
    write("h2-fork-loop.ipynb", _FORK.format(marker=marker),
          Expect("processes", "none", r"started more than \d+ processes"))
    write("h3-setsid-child-ignores-sigterm.ipynb", _SETSID.format(marker=marker), Expect("graded", "full", ""))
    write("h4-endless-sleep.ipynb", _SLEEP, Expect("timeout", "none", r"time limit of \d+ s"))
    write("h5-looks-for-answers.ipynb", _SNOOP.format(), Expect("graded", "full", r"RuntimeError: csto-found 0: \[\]"))
    write("h6-writes-everywhere.ipynb", _WRITE.format(targets=WRITE_TARGETS, marker=marker),
          Expect("graded", "full", r"RuntimeError: csto-wrote 0: \[\]"))
    write("h7-fills-the-disk.ipynb", _FILL.format(marker=marker),
          Expect("memory", "none", rf"used more than {memory} of memory"))
    return out


if __name__ == "__main__":  # python tests/grading/hostile.py OUT_DIR
    from course_lib.grading import find_exercise
    from course_lib.grading.build import ensure_autograder

    ex = find_exercise("03")
    ensure_autograder(ex)
    for name, expect in make_hostile(Path(sys.argv[1]), ex.artifacts / f"{ex.name}-solution.ipynb",
                                     "csto-hostile-by-hand", "256 MB").items():
        print(f"{name:40} {expect.status:10} {expect.message}")
