"""The bad-submission corpus: every kind of file a class hands in, made from the built exercise.

``make_corpus(folder, ...)`` writes one file per kind into ``folder`` and returns what a grader
must make of each (:class:`Expect`). Every kind is built from the real learner notebook and its
solution, so the corpus follows the exercise when questions change.

Run it by hand to look at the files::

    python tests/grading/corpus.py /tmp/corpus
"""

from __future__ import annotations

import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

__all__ = ["Expect", "make_corpus", "KINDS"]


@dataclass
class Expect:
    """What grading one corpus file must give.

    Attributes
    ----------
    status : str
        The row's status.
    score : str
        ``"full"``, ``"zero"``, ``"partial"`` or ``"none"`` (no score: not graded).
    message : str
        A regular expression the row's message must match ("" for no requirement).
    statuses : dict
        Question name -> required status.
    """

    status: str
    score: str
    message: str = ""
    statuses: dict[str, str] = field(default_factory=dict)


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _dump(nb: dict[str, Any]) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def _src(cell: dict[str, Any]) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _answer_index(nb: dict[str, Any], question: str) -> int:
    """Index of the (last) answer cell before ``grader.check("question")``."""
    last = None
    for i, cell in enumerate(nb["cells"]):
        if "otter_answer_cell" in cell.get("metadata", {}).get("tags", []) and cell["cell_type"] == "code":
            last = i
        if cell["cell_type"] == "code" and f'grader.check("{question}")' in _src(cell):
            assert last is not None, question
            return last
    raise KeyError(question)


def _code(source: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def make_corpus(folder: Path, blank: Path, solved: Path, other_solved: Path, questions: list[str]) -> dict[str, Expect]:
    """Write the corpus into ``folder``; return file name -> :class:`Expect`.

    Parameters
    ----------
    folder : pathlib.Path
    blank, solved : pathlib.Path
        The learner notebook of the class's exercise, and the same with its solutions.
    other_solved : pathlib.Path
        A solved notebook of another exercise.
    questions : list of str
        The class exercise's auto-graded questions (at least four).
    """
    folder.mkdir(parents=True, exist_ok=True)
    b, s = _load(blank), _load(solved)
    q1, q2, q3, q4 = questions[:4]
    out: dict[str, Expect] = {}

    def write(name: str, text: str | bytes, expect: Expect) -> None:
        p = folder / name
        p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        out[name] = expect

    def variant(edit: Callable[[dict[str, Any]], None], base: dict[str, Any] = s) -> str:
        nb = copy.deepcopy(base)
        edit(nb)
        return _dump(nb)

    def set_answer(nb: dict[str, Any], q: str, source: str) -> None:
        nb["cells"][_answer_index(nb, q)]["source"] = source

    def blank_answer(q: str) -> str:
        return _src(b["cells"][_answer_index(b, q)])

    write("01-solved.ipynb", _dump(s), Expect("graded", "full", "", {q: "passed" for q in questions}))
    write("02-blank.ipynb", _dump(b), Expect("graded", "zero", "", {q: "not attempted" for q in questions}))

    def half(nb):
        set_answer(nb, q3, blank_answer(q3))
        set_answer(nb, q4, blank_answer(q4))
    write("03-half-done.ipynb", variant(half),
          Expect("graded", "partial", "", {q1: "passed", q2: "passed", q3: "not attempted", q4: "not attempted"}))

    write("04-syntax-error.ipynb", variant(lambda nb: set_answer(nb, q3, "q3_answer = sorted(\n")),
          Expect("graded", "partial", r"SyntaxError", {q1: "passed", q3: "failed"}))
    write("05-cell-raises.ipynb", variant(lambda nb: set_answer(nb, q2, "result = 1 / 0\n")),
          Expect("graded", "partial", r"ZeroDivisionError", {q1: "passed", q2: "failed", q3: "passed"}))
    write("06-endless-loop.ipynb", variant(lambda nb: set_answer(nb, q3, "while True:\n    pass\n")),
          Expect("graded", "partial", r"ran longer than .* stopped", {q1: "passed", q3: "failed", q4: "passed"}))

    def sys_exit(nb):
        nb["cells"].insert(_answer_index(nb, q2), _code("import sys\nsys.exit('I give up')\n"))
    write("07-sys-exit.ipynb", variant(sys_exit), Expect("graded", "full", r"SystemExit", {}))

    def os_exit(nb):
        nb["cells"].insert(_answer_index(nb, q3), _code("import os\nos._exit(3)\n"))
    write("08-kernel-killed.ipynb", variant(os_exit), Expect("graded", "full", r"stopped the Python kernel", {}))

    def no_checks(nb):
        nb["cells"] = [c for c in nb["cells"] if "grader.check" not in _src(c)]
    write("09-test-cells-deleted.ipynb", variant(no_checks), Expect("graded", "full", "", {}))

    def renamed(nb):
        for q in (q1, q2):
            i = _answer_index(nb, q)
            nb["cells"][i]["source"] = re.sub(r"\bq(\d)_", r"answer\1_", _src(nb["cells"][i]))
    write("10-answers-renamed.ipynb", variant(renamed),
          Expect("graded", "partial", "", {q1: "failed", q2: "failed", q3: "passed"}))

    def wrong_types(nb):
        for q in questions:
            i = _answer_index(nb, q)
            names = dict.fromkeys(re.findall(r"^(q\d\w*)\s*=", _src(nb["cells"][i]), re.MULTILINE))
            # every answer of the question the wrong type: text for a value, bytes for text
            # (str() of text is the same text)
            nb["cells"][i]["source"] = _src(nb["cells"][i]) + "".join(
                f"\n{var} = {var}.encode() if isinstance({var}, str) else str({var})" for var in names
            ) + "\n"
    write("11-wrong-types.ipynb", variant(wrong_types),
          Expect("graded", "zero", "", {q: "failed" for q in questions}))

    write("12-empty.ipynb", b"", Expect("error", "none", r"empty"))
    text = _dump(s)
    write("13-truncated.ipynb", text[: len(text) // 2], Expect("error", "none", r"cut short|not valid JSON"))
    write("14-not-a-notebook.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
          Expect("error", "none", r"not a notebook"))
    write("15-json-not-notebook.ipynb", '{"answer": 42}\n', Expect("error", "none", r"not a Jupyter notebook"))
    write("16-other-exercise.ipynb", other_solved.read_text(encoding="utf-8"),
          Expect("wrong exercise", "none", r"notebook for \d\d-"))

    def enormous(nb):
        big = "x" * 1000 + "\n"
        nb["cells"][1].setdefault("outputs", [])
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": big * 2000}]
                break
        nb["cells"].insert(_answer_index(nb, q1), _code("print('spam ' * 20_000_000)\n"))
    write("17-enormous-output.ipynb", variant(enormous), Expect("graded", "full", "", {}))

    def overwrite_tests(nb):
        fake = (
            "OK_FORMAT = True\n"
            "test = {'name': NAME, 'points': 4, 'suites': [{'cases': [{'code': '>>> assert True\\n', "
            "'hidden': False, 'locked': False}], 'scored': True, 'setup': '', 'teardown': '', 'type': 'doctest'}]}\n"
        )
        attack = "\n".join([
            "import pathlib",
            "import course_lib.grading.exercises as ex",
            f"FAKE = {fake!r}",
            "targets = ['tests']",
            "try:",
            "    import otter",
            "    targets.append(otter.Notebook._tests_dir_override or 'tests')",
            "except Exception:",
            "    pass",
            "targets += [str(p) for p in (ex.course_root() / 'exercises').glob('*/tests')]",
            f"for d in targets:",
            f"    for q in {questions!r}:",
            "        try:",
            "            pathlib.Path(d).mkdir(parents=True, exist_ok=True)",
            "            pathlib.Path(d, q + '.py').write_text(FAKE.replace('NAME', repr(q)))",
            "        except OSError as err:",
            "            print('refused:', d, err)",
        ])
        nb["cells"].insert(1, _code(attack))
    write("18-writes-over-tests.ipynb", variant(overwrite_tests, base=b),
          Expect("graded", "zero", "", {q: "not attempted" for q in questions}))

    def stripped(nb):
        nb["metadata"] = {}
    write("19-metadata-stripped.ipynb", variant(stripped), Expect("graded", "full", "", {}))
    return out


KINDS = [
    "solved", "blank", "half done", "syntax error", "cell raises", "endless loop", "sys.exit",
    "kernel killed (os._exit)", "test cells deleted", "answers renamed", "wrong types", "empty file",
    "truncated JSON", "not a notebook", "JSON but not a notebook", "another exercise",
    "enormous output", "writes over the tests", "metadata stripped",
]


if __name__ == "__main__":  # python tests/grading/corpus.py OUT_DIR
    from course_lib.grading import find_exercise
    from course_lib.grading.build import ensure_autograder

    ex, other = find_exercise("03"), find_exercise("04")
    ensure_autograder(ex)
    ensure_autograder(other)
    made = make_corpus(
        Path(sys.argv[1]), ex.notebook, ex.artifacts / f"{ex.name}-solution.ipynb",
        other.artifacts / f"{other.name}-solution.ipynb", [q.name for q in ex.auto_questions],
    )
    for name, expect in made.items():
        print(f"{name:32} {expect.status:15} {expect.score}")
