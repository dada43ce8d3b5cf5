"""Execute one submitted notebook and run every test of its exercise (inside the sandbox).

Run by :mod:`course_lib.grading.grade` as::

    python -m course_lib.grading.worker SUBMISSION TESTS_DIR RESULT_JSON [--cell-timeout S]

It executes the notebook top to bottom in a fresh kernel with otter-grader's grading cells
(every test, hidden ones too, runs against the final variables even when the learner deleted the
check cells), with these guards:

* a cell that runs longer than ``--cell-timeout`` is interrupted and the next cell runs;
* a cell that stops the kernel (``os._exit``, a crash) is dropped and the notebook run again
  without it, at most twice;
* each cell's output is capped (enormous output is cut, not kept in memory);
* stored outputs are discarded before running.

The result is a JSON object: per question the score, the points possible and each test's
outcome (hidden or not, passed, hint, error line), plus the cells that raised or timed out.

Examples
--------
>>> # python -m course_lib.grading.worker sub.ipynb artifacts/03-who-is-in/tests out.json
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


def _execute(nb, tests_dir: str, cell_timeout: float, results_path: str):
    """Run ``nb`` with otter's grading cells; return (executed nb, dead cell index or None)."""
    from nbclient.exceptions import DeadKernelError
    from otter.execute.logging import start_server
    from otter.execute.preprocessor import GradingPreprocessor
    from traitlets.config import Config

    tests = sorted(str(Path(tests_dir) / Path(p).name) for p in glob.glob(os.path.join(tests_dir, "*.py")))
    c = Config()
    (host, port), stop_server = start_server()
    gp = None
    try:
        c.GradingPreprocessor.cwd = os.getcwd()
        c.GradingPreprocessor.test_dir = str(tests_dir)
        c.GradingPreprocessor.tests_glob = tests
        c.GradingPreprocessor.results_path = results_path
        c.GradingPreprocessor.seed = None
        c.GradingPreprocessor.seed_variable = None
        c.GradingPreprocessor.logging_server_host = host
        c.GradingPreprocessor.logging_server_port = port
        c.GradingPreprocessor.force_python3_kernel = True
        gp = GradingPreprocessor(config=c)
        nb, _ = gp.preprocess(nb)
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
        client.on_cell_execute = lambda cell, cell_index: running.update(
            index=cell.get("metadata", {}).get("csto_index")
        )
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


def run(submission: str, tests_dir: str, cell_timeout: float = 30.0) -> dict[str, Any]:
    """Grade one notebook: execute it, run every test, return the result dict."""
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
        executed, dead = _execute(nb, tests_dir, cell_timeout, results_path)
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
    parser.add_argument("tests_dir")
    parser.add_argument("result")
    parser.add_argument("--cell-timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    _seed_matplotlib_cache()
    _speed_up_imports()
    try:
        result = run(args.submission, args.tests_dir, args.cell_timeout)
    except Exception as err:  # report, never a bare traceback to the parent
        result = {"fatal": f"the grader could not run this notebook: {type(err).__name__}: {err}"}
    tmp = args.result + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(tmp, args.result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
