"""The quick checks the lessons ask: they can be answered, and their answers agree with the data.

Parametrised over every ``quiz(...)`` call in ``notebooks/*.ipynb``: a new quick check in a
lesson is checked here without a line of test code. ``COMPUTED`` holds, for questions whose
answer the datasets determine, how to compute that answer: if the data changes and the answer
no longer follows, the question (or the data) must be fixed.
"""

from __future__ import annotations

import nbformat
import pytest

import course_lib as cl

from .conftest import NOTEBOOKS
from .test_lessons import _quiz_bank, _quiz_questions

widgets = pytest.importorskip("ipywidgets")


def _asked() -> list[tuple[str, str]]:
    bank = _quiz_bank()
    asked = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                asked += [(path.name, qid) for qid in _quiz_questions(cell.source, bank)]
    return asked


ASKED = _asked()


def _countries(event_id: str) -> list[str]:
    events = cl.load("events").set_index("event_id")
    return str(events.loc[event_id, "countries"]).split(";")


def _sources_giving_month_for_2002() -> list[str]:
    events = cl.load("events")
    founding = events[events["category"].eq("institution") & events["date"].str.startswith("2002")]
    return founding.loc[founding["date_precision"] == "month", "source_id"].tolist()


def _figure(subject_start: str) -> float:
    figures = cl.load("figures")
    return float(figures.loc[figures["subject"].str.startswith(subject_start), "value"].iloc[0])


def _rate() -> float:
    money = cl.load("figures").query("category == 'money'").set_index("unit")["value"]
    return float(money["RUB"] / money["USD"])


#: question_id -> a function computing its answer from the datasets (as the bank writes it).
COMPUTED = {
    "00-q1": lambda: {"month": "To the month", "day": "To the day", "year": "To the year"}[
        str(cl.load("memberships").set_index("spell_id").loc["UZB-3", "start_precision"])
    ],
    "02-q1": lambda: str(len(_countries("E006"))),
    "02-q2": lambda: "Belarus" if "BLR" in _countries("E010") and "BLR" not in _countries("E011") else "?",
    "02-q3": lambda: _sources_giving_month_for_2002()[0],
    "03-q1": lambda: str(int(cl.members_on("2010-01-01")["counts_as_member"].sum())),
    "03-q2": lambda: (
        "The source cannot tell: 1 June falls inside the year it joined"
        if not cl.members_on("1993-06-01").set_index("iso3").loc["BLR", "certain"]
        else "Yes"
    ),
    "03-q3": lambda: next(
        status
        for status in ("member", "frozen", "suspended")
        if not _counts_as_member_when(status)
    ),
    "04-q1": lambda: f"{_figure('Elite personnel of the CSTO rapid-reaction force'):.0f}",
    "04-q3": lambda: f"{_rate():.0f}",
    "07-q3": lambda: {
        "stated": "It is printed on the page",
        "context": "It is inferred from the explainer's own text",
        "outside": "It comes from outside the sources: the text says only “this week”",
    }[str(cl.load("sources").set_index("source_id").loc["explainer-2022", "published_basis"])],
}


def _counts_as_member_when(status: str) -> bool:
    """Whether members_on counts a state with this status, on a date where one has it."""
    for date in ("2010-01-01", "2013-01-01", "2024-12-31"):
        frame = cl.members_on(date)
        rows = frame[frame["status"] == status]
        if len(rows):
            return bool(rows["counts_as_member"].iloc[0])
    raise AssertionError(f"no state has status {status!r} on the dates tried")


@pytest.mark.parametrize("notebook, question_id", ASKED, ids=[f"{n}:{q}" for n, q in ASKED])
def test_a_quick_check_takes_its_answer_and_refuses_a_wrong_one(notebook, question_id):
    quiz = cl.widgets.quiz(question_id)
    (item,) = quiz.questions
    question = item.question
    wrong = (
        next(option for option in question.options if option != question.answer)
        if question.kind == "choice"
        else str(float(question.answer) + 10 * (float(question.tolerance or 0) + 1))
    )
    item.answer_input.value = wrong
    assert item.check() is False and "✘" in item.feedback.value
    item.answer_input.value = question.answer if question.kind == "choice" else str(question.answer)
    assert item.check() is True and "✔" in item.feedback.value
    assert question.source_id in item.feedback.value or question.quote[:30] in item.feedback.value


@pytest.mark.parametrize(
    "question_id", sorted(set(COMPUTED) & {q for _, q in ASKED}) or ["(none asked)"]
)
def test_a_quick_check_answer_follows_from_the_data(question_id):
    if question_id == "(none asked)":
        pytest.fail("no lesson asks a question whose answer is computed here")
    bank = _quiz_bank()
    expected = bank[question_id]["answer"]
    computed = COMPUTED[question_id]()
    if bank[question_id]["kind"] == "numeric":
        tolerance = float(bank[question_id]["tolerance"] or 0)
        assert abs(float(computed) - float(expected)) <= tolerance, (
            f"{question_id}: the bank's answer is {expected}, the data now give {computed}"
        )
    else:
        assert computed == expected, f"{question_id}: the bank's answer is {expected!r}, the data give {computed!r}"
