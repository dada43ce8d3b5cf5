"""The quiz: immediate feedback, explanations that cite the source, a validated question bank."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import importlib

import course_lib as cl
from course_lib.widgets.quiz import COLUMNS, RIGHT, WRONG, load_bank, validate_bank

# the module (``cl.widgets.quiz`` is the function of the same name)
quiz_module = importlib.import_module("course_lib.widgets.quiz")

BANK = load_bank()
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def _wrong_answer(question):
    if question.kind == "choice":
        return next(o for o in question.options if o != question.answer)
    return str(question.number + question.tolerance + max(1.0, abs(question.number)))


@pytest.mark.parametrize("question", BANK, ids=lambda q: q.question_id)
def test_wrong_then_right_answer_gets_matching_feedback(question):
    widget = cl.widgets.quiz(question.question_id)
    item = widget.questions[0]
    assert item.feedback.value == ""  # nothing before an answer
    item.answer_input.value = _wrong_answer(question)
    assert WRONG in item.feedback.value and RIGHT not in item.feedback.value
    assert question.source_id not in item.feedback.value  # the explanation is not given away
    assert item.correct is False
    item.answer_input.value = question.answer
    assert RIGHT in item.feedback.value
    assert item.correct is True
    # the explanation, the verbatim quote and the source it rests on
    text = item.feedback.value
    assert question.source_id in text
    assert "Source:" in text
    import html
    assert html.escape(question.explanation) in text
    assert html.escape(question.quote) in text


@pytest.mark.parametrize("question", BANK, ids=lambda q: q.question_id)
def test_bank_row_is_valid(question):
    """Every row: answer among options (or a number), quote verbatim in its source, lesson real."""
    if question.kind == "choice":
        assert question.answer in question.options
    else:
        assert isinstance(question.number, float)
    normalise = lambda t: re.sub(r"\s+", " ", t).strip()  # noqa: E731
    assert normalise(question.quote) in normalise(cl.source_text(question.source_id))
    assert question.lesson == "demo" or (NOTEBOOKS / f"{question.lesson}.ipynb").exists() or \
        not any(NOTEBOOKS.glob("*.ipynb")), \
        f"{question.question_id}: lesson {question.lesson!r} has no notebooks/{question.lesson}.ipynb"


def test_numeric_answer_accepts_thousands_separators_and_refuses_words():
    question = next(q for q in BANK if q.question_id == "demo-numeric")
    item = cl.widgets.quiz(question.question_id).questions[0]
    item.answer_input.value = "twenty thousand"
    assert "is not a number" in item.feedback.value and item.attempts == 0
    item.answer_input.value = "20,000"
    assert RIGHT in item.feedback.value


def test_numeric_tolerance():
    question = next(q for q in BANK if q.question_id == "demo-tolerance")
    item = cl.widgets.quiz("demo-tolerance").questions[0]
    item.answer_input.value = str(question.number + question.tolerance * 0.9)
    assert RIGHT in item.feedback.value
    item.answer_input.value = str(question.number + question.tolerance * 2)
    assert WRONG in item.feedback.value


def test_show_answer_reveals_answer_and_source():
    item = cl.widgets.quiz("demo-choice").questions[0]
    item.reveal_button.click()
    assert "Armenia" in item.feedback.value and "tca-search-2024" in item.feedback.value


def test_check_button_on_a_blank_answer_asks_for_one():
    item = cl.widgets.quiz("demo-choice").questions[0]
    item.check_button.click()
    assert "Pick or type an answer first" in item.feedback.value


def test_lesson_quiz_keeps_score():
    widget = cl.widgets.quiz(lesson="demo")
    assert [q.question.lesson for q in widget.questions] == ["demo"] * len(widget.questions)
    assert "0 of" in widget.score.value
    first = widget.questions[0]
    first.answer_input.value = first.question.answer
    assert f"1 of {len(widget.questions)}" in widget.score.value


def test_default_is_the_demo_questions():
    assert {q.question.lesson for q in cl.widgets.quiz().questions} == {"demo"}


def test_unknown_question_and_lesson_say_did_you_mean():
    with pytest.raises(cl.QuizError, match="Did you mean 'demo-choice'"):
        cl.widgets.quiz("demo-choise")
    with pytest.raises(cl.QuizError, match="Did you mean 'demo'"):
        cl.widgets.quiz(lesson="dmeo")


# -- a malformed bank is refused, row by row --------------------------------------------------
GOOD = {
    "question_id": "t-1", "lesson": "demo", "kind": "choice", "prompt": "Where was it signed?",
    "options": "Moscow | Tashkent", "answer": "Tashkent", "tolerance": "",
    "explanation": "It says so.", "source_id": "tca-search-2024",
    "quote": "The Collective Security Treaty (CST) was signed in Tashkent",
}
NUMERIC = {**GOOD, "question_id": "t-2", "kind": "numeric", "options": "", "answer": "1374.2",
           "tolerance": "5", "quote": "The total length of its border is 1374.2 km"}

MALFORMED = {
    "answer not among options": ({"answer": "Samarkand"}, "is not among the options"),
    "answer typo": ({"answer": "Tashkant"}, "did you mean 'Tashkent'"),
    "one option": ({"options": "Tashkent"}, "at least two options"),
    "unknown kind": ({"kind": "choise"}, "Did you mean 'choice'"),
    "empty prompt": ({"prompt": "  "}, "'prompt' cell is empty"),
    "lesson not a slug": ({"lesson": "Lesson 2"}, "is not a slug"),
    "unknown source": ({"source_id": "wikipedia"}, "not in sources.csv"),
    "quote not verbatim": ({"quote": "The Collective Security Treaty was signed in Tashkent"},
                           "is not verbatim"),
    "straight for curly quote": ({"source_id": "explainer-2022",
                                  "quote": "The organization's recent developments"},
                                 "is not verbatim"),
    "numeric answer not a number": ({**NUMERIC, "answer": "about 1374"}, "is not a number"),
    "negative tolerance": ({**NUMERIC, "tolerance": "-1"}, "tolerance '-1'"),
    "numeric with options": ({**NUMERIC, "options": "1 | 2"}, "has no options"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_row_names_row_and_problem(case):
    change, message = MALFORMED[case]
    rows = [dict(GOOD), {**GOOD, **change, "question_id": "bad-1"}]
    with pytest.raises(cl.QuizError) as err:
        validate_bank(rows)
    assert "row 2" in str(err.value) and "'bad-1'" in str(err.value)
    assert message in str(err.value)


def test_good_rows_pass_and_duplicate_ids_do_not():
    assert [q.question_id for q in validate_bank([GOOD, NUMERIC])] == ["t-1", "t-2"]
    with pytest.raises(cl.QuizError, match="row 2 .*repeats row 1"):
        validate_bank([GOOD, dict(GOOD)])


def test_malformed_bank_file_is_refused_by_the_widget(tmp_path, monkeypatch):
    path = tmp_path / "quiz.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(GOOD)
        writer.writerow({**GOOD, "question_id": "t-3", "answer": "Minsk"})
    monkeypatch.setattr(quiz_module, "bank_path", lambda: path)
    with pytest.raises(cl.QuizError, match="row 2 \\(question_id 't-3'\\).*'Minsk' is not among"):
        cl.widgets.quiz("t-1")
    path.write_text("question_id,lesson\nx,demo\n", encoding="utf-8")
    with pytest.raises(cl.QuizError, match="has no column"):
        cl.widgets.quiz("x")


def test_question_outside_the_lesson_is_refused():
    with pytest.raises(cl.QuizError, match="belongs to lesson 'demo'"):
        cl.widgets.quiz("00-q1", lesson="demo")
    assert len(cl.widgets.quiz(["demo-choice", "demo-numeric"], lesson="demo").questions) == 2

