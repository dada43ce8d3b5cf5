"""Benchmarks for CSTO in Data: what learners and instructors wait for, as ratios.

Each module measures one thing against a floor taken in the same run (these machines are shared
and noisy, so absolute times mean little) and returns :class:`bench.timing.Measurement` objects.
``python -m bench.run`` (``make bench``) runs them all and writes ``bench/results.json`` and
``bench/results.md``; ``python -m bench.run --only explorer`` runs one.

| module | measures | target |
| --- | --- | --- |
| ``import_load`` (``import``) | ``import course_lib`` + loading every dataset vs ``import pandas`` | ratio <= 1.25 |
| ``lessons`` | each lesson in a fresh kernel vs a floor notebook of imports | ratio <= 1.5 each |
| ``explorer`` | membership explorer date change in the kernel; vs a bare matplotlib redraw | <= 50 ms; ratio <= 1.5 |
| ``explorer_browser`` (``browser``) | input to updated map in Chromium | <= 150 ms |
| ``grading`` (``grade``) | ``csto grade`` of 40 submissions vs 40 sequential ``otter run`` | >= 1.8x faster |
| ``nbval_suite`` (``nbval``) | nbval over all lessons vs the sum of the lesson floors | ratio <= 1.3 |
| ``env_size`` (``envsize``) | learner's venv vs a venv of jupyterlab, pandas, matplotlib, ipywidgets, nbval | ratio <= 1.6 |

Nothing here is a timed assertion in ``make test``.
"""

from bench.timing import Measurement, median, ratio

__all__ = ["Measurement", "median", "ratio"]
