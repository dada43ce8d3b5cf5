"""Quick checks: multiple-choice and numeric questions with immediate feedback.

The questions live with the data, in ``datasets/quiz.csv`` (one row per question: id, lesson,
kind, prompt, options, answer, tolerance, explanation, source_id, quote). The bank is
validated like the data: a malformed row raises :class:`~course_lib.exceptions.QuizError`
naming the row and what is wrong with it.

Examples
--------
>>> import course_lib as cl
>>> q = cl.widgets.quiz(lesson="demo")
>>> first = q.questions[0]
>>> first.answer_input.value = first.question.answer      # as a learner would pick it
>>> "Right" in first.feedback.value
True
"""

from __future__ import annotations


import csv
import difflib
import math
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ipywidgets as widgets

import course_lib as _cl
from course_lib.exceptions import CourseError, QuizError, UnknownSourceError

from . import _html
from ._a11y import KEYS_TO_WIDGET, aria_bridge

__all__ = [
    "COLUMNS",
    "Question",
    "QuestionWidget",
    "Quiz",
    "load_bank",
    "quiz",
    "validate_bank",
]

#: The question bank's columns, in order.
COLUMNS: tuple[str, ...] = ("question_id", "lesson", "kind", "prompt", "options", "answer",
                            "tolerance", "explanation", "source_id", "quote")
#: What separates the options of a choice question in the ``options`` cell.
OPTION_SEPARATOR = " | "
KINDS = ("choice", "numeric")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

RIGHT = "Right!"
WRONG = "Not quite."


@dataclass(frozen=True)
class Question:
    """One validated row of the question bank.

    Attributes
    ----------
    question_id, lesson, kind, prompt, explanation, source_id, quote : str
        As in ``quiz.csv``; ``kind`` is ``choice`` or ``numeric``.
    options : tuple of str
        The choices (empty for a numeric question).
    answer : str
        The right option, or the number as written in the bank.
    tolerance : float
        How far a numeric answer may be from ``answer`` and still count (0 for choices).
    row : int
        The question's row in ``quiz.csv`` (1 is the first question, under the header).
    """

    question_id: str
    lesson: str
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: str
    tolerance: float
    explanation: str
    source_id: str
    quote: str
    row: int

    @property
    def number(self) -> float:
        """The numeric answer (numeric questions only)."""
        return _to_number(self.answer)

    def is_right(self, response: Any) -> bool:
        """Whether ``response`` answers the question (a choice, or a number within tolerance).

        Examples
        --------
        >>> q = Question("q", "demo", "numeric", "How many?", (), "6", 0.0, "...", "s", "x", 1)
        >>> q.is_right("6"), q.is_right(7)
        (True, False)
        """
        if self.kind == "choice":
            return response is not None and str(response) == self.answer
        value = response if isinstance(response, (int, float)) else _parse_number(response)
        return value is not None and abs(float(value) - self.number) <= self.tolerance + 1e-9


def _to_number(text: str) -> float:
    return float(str(text).replace(",", "").strip())


def _parse_number(text: Any) -> float | None:
    """A learner's typed number: '4,000', ' 4000 ', '4e3'; None when it is not one."""
    if text is None:
        return None
    cleaned = str(text).replace(",", "").replace("\u00a0", "").replace(" ", "").strip()
    if not _NUMBER_TEXT.match(cleaned):
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bank_path() -> Path:
    """Where the question bank lives: ``quiz.csv`` in the course's data folder."""
    return Path(_cl.data_dir()) / "quiz.csv"


def _problem(row: int, qid: str, what: str) -> QuizError:
    who = f" (question_id {qid!r})" if qid else ""
    return QuizError(f"quiz.csv row {row}{who}: {what}. Fix that row in datasets/quiz.csv; "
                     "its columns are " + ", ".join(COLUMNS) + ".")


def validate_bank(rows: list[dict[str, str]], *, check_sources: bool = True) -> list[Question]:
    """Check every row of a question bank and return the questions.

    Parameters
    ----------
    rows : list of dict
        The bank's rows as text (``csv.DictReader`` output), in file order.
    check_sources : bool, default True
        Also check that each ``source_id`` exists and its ``quote`` is verbatim in that source
        (whitespace normalised only, the rule every dataset follows).

    Returns
    -------
    list of Question

    Raises
    ------
    QuizError
        At the first malformed row, saying which row (1 = the first under the header), its
        ``question_id`` and what is wrong: a missing column or cell, an unknown ``kind``, an
        answer that is not among the options, a numeric answer or tolerance that is not a
        number, a repeated ``question_id``, a lesson that is not a slug, an unknown source or a
        quote not found in it.

    Examples
    --------
    >>> validate_bank([{"question_id": "x"}])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    course_lib.exceptions.QuizError: quiz.csv row 1 (question_id 'x'): missing column(s) ...
    """
    questions: list[Question] = []
    seen: dict[str, int] = {}
    sources: dict[str, str] = {}  # source_id -> its whitespace-normalised text
    for number, raw in enumerate(rows, start=1):
        qid = (raw.get("question_id") or "").strip()
        missing = [c for c in COLUMNS if c not in raw]
        if missing:
            raise _problem(number, qid, f"missing column(s) {', '.join(missing)}")
        cell = {c: (raw[c] or "").strip() for c in COLUMNS}
        for required in ("question_id", "lesson", "kind", "prompt", "answer", "explanation",
                         "source_id", "quote"):
            if not cell[required]:
                raise _problem(number, qid, f"the {required!r} cell is empty")
        if not _ID.match(qid):
            raise _problem(number, qid, "a question_id is letters, digits, '-', '_' or '.', "
                           "with no spaces")
        if qid in seen:
            raise _problem(number, qid, f"question_id repeats row {seen[qid]}; ids must be unique")
        seen[qid] = number
        if not _SLUG.match(cell["lesson"]):
            raise _problem(number, qid, f"lesson {cell['lesson']!r} is not a slug (lower-case "
                           "words joined by '-', e.g. 'demo' or '03-who-is-in')")
        kind = cell["kind"]
        if kind not in KINDS:
            close = difflib.get_close_matches(kind.lower(), KINDS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise _problem(number, qid, f"kind {kind!r} is not 'choice' or 'numeric'.{hint}")
        options: tuple[str, ...] = ()
        tolerance = 0.0
        if kind == "choice":
            options = tuple(o.strip() for o in cell["options"].split(OPTION_SEPARATOR.strip())
                            if o.strip())
            if len(options) < 2:
                raise _problem(number, qid, "a choice question needs at least two options, "
                               f"separated by {OPTION_SEPARATOR!r}")
            if len(set(options)) != len(options):
                raise _problem(number, qid, "two options are the same")
            if cell["answer"] not in options:
                close = difflib.get_close_matches(cell["answer"], options, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise _problem(number, qid, f"the answer {cell['answer']!r} is not among the "
                               f"options {list(options)}{hint}")
            if cell["tolerance"]:
                raise _problem(number, qid, "a choice question has no tolerance; leave it empty")
        else:
            if _parse_number(cell["answer"]) is None:
                raise _problem(number, qid, f"the answer {cell['answer']!r} of a numeric "
                               "question is not a number")
            if cell["options"]:
                raise _problem(number, qid, "a numeric question has no options; leave them empty")
            if cell["tolerance"]:
                parsed = _parse_number(cell["tolerance"])
                if parsed is None or parsed < 0:
                    raise _problem(number, qid, f"tolerance {cell['tolerance']!r} is not a "
                                   "number of zero or more")
                tolerance = parsed
        if check_sources:
            source_id = cell["source_id"]
            if source_id not in sources:  # each source read and normalised once per bank
                try:
                    sources[source_id] = _normalise(_cl.source_text(source_id))
                except (UnknownSourceError, KeyError):
                    raise _problem(number, qid, f"source_id {source_id!r} is not in "
                                   "sources.csv") from None
            if _normalise(cell["quote"]) not in sources[source_id]:
                raise _problem(number, qid, f"the quote {cell['quote'][:60]!r}... is not "
                               f"verbatim in source {cell['source_id']!r} (whitespace aside, "
                               "quotes must match the source exactly: curly quotes, dashes)")
        questions.append(Question(qid, cell["lesson"], kind, cell["prompt"], options,
                                  cell["answer"], tolerance, cell["explanation"],
                                  cell["source_id"], cell["quote"], number))
    return questions


@lru_cache(maxsize=4)
def _cached_bank(path: str, mtime: float) -> tuple[Question, ...]:
    del mtime  # part of the cache key: an edited bank is read again
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise QuizError(f"quiz.csv has no column(s) {', '.join(missing)}; its header must "
                            "name " + ", ".join(COLUMNS) + ".")
        rows = list(reader)
    return tuple(validate_bank(rows))


def load_bank() -> list[Question]:
    """Read and validate ``datasets/quiz.csv``.

    Returns
    -------
    list of Question
        Every question, in file order.

    Raises
    ------
    QuizError
        When the file is missing or a row is malformed (which row, and what is wrong).

    Examples
    --------
    >>> from course_lib.widgets.quiz import load_bank
    >>> bank = load_bank()
    >>> all(q.kind in ("choice", "numeric") for q in bank)
    True
    """
    path = bank_path()
    if not path.exists():
        raise QuizError(f"There is no question bank at {path}: the quiz needs datasets/quiz.csv.")
    return list(_cached_bank(str(path), path.stat().st_mtime))


def _source_line(source_id: str) -> str:
    try:
        sources = _cl.load("sources")
        row = sources.loc[sources["source_id"] == source_id].iloc[0]
    except (CourseError, IndexError, KeyError):
        return _html.esc(source_id)
    parts = [f"<i>{_html.esc(row['title'])}</i>"]
    for column in ("author", "outlet", "published"):
        if not _html.is_missing(row.get(column)):
            parts.append(_html.esc(row[column]))
    return ", ".join(parts) + f" [{_html.esc(source_id)}]"


class QuestionWidget(widgets.VBox):
    """One question: the prompt, an answer control, and feedback as soon as it is answered.

    Attributes
    ----------
    question : Question
    answer_input : ipywidgets.RadioButtons or ipywidgets.Text
        Choices for a ``choice`` question; a text box for a ``numeric`` one (a number is
        checked when it is entered; "4,000" and "4000" both read as 4000).
    check_button : ipywidgets.Button
        Checks what is entered (for the text box, also checked on Enter).
    reveal_button : ipywidgets.Button
        Shows the answer and its source, for a learner who is stuck.
    feedback : ipywidgets.HTML
        Empty until answered; then the right- or wrong-answer feedback, and with a right
        answer the explanation and the source it rests on.
    attempts : int
        How many answers were checked.
    correct : bool or None
        The last verdict (None before any answer).
    """

    def __init__(self, question: Question, number: int | None = None) -> None:
        self.question = question
        self.attempts = 0
        self.correct: bool | None = None
        label = f"Q{number}. " if number is not None else ""
        prompt = widgets.HTML(f"<b>{label}</b>{_html.esc(question.prompt)}")
        if question.kind == "choice":
            self.answer_input = widgets.RadioButtons(options=list(question.options), value=None,
                                                     layout=widgets.Layout(width="auto"))
        else:
            self.answer_input = widgets.Text(placeholder="type a number, then Enter",
                                             description="Your answer",
                                             style={"description_width": "auto"},
                                             continuous_update=False,
                                             layout=widgets.Layout(width="16em"))
        self.check_button = widgets.Button(description="Check", button_style="primary",
                                           layout=widgets.Layout(width="7em"))
        self.reveal_button = widgets.Button(description="Show answer",
                                            layout=widgets.Layout(width="9em"))
        self.feedback = widgets.HTML()
        self.answer_input.observe(self._on_answer, names="value")
        self.check_button.on_click(lambda _button: self.check())
        self.reveal_button.on_click(lambda _button: self.reveal())
        super().__init__([prompt, self.answer_input,
                          widgets.HBox([self.check_button, self.reveal_button]), self.feedback],
                         layout=widgets.Layout(margin="0 0 1em 0"))
        self.add_class("csto-quiz-question")
        # one radio group per question (its inputs share a name: Tab reaches the group once,
        # the arrow keys move the choice); set in the page by the quiz's aria bridge
        self.group = f"csto-q-{uuid.uuid4().hex[:10]}"
        self.add_class(self.group)

    def _on_answer(self, change: dict) -> None:
        if change["new"] is None or change["new"] == "":
            return
        self.check()

    def check(self) -> bool | None:
        """Check the answer entered and show the feedback; return the verdict (None if blank)."""
        response = self.answer_input.value
        if response is None or (isinstance(response, str) and not response.strip()):
            self.feedback.value = _note("Pick or type an answer first.", "#595959")
            return None
        if self.question.kind == "numeric" and _parse_number(response) is None:
            self.feedback.value = _note(
                f"“{_html.esc(response)}” is not a number: type digits only, such as 4000 "
                "(commas are fine).", "#595959")
            return None
        self.attempts += 1
        self.correct = self.question.is_right(response)
        if self.correct:
            self.feedback.value = _note(f"✔ {RIGHT}", "#006B4F") + self._explanation()
        else:
            tries = f" (attempt {self.attempts})" if self.attempts > 1 else ""
            self.feedback.value = _note(
                f"✘ {WRONG} “{_html.esc(response)}” is not it{tries}. Try again, or press "
                "“Show answer”.", "#B34700")
        return self.correct

    def reveal(self) -> None:
        """Show the right answer, the explanation and the source."""
        answer = self.question.answer
        self.feedback.value = (_note(f"The answer is <b>{_html.esc(answer)}</b>.", "#1A1A1A")
                               + self._explanation())

    def _explanation(self) -> str:
        q = self.question
        return (f'<div style="margin-top:0.3em">{_html.esc(q.explanation)}</div>'
                f'<div style="margin-top:0.3em;padding-left:0.7em;border-left:3px solid #56B4E9">'
                f"“{_html.esc(q.quote)}”<br>{_html.muted('Source: ' + _source_line(q.source_id))}"
                "</div>")


def _note(text: str, color: str) -> str:
    """The verdict line: in words (never colour alone), and announced by screen readers (an
    alert is read out as soon as it appears, even though the HTML around it is replaced)."""
    return f'<div role="alert" style="color:{color};font-weight:600">{text}</div>'


class Quiz(widgets.VBox):
    """A column of questions with a running score.

    Attributes
    ----------
    questions : list of QuestionWidget
    score : ipywidgets.HTML
        "N of M answered right".
    """

    def __init__(self, questions: list[Question], title: str | None = None) -> None:
        self.questions = [QuestionWidget(q, i if len(questions) > 1 else None)
                          for i, q in enumerate(questions, start=1)]
        self.score = widgets.HTML()
        for item in self.questions:
            item.feedback.observe(lambda _change: self._update_score(), names="value")
        head = [widgets.HTML(f"<h4 style='margin:0.2em 0'>{_html.esc(title)}</h4>")] if title else []
        rules = dict(KEYS_TO_WIDGET)
        rules.update({f".{q.group} input[type=radio]": {"name": q.group}
                      for q in self.questions if q.question.kind == "choice"})
        self.aria = aria_bridge(".csto-quiz", rules)
        super().__init__(head + list(self.questions)
                         + ([self.score] if len(questions) > 1 else []) + [self.aria])
        self.add_class("csto-quiz")
        self._update_score()

    def _update_score(self) -> None:
        right = sum(1 for q in self.questions if q.correct)
        self.score.value = _html.muted(f"{right} of {len(self.questions)} answered right")


def quiz(question_id: str | list[str] | None = None, *, lesson: str | None = None) -> Quiz:
    """Quick-check questions from the course's question bank, with immediate feedback.

    Parameters
    ----------
    question_id : str or list of str, optional
        One question (or several) by id.
    lesson : str, optional
        Every question of a lesson (its slug, e.g. ``"demo"``). With neither argument, the
        ``demo`` questions.

    Returns
    -------
    Quiz
        An ``ipywidgets.VBox``; it shows when it is the last expression of a cell.

    Raises
    ------
    QuizError
        For an unknown question id or lesson ("did you mean ...?"), or a malformed bank.

    Examples
    --------
    >>> import course_lib as cl
    >>> q = cl.widgets.quiz(lesson="demo")
    >>> len(q.questions) >= 1
    True
    """
    bank = load_bank()
    if question_id is not None:
        wanted = [question_id] if isinstance(question_id, str) else list(question_id)
        by_id = {q.question_id: q for q in bank}
        chosen = []
        for qid in wanted:
            if qid not in by_id:
                close = difflib.get_close_matches(str(qid), list(by_id), n=3)
                hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                raise QuizError(f"No quiz question {qid!r}.{hint} The question ids are in the "
                                "question_id column of datasets/quiz.csv.")
            chosen.append(by_id[qid])
        if lesson is not None:
            chosen = [q for q in chosen if q.lesson == lesson]
            if not chosen:
                raise QuizError(f"None of the questions {wanted} belongs to lesson {lesson!r}; "
                                "leave out lesson= to show them anyway.")
        return Quiz(chosen)
    lesson = "demo" if lesson is None else str(lesson)
    chosen = [q for q in bank if q.lesson == lesson]
    if not chosen:
        lessons = sorted({q.lesson for q in bank})
        close = difflib.get_close_matches(lesson, lessons, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise QuizError(f"No quiz questions for lesson {lesson!r}.{hint} Lessons with questions: "
                        f"{', '.join(lessons) or 'none yet'}.")
    return Quiz(chosen)
