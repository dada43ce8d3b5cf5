"""The benchmark harness's arithmetic and bookkeeping (nothing here is timed).

The benchmarks themselves run with ``make bench``; these tests check that a ratio, a median and
a pass/fail are computed as the README says, that a measurement that cannot be taken reports
why instead of passing, and that the results file and table hold what they promise.
"""

from __future__ import annotations

import json
import sys
import types

import pytest

from bench import run as bench_run
from bench.context import ROOT as BENCH_ROOT, Context
from bench.timing import Measurement, alternate, error_line, judge, median, ratio


@pytest.mark.parametrize(
    ("samples", "expected"),
    [([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0, 3.0, 2.0], 2.5), ([5.0], 5.0), ([], None),
     ([1.0, float("nan"), 3.0], 2.0)],
)
def test_median_is_the_middle_and_ignores_nan(samples, expected):
    assert median(samples) == expected


def test_median_is_robust_to_one_outlier():
    assert median([1.0, 1.1, 0.9, 50.0, 1.0]) == 1.0


def test_ratio_is_value_over_floor_and_inverted_for_a_speedup():
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(100.0, 180.0, better="higher") == pytest.approx(1.8)
    assert ratio(None, 2.0) is None and ratio(2.0, None) is None
    assert ratio(1.0, 0.0) is None  # a zero floor gives no ratio, not a crash


@pytest.mark.parametrize(
    ("x", "target", "better", "expected"),
    [(1.25, 1.25, "lower", True), (1.2500001, 1.25, "lower", False), (1.3, 1.25, "lower", False),
     (1.8, 1.8, "higher", True), (1.79, 1.8, "higher", False), (None, 1.5, "lower", None),
     (1.0, None, "lower", None), (3 * 0.5 / 1.2, 1.25, "lower", True)],
)
def test_judge_compares_against_the_target_in_the_right_direction(x, target, better, expected):
    assert judge(x, target, better) is expected


def test_measurement_takes_medians_and_judges_the_ratio():
    m = Measurement("x", target=1.25, samples=[1.3, 1.2, 9.0], floor_samples=[1.0, 1.0, 0.2])
    assert m.value == 1.3 and m.floor == 1.0
    assert m.ratio == pytest.approx(1.3)
    assert m.passed is False
    rec = m.to_dict()
    for key in ("name", "value", "floor", "ratio", "target", "pass"):
        assert key in rec
    assert rec["pass"] is False and rec["ratio"] == pytest.approx(1.3)


def test_an_absolute_target_is_judged_on_the_value():
    fast = Measurement("ms", unit="ms", target=50, on="value", samples=[40.0, 45.0, 60.0])
    slow = Measurement("ms", unit="ms", target=50, on="value", samples=[55.0, 45.0, 60.0])
    assert (fast.passed, slow.passed) == (True, False)
    assert fast.ratio is None  # no floor: no ratio


def test_a_speedup_passes_when_the_floor_is_long_enough():
    m = Measurement("grade", target=1.8, better="higher", samples=[100.0], floor_samples=[190.0])
    assert m.ratio == pytest.approx(1.9) and m.passed is True
    m = Measurement("grade", target=1.8, better="higher", samples=[100.0], floor_samples=[150.0])
    assert m.passed is False


def test_not_measured_never_passes_and_says_why():
    m = Measurement.not_measured("lesson:*", "no lessons yet", target=1.5)
    rec = m.to_dict()
    assert rec["pass"] is None and rec["ratio"] is None and rec["why"] == "no lessons yet"
    # even with numbers attached, a measurement with a reason is not judged
    m = Measurement("x", target=1.5, samples=[1.0], floor_samples=[1.0], why="broken")
    assert m.passed is None


def test_alternate_swaps_the_order_every_pair():
    order = alternate(4)
    assert order == [("floor", "value"), ("value", "floor")] * 2
    assert sum(p[0] == "floor" for p in order) == 2


def test_error_line_keeps_the_last_line_of_a_child_error():
    import subprocess

    err = subprocess.CalledProcessError(1, ["x"], "", "Traceback\n  File ...\nKeyError: 'drills'\n")
    assert error_line(err) == "KeyError: 'drills'"
    assert error_line(RuntimeError("boom")) == "RuntimeError: boom"


def test_table_shows_pass_fail_and_the_reason_for_not_measured():
    recs = [
        Measurement("a", target=1.25, samples=[1.0], floor_samples=[1.0]).to_dict(),
        Measurement("b", target=1.25, samples=[2.0], floor_samples=[1.0]).to_dict(),
        Measurement.not_measured("c", "no lessons | yet", target=1.5).to_dict(),
        Measurement("d", unit="ms", target=50, on="value", samples=[40.0]).to_dict(),
    ]
    lines = bench_run.format_table(recs).splitlines()
    assert lines[0].startswith("| measurement | value | floor | ratio | target | pass |")
    row = {ln.split("|")[1].strip(): ln for ln in lines[2:]}
    assert "| yes |" in row["a"]
    assert "**NO**" in row["b"] and "2.00" in row["b"]
    assert "not measured" in row["c"] and "no lessons \\| yet" in row["c"]
    assert "<= 50 ms" in row["d"] and "40 ms" in row["d"]


def test_merge_replaces_only_the_modules_that_ran():
    old = [{"name": "import+load", "module": "import"}, {"name": "old-lesson", "module": "lessons"},
           {"name": "grade:speedup", "module": "grade"}]
    new = [{"name": "lesson:01", "module": "lessons"}]
    merged = bench_run.merge(old, new, ["lessons"])
    assert [r["name"] for r in merged] == ["import+load", "lesson:01", "grade:speedup"]


def test_only_accepts_short_names_and_aliases_and_rejects_typos():
    assert bench_run._select("explorer") == ["explorer"]
    assert bench_run._select("import_load, env-size") == ["import", "envsize"]
    with pytest.raises(SystemExit, match="no benchmark called 'explorr'"):
        bench_run._select("explorr")


def test_every_module_is_importable_and_documented():
    import importlib

    for short, modname in bench_run.MODULES.items():
        mod = importlib.import_module(modname)
        assert callable(mod.measure), short
        assert (mod.__doc__ or "").strip(), f"{modname} has no docstring for --list"


def test_a_crashing_module_is_reported_not_raised(monkeypatch, tmp_path):
    fake = types.ModuleType("bench._fake")

    def measure(ctx):
        raise ValueError("the widget is not there")

    fake.measure = measure
    fake.__doc__ = "A fake benchmark."
    monkeypatch.setitem(sys.modules, "bench._fake", fake)
    monkeypatch.setitem(bench_run.MODULES, "fake", "bench._fake")
    out = bench_run.run_modules(["fake"], Context())
    assert len(out) == 1 and out[0].passed is None
    assert "ValueError: the widget is not there" in out[0].why
    assert out[0].module == "fake"


def test_main_writes_json_and_markdown_and_merges_with_only(monkeypatch, tmp_path):
    fake = types.ModuleType("bench._fake2")
    fake.__doc__ = "Another fake."
    fake.measure = lambda ctx: [Measurement("fake:x", target=1.5, samples=[3.0],
                                            floor_samples=[1.0])]
    monkeypatch.setitem(sys.modules, "bench._fake2", fake)
    monkeypatch.setitem(bench_run.MODULES, "fake2", "bench._fake2")
    js, md = tmp_path / "results.json", tmp_path / "results.md"
    js.write_text(json.dumps({"results": [{"name": "kept", "module": "import", "pass": True}]}))
    code = bench_run.main(["--only", "fake2", "--json", str(js), "--md", str(md)])
    assert code == 0  # a missed target is reported, not an error...
    doc = json.loads(js.read_text())
    names = [r["name"] for r in doc["results"]]
    assert names == ["kept", "fake:x"]
    rec = doc["results"][1]
    assert (rec["value"], rec["floor"], rec["ratio"], rec["target"], rec["pass"]) == \
        (3.0, 1.0, 3.0, 1.5, False)
    assert "**NO**" in md.read_text()
    # ... unless --strict is asked for
    assert bench_run.main(["--only", "fake2", "--strict", "--json", str(js), "--md", str(md)]) == 1


def test_the_nbval_benchmark_runs_what_make_test_runs():
    """bench's nbval command and the Makefile's ``nbval`` recipe pass pytest the same things."""
    import re
    from pathlib import Path

    from bench.nbval_suite import NBVAL_ARGS

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    workers = re.search(r"^NBVAL_WORKERS \?= (\d+)$", makefile, re.M).group(1)
    recipe = re.search(r"^nbval:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "$(MAKE) --no-print-directory nbval" in makefile  # make test runs it
    args = recipe.replace("$(NBVAL_WORKERS)", workers).split()
    args = args[args.index("pytest") + 1:]
    assert [a for a in args if a != "$(PYTEST_ARGS)"] == NBVAL_ARGS


def test_an_nbval_run_that_errors_is_timed_kept_and_named(monkeypatch, tmp_path):
    """A run with errors keeps pytest's output and says what failed (once, only a count was left)."""
    from bench import nbval_suite

    output = ("notebooks/03-x.ipynb::Cell 0 PASSED\n"
              "=========== short test summary info ===========\n"
              "ERROR notebooks/03-x.ipynb::Cell 2 - RuntimeError: Kernel didn't respond in 60 s\n"
              "======= 1 passed, 1 error in 61.0s =======\n")

    class FakePytest:
        returncode = 1

        def __init__(self, *args, **kwargs):
            self.stdout = iter(output.splitlines(keepends=True))

        def wait(self):
            return self.returncode

    monkeypatch.setattr(nbval_suite.subprocess, "Popen", FakePytest)
    monkeypatch.setenv("CSTO_BENCH_CACHE", str(tmp_path))
    ctx = Context(repeat=1, root=tmp_path)
    ctx.shared["floor_notebook"] = [1.0]
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "03-x.ipynb").write_text("{}", encoding="utf-8")
    [record] = nbval_suite.measure(ctx)
    assert record.value is not None  # still timed
    assert "NOT ALL PASSED" in record.note and "Kernel didn't respond" in record.note
    log = tmp_path / "nbval-run-1.log"
    assert str(log.name) in record.note and log.read_text(encoding="utf-8") == output
    assert nbval_suite.what_went_wrong("=== 133 passed in 9.1s ===") == []


BENCH_MODULES = sorted(p.stem for p in (BENCH_ROOT / "bench").glob("*.py")
                       if p.stem != "__init__")


@pytest.mark.parametrize("name", BENCH_MODULES)
def test_the_harness_docstring_examples_run(name):
    import doctest
    import importlib

    module = importlib.import_module(f"bench.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"bench/{name}.py: {result.failed} docstring example(s) failed"
