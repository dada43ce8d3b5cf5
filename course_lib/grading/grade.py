"""Grade one notebook, or every submission in a folder, in parallel and sandboxed.

Each submission is read first (an empty, truncated or non-notebook file gets its message at
once), then executed by :mod:`course_lib.grading.worker` in a bubblewrap sandbox with a time
limit. A broken submission gets its row and a message; it never stops the others.

Examples
--------
>>> from course_lib.grading.grade import grade_folder
>>> results = grade_folder("submissions/")  # doctest: +SKIP
>>> results[0].status  # doctest: +SKIP
'graded'
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..exceptions import GradingError, SubmissionError, UnknownExerciseError
from . import sandbox as sb
from .box import FALLBACK_WARNING as BOX_WARNING
from .box import ProcessBox, cgroups_available
from .limits import DEFAULT_MEMORY, DEFAULT_PROCESSES, Limits
from .exercises import Exercise, exercise_name_in, find_exercise
from .report import QuestionResult, SubmissionResult, placeholder_questions
from .submission import read_submission

__all__ = ["GradeOptions", "grade_notebook", "grade_folder", "submissions_in", "choose_exercise"]

_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}
_BUILD_LOCK = threading.Lock()


@dataclass
class GradeOptions:
    """How to grade.

    Attributes
    ----------
    cell_timeout : float
        Seconds one cell may run before it is interrupted (the next cell then runs).
    time_limit : float
        Seconds one submission may take in all before it is stopped (status ``timeout``).
    sandbox : str
        ``auto`` (bubblewrap when it works, else a temporary copy with a warning),
        ``bwrap`` (refuse to grade without it) or ``none``.
    memory_limit : int or None
        Bytes of memory the notebook's whole process tree may use (status ``memory`` beyond);
        None for no limit.
    max_processes : int or None
        Processes and threads it may run at once (status ``processes`` beyond); None for no limit.
    """

    cell_timeout: float = 30.0
    time_limit: float = 240.0
    sandbox: str = "auto"
    memory_limit: int | None = DEFAULT_MEMORY
    max_processes: int | None = DEFAULT_PROCESSES


def _use_sandbox(mode: str, warn: Callable[[str], None] | None) -> bool:
    if mode == "none":
        return False
    ok, why = sb.sandbox_available()
    if ok:
        return True
    if mode == "bwrap":
        raise GradingError(f"The sandbox was required (--sandbox bwrap) but {why}.")
    if warn is not None:
        warn(sb.FALLBACK_WARNING.format(why=why))
    return False


def _warn_without_cgroups(opts: GradeOptions, warn: Callable[[str], None] | None) -> None:
    if warn is None or (opts.memory_limit is None and opts.max_processes is None):
        return
    ok, why = cgroups_available()
    if not ok:
        warn(BOX_WARNING.format(why=why))


def _mpl_cache() -> str:
    if os.environ.get("MPLCONFIGDIR"):
        return os.environ["MPLCONFIGDIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "matplotlib")


def _env(scratch: str) -> dict[str, str]:
    bindir = os.path.dirname(sys.executable)
    env = {
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": f"{scratch}/home",
        "TMPDIR": f"{scratch}/tmp" if scratch != "/tmp" else "/tmp",
        "JUPYTER_RUNTIME_DIR": f"{scratch}/jupyter-runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": f"{scratch}/ipython",
        "MPLCONFIGDIR": f"{scratch}/matplotlib",
        "MPLBACKEND": "Agg",
        "CSTO_MPL_CACHE": _mpl_cache(),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    if os.environ.get("CSTO_COURSE_ROOT"):
        env["CSTO_COURSE_ROOT"] = os.environ["CSTO_COURSE_ROOT"]
    return env


def _tests_payload(tests_dir: Path, public_dir: Path | None) -> bytes:
    """The worker's standard input: every test file's text, and the public ones'."""
    def read(folder: Path | None) -> dict[str, str]:
        if folder is None or not folder.is_dir():
            return {}
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py"))}

    every = read(tests_dir)
    public = read(public_dir) if public_dir is not None else every
    return json.dumps({"public": public, "all": every}).encode("utf-8")


def _drain(stream, keep: collections.deque) -> None:
    """Read ``stream`` to its end, keeping only its last chunks (a submission may write GBs)."""
    for chunk in iter(lambda: stream.read(4096), b""):
        keep.append(chunk)
    stream.close()


def _feed(stream, payload: bytes) -> None:
    """Write the tests to the worker (in a thread: a pipe holds only 64 KB at a time)."""
    try:
        stream.write(payload)
        stream.close()
    except OSError:
        pass  # it stopped before reading its tests: its exit code says why


def _reported(chunks: list[bytes]) -> tuple[str, dict | None]:
    """The worker's report: (the learner cell that ran last, "" if none; the result or None)."""
    cell, result = "", None
    for line in b"".join(chunks).decode("utf-8", "replace").splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "cell" and rest.isdigit():
            cell = f"cell {rest} was running"
        elif kind == "result":
            try:
                result = json.loads(rest)
            except ValueError:
                result = None
    return cell, result


def _run_worker(
    sub_json: dict, tests_dir: Path, opts: GradeOptions, sandboxed: bool,
    public_dir: Path | None = None,
) -> tuple[dict | None, str]:
    """Run the worker on one notebook in its own :class:`ProcessBox`.

    Returns (result dict, "") or (None, reason): reason is ``timeout``, ``memory``,
    ``processes`` (each followed by ``: detail`` when there is one) or a sentence."""
    limits = Limits(memory=opts.memory_limit, processes=opts.max_processes)
    payload = _tests_payload(tests_dir, public_dir)
    with tempfile.TemporaryDirectory(prefix="csto-grade-") as tmp, ProcessBox(limits) as box:
        work = Path(tmp) / "work"
        work.mkdir()
        (work / "submission.ipynb").write_text(json.dumps(sub_json), encoding="utf-8")
        if sandboxed:
            scratch, w = "/tmp", sb.WORK
        else:
            scratch = str(Path(tmp) / "scratch")
            for sub in ("home", "tmp"):
                os.makedirs(f"{scratch}/{sub}")
            w = str(work)
        read_end, write_end = os.pipe()
        cmd = [
            sys.executable, "-P", "-m", "course_lib.grading.worker", f"{w}/submission.ipynb",
            "--result-fd", str(write_end), "--cell-timeout", str(opts.cell_timeout),
        ]
        env = {**_env(scratch), **box.env()}
        if sandboxed:
            mpl = Path(env["CSTO_MPL_CACHE"])
            # the exercise's public folder (its notebook and public tests) is the learner's anyway
            public = public_dir.parent if public_dir is not None else None
            cmd = sb.wrap(cmd, work, env, extra=tuple(p for p in (public, mpl) if p is not None),
                          size=opts.memory_limit)
            popen_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **box.env()}
        else:
            popen_env = env
        try:
            proc = subprocess.Popen(
                box.wrap(cmd), cwd=str(work), env=popen_env, stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                pass_fds=(write_end,),
            )
        finally:
            os.close(write_end)
        err_tail: collections.deque = collections.deque(maxlen=4)
        result_chunks: list[bytes] = []
        readers = [
            threading.Thread(target=_drain, args=(proc.stderr, err_tail), daemon=True),
            threading.Thread(target=_drain, args=(os.fdopen(read_end, "rb"), result_chunks), daemon=True),
            threading.Thread(target=_feed, args=(proc.stdin, payload), daemon=True),
        ]
        for t in readers:
            t.start()
        deadline = time.monotonic() + opts.time_limit
        reason = ""
        while proc.poll() is None:
            if box.processes_exceeded():  # first: a fork loop soon runs out of memory too
                reason = "processes"
            elif box.memory_exceeded():
                reason = "memory"
            elif time.monotonic() > deadline:
                reason = "timeout"
            if reason:
                break
            time.sleep(0.2)
        box.kill_all()  # the whole tree, every time: nothing outlives grading
        proc.wait()
        for t in readers:
            t.join(timeout=5)
        if not reason and box.memory_exceeded():  # the kernel died of it, the worker went on
            reason = "memory"
        where, result = _reported(result_chunks)
        if reason:
            return None, reason + (f": {where}" if where else "")
        if proc.returncode != 0 or result is None:
            tail = b"".join(err_tail).decode("utf-8", "replace").strip().splitlines()[-3:]
            return None, (
                f"the grading process stopped (exit code {proc.returncode})"
                + (f": {' / '.join(tail)}" if tail else "")
            )
        return result, ""


def _question_results(
    ex: Exercise, worker: dict, nb: dict, tests: str
) -> tuple[list[QuestionResult], float, float]:
    placeholders = placeholder_questions(nb)
    got = worker.get("questions", {})
    rows, score, possible = [], 0.0, 0.0
    for q in ex.questions:
        if q.manual:
            rows.append(QuestionResult(q.name, None, q.points, "by hand", "written answer: graded by hand"))
            continue
        res = got.get(q.name)
        if res is None:
            rows.append(QuestionResult(q.name, 0.0, q.points, "not graded", "its tests did not run"))
            possible += q.points
            continue
        outcomes = res["tests"]
        qmax = res["possible"] or q.points
        qscore = res["score"]
        score += qscore
        possible += qmax
        n = len(outcomes)
        n_hidden = sum(o["hidden"] for o in outcomes)
        failed = [o for o in outcomes if not o["passed"]]
        if not failed:
            status = "passed"
            msg = (
                f"public tests passed ({n} of {n}); hidden tests run when graded"
                if tests == "public"
                else f"all tests passed ({n - n_hidden} public, {n_hidden} hidden)"
            )
        elif qscore == 0 and placeholders.get(q.name):
            status, msg = "not attempted", "its answer cell still holds the ... placeholder"
        else:
            status = "failed"
            errors = {o["error"] for o in failed}
            shared = errors.pop() if len(errors) == 1 else ""
            hints = []
            for o in failed:
                h = o["hint"] or "a test failed"
                if o["error"] and not shared:
                    h += f" ({o['error']})"
                if h not in hints:
                    hints.append(h)
            if shared:  # one error behind every failure (a missing variable): say it once
                hints = hints[:1]
            msg = f"{len(failed)} of {n} tests failed" + (f" ({shared})" if shared else "") + ": " + " | ".join(hints)
        rows.append(QuestionResult(q.name, qscore, qmax, status, msg))
    return rows, score, possible


def _auto_max(ex: Exercise) -> float:
    return float(sum(q.points for q in ex.auto_questions))


def grade_notebook(
    path: str | os.PathLike[str],
    *,
    exercise: Exercise | None = None,
    expected: Exercise | None = None,
    tests: str = "all",
    tests_dir: Path | None = None,
    options: GradeOptions | None = None,
    sandboxed: bool | None = None,
    label: str | None = None,
    root: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> SubmissionResult:
    """Grade one notebook; never raises for a bad submission (its result says what is wrong).

    Parameters
    ----------
    path : path-like
        The notebook.
    exercise : Exercise, optional
        Grade it as this exercise; by default the one the notebook names.
    expected : Exercise, optional
        The class's exercise: a notebook of another one gets status ``wrong exercise``.
    tests : {"all", "public"}
        Every test (from the autograder) or the public tests only (``exercises/NN-slug/tests``).
    tests_dir : pathlib.Path, optional
        A folder of test files to use instead.
    options : GradeOptions, optional
    sandboxed : bool, optional
        Decided from ``options.sandbox`` when None.
    label : str, optional
        The name shown for the file (default: the path as given).
    root : pathlib.Path, optional
        The course folder.
    warn : callable, optional
        Where to send the no-sandbox warning.

    Returns
    -------
    SubmissionResult
    """
    from .build import ensure_autograder

    opts = options or GradeOptions()
    label = label or str(path)
    start = time.monotonic()

    def fail(status: str, message: str, ex: Exercise | None = None) -> SubmissionResult:
        return SubmissionResult(
            label, ex.name if ex else "", status, None, _auto_max(ex) if ex else 0.0,
            [], message, tests, round(time.monotonic() - start, 1),
        )

    try:
        nb = read_submission(path)
    except SubmissionError as err:
        return fail("error", str(err), expected or exercise)
    name = exercise_name_in(nb)
    ex = exercise
    if ex is None:
        if name is None:
            return fail(
                "error",
                "this notebook does not say which exercise it is (its otter metadata and its "
                "Grader(...) cell are gone): grade it with --exercise NAME",
                expected,
            )
        try:
            ex = find_exercise(name, root)
        except UnknownExerciseError as err:
            return fail("error", f"it names exercise '{name}', which this course does not have: {err}", expected)
    if expected is not None and ex.name != expected.name:
        return fail(
            "wrong exercise",
            f"this is a notebook for {ex.name}, not {expected.name}: ask for the right notebook, "
            f"or grade it with --exercise {ex.name}",
            expected,
        )
    try:
        if tests_dir is None:
            if tests == "public":
                tests_dir = ex.public_tests
            else:
                with _BUILD_LOCK:  # threads grading the same exercise build its autograder once
                    tests_dir = ensure_autograder(ex, quiet=True)
        if not any(Path(tests_dir).glob("*.py")):
            raise GradingError(f"no test files in {tests_dir}: run 'csto build' first")
        if sandboxed is None:
            sandboxed = _use_sandbox(opts.sandbox, warn)
            _warn_without_cgroups(opts, warn)
        public = ex.public_tests if tests != "public" else None
        worker, reason = _run_worker(nb, Path(tests_dir), opts, sandboxed, public_dir=public)
    except GradingError as err:
        return fail("error", str(err), ex)
    limits = Limits(memory=opts.memory_limit, processes=opts.max_processes)
    if worker is None:
        kind, _, where = reason.partition(": ")
        if kind == "timeout":
            where = f" while {where}" if where else ""
            return fail(
                "timeout",
                f"stopped after the time limit of {opts.time_limit:g} s{where} (an endless loop?): no score",
                ex,
            )
        where = f"; {where}" if where else ""
        if kind == "memory":
            return fail("memory", f"stopped: it {limits.memory_message()}{where}; no score", ex)
        if kind == "processes":
            return fail("processes", f"stopped: it {limits.processes_message()}{where}; no score", ex)
        return fail("error", reason, ex)
    memory_errors = [e for e in worker.get("cell_errors", []) if e["error"].startswith("MemoryError")]
    if memory_errors and opts.memory_limit is not None:  # RLIMIT_AS: the kernel survived it
        return fail("memory", f"stopped: it {limits.memory_message()} (cell {memory_errors[0]['cell']}); "
                    "no score", ex)
    if worker.get("fatal"):
        res = fail("error", worker["fatal"], ex)
        res.questions = [
            QuestionResult(q.name, None if q.manual else 0.0, q.points,
                           "by hand" if q.manual else "not graded", "")
            for q in ex.questions
        ]
        return res
    rows, score, possible = _question_results(ex, worker, nb, tests)
    notes = list(worker.get("notes", []))
    for e in worker.get("cell_errors", []):
        notes.append(f"cell {e['cell']}: {e['error']}")
    if len(notes) > 6:
        notes = notes[:6] + [f"and {len(notes) - 6} more"]
    return SubmissionResult(
        label, ex.name, "graded", round(score, 4), possible, rows, "; ".join(notes), tests,
        round(time.monotonic() - start, 1),
    )


def submissions_in(folder: str | os.PathLike[str], skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every file under ``folder`` (hidden files, checkpoints and ``skip`` left out), sorted."""
    root = Path(folder)
    skipped = {p.resolve() for p in skip}
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for f in filenames:
            path = Path(dirpath) / f
            if not f.startswith(".") and path.resolve() not in skipped:
                found.append(path)
    return sorted(found)


def choose_exercise(files: list[Path], root: Path | None = None) -> tuple[Exercise | None, str]:
    """The exercise most readable notebooks in ``files`` name, and a sentence saying so."""
    counts: collections.Counter[str] = collections.Counter()
    for f in files:
        try:
            name = exercise_name_in(read_submission(f))
        except SubmissionError:
            continue
        if name:
            counts[name] += 1
    if not counts:
        return None, "no notebook in the folder names its exercise"
    name, n = counts.most_common(1)[0]
    try:
        ex = find_exercise(name, root)
    except UnknownExerciseError as err:
        return None, str(err)
    total = sum(counts.values())
    return ex, f"Grading as exercise {ex.name} (named by {n} of {total} notebooks; choose another with --exercise)."


def grade_folder(
    folder: str | os.PathLike[str],
    *,
    exercise: Exercise | None = None,
    jobs: int | None = None,
    options: GradeOptions | None = None,
    progress: bool = True,
    root: Path | None = None,
    tests_dir: Path | None = None,
    warn: Callable[[str], None] | None = None,
    each: bool = False,
    skip: tuple[Path, ...] = (),
) -> tuple[Exercise | None, list[SubmissionResult]]:
    """Grade every file in ``folder``, in parallel (one per core), with a progress bar.

    Parameters
    ----------
    folder : path-like
    exercise : Exercise, optional
        The class's exercise; by default the one most notebooks name.
    jobs : int, optional
        How many at once; all cores by default.
    options : GradeOptions, optional
    progress : bool
        Show a tqdm progress bar (on stderr).
    root : pathlib.Path, optional
    tests_dir : pathlib.Path, optional
        Use these test files instead of the built autograder's.
    warn : callable, optional
        Where messages for the instructor go (stderr by default).
    each : bool
        Grade every notebook as the exercise it names (a folder that mixes exercises);
        otherwise a notebook of another exercise than the class's gets ``wrong exercise``.
    skip : tuple of pathlib.Path
        Files not to grade (the grades CSV itself, when written inside ``folder``).

    Returns
    -------
    (Exercise or None, list of SubmissionResult)
        One result per file, in file order.
    """
    from tqdm.auto import tqdm

    from .build import ensure_autograder

    warn = warn or (lambda msg: print(msg, file=sys.stderr, flush=True))
    opts = options or GradeOptions()
    base = Path(folder)
    if not base.is_dir():
        raise GradingError(f"'{folder}' is not a folder of submissions.")
    files = submissions_in(base, skip)
    if exercise is None and not each:
        exercise, sentence = choose_exercise(files, root)
        if exercise is not None and files:
            warn(sentence)
    if exercise is not None and tests_dir is None:
        tests_dir = ensure_autograder(exercise)
    sandboxed = _use_sandbox(opts.sandbox, warn)
    _warn_without_cgroups(opts, warn)
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: dict[Path, SubmissionResult] = {}

    def one(f: Path) -> SubmissionResult:
        label = str(f.relative_to(base))
        try:
            return grade_notebook(
                f, expected=exercise, tests_dir=tests_dir, options=opts, sandboxed=sandboxed,
                label=label, root=root,
            )
        except Exception as err:  # never let one file stop the class
            return SubmissionResult(label, exercise.name if exercise else "", "error", None,
                                    _auto_max(exercise) if exercise else 0.0, [],
                                    f"internal grader error: {type(err).__name__}: {err}")

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(one, f): f for f in files}
        with tqdm(total=len(files), desc="Grading", unit="notebook", disable=not progress,
                  file=sys.stderr) as bar:
            for fut in as_completed(futures):
                results[futures[fut]] = fut.result()
                bar.update(1)
    return exercise, [results[f] for f in files]
