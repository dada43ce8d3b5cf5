"""The lessons' widgets, used in the browser as a learner uses them.

- The membership explorer: it renders; moving its month slider (a drag, then the arrow key)
  changes the header, the member table and the map to what ``cl.members_on`` says for the month
  on show. The expectation is computed here, in the test process, through course_lib.
- A quick check: answered wrongly, it says so; answered rightly, it says so and explains.

Each runs on the lesson page already opened and run by ``LessonRunner`` (see conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import course_lib as cl
from course_lib.bodies import member_count

pytestmark = pytest.mark.browser

EXPLORER = ".csto-membership-explorer"
QUESTION = ".csto-quiz-question"


# ------------------------------------------------------------------ membership explorer


def _explorer_state(view, explorer) -> dict:
    """What the explorer shows: month label, header, table rows, map image bytes."""
    # textContent throughout: innerText is empty for content the browser skips off screen
    readout = (explorer.locator(".widget-slider .widget-readout").first.text_content() or "")
    header = explorer.locator(".widget-html").filter(
        has_text=re.compile(r"(Parties to the Collective Security Treaty|CSTO members) on ")
    ).first.text_content() or ""
    rows = explorer.locator("table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')]"
        ".map(td => td.textContent.replace(/\\s+/g, ' ').trim()))"
    )
    image = explorer.locator("img").first.evaluate(
        """async img => {
            const r = await fetch(img.src);
            const b = new Uint8Array(await r.arrayBuffer());
            let s = ''; for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
            return btoa(s);
        }"""
    )
    return {"month": readout.strip(), "header": re.sub(r"\s+", " ", header).strip(),
            "rows": rows, "image": image}


def _expected_rows(frame: pd.DataFrame) -> list[tuple[str, str]]:
    out = []
    for rec in frame.to_dict("records"):
        status = str(rec["status"]) + ("" if bool(rec["certain"]) else " (uncertain)")
        out.append((str(rec["country"]), status))
    return sorted(out)


def _expected_map(when: pd.Timestamp) -> str:
    """The map the library draws for that day, rendered here, as base64 PNG."""
    import base64

    return base64.b64encode(cl.widgets.membership_explorer(when).map_image.value).decode()


def _image_diff(shown_b64: str, expected_b64: str, name: str) -> str:
    """How far apart two PNGs are, with the expected one saved beside the screenshots."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    folder = Path(__file__).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / f"{name}-explorer-expected-map.png"
    saved.write_bytes(base64.b64decode(expected_b64))
    try:
        a = np.asarray(Image.open(io.BytesIO(base64.b64decode(shown_b64))).convert("RGB"))
        b = np.asarray(Image.open(io.BytesIO(base64.b64decode(expected_b64))).convert("RGB"))
    except Exception as exc:  # not a PNG at all
        return f"the image on screen cannot be read ({exc}); expected map saved to {saved}"
    if a.shape != b.shape:
        return f"size {a.shape[1]}x{a.shape[0]} instead of {b.shape[1]}x{b.shape[0]}; " \
               f"expected map saved to {saved}"
    changed = float((np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 30).mean())
    return f"{changed:.2%} of its pixels differ; expected map saved to {saved}"


def _check_shows(view, explorer, state: dict, what: str) -> pd.Timestamp:
    """Assert the explorer shows members_on of the month in its readout; return that day."""
    try:
        when = pd.to_datetime(state["month"], format="%b %Y")
        if pd.isna(when):
            raise ValueError(state["month"])
    except ValueError:
        view.fail(f"{what}: expected the slider readout to be a month such as 'Jun 1993', got "
                  f"{state['month']!r}", suffix="explorer", target=explorer)
    frame = cl.members_on(when)
    expected = _expected_rows(frame)
    shown = sorted((r[0], re.sub(r"\s+", " ", r[1])) for r in state["rows"] if len(r) >= 2)
    if shown != expected:
        diff = sorted(set(expected) ^ set(shown))
        view.fail(
            f"{what}: for {when:%d %B %Y} expected the member table to show cl.members_on: "
            f"{expected}; it shows {shown}. Differences: {diff}",
            suffix="explorer", target=explorer,
        )
    count = member_count(frame)  # "7 states", or "6 certain, 3 uncertain"
    wanted_header = f"{cl.body_on(when).heading} on {when.day} {when:%B %Y}: {count}"
    if wanted_header not in state["header"]:
        view.fail(
            f"{what}: expected the header to read {wanted_header!r}; it reads {state['header']!r}",
            suffix="explorer", target=explorer,
        )
    expected_map = _expected_map(when)
    if state["image"] != expected_map:
        view.fail(
            f"{what}: expected the map to be the one course_lib draws for {when:%d %B %Y} "
            "(cl.widgets.membership_explorer(date).map_image); the image on screen differs: "
            + _image_diff(state["image"], expected_map, view.name),
            suffix="explorer", target=explorer,
        )
    return when


def _statuses(when: pd.Timestamp) -> list[tuple[str, str, bool]]:
    f = cl.members_on(when)
    return sorted(zip(f["country"].astype(str), f["status"].astype(str), f["certain"]))


@pytest.mark.lessons_using(r"\bmembership_explorer\s*\(")
def test_membership_explorer_follows_its_slider(lesson_runner, lesson):
    ran = lesson_runner.get(lesson)
    view, page = ran.view, ran.view.page
    explorer = page.locator(EXPLORER).first
    try:
        explorer.wait_for(state="visible", timeout=20_000)
        explorer.locator("img").first.wait_for(state="visible", timeout=20_000)
    except Exception:
        view.fail(f"expected the membership explorer ({EXPLORER}) with its map to render in "
                  f"{lesson}", suffix="explorer")
    # The explorer (slider, map, nine-row table) is taller than a laptop screen: give the page
    # room for all of it and bring its top (the slider) into view, as a learner scrolls to it.
    errors_before = len(view.page_errors)
    page.set_viewport_size({"width": 1366, "height": 1700})
    try:
        explorer.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        _drive_explorer(view, page, explorer)
    finally:
        page.set_viewport_size({"width": 1366, "height": 900})
    _no_new_page_errors(view, errors_before, "moving the explorer's slider")


def _no_new_page_errors(view, before: int, what: str) -> None:
    new = view.page_errors[before:]
    if new:
        view.fail(f"expected no JavaScript errors while {what}; got: {new[:3]}", suffix="jserrors")


def _drive_explorer(view, page, explorer) -> None:
    before = _explorer_state(view, explorer)
    start = _check_shows(view, explorer, before, "as first shown")
    view.screenshot("explorer-before", target=explorer)

    # 1. Drag the handle along the track to a month whose statuses differ from the start.
    handle = explorer.locator(".widget-slider .noUi-handle").first
    track = explorer.locator(".widget-slider .noUi-target").first
    moved = None
    for fraction in (0.3, 0.5, 0.8, 0.05):
        box, hbox = track.bounding_box(), handle.bounding_box()
        page.mouse.move(hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * fraction, hbox["y"] + hbox["height"] / 2,
                        steps=8)
        page.mouse.up()
        try:
            page.wait_for_function(
                "([sel, old]) => { const e = document.querySelector(sel); "
                "return e && e.textContent.trim() !== old }",
                arg=[f"{EXPLORER} .widget-slider .widget-readout", before["month"]],
                timeout=5_000,
            )
        except Exception:
            continue
        month = pd.to_datetime(
            (explorer.locator(".widget-slider .widget-readout").first.text_content() or "")
            .strip(), format="%b %Y")
        if _statuses(month) != _statuses(start):
            moved = month
            break
    if moved is None:
        view.fail("expected dragging the explorer's month slider to move it to another month "
                  "with other statuses; the readout did not change", suffix="explorer",
                  target=explorer)
    after = _settled_state(view, explorer, moved)
    when = _check_shows(view, explorer, after, "after dragging the slider")
    if after["image"] == before["image"]:
        view.fail(f"expected the map to change between {start:%b %Y} and {when:%b %Y} "
                  "(the statuses differ); it did not", suffix="explorer", target=explorer)
    view.screenshot("explorer-after-drag", target=explorer)

    # 2. The keyboard: one ArrowRight is one month on.
    handle.focus()
    page.keyboard.press("ArrowRight")
    nxt = when + pd.offsets.MonthBegin(1)
    state = _settled_state(view, explorer, nxt)
    _check_shows(view, explorer, state, "after pressing ArrowRight on the slider")
    view.screenshot("explorer-after-key", target=explorer)


def _settled_state(view, explorer, when: pd.Timestamp, timeout: float = 20.0) -> dict:
    """Wait until the header shows ``when`` (the kernel has answered), then read the state."""
    wanted = f"{when.day} {when:%B %Y}"
    try:
        explorer.locator(".widget-html").filter(has_text=wanted).first.wait_for(
            timeout=timeout * 1000)
    except Exception:
        view.fail(f"expected the explorer's header to change to {wanted!r} within "
                  f"{timeout:.0f} s of moving the slider", suffix="explorer", target=explorer)
    view.page.wait_for_timeout(400)  # the image and the table arrive in the same update
    return _explorer_state(view, explorer)


# ------------------------------------------------------------------ quick checks


@pytest.mark.lessons_using(r"\bquiz\s*\(")
def test_quick_check_answers_wrong_then_right(lesson_runner, lesson):
    from course_lib.widgets.quiz import RIGHT, WRONG, load_bank

    ran = lesson_runner.get(lesson)
    view, page = ran.view, ran.view.page
    errors_before = len(view.page_errors)
    block = page.locator(QUESTION).first
    try:
        block.wait_for(state="visible", timeout=20_000)
    except Exception:
        view.fail(f"expected a quick check ({QUESTION}) to render in {lesson}", suffix="quiz")
    block.scroll_into_view_if_needed()
    prompt = (block.locator(".widget-html").first.text_content() or "").strip()
    prompt_text = re.sub(r"\s+", " ", re.sub(r"^Q\d+\.\s*", "", prompt)).strip()
    bank = {re.sub(r"\s+", " ", q.prompt).strip(): q for q in load_bank()}
    question = bank.get(prompt_text) if prompt_text else None
    if question is None:
        view.fail(f"expected the quick check's prompt {prompt_text[:80]!r} to be a question of "
                  "datasets/quiz.csv", suffix="quiz", target=block)
    feedback = block.locator(".widget-html").last

    def answer(value: str) -> None:
        if question.kind == "choice":
            block.locator("label", has_text=re.compile(rf"^\s*{re.escape(value)}\s*$")).first \
                .locator("input").check()
        else:
            box = block.locator("input[type=text]").first
            box.fill(value)
            box.press("Enter")

    if question.kind == "choice":
        wrong = next(o for o in question.options if o != question.answer)
    else:
        wrong = f"{question.number * 2 + question.tolerance + 7:g}"
    def answer_and_expect(value: str, expected: str, which: str) -> None:
        answer(value)
        try:
            feedback.filter(has_text=expected).wait_for(timeout=15_000)
        except Exception:
            view.fail(f"{question.question_id}: expected {expected!r} under the question after "
                      f"the {which} answer {value!r}; it shows {feedback.text_content()!r}",
                      suffix=f"quiz-{which}", target=block)

    answer_and_expect(wrong, WRONG, "wrong")
    view.screenshot("quiz-wrong", target=block)
    answer_and_expect(question.answer, RIGHT, "right")
    shown = re.sub(r"\s+", " ", feedback.text_content() or "")
    expl = re.sub(r"\s+", " ", question.explanation)[:60]
    if expl not in shown:
        view.fail(f"{question.question_id}: expected the explanation ({expl!r}...) with the "
                  f"right answer; the feedback reads {shown[:300]!r}", suffix="quiz-right",
                  target=block)
    view.screenshot("quiz-right", target=block)
    _no_new_page_errors(view, errors_before, f"answering {question.question_id}")
