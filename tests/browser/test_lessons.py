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



def test_try_it_solutions_are_folded_until_clicked(lesson_runner, lesson):
    """A Try it's solution is an HTML <details> block in Markdown: JupyterLab must render it
    folded (only 'Solution' shows), and open it on a click, with its code block rendered."""
    from .conftest import COURSE

    if "<summary>Solution</summary>" not in (COURSE / lesson).read_text(encoding="utf-8"):
        pytest.skip(f"{lesson} has no Try it solution")
    view = lesson_runner.get(lesson).view
    page = view.page
    blocks = page.locator(".jp-RenderedMarkdown details")
    if not blocks.count():
        view.fail(f"expected {lesson}'s Try it solutions to render as <details> blocks; none found")
    first = blocks.first
    first.scroll_into_view_if_needed()
    summary = first.locator("summary")
    assert (summary.text_content() or "").strip() == "Solution"
    body = first.locator("pre, p").first
    if body.is_visible() or first.get_attribute("open") is not None:
        view.fail(f"expected the first solution in {lesson} to be folded before a click", suffix="details")
    summary.click()
    page.wait_for_timeout(200)
    if not body.is_visible():
        view.fail(f"expected the first solution in {lesson} to open on a click", suffix="details")
