#!/usr/bin/env python
"""Build the learner edition: the course as learners get it, without the answers.

::

    python scripts/make_learner_edition.py                 # build/learner-edition/
    python scripts/make_learner_edition.py --publish       # ... and commit it to the branch
                                                           #     learner-edition of this repo
    python scripts/make_learner_edition.py --publish --git-dir /srv/course.git  # another repo

What goes in (:data:`INCLUDE`): the lessons (``notebooks/``), the blank exercises with their
public tests (``exercises/``), the data (``datasets/``), ``course_lib/``, what installs them
(``pyproject.toml``, ``environment.yml``, ``postBuild``), a README for learners and
:data:`course_lib.edition.EDITION_FILE`, which records the course_lib version the lessons were
made for (``import course_lib`` warns when a hub's environment has another one).

What never goes in: ``solutions/`` (the masters, their model answers and hidden tests),
``artifacts/`` (autograder zips, solved notebooks), the tests, the benchmarks, git history.
The build refuses to finish if any such file slipped in (:func:`forbidden_files`), and
``tests/hub/test_learner_edition.py`` scans the result for every solution line and hidden test
of every master.

Publishing writes a commit whose tree is exactly the edition onto a branch (its parent is the
branch's previous commit, so nbgitpuller can merge updates into learners' copies), without
touching the working tree, the index or HEAD. A build identical to the branch's tip commits
nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a plain checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))

from course_lib.edition import EDITION_FILE  # noqa: E402
from course_lib.links import EDITION_BRANCH, REPOSITORY  # noqa: E402

__all__ = ["INCLUDE", "DEFAULT_OUT", "build", "forbidden_files", "publish", "course_version",
           "main"]

#: What the edition holds, relative to the repository root (folders are copied whole, minus
#: :data:`_SKIP`).
INCLUDE = ("notebooks", "exercises", "datasets", "course_lib", "pyproject.toml",
           "environment.yml", "postBuild")
DEFAULT_OUT = ROOT / "build" / "learner-edition"
#: Never copied: caches, checkpoints, learners' reset backups, otter logs.
_SKIP = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints|\.pytest_cache)(/|$)|\.pyc$|"
                   r"\.backup-[^/]*\.ipynb$|\.OTTER_LOG$")
#: What must not be in an edition, whatever INCLUDE says.
_FORBIDDEN = re.compile(r"(^|/)(solutions|artifacts|tests/hub|\.git)(/|$)|autograder[^/]*\.zip$|"
                        r"-solution\.ipynb$|(^|/)otter_config\.json$")

_README = """\
# CSTO in Data: the learner edition

An open, interactive Jupyter notebook course on the **Collective Security Treaty Organization**
(CSTO), in Python. This is the learners' copy of the course: the lessons, the exercises with
their public tests, the data and the course's helper library, `course_lib`. It has no model
answers and no hidden tests: those stay with your instructor.

Made from {repo} (commit `{commit}`), for course_lib {version}.

## What is here

| folder | what it holds |
| --- | --- |
| `notebooks/` | the lessons: start with `00-start-here.ipynb` |
| `exercises/NN-slug/` | the graded exercises: answer in the cells holding `...`, run `grader.check("q1")` |
| `datasets/` | the data every fact of the course comes from, each row with its source's words |
| `course_lib/` | the library the lessons import (`import course_lib as cl`) |

## On your institution's JupyterHub

Your instructor posts a link per lesson. The first click copies this folder into your home on
the hub (nbgitpuller); later clicks bring in your instructor's updates **and keep your own
changes**: a file you edited is merged, and if a change of yours and your instructor's touch
the same lines, yours wins. A file you deleted comes back. To start a lesson or an exercise
afresh, rename your copy (for example `03-who-is-in-mine.ipynb`) and click the link again.

The hub already has everything installed. If a lesson says *"The lessons in ... were made for
course_lib X, but this kernel imports course_lib Y"*, tell your instructor: the hub's course
environment needs updating.

## On your own computer

You need Python 3.11 or newer:

```bash
python3 -m venv .venv
.venv/bin/pip install -e .
.venv/bin/jupyter lab --notebook-dir=. notebooks/00-start-here.ipynb   # add --allow-root if you are root
```

## Save and hand in your work

On Binder or a hub, work can vanish when the session ends. In JupyterLab, right-click the
notebook in the file browser and choose **Download** (or *File > Download*): you get the
`.ipynb` file. Hand in that file as your instructor asks (upload it to your course site or
Gradescope). Check your exercise first with `grader.check` in each question.
"""


def course_version(root: Path = ROOT) -> str:
    """The course_lib version in ``course_lib/__init__.py`` (read as text, not imported)."""
    text = (root / "course_lib" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not found:
        raise SystemExit("course_lib/__init__.py has no __version__ = \"...\" line")
    return found.group(1)


def _git(*args: str, cwd: Path = ROOT, env: dict | None = None, check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout.strip()


def _commit_of(root: Path) -> str:
    out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                         capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else "unknown"


def forbidden_files(tree: Path) -> list[str]:
    """Every file under ``tree`` that an edition must not hold (solutions, autograders, ...).

    Examples
    --------
    >>> import tempfile
    >>> t = Path(tempfile.mkdtemp())
    >>> (t / "solutions").mkdir(); _ = (t / "solutions" / "02.ipynb").write_text("{}")
    >>> forbidden_files(t)
    ['solutions/02.ipynb']
    """
    return sorted(
        rel for rel in (p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file())
        if _FORBIDDEN.search(rel)
    )


def build(out: Path = DEFAULT_OUT, root: Path = ROOT) -> Path:
    """Write the edition into ``out`` (emptied first) and return it.

    Raises
    ------
    SystemExit
        When something an edition must not hold ended up in it, or a part is missing.
    """
    out = Path(out).resolve()
    if out == root.resolve() or root.resolve().is_relative_to(out):
        raise SystemExit(f"refusing to build the edition into {out}: it holds the course itself")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in INCLUDE:
        src = root / name
        if not src.exists():
            raise SystemExit(f"the edition needs {name}, which is missing from {root}")
        if src.is_file():
            shutil.copy2(src, out / name)
            continue
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_dir() or _SKIP.search(rel):
                continue
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out / rel)
    version, commit = course_version(root), _commit_of(root)
    (out / "README.md").write_text(
        _README.format(repo=f"https://github.com/{REPOSITORY}", commit=commit, version=version),
        encoding="utf-8")
    (out / EDITION_FILE).write_text(json.dumps(
        {"course": REPOSITORY, "course_lib": version, "source_commit": commit,
         "note": "The course_lib version these lessons were made for: `import course_lib` "
                 "warns when the kernel's differs."}, indent=2) + "\n", encoding="utf-8")
    (out / ".gitignore").write_text(
        ".ipynb_checkpoints/\n__pycache__/\n.venv/\n*.egg-info/\n", encoding="utf-8")
    bad = forbidden_files(out)
    if bad:
        shutil.rmtree(out)
        raise SystemExit("the edition would hold files learners must not see: " + ", ".join(bad))
    return out


def publish(tree: Path, branch: str = EDITION_BRANCH, git_dir: Path | None = None,
            message: str | None = None) -> str | None:
    """Commit ``tree`` as the whole content of ``branch`` in ``git_dir`` (this repository's by
    default); return the new commit, or None when the branch already holds exactly this tree.

    The working tree, the index and HEAD of the repository are left alone (a temporary index).
    """
    tree = Path(tree).resolve()
    git_dir = Path(git_dir) if git_dir is not None else Path(_git("rev-parse", "--absolute-git-dir"))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_DIR=str(git_dir), GIT_WORK_TREE=str(tree),
                   GIT_INDEX_FILE=str(Path(tmp) / "index"))
        env.setdefault("GIT_AUTHOR_NAME", "CSTO in Data")
        env.setdefault("GIT_AUTHOR_EMAIL", "course@csto-in-data.invalid")
        env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
        env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
        _git("add", "--all", "--force", ".", cwd=tree, env=env)
        new_tree = _git("write-tree", cwd=tree, env=env)
        parent = _git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}",
                      cwd=tree, env=env, check=False)
        if parent and _git("rev-parse", f"{parent}^{{tree}}", cwd=tree, env=env) == new_tree:
            return None
        msg = message or f"Learner edition of {_commit_of(ROOT)}"
        args = ["commit-tree", new_tree, "-m", msg] + (["-p", parent] if parent else [])
        commit = _git(*args, cwd=tree, env=env)
        _git("update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []),
             cwd=tree, env=env)
    return commit


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring. Returns the exit code."""
    ap = argparse.ArgumentParser(description="Build the learner edition (no answers in it).")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to build it")
    ap.add_argument("--publish", action="store_true",
                    help=f"commit it to a branch ({EDITION_BRANCH!r} by default)")
    ap.add_argument("--branch", default=EDITION_BRANCH, help="the branch --publish writes")
    ap.add_argument("--git-dir", type=Path, help="publish into this repository (bare is fine)")
    args = ap.parse_args(argv)
    out = build(args.out)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"Learner edition: {files} files in {out}")
    if args.publish:
        commit = publish(out, args.branch, args.git_dir)
        where = f"{args.git_dir or 'this repository'}, branch {args.branch}"
        print(f"Published as {commit} to {where}" if commit else f"{where} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
