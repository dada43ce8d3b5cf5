"""The widgets for everyone: every input named, new dates and verdicts announced, nothing said
by colour alone. Driven by setting ``.value`` as the browser would; what only a browser shows
(the names in the page, the keyboard) is in tests/browser/test_accessibility.py."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

import course_lib as cl
from course_lib.widgets import _html


def _inputs(widget):
    """Every input-like descendant widget (what a learner can operate)."""
    found = []
    stack = [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, (widgets.Box, widgets.Tab)):
            stack.extend(w.children)
        elif isinstance(w, (widgets.ValueWidget, widgets.Button, widgets.Play)) and \
                not isinstance(w, (widgets.HTML, widgets.Image, widgets.Label)):
            found.append(w)
    return found


def _named(w) -> bool:
    """A name a screen reader can read: a description (a <label for> in ipywidgets 8), a
    button's text, the options of radio buttons (each wrapped in its label), or a name the
    widget's aria bridge gives it."""
    if isinstance(w, widgets.RadioButtons):
        return all(str(o).strip() for o in w.options)
    return bool(getattr(w, "description", "").strip())


def _first(kind: str) -> str:
    """The first question of this kind in the question bank (lessons get renumbered)."""
    bank = cl.load("quiz")
    return str(bank.loc[bank["kind"].astype(str) == kind, "question_id"].iloc[0])


WIDGETS = {
    "explorer": lambda: cl.widgets.membership_explorer("1993-06-01"),
    "profile": lambda: cl.widgets.country_profile("Uzbekistan"),
    "reader": lambda: cl.widgets.source_reader("memberships:UZB-3"),
    "quiz_choice": lambda: cl.widgets.quiz(_first("choice")),
    "quiz_numeric": lambda: cl.widgets.quiz(_first("numeric")),
}


@pytest.mark.parametrize("name", WIDGETS)
def test_every_input_of_every_widget_has_a_name(name):
    widget = WIDGETS[name]()
    inputs = _inputs(widget)
    assert inputs, name
    unnamed = [type(w).__name__ for w in inputs if not _named(w)]
    assert not unnamed, f"{name}: inputs without a name: {unnamed}"


def test_the_explorer_names_its_slider_play_buttons_and_map_and_speaks_each_month():
    explorer = cl.widgets.membership_explorer("1993-06-01")
    rules = explorer.aria.rules
    assert rules[".noUi-handle"]["aria-label"].startswith("Month")
    for n in (1, 2, 3):
        assert rules[f".widget-play button:nth-child({n})"]["aria-label"]
    assert rules[".csto-live"]["aria-live"] == "polite"
    assert "csto-live" in explorer.header._dom_classes
    spoken = explorer.aria.valuetexts[".noUi-handle"]
    assert len(spoken) == len(explorer.slider.options)
    # the slider moves: the spoken month, the map's alt text and the header follow
    explorer.slider.value = 100
    assert spoken[100] == f"{explorer.date:%B %Y}"
    assert f"{explorer.date:%B %Y}" in explorer.aria.rules[".widget-image"]["alt"]
    assert f"{explorer.date:%B %Y}" in explorer.header.value


def test_the_profile_gives_its_chart_alt_text_for_each_state():
    profile = cl.widgets.country_profile("Uzbekistan")
    assert "Uzbekistan" in profile.aria.rules[".widget-image"]["alt"]
    profile.dropdown.value = "ARM"
    assert "Armenia" in profile.aria.rules[".widget-image"]["alt"]


@pytest.mark.parametrize("answer", ["right", "wrong", "blank"])
def test_quiz_feedback_is_announced_and_said_in_words(answer):
    q = cl.widgets.quiz(_first("choice")).questions[0]
    if answer == "blank":
        q.check()
    else:
        options = list(q.answer_input.options)
        right = q.question.answer
        q.answer_input.value = right if answer == "right" else next(o for o in options
                                                                  if o != right)
    verdict = re.search(r'<div role="alert"[^>]*>(.*?)</div>', q.feedback.value)
    assert verdict, q.feedback.value
    words = verdict.group(1)
    expected = {"right": "Right", "wrong": "Not quite", "blank": "Pick or type"}[answer]
    assert expected in words  # not colour alone


def test_a_numeric_quick_check_box_is_labelled():
    q = cl.widgets.quiz(_first("numeric")).questions[0]
    assert q.answer_input.description


def test_the_reader_names_each_quote_in_words_and_its_text_box_is_reachable():
    two = _html.highlight("It began in 1993 and ended in 1999.", ["began in 1993", "ended in 1999"],
                          names=["quote", "end quote"])[0]
    assert two.index("[quote]") < two.index("began") < two.index("[end quote]") < two.index("ended")
    assert 'tabindex="0"' in two and 'aria-label="Source text"' in two


def test_a_quiz_makes_each_question_one_radio_group_and_keeps_its_keys():
    quiz = cl.widgets.quiz([_first("choice"), _first("numeric")])
    rules = quiz.aria.rules
    assert {"data-lm-suppress-shortcuts": "true"} in rules.values()
    choice, numeric = quiz.questions
    assert rules[f".{choice.group} input[type=radio]"] == {"name": choice.group}
    assert not any(numeric.group in selector for selector in rules)
    assert choice.group in choice._dom_classes and choice.group != numeric.group


def test_the_explorer_keeps_its_keys_from_jupyterlabs_shortcuts():
    explorer = cl.widgets.membership_explorer("2010")
    keys = [s for s, attrs in explorer.aria.rules.items() if "data-lm-suppress-shortcuts" in attrs]
    assert keys and all(tag in keys[0] for tag in ("button", "[role=slider]"))
