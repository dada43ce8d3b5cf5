"""Every lesson, opened in JupyterLab in a real Chromium and run top to bottom.

What a learner would notice: a cell that ends in a traceback, a warning printed at them, a
widget that fails to render, a JavaScript error. Each lesson is opened and run once (see
``LessonRunner`` in conftest.py); its screenshot is ``tests/browser/screenshots/<lesson>.png``.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_lesson_runs_without_errors(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    view = ran.view
    if ran.errors:
        listing = "\n".join(f"  - {e}" for e in ran.errors[:8])
        view.show_first_error()
        view.fail(
            f"expected every cell of {lesson} to run without an error on screen after Run All "
            f"Cells; found {len(ran.errors)}:\n{listing}",
            suffix="errors",
        )
    numbered = sum(1 for t in view.prompts() if any(c.isdigit() for c in t))
    if numbered < ran.expected_runs:
        view.fail(
            f"expected all {ran.expected_runs} non-empty code cells of {lesson} to show an "
            f"execution number after Run All Cells; {numbered} do",
            suffix="unrun",
        )
    assert ran.shot is not None and ran.shot.stat().st_size > 10_000, (
        f"expected a screenshot of {lesson} at {ran.shot}"
    )


def test_lesson_has_no_javascript_errors(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    if ran.view.page_errors:
        ran.view.fail(
            f"expected no JavaScript errors while {lesson} was opened and run; got "
            f"{len(ran.view.page_errors)}",
            suffix="jserrors",
        )

