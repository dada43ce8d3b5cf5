"""Execute one submitted notebook and run every test of its exercise (inside the sandbox).

Run by :mod:`course_lib.grading.grade` as::

    python -m course_lib.grading.worker SUBMISSION --result-fd N [--cell-timeout S] < TESTS_JSON

The tests come on standard input, as JSON ``{"public": {file: text}, "all": {file: text}}``,
never as a folder the submission could read: the worker reads them, makes itself undumpable
(so the learner's code, running as the same user, cannot read its memory), and writes

* the public tests to a fresh folder before the kernel starts (``grader.check("q1")`` in the
  learner's cells runs those, as it does for the learner);
* every test, hidden ones too, to another fresh folder just before otter's grading cell runs,
  after the last of the learner's cells. Only that step's results count: every test runs against
  the notebook's final variables, even when the learner deleted the check cells.

Everything the worker reports goes to file descriptor N, a pipe the kernel never inherits, so
a submission cannot forge it: a line ``cell K`` as each learner cell starts (the grader names
the cell that was running when it had to stop the notebook), then ``result {JSON}``. The
kernel runs with these guards:

* a cell that runs longer than ``--cell-timeout`` is interrupted and the next cell runs;
* a cell that stops the kernel (``os._exit``, a crash) is dropped and the notebook run again
  without it, at most twice;
* each cell's output is capped (enormous output is cut, not kept in memory);
* stored outputs are discarded before running.

The result is a JSON object: per question the score, the points possible and each test's
outcome (hidden or not, passed, hint, error line), plus the cells that raised or timed out.

Examples
--------
>>> # python -m course_lib.grading.worker sub.ipynb --result-fd 3 < tests.json
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["run", "main", "OUTPUT_LIMIT"]

#: Bytes of output kept per cell; the rest is dropped.
OUTPUT_LIMIT = 256 * 1024
_MAX_KERNEL_DEATHS = 2
#: Seconds the grading cells otter adds (set-up, every test at the end) may take.
GRADING_CELL_TIMEOUT = 300.0


#: Where progress and the result go (set by :func:`main`).
_REPORT: dict[str, Any] = {"out": None}
_CLEAR_RESULTS = (
    "# written by csto's grader: only this grading step's results count\n"
    "from otter.execute import Checker as _csto_checker\n_csto_checker.clear_results()\n"
)


def _undumpable() -> None:
    """Forbid other processes of this user (the learner's kernel) to read this one's memory."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
        except (OSError, AttributeError):
            pass


def _write_tests(files: dict[str, str], folder: str) -> list[str]:
    os.mkdir(folder, 0o700)  # fails if the submission made it first
    paths = []
    for name, text in sorted(files.items()):
        path = os.path.join(folder, os.path.basename(name))
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    return paths


_STARTUP = (
    "# written by csto's grader: skip a 2 s grammar build that only validates IRIs in JSON\n"
    "import sys\nsys.modules.setdefault('rfc3987_syntax', None)\n"
)


def _speed_up_imports() -> None:
    """Skip ``rfc3987_syntax`` (jsonschema's optional IRI checker builds a grammar for ~2 s on
    import; nbformat and otter import jsonschema) here and in the kernel, via an IPython
    startup file in this run's private IPYTHONDIR."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    ipydir = os.environ.get("IPYTHONDIR")
    if ipydir:
        startup = Path(ipydir) / "profile_default" / "startup"
        startup.mkdir(parents=True, exist_ok=True)
        (startup / "00-csto-grader.py").write_text(_STARTUP, encoding="utf-8")


def _seed_matplotlib_cache() -> None:
    """Copy the host's matplotlib font cache into this run's config folder (saves ~2 s)."""
    src, dst = os.environ.get("CSTO_MPL_CACHE"), os.environ.get("MPLCONFIGDIR")
    if not (src and dst):
        return
    os.makedirs(dst, exist_ok=True)
    for f in glob.glob(os.path.join(src, "fontlist-*.json")):
        try:
            shutil.copy(f, dst)
        except OSError:
            pass


def _prepare(nb_json: dict[str, Any]):
    import nbformat

    cells = []
    for i, cell in enumerate(nb_json.get("cells", []), start=1):
        kind = cell.get("cell_type")
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        meta = dict(meta)
        meta["csto_index"] = i
        if kind == "code":
            new = nbformat.v4.new_code_cell(source, metadata=meta)
        elif kind == "markdown":
            new = nbformat.v4.new_markdown_cell(source, metadata=meta)
        else:
            new = nbformat.v4.new_raw_cell(source, metadata=meta)
        new.pop("id", None)
        cells.append(new)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat_minor = 4  # no cell ids needed
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """A NotebookClient that keeps at most OUTPUT_LIMIT bytes of output per cell."""

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
            sizes = self.__dict__.setdefault("_csto_sizes", {})
            used = sizes.get(cell_index, 0)
            if used > OUTPUT_LIMIT:
                return None
            content = msg.get("content", {})
            size = len(json.dumps(content.get("data", content.get("text", "")), default=str))
            sizes[cell_index] = used + size
            if used + size > OUTPUT_LIMIT:
                outs.append(
                    {"output_type": "stream", "name": "stderr",
                     "text": f"[output cut by the grader after {OUTPUT_LIMIT // 1024} KB]\n"}
                )
                return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _execute(nb, tests: dict[str, dict[str, str]], cell_timeout: float, results_path: str):
    """Run ``nb`` with otter's grading cells; return (executed nb, dead cell index or None)."""
    from nbclient.exceptions import DeadKernelError
    from otter.execute.logging import start_server
    from otter.execute.preprocessor import GradingPreprocessor
    from traitlets.config import Config

    public_dir = tempfile.mkdtemp(prefix="csto-public-")
    os.rmdir(public_dir)
    _write_tests(tests["public"], public_dir)
    all_dir = os.path.join(tempfile.gettempdir(), f"csto-tests-{os.urandom(12).hex()}")  # made later
    all_paths = sorted(os.path.join(all_dir, os.path.basename(n)) for n in tests["all"])
    tests_dir = public_dir
    c = Config()
    (host, port), stop_server = start_server()
    gp = None
    try:
        c.GradingPreprocessor.cwd = os.getcwd()
        c.GradingPreprocessor.test_dir = str(tests_dir)
        c.GradingPreprocessor.tests_glob = all_paths
        c.GradingPreprocessor.results_path = results_path
        c.GradingPreprocessor.seed = None
        c.GradingPreprocessor.seed_variable = None
        c.GradingPreprocessor.logging_server_host = host
        c.GradingPreprocessor.logging_server_port = port
        c.GradingPreprocessor.force_python3_kernel = True
        gp = GradingPreprocessor(config=c)
        nb, _ = gp.preprocess(nb)
        nb.cells[-1].source = _CLEAR_RESULTS + nb.cells[-1].source  # otter's grading cell
        grading_index = len(nb.cells) - 1
        client = _client_class()(
            nb,
            timeout=cell_timeout,
            # the learner's cells get cell_timeout; the grading cells otter adds (set-up, and
            # running every test at the end) get more, so a slow machine does not lose a score
            timeout_func=lambda cell: cell_timeout if cell.get("metadata", {}).get("csto_index")
            else max(cell_timeout, GRADING_CELL_TIMEOUT),
            interrupt_on_timeout=True,
            allow_errors=True,
            kernel_name="python3",
            startup_timeout=120,
            resources={"metadata": {"path": os.getcwd()}},
        )
        running: dict[str, Any] = {"index": None}

        def on_cell_execute(cell, cell_index):
            running["index"] = cell.get("metadata", {}).get("csto_index")
            out = _REPORT["out"]
            if out is not None and running["index"]:
                out.write(f"cell {running['index']}\n")
                out.flush()
            if cell_index == grading_index:  # the learner's cells are done: every test, now
                _write_tests(tests["all"], all_dir)

        client.on_cell_execute = on_cell_execute
        dead = None
        try:
            client.execute()
        except DeadKernelError:
            dead = running["index"] or -1  # -1: it died in a grading cell, nothing to drop
        return nb, dead
    finally:
        stop_server()
        if gp is not None:
            gp.cleanup()


def _cell_errors(nb, cell_timeout: float) -> list[dict[str, Any]]:
    found = []
    for cell in nb.cells:
        idx = cell.get("metadata", {}).get("csto_index")
        if not idx or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                name, value = out.get("ename", "Error"), str(out.get("evalue", ""))
                if name == "KeyboardInterrupt":
                    text = f"ran longer than {cell_timeout:g} s and was stopped"
                else:
                    text = f"{name}: {value}"[:300]
                found.append({"cell": idx, "error": text})
    return found


def run(submission: str, tests: dict[str, dict[str, str]], cell_timeout: float = 30.0) -> dict[str, Any]:
    """Grade one notebook: execute it, run every test, return the result dict.

    ``tests`` is ``{"public": {file: text}, "all": {file: text}}``."""
    from .learner import outcomes_of

    start = time.monotonic()
    with open(submission, encoding="utf-8") as handle:
        nb_json = json.load(handle)
    removed: list[int] = []
    notes: list[str] = []
    for attempt in range(_MAX_KERNEL_DEATHS + 1):
        nb = _prepare(nb_json)
        for cell in nb.cells:
            if cell.metadata.get("csto_index") in removed:
                cell.source = "# removed by the grader: this cell stopped the Python kernel"
        fd, results_path = tempfile.mkstemp(suffix=".pkl")
        os.close(fd)
        os.remove(results_path)
        executed, dead = _execute(nb, tests, cell_timeout, results_path)
        if dead is not None:
            notes.append(
                f"cell {dead} stopped the Python kernel (exit, a crash or os._exit)"
                if dead > 0 else "the Python kernel stopped while the tests ran"
            )
        if dead is None or dead < 0 or attempt == _MAX_KERNEL_DEATHS:
            break
        removed.append(dead)
        notes[-1] += ": graded again without that cell"
    errors = _cell_errors(executed, cell_timeout)
    result: dict[str, Any] = {"questions": {}, "cell_errors": errors, "notes": notes}
    try:
        with open(results_path, "rb") as f:
            grading = pickle.load(f)
        os.remove(results_path)
    except Exception as err:  # the grading cells never ran (the kernel died for good)
        result["fatal"] = (
            "the notebook could not be run to the end, so no test ran"
            + (f": {notes[-1]}" if notes else f" ({type(err).__name__})")
        )
        result["seconds"] = round(time.monotonic() - start, 2)
        return result
    for name, tf in grading.results.items():
        result["questions"][name] = {
            "score": float(tf.score),
            "possible": float(tf.possible),
            "tests": [o.__dict__ for o in outcomes_of(tf)],
        }
    result["seconds"] = round(time.monotonic() - start, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m course_lib.grading.worker")
    parser.add_argument("submission")
    parser.add_argument("--result-fd", type=int, required=True)
    parser.add_argument("--cell-timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    out = os.fdopen(args.result_fd, "w", encoding="utf-8")
    os.set_inheritable(args.result_fd, False)  # the kernel must never hold it
    _REPORT["out"] = out
    tests = json.loads(sys.stdin.read())
    _undumpable()
    _seed_matplotlib_cache()
    _speed_up_imports()
    try:
        result = run(args.submission, tests, args.cell_timeout)
    except Exception as err:  # report, never a bare traceback to the parent
        result = {"fatal": f"the grader could not run this notebook: {type(err).__name__}: {err}"}
    with out:
        out.write("result " + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
