"""Every lesson, after Run All, checked by axe-core; the explorer and a quick check by keyboard.

- axe-core (from ``axe-playwright-python``) on the whole JupyterLab page with the lesson open
  after Run All: no critical or serious violation that is the course's. JupyterLab's own are
  excluded by rule and selector in ``axe_check.EXCLUSIONS`` (one place, each with a reason);
  every violation found, excluded or not, is written to
  ``tests/browser/screenshots/axe-<lesson>.json`` with counts per rule.
- A keyboard-only walk: Tab reaches the explorer's controls, each with a name; an arrow key
  moves the month and the new date is announced in a live region. Tab reaches a quick check's
  choices, arrow keys choose, Enter on "Check" answers, and the feedback is announced.

Each runs on the lesson page already opened and run by ``LessonRunner`` (see conftest.py).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import course_lib as cl
from course_lib.bodies import member_count

sys.path.insert(0, str(Path(__file__).resolve().parent))
from axe_check import counts, course_violations, excluded_by, run_axe  # noqa: E402
from conftest import (  # noqa: E402
    COURSE, EXPLORER_CALL, QUIZ_CALL, SCREENSHOTS, code_sources)

pytestmark = pytest.mark.browser

EXPLORER = ".csto-membership-explorer"
QUESTION = ".csto-quiz-question"

#: What a focused element is called, as a screen reader would say it (simplified: the
#: aria-label, aria-labelledby, a <label for>, the label wrapping it, its title, its text).
ACCESSIBLE_NAME = """el => {
    const text = n => (n && n.textContent || '').replace(/\\s+/g, ' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
    if (el.id) { const l = document.querySelector(`label[for="${el.id}"]`); if (l) return text(l); }
    const wrap = el.closest('label'); if (wrap) return text(wrap);
    if (el.getAttribute('title')) return el.getAttribute('title').trim();
    if (el.tagName === 'BUTTON') return text(el);
    return '';
}"""


#: A lesson cell that draws a course chart.
CHART_CALL = re.compile(r"\bcharts\.(membership_map|membership_chart|events_timeline|"
                        r"figures_chart|drills_matrix)\s*\(")


def _report(lesson: str, found, seconds: float) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"axe-{Path(lesson).stem}.json"
    excluded = {v: excluded_by(v, lesson) for v in found}
    path.write_text(json.dumps({
        "axe seconds": round(seconds, 2),
        "counts": counts(found),
        "course": counts(course_violations(found, lesson)),
        "violations": [{"rule": v.rule, "impact": v.impact, "selector": v.selector,
                        "excluded": (f"{excluded[v].owner}: {excluded[v].reason}"
                                     if excluded[v] else None)} for v in found],
    }, indent=1))
    return path


def test_lesson_has_no_serious_accessibility_violation(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    started = time.perf_counter()
    found = run_axe(ran.view.page)
    report = _report(lesson, found, seconds=time.perf_counter() - started)
    ours = course_violations(found, lesson)
    if ours:
        listing = "\n".join(f"  - {v}" for v in ours[:12])
        ran.view.fail(f"axe-core found {len(ours)} critical or serious violations in {lesson} "
                      f"that are the course's (all of them: {report}):\n{listing}",
                      suffix="axe")
    # JupyterLab's PNG renderer writes no alt (excluded above): every course chart must be
    # shown through its HTML output instead, with alt text and a "Describe this chart" toggle
    calls = sum(len(CHART_CALL.findall(src)) for src in code_sources(ran.path))
    charts = ran.view.page.locator(".jp-OutputArea figure.csto-chart")
    alts = charts.locator("img").evaluate_all("imgs => imgs.map(i => i.alt)")
    toggles = charts.locator("details > summary").all_text_contents()
    assert len(alts) == calls and all(a.strip() for a in alts), (
        f"{lesson}: {calls} course chart(s) drawn, {len(alts)} shown with alt text: {alts}")
    assert toggles == ["Describe this chart"] * calls, toggles


def _focused(page) -> dict:
    return page.evaluate(f"""() => {{
        const el = document.activeElement;
        return {{tag: el.tagName, role: el.getAttribute('role') || '', cls: el.className || '',
                 name: ({ACCESSIBLE_NAME})(el)}};
    }}""")


def _tab_until(page, predicate, limit: int = 12) -> dict:
    """Press Tab until the focused element satisfies ``predicate``; return it."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = _focused(page)
        seen.append(now)
        if predicate(now):
            return now
    raise AssertionError(f"Tab never reached the control; focus went through: {seen}")


def _focus_before(page, locator) -> None:
    """Put the keyboard focus just before ``locator`` (as if the learner had tabbed there)."""
    locator.evaluate("""el => {
        const mark = document.createElement('span');
        mark.tabIndex = 0; mark.className = 'csto-test-focus-start';
        el.parentNode.insertBefore(mark, el); mark.focus();
    }""")


@pytest.mark.lessons_using(EXPLORER_CALL)
def test_membership_explorer_by_keyboard_alone(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    page = ran.view.page
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    _focus_before(page, explorer)
    # Tab reaches the month control, which says what it is
    month = _tab_until(page, lambda f: "month" in f["name"].lower() and f["tag"] != "BUTTON")
    assert month["name"], month
    live = explorer.locator(".csto-live[aria-live]")  # the header: date and member count
    before = live.first.text_content()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, old]) => el.textContent !== old",
        arg=[live.first.element_handle(), before], timeout=15_000)
    after = re.sub(r"\s+", " ", live.first.text_content() or "").strip()
    when = pd.Timestamp(re.search(r"\d{1,2} \w+ \d{4}", after).group(0))
    assert member_count(cl.members_on(when)) in after, after  # what members_on says
    assert live.first.get_attribute("aria-live") in ("polite", "assertive")
    # the play button is reachable and named too
    _focus_before(page, explorer)
    play = _tab_until(page, lambda f: f["tag"] == "BUTTON")
    assert play["name"], f"the explorer's first button has no accessible name: {play}"


@pytest.mark.lessons_using(QUIZ_CALL)
def test_quick_check_by_keyboard_alone(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    page = ran.view.page
    # the last multiple-choice question: test_widgets.py answers the first one on this page
    question = page.locator(QUESTION).filter(has=page.locator("input[type=radio]")).last
    if question.count() == 0:
        pytest.skip(f"{lesson} has no multiple-choice quick check")  # numeric ones only
    question.scroll_into_view_if_needed()
    _focus_before(page, question)
    choice = _tab_until(page, lambda f: f["tag"] == "INPUT")
    assert choice["name"], f"a quick check's choice has no accessible name: {choice}"
    page.keyboard.press("ArrowDown")  # the arrow keys move the choice within the group ...
    checked = question.locator("input[type=radio]:checked")
    checked.wait_for(timeout=15_000)
    assert checked.get_attribute("value") == "1"
    alert = question.locator("[role=alert]").first  # ... and the verdict is read out
    alert.wait_for(timeout=15_000)
    assert re.search(r"Right|Not quite", alert.text_content() or ""), alert.text_content()
    # the group is one Tab stop: the next Tab is the "Check" button, then "Show answer";
    # Enter presses it
    check = _tab_until(page, lambda f: f["tag"] == "BUTTON", limit=1)
    assert check["name"] == "Check", check
    reveal = _tab_until(page, lambda f: f["tag"] == "BUTTON", limit=1)
    assert reveal["name"] == "Show answer", reveal
    page.keyboard.press("Enter")
    question.locator("[role=alert]").filter(has_text="The answer is").wait_for(timeout=15_000)


def test_a_stored_lesson_shows_its_charts_in_words_before_anything_runs(lab_page):
    """What a learner sees on first opening a lesson (its stored outputs, untrusted, so
    JupyterLab sanitises their HTML): each course chart still has its alt text and toggle."""
    rel = next(_rel for _rel in (f"notebooks/{p.name}" for p in sorted(
        (COURSE / "notebooks").glob("[0-9][0-9]-*.ipynb"))) if any(
        CHART_CALL.search(src) for src in code_sources(COURSE / _rel)))
    lab_page.open(rel)
    page = lab_page.page
    calls = sum(len(CHART_CALL.findall(src)) for src in code_sources(COURSE / rel))
    charts = page.locator(".jp-OutputArea figure.csto-chart")
    charts.first.wait_for(timeout=30_000)
    alts = charts.locator("img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert len(alts) == calls and all(a.strip() for a in alts), (rel, alts)
    summary = charts.first.locator("details > summary")
    assert summary.text_content() == "Describe this chart"
    summary.focus()  # the toggle is reachable by keyboard and opens with Enter
    page.keyboard.press("Enter")
    assert charts.first.locator("details").evaluate("d => d.open")
