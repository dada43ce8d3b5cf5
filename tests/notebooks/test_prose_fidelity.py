"""The lessons' prose says no more than the sources: what can be checked mechanically.

Parametrised over ``notebooks/*.ipynb`` (the ``lesson`` fixture), so a new lesson gets every
check. The convention these tests enforce is described in CONTRIBUTING.md ("Writing prose:
true to the sources"):

- Knowledge from outside the five sources goes in an aside: a blockquote that opens with the
  exact label ``> **Outside the sources.** `` (plain Markdown: it renders the same in
  JupyterLab, in the Sphinx/myst-nb book and on GitHub, with no HTML or CSS).
- Phrases known to come from outside the sources appear only inside such an aside.
- Phrases that are one source's claim appear only in quotation marks, as that source's words.
- A sentence that names a year before 2002 and speaks of the CSTO or its members also uses the
  treaty's wording (the organization dates from 2002; before, states were parties to the
  Collective Security Treaty).
- An exercise its source describes as a plan is called a plan wherever a paragraph names it.

Only the lessons' own prose is read: markdown cells (navigation cells are generated and
skipped), and the string literals of code cells (chart titles, printed text), where an aside
cannot be written, so an outside phrase there always fails.
"""

from __future__ import annotations

import ast
import csv
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT, load_navigation_script

LABEL = "**Outside the sources.**"
ASIDE_OPENING = f"> {LABEL} "

# A blockquote line that looks like an attempt at the label (any emphasis, any punctuation).
LABEL_LIKE = re.compile(r"^>\s*[*_]{0,2}\s*outside\s+(?:of\s+)?the\s+sources\b", re.IGNORECASE)


@dataclass(frozen=True)
class OutsidePhrase:
    """A phrase known to come from outside the five sources, and why."""

    pattern: str
    why: str
    unless: str | None = None  # a paragraph matching this may use the phrase (a source states it there)

    def finds(self, paragraph: str) -> list[str]:
        if self.unless and re.search(self.unless, paragraph):
            return []
        return [match.group(0) for match in re.finditer(self.pattern, paragraph)]


OUTSIDE_PHRASES = [
    OutsidePhrase(
        r"\b(?:Estonia|Latvia|Lithuania)\b",
        'the reference page says only "the three Baltic Replubics" and names none of them',
    ),
    OutsidePhrase(
        r"\bEurasia Daily Monitor\b|\bJamestown\b",
        "the 2012 digest cites EDM but does not name its own outlet; only the search page's "
        "teaser by Anna Gussarova is said to come from The Jamestown Foundation's Eurasia Daily Monitor",
        unless=r"Gussarova",
    ),
    OutsidePhrase(
        r"\bJanuary 2022\b",
        'the explainer dates the first invocation of Article 4 only "this week"; no source gives the month',
    ),
    OutsidePhrase(
        r"\b(?:30 May|May 30|May|July) 2024\b|\b2024-0[57]\b",
        "the Almaty teaser gives \"30 May\" and Birlestik \"July this year\" without a year; 2024 comes "
        "from knowing when Andrei Belousov became Russia's defence minister",
    ),
    OutsidePhrase(
        r"\bFebruary 2024\b",
        "no source dates Armenia's freeze to February 2024 (the search page says \"August 31\")",
    ),
    OutsidePhrase(
        r"\bSaroyan\b",
        'the republisher\'s footer signs its quotation only "WS"',
    ),
    OutsidePhrase(
        r"\bTokayev\b",
        'the explainer says only "the President" of Kazakhstan',
    ),
]

# A sentence that names its own origin outside the sources is marked, aside or not.
INLINE_MARK = re.compile(r"outside the (?:five )?sources|other reporting|beyond the (?:five )?sources", re.IGNORECASE)

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def outside_dates(datasets: Path = ROOT / "datasets") -> list[OutsidePhrase]:
    """The dates the data itself marks as known from outside the sources, as prose would write them.

    Every date field ``F`` with ``F_basis == "outside"`` and a day or month precision gives
    "January 2022" (month), or "30 May 2024" and "May 30, 2024" (day). Years alone are left out:
    a bare year is too common in prose to tell one use from another.
    """
    phrases: dict[str, str] = {}
    for path in sorted(datasets.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column, basis in row.items():
                    if not column or not column.endswith("_basis") or basis != "outside":
                        continue
                    field = column[: -len("_basis")]
                    value, precision = row.get(field) or "", row.get(f"{field}_precision")
                    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
                    if not match or precision not in ("day", "month"):
                        continue
                    year, month = match.group(1), MONTHS[int(match.group(2)) - 1]
                    if precision == "month":
                        pattern = rf"\b{month} {year}\b"
                    else:
                        day = int(match.group(3))
                        pattern = rf"\b{day} {month} {year}\b|\b{month} {day}, {year}\b"
                    key = next(iter(row.values()))
                    phrases.setdefault(pattern, f"{path.stem} {key}: its {field} has basis 'outside'")
    return [OutsidePhrase(pattern, why) for pattern, why in phrases.items()]


def outside_source_dates(datasets: Path = ROOT / "datasets") -> list[OutsidePhrase]:
    """A source whose publication date is known only from outside the sources, named by that year.

    ``sources.csv`` marks the explainer's ``published`` (``2022-01``) as ``outside``: its text says
    only "this week". So "the 2022 explainer", "the explainer of 2022" or "the explainer (2022)"
    date it as if it said so. Its id (``explainer-2022``) is a label and passes.
    """
    phrases = []
    with (datasets / "sources.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("published_basis") != "outside" or not row.get("published"):
                continue
            year, kind = re.escape(row["published"][:4]), re.escape(row["kind"])
            phrases.append(
                OutsidePhrase(
                    rf"(?<!-)\b{year}\s+{kind}\b|\b{kind}\s+(?:of|from|written in|dated|published in)\s+{year}\b"
                    rf"|\b{kind}\s*\(\s*{year}\s*\)",
                    f"sources {row['source_id']}: its published date has basis 'outside' (the text gives no date); "
                    f"call it the {row['kind']}, or mark the year as from outside the sources",
                )
            )
    return phrases


# One source's claim: use it only as that source's words, inside quotation marks.
QUOTED_ONLY = {
    "eight socialist states": "only the explainer says the Warsaw Pact was an alliance of eight socialist states",
}

# An exercise its source reports as a plan: a paragraph naming it must say so.
PLANNED = {
    "Birlestik": r"\bplan|\bwill\b|announced|not (?:call|a CSTO)",
}

PRE_2002_YEAR = re.compile(r"\b(?:19\d\d|200[01])\b")
ORGANIZATION_WORDING = re.compile(
    r"\bCSTO\b|Collective Security Treaty Organi[sz]ation|\bmembers?\b", re.IGNORECASE
)
TREATY_WORDING = re.compile(
    r"\btreaty\b|\bpart(?:y|ies)\b|\bTashkent\b|\bCST\b|\bpact\b|\bsign(?:ed|s|atories|atory)?\b",
    re.IGNORECASE,
)

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"“(*A-Z0-9])")


def _prose(nb) -> list[tuple[str, str]]:
    """(where, text) for each authored markdown cell, code fences and inline code removed."""
    navigation = load_navigation_script()
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or navigation._is_generated(cell):
            continue
        text = FENCE.sub("", cell.source)
        text = LINK_TARGET.sub("]", INLINE_CODE.sub("", text))
        cells.append((f"cell {index} ({cell.get('id', '?')})", text))
    return cells


def _blocks(text: str) -> list[tuple[bool, str]]:
    """Split markdown into blocks: (is_aside, text). A blockquote is one block however long."""
    blocks: list[tuple[bool, str]] = []
    current: list[str] = []
    quoting = False

    def close():
        if current:
            joined = "\n".join(current)
            blocks.append((quoting and joined.startswith(ASIDE_OPENING), joined))
            current.clear()

    for line in text.splitlines():
        is_quote = line.startswith(">")
        if not line.strip() or is_quote != quoting or (not is_quote and re.match(r"\s*(?:[-*] |\d+\. |\|)", line)):
            close()
            quoting = is_quote
        if line.strip():
            current.append(line)
    close()
    return blocks


def _code_strings(nb) -> list[tuple[str, str]]:
    """(where, text) for every string literal in the code cells (f-strings: their literal parts)."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines()
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((f"cell {index} ({cell.get('id', '?')}), code", node.value))
    return found


def _flat(block: str) -> str:
    """One line, blockquote markers dropped, so that a quotation broken across lines is one span."""
    return " ".join(line.lstrip("> ").strip() for line in block.splitlines())


def _sentences(block: str) -> list[str]:
    """The block's sentences, with the words in quotation marks (a source's own) taken out."""
    flat = QUOTED.sub("", _flat(block))
    return [sentence for sentence in SENTENCE_END.split(flat) if sentence.strip()]


def label_problems(nb) -> list[str]:
    """Asides whose label is not exactly ``> **Outside the sources.** `` followed by text."""
    problems = []
    for where, text in _prose(nb):
        for line in text.splitlines():
            if LABEL_LIKE.match(line) and not line.startswith(ASIDE_OPENING):
                problems.append(
                    f"{where}: {line[:70]!r} looks like an outside-the-sources aside; open it with "
                    f"exactly {ASIDE_OPENING!r} followed by the text"
                )
            elif line.startswith(ASIDE_OPENING) and not line[len(ASIDE_OPENING):].strip():
                problems.append(f"{where}: the aside's label is followed by nothing; say what is outside")
            elif LABEL in line and not line.startswith(ASIDE_OPENING):
                problems.append(
                    f"{where}: the label {LABEL!r} opens a blockquote (\"{ASIDE_OPENING}...\"); "
                    f"found inside a line: {line[:70]!r}"
                )
    return problems


OUTSIDE_DATES = outside_dates() + outside_source_dates()


def outside_phrase_problems(nb) -> list[str]:
    """Known outside phrases in prose outside an aside, or in code cells' strings.

    A sentence that says where it comes from ("other reporting dates it to ...") marks itself,
    and passes.
    """
    problems = []
    places = [(where, block) for where, text in _prose(nb) for aside, block in _blocks(text) if not aside]
    places += _code_strings(nb)
    for where, text in places:
        flat = _flat(text)
        for phrase in OUTSIDE_PHRASES + OUTSIDE_DATES:
            if phrase.unless and re.search(phrase.unless, flat):
                continue
            for sentence in SENTENCE_END.split(flat):
                if INLINE_MARK.search(sentence):
                    continue
                for found in phrase.finds(sentence):
                    problems.append(
                        f"{where}: {found!r} is outside the sources ({phrase.why}); "
                        f"move it into an aside opening {ASIDE_OPENING!r}, or say only what the source says"
                    )
    return problems


def quoted_only_problems(nb) -> list[str]:
    """One source's claim written as plain fact, outside quotation marks."""
    problems = []
    for where, text in _prose(nb) + _code_strings(nb):
        unquoted = QUOTED.sub("", _flat(text))
        for phrase, why in QUOTED_ONLY.items():
            if phrase in unquoted:
                problems.append(f"{where}: {phrase!r} stated as plain fact; {why}: quote it and name the source")
    return problems


def treaty_problems(nb) -> list[str]:
    """Sentences that put the CSTO or its members in a year before 2002 without the treaty's wording."""
    problems = []
    texts = [(where, block) for where, text in _prose(nb) for _, block in _blocks(text)]
    texts += _code_strings(nb)
    for where, text in texts:
        for sentence in _sentences(text):
            if (
                PRE_2002_YEAR.search(sentence)
                and ORGANIZATION_WORDING.search(sentence)
                and not TREATY_WORDING.search(sentence)
            ):
                problems.append(
                    f"{where}: {sentence[:160]!r} names a year before 2002 and speaks of the CSTO or its "
                    "members: before 2002 states were parties to the Collective Security Treaty; say so"
                )
    return problems


def plan_problems(nb) -> list[str]:
    """Paragraphs that name a planned exercise without saying it was a plan."""
    problems = []
    for where, text in _prose(nb):
        for _, block in _blocks(text):
            for name, plan_words in PLANNED.items():
                if name in block and not re.search(plan_words, block):
                    problems.append(
                        f"{where}: {name} is named without saying it was planned (its source: contingents "
                        f'"will jointly work out" tasks): {block[:120]!r}'
                    )
    return problems


CHECKS = {
    "label": label_problems,
    "outside": outside_phrase_problems,
    "quoted": quoted_only_problems,
    "treaty": treaty_problems,
    "plan": plan_problems,
}


@pytest.mark.parametrize("check", CHECKS)
def test_lesson_prose_says_no_more_than_its_sources(lesson, check):
    path, nb = lesson
    problems = CHECKS[check](nb)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def _notebook(markdown: str = "", code: str = ""):
    cells = [nbformat.v4.new_markdown_cell(markdown)] if markdown else []
    cells += [nbformat.v4.new_code_cell(code)] if code else []
    return nbformat.v4.new_notebook(cells=cells)


# Each check, shown a regression it exists to catch and a sentence it must let through.
REGRESSIONS = [
    ("label", "> *Outside the sources:* the explainer is undated.", True),
    ("label", "Inline **Outside the sources.** is not an aside.", True),
    ("label", f"{ASIDE_OPENING}The explainer is undated.", False),
    ("outside", "Neither is party, nor the Baltic states (Estonia, Latvia and Lithuania).", True),
    ("outside", f"{ASIDE_OPENING}The three Baltic Republics are Estonia, Latvia and Lithuania.", False),
    ("outside", "The Eurasia Daily Monitor digest gives no year.", True),
    ("outside", "A teaser republishes Anna Gussarova's piece from the Eurasia Daily Monitor.", False),
    ("outside", "The CSTO invoked Article 4 in\nJanuary 2022.", True),
    ("outside", "Armenia froze its participation in February 2024.", True),
    ("outside", "The source says August 31; other reporting dates the freeze to February 2024.", False),
    ("outside", "The 2022 explainer says six member states.", True),
    ("outside", "Seven in the 2007 article, six in the explainer of 2022.", True),
    ("outside", "The explainer (explainer-2022) says six member states.", False),
    ("outside", "January 2022 is knowledge from outside the five sources.", False),
    ("quoted", "The Warsaw Pact, an alliance of eight socialist states, dissolved.", True),
    ("quoted", 'The explainer calls the Warsaw Pact "an alliance of eight\nsocialist states".', False),
    ("treaty", "Belarus has been a member since 1993.", True),
    ("treaty", "In mid-1993 the plain count says 9 members.", True),
    ("treaty", "Belarus joined the treaty in 1993 and is a CSTO member today.", False),
    ("treaty", 'The source says "the CSTO" of 1999, in its own words.', False),
    ("plan", "At Birlestik, Azerbaijan and Uzbekistan took part.", True),
    ("plan", 'Birlestik was a plan: contingents "will jointly work out" tasks.', False),
]


@pytest.mark.parametrize("check, markdown, flagged", REGRESSIONS)
def test_each_check_catches_its_regression(check, markdown, flagged):
    assert bool(CHECKS[check](_notebook(markdown))) is flagged


@pytest.mark.parametrize(
    "check, code",
    [
        ("treaty", 'ax.set_title("CSTO membership on 1 June 1993")'),
        ("outside", 'print(f"Article 4 was invoked in January 2022, {n} states")'),
    ],
)
def test_code_cells_strings_are_checked_too(check, code):
    assert CHECKS[check](_notebook(code="%matplotlib inline\n" + code))


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (f"{ASIDE_OPENING}Known elsewhere.\n> Second line.\n\nPlain prose.", [True, False]),
        ("> A quoted answer.\n\nPlain prose.", [False, False]),
        ("- item one\n- item two", [False, False]),
    ],
)
def test_blocks_tell_asides_from_prose(markdown, expected):
    assert [aside for aside, _ in _blocks(markdown)] == expected


def test_dates_the_data_marks_outside_become_phrases(tmp_path):
    (tmp_path / "events.csv").write_text(
        "event_id,date,date_precision,date_basis\n"
        "E1,2022-01,month,outside\n"
        "E2,2024-05-30,day,outside\n"
        "E3,2012-10-08,day,context\n"
        "E4,2021,year,outside\n",
        encoding="utf-8",
    )
    phrases = outside_dates(tmp_path)
    found = [p.finds("in January 2022, on 30 May 2024, on May 30, 2024, on 8 October 2012, in 2021") for p in phrases]
    assert sorted(sum(found, [])) == ["30 May 2024", "January 2022", "May 30, 2024"]


# The same checks on the other learner-facing text about the CSTO: the quick checks' questions
# and explanations (datasets/quiz.csv) and the graded sets (solutions/*.ipynb: questions, hints,
# model answers and the rubrics in the notebook metadata). Each text becomes a markdown cell of a
# stand-in notebook; asides work the same way (in a hint or a quiz explanation, where a
# blockquote cannot be written, the sentence names its outside origin instead).
TEXT_CHECKS = ["outside", "quoted", "treaty", "plan"]
FAILURE_MESSAGE = re.compile(r'^failure_message:\s*"(.*)"\s*$', re.MULTILINE)


def _quiz_rows() -> list[dict[str, str]]:
    with (ROOT / "datasets" / "quiz.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def quiz_texts(row: dict[str, str]) -> list[str]:
    """The learner-facing text of one quick check (its quote is checked against its source elsewhere)."""
    return [row["prompt"], row["options"].replace(" | ", "; "), row["explanation"]]


def solution_texts(nb) -> list[str]:
    """A graded set's markdown, hints (``failure_message``) and rubrics (criteria, model answers)."""
    texts = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    for cell in nb.cells:
        if cell.cell_type == "code":
            texts += FAILURE_MESSAGE.findall(cell.source)
    for rubric in nb.metadata.get("csto", {}).get("rubrics", {}).values():
        texts.append(rubric.get("model_answer", ""))
        texts += [point["criterion"] for point in rubric.get("points", [])]
    return [text for text in texts if text.strip()]


def _problems_in(texts: list[str], check: str) -> list[str]:
    return CHECKS[check](nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(t) for t in texts]))


@pytest.mark.parametrize("check", TEXT_CHECKS)
@pytest.mark.parametrize("row", _quiz_rows(), ids=lambda row: row["question_id"])
def test_quick_check_text_says_no_more_than_its_sources(row, check):
    problems = _problems_in(quiz_texts(row), check)
    assert not problems, f"quiz.csv {row['question_id']}:\n" + "\n".join(problems)


SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("check", TEXT_CHECKS)
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda path: path.name)
def test_graded_set_text_says_no_more_than_its_sources(path, check):
    problems = _problems_in(solution_texts(nbformat.read(path, as_version=4)), check)
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_solution_texts_reach_hints_and_rubrics():
    """A regression hidden in a hint or a rubric is found, not only one in the markdown."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell('""" # BEGIN TEST CONFIG\nfailure_message: "The 2022 explainer says six."\n"""')]
    )
    nb.metadata["csto"] = {"rubrics": {"q6": {"model_answer": "Belarus has been a member since 1993.", "points": []}}}
    texts = solution_texts(nb)
    assert _problems_in(texts, "outside") and _problems_in(texts, "treaty")


# The book's hand-written pages (book/*.md; the lesson pages are built from the notebooks).
# A MyST directive such as ```{glossary} holds prose, so it is unwrapped; code fences are not.
BOOK_PAGES = sorted((ROOT / "book").glob("*.md"))
DIRECTIVE_FENCE = re.compile(r"^(```+)\{(?!code)[^}\n]*\}[^\n]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def book_page_notebook(markdown: str):
    """A hand-written page as a one-cell notebook, its prose directives unwrapped."""
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(DIRECTIVE_FENCE.sub(r"\2", markdown))])


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", BOOK_PAGES, ids=lambda path: path.name)
def test_book_page_says_no_more_than_its_sources(path, check):
    problems = CHECKS[check](book_page_notebook(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_book_pages_glossary_prose_is_read():
    """A regression inside ```{glossary} is found; one inside a code fence is not prose."""
    page = "```{glossary}\nArticle 4\n  The course dates that invocation to January 2022.\n```\n"
    assert CHECKS["outside"](book_page_notebook(page))
    assert not CHECKS["outside"](book_page_notebook("```python\nprint('January 2022')\n```\n"))
