"""The ``csto`` command: check one notebook, grade a class, reset or build the exercises.

Examples
--------
>>> main(["--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..exceptions import GradingError, SubmissionError, UnknownExerciseError
from .limits import DEFAULT_MEMORY, DEFAULT_PROCESSES, parse_size

__all__ = ["main", "build_parser", "rubrics_path", "EXIT_OK", "EXIT_NOT_FULL", "EXIT_USAGE", "EXIT_INPUT", "EXIT_FAILED"]

EXIT_OK = 0
EXIT_NOT_FULL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_FAILED = 4

EXIT_CODES = """\
exit codes:
  0  done: check: every auto-graded question passed; grade: every file was graded;
     reset and build: done
  1  check: graded, but some question failed or was not attempted;
     grade: some file could not be graded (its row in the CSV says why)
  2  the command line was wrong (a missing argument, an unknown option)
  3  the input cannot be used: a notebook that cannot be read or names no exercise,
     an unknown exercise, a missing folder
  4  the tool failed: otter assign rejected a master, or --sandbox bwrap without bubblewrap
"""

DESCRIPTION = """\
CSTO in Data: graded exercises.

  csto check NOTEBOOK          grade one learner notebook and print a per-question report
  csto grade DIR --out F.csv   grade every submission in DIR (sandboxed, in parallel);
                               the rubrics of the written questions go to F-rubrics.md
  csto reset EXERCISE          a fresh copy of an exercise; the old one kept as a backup
  csto build                   regenerate exercises/ and the autograder zips in artifacts/

The exercise is read from the notebook itself (otter-grader stores its name in the notebook's
metadata), so a notebook is graded correctly wherever it lies.
"""


def _memory(text: str) -> int | None:
    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _processes(text: str) -> int | None:
    if text.strip().lower() in ("none", "off", "unlimited"):
        return None
    if not text.strip().isdigit() or int(text) < 16:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a process limit: give a whole number of at least 16 (a kernel alone "
            "runs about 10 threads), like 256, or 'none' for no limit")
    return int(text)


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--exercise", metavar="NAME",
                   help="grade as this exercise (default: the one the notebook names; for grade, "
                        "the one most notebooks name). grade --exercise each: every notebook as "
                        "the exercise it names")
    p.add_argument("--cell-timeout", type=float, default=30.0, metavar="S",
                   help="seconds a cell may run before it is interrupted (default 30)")
    p.add_argument("--time-limit", type=float, default=240.0, metavar="S",
                   help="seconds one notebook may take in all (default 240)")
    p.add_argument("--memory-limit", type=_memory, default=DEFAULT_MEMORY, metavar="SIZE",
                   help="memory one notebook may use, its kernel and every process it starts "
                        "together, like 512M or 2G; 'none' lifts it (default 2G; over it: status "
                        "memory)")
    p.add_argument("--max-processes", type=_processes, default=DEFAULT_PROCESSES, metavar="N",
                   help="processes and threads one notebook may run at once; 'none' lifts it "
                        f"(default {DEFAULT_PROCESSES}; over it: status processes)")
    p.add_argument("--sandbox", choices=("auto", "bwrap", "none"), default="auto",
                   help="auto: bubblewrap when it works, else a temporary copy with a warning; "
                        "bwrap: refuse to run without it; none: no sandbox (default auto)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``csto`` (its ``--help`` documents the exit codes)."""
    parser = argparse.ArgumentParser(
        prog="csto", description=DESCRIPTION, epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "check", help="grade one learner notebook and print a per-question report",
        description="Grade one notebook: run it in a fresh kernel, run the tests, print each "
        "question's status (passed, failed with a hint, not attempted) and the total. By "
        "default only the public tests run, as with grader.check in the notebook; --all-tests "
        "runs the hidden tests too (instructors: it needs solutions/).",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("notebook", help="the learner's .ipynb file")
    p.add_argument("--json", action="store_true",
                   help='print one JSON object: {"notebook", "exercise", "score", "max", '
                        '"questions": [{"name", "score", "max", "status", "message"}], ...}')
    p.add_argument("--all-tests", action="store_true", help="run the hidden tests too")
    _add_run_options(p)

    p = sub.add_parser(
        "grade", help="grade every submission in a folder into a CSV",
        description="Grade every file in DIR (subfolders too), one sandboxed notebook per core "
        "at a time, with a progress bar. One CSV row per file: its score per question, total, "
        "status (graded, error, timeout, memory, processes, wrong exercise) and a message. A broken file gets its "
        "row and never stops the others.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("folder", metavar="DIR", help="the folder of submitted notebooks")
    p.add_argument("--out", required=True, metavar="CSV",
                   help="where to write the grades; the written questions' rubrics go beside it "
                        "(grades.csv -> grades-rubrics.md)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="notebooks graded at once (default: the number of cores)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_run_options(p)

    p = sub.add_parser(
        "reset", help="a fresh copy of an exercise; the old one kept as a timestamped backup",
        description="Replace exercises/NN-slug/NN-slug.ipynb with a fresh copy. The old "
        "notebook is first copied to NN-slug.backup-<date>T<time>.ipynb beside it: no work is "
        "ever lost.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("exercise", help="the exercise: its name (03-who-is-in), its number (3), or a notebook")
    p.add_argument("--folder", type=Path, default=None,
                   help="the learner's exercise folder (default: exercises/NN-slug)")

    p = sub.add_parser(
        "build", help="regenerate exercises/ and the autograder zips",
        description="Run otter assign on every master in solutions/ (or those named): write "
        "exercises/NN-slug/ (learner notebook and public tests) and, unless --exercises-only, "
        "artifacts/NN-slug/NN-slug-autograder.zip (every test; for otter run or Gradescope).",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("names", nargs="*", metavar="EXERCISE", help="exercises to build (default: all)")
    p.add_argument("--exercises-only", action="store_true", help="skip the autograder zips")
    return parser


def _warn(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _options(args: argparse.Namespace):
    from .grade import GradeOptions

    return GradeOptions(cell_timeout=args.cell_timeout, time_limit=args.time_limit, sandbox=args.sandbox,
                        memory_limit=args.memory_limit, max_processes=args.max_processes)


def _cmd_check(args: argparse.Namespace) -> int:
    from .exercises import exercise_of_notebook, find_exercise
    from .grade import grade_notebook
    from .report import text_report

    tests = "all" if args.all_tests else "public"
    try:
        ex = find_exercise(args.exercise) if args.exercise else exercise_of_notebook(args.notebook)
    except (SubmissionError, UnknownExerciseError) as err:
        if args.json:
            print(json.dumps({"notebook": args.notebook, "exercise": None, "score": None, "max": None,
                              "status": "error", "tests": tests, "message": str(err), "questions": []}))
        else:
            _warn(f"csto check: {err}")
        return EXIT_INPUT
    result = grade_notebook(args.notebook, exercise=ex, tests=tests, options=_options(args), warn=_warn)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(text_report(result))
    if result.status != "graded":
        return EXIT_INPUT
    return EXIT_OK if result.full_marks else EXIT_NOT_FULL


def _cmd_grade(args: argparse.Namespace) -> int:
    from .exercises import find_exercise
    from .grade import grade_folder
    from .report import csv_header, write_csv

    each = args.exercise == "each"
    ex = find_exercise(args.exercise) if args.exercise and not each else None
    ex, results = grade_folder(
        args.folder, exercise=ex, jobs=args.jobs, options=_options(args),
        progress=not args.no_progress, warn=_warn, each=each,
        skip=(Path(args.out), rubrics_path(Path(args.out))),
    )
    if not results:
        _warn(f"csto grade: no files in '{args.folder}': nothing to grade (no CSV written).")
        return EXIT_INPUT
    if ex is not None:
        questions = [(q.name, q.manual) for q in ex.questions]
    else:  # several exercises: the union of their question names, in order
        seen: dict[str, bool] = {}
        for name in sorted({r.exercise for r in results if r.exercise}):
            for q in find_exercise(name).questions:
                seen.setdefault(q.name, q.manual)
        questions = sorted(seen.items(), key=lambda kv: (len(kv[0]), kv[0]))
    write_csv(args.out, csv_header(questions), results)
    rubrics = _write_rubrics(Path(args.out), [ex] if ex is not None else
                             [find_exercise(n) for n in sorted({r.exercise for r in results if r.exercise})])
    bad = [r for r in results if r.status != "graded"]
    full = sum(r.full_marks for r in results)
    print(f"Graded {len(results) - len(bad)} of {len(results)} files ({full} with full marks); "
          f"grades written to {args.out}.")
    if rubrics is not None:
        print(f"The written questions' rubrics are in {rubrics}.")
    for r in bad:
        print(f"  {r.notebook}: {r.status}: {r.message}")
    return EXIT_NOT_FULL if bad else EXIT_OK


def rubrics_path(out: Path) -> Path:
    """Where ``csto grade --out grades.csv`` writes the rubrics: ``grades-rubrics.md`` beside it."""
    return out.with_name(f"{out.stem}-rubrics.md")


def _write_rubrics(out: Path, exercises: list) -> Path | None:
    from .master import rubrics_markdown

    if not exercises:
        return None
    path = rubrics_path(out)
    path.write_text(rubrics_markdown(exercises), encoding="utf-8")
    return path


def _cmd_reset(args: argparse.Namespace) -> int:
    from .exercises import exercise_of_notebook, find_exercise
    from .reset import reset

    text = args.exercise
    if text.endswith(".ipynb") and Path(text).is_file():
        ex = exercise_of_notebook(text)
        folder = args.folder or Path(text).parent
    else:
        ex = find_exercise(text)
        folder = args.folder
    notebook, backup = reset(ex, folder)
    if backup is not None:
        print(f"Your old notebook is kept as {backup}.")
    print(f"A fresh copy of {ex.name} is at {notebook}.")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    built = build(args.names or None, exercises_only=args.exercises_only, progress=True)
    where = "exercises/" if args.exercises_only else "exercises/ and artifacts/"
    print(f"Built {len(built)} exercise{'s' if len(built) != 1 else ''} into {where}.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run ``csto``; return its exit code (see ``csto --help``)."""
    args = build_parser().parse_args(argv)
    handlers = {"check": _cmd_check, "grade": _cmd_grade, "reset": _cmd_reset, "build": _cmd_build}
    try:
        return handlers[args.command](args)
    except (SubmissionError, UnknownExerciseError) as err:
        _warn(f"csto {args.command}: {err}")
        return EXIT_INPUT
    except GradingError as err:
        _warn(f"csto {args.command}: {err}")
        return EXIT_INPUT if "not a folder" in str(err) else EXIT_FAILED
    except KeyboardInterrupt:
        _warn("csto: interrupted.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
