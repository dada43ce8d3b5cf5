"""Every lesson notebook keeps the course's promises.

Parametrised over ``notebooks/*.ipynb``: a new lesson gets every check below without a line of
test code. The notebooks' stored outputs themselves are compared with a fresh run by nbval
(``pytest --nbval notebooks/``); these tests check the structure a learner relies on and the
outputs as stored.
"""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from .conftest import NOTEBOOKS, ROOT

MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")
ABSOLUTE_PATH = re.compile(
    r"(?<![\w.:/])(?:/home/|/root/|/work/|/tmp/|/Users/|/usr/|/var/|/opt/|file://)"
    r"|(?<![\w\\])[A-Z]:\\{1,2}[\w .-]+\\"  # C:\Users\... (one or two backslashes)
)
EXERCISE_LINK = re.compile(
    r"\(\.\./exercises/(?P<name>(?P<number>\d{2})-[a-z0-9-]+(?:/[A-Za-z0-9_.-]+)*\.ipynb)\)"
)


def _markdown(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _authored_markdown(nb, navigation) -> list[str]:
    return [
        cell.source
        for cell in nb.cells
        if cell.cell_type == "markdown" and not navigation._is_generated(cell)
    ]


def _code(nb) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _outputs(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            yield index, output


def _output_text(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return "\n".join(output.traceback)
    data = output.get("data", {})
    return "\n".join(str(data[kind]) for kind in ("text/plain", "text/html", "text/markdown") if kind in data)


def _quiz_bank() -> dict[str, dict]:
    path = ROOT / "datasets" / "quiz.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["question_id"]: row for row in csv.DictReader(handle)}


def test_there_are_lessons():
    assert NOTEBOOKS, "notebooks/ holds no lesson: the course has nothing to teach"


def test_lesson_numbers_run_from_00_without_gaps(navigation):
    lessons, problems = navigation.discover_lessons(ROOT)
    assert not problems, "\n".join(problems)
    numbers = [int(lesson.number) for lesson in lessons]
    assert numbers == list(range(len(numbers))), (
        f"lesson numbers {numbers}: they should run 00, 01, 02, ... with no gap or repeat"
    )


def test_navigation_is_up_to_date():
    script = ROOT / "scripts" / "make_navigation.py"
    run = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, (
        f"navigation is stale; run `python scripts/make_navigation.py`:\n{run.stdout}{run.stderr}"
    )


def test_lesson_file_name_is_nn_slug(lesson, navigation):
    path, _ = lesson
    assert navigation.LESSON_NAME.match(path.name), (
        f"{path.name}: lessons are named NN-slug.ipynb, e.g. 03-who-is-in.ipynb"
    )


def test_navigation_cells_open_and_close_the_lesson(lesson, navigation):
    path, nb = lesson
    first, last = nb.cells[0], nb.cells[-1]
    for where, cell in (("first", first), ("last", last)):
        assert cell.cell_type == "markdown" and navigation.NAV_TAG in cell.metadata.get("tags", []), (
            f"{path.name}: the {where} cell should be the generated navigation cell; "
            "run `python scripts/make_navigation.py`"
        )
        assert "Launch on Binder" in cell.source and "Contents" in cell.source


def test_lesson_has_title_questions_objectives_time(lesson, navigation):
    path, nb = lesson
    authored = _authored_markdown(nb, navigation)
    assert authored and re.search(r"^# \S", authored[0], re.MULTILINE), (
        f"{path.name}: the first markdown cell after the navigation should open with a '# Title'"
    )
    text = "\n".join(authored)
    for label in ("Questions", "Objectives"):
        assert re.search(rf"^\s*(\*\*{label}\*\*|#+\s*{label})", text, re.MULTILINE), (
            f"{path.name}: no '**{label}**' block in the lesson overview"
        )
    assert re.search(r"^\s*\*\*Time:?\*\*:?\s*\d+", text, re.MULTILINE), (
        f"{path.name}: no '**Time:** NN minutes' line in the lesson overview"
    )


def test_lesson_has_key_points(lesson, navigation):
    path, nb = lesson
    text = "\n".join(_authored_markdown(nb, navigation))
    assert re.search(r"^#+\s*Key points", text, re.MULTILINE), (
        f"{path.name}: no '## Key points' section"
    )


def test_lesson_points_to_its_graded_exercise(lesson, navigation):
    path, nb = lesson
    number = path.name[:2]
    text = "\n".join(_authored_markdown(nb, navigation))
    links = list(EXERCISE_LINK.finditer(text))
    assert links, f"{path.name}: no link to a graded exercise (../exercises/NN-slug/NN-slug.ipynb)"
    own = sorted((ROOT / "solutions").glob(f"{number}-*.ipynb"))
    if own:  # a lesson with its own exercise set must point at it
        assert any(link["number"] == number for link in links), (
            f"{path.name}: solutions/{own[0].name} exists, but the lesson does not link to "
            f"../exercises/{own[0].stem}/{own[0].name}"
        )
    for link in links:
        assert (ROOT / "exercises" / link["name"]).exists(), (
            f"{path.name} links to exercises/{link['name']}, which does not exist "
            "(run `make exercises`, or fix the link)"
        )


def test_every_code_cell_ran_once_in_order(lesson):
    path, nb = lesson
    counts = [cell.execution_count for cell in _code(nb)]
    assert counts, f"{path.name}: no code cells"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; store outputs from one top-to-bottom run in a "
        "fresh kernel (jupyter nbconvert --to notebook --execute --inplace)"
    )


def test_lesson_has_a_chart(lesson):
    path, nb = lesson
    assert any("image/png" in output.get("data", {}) for _, output in _outputs(nb)), (
        f"{path.name}: no stored PNG chart; every lesson shows at least one (executed with "
        "MPLBACKEND=Agg and no `%matplotlib inline`? then charts are not drawn)"
    )


def test_charts_are_drawn_inline_whatever_the_backend(lesson):
    """`make test` and .ci/run set MPLBACKEND=Agg and nbval's kernels inherit it: without
    `%matplotlib inline` a fresh run would draw no chart, and nbval would fail on every one."""
    path, nb = lesson
    first_chart = next(
        (i for i, cell in enumerate(nb.cells)
         if any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))),
        None,
    )
    if first_chart is None:
        pytest.fail(f"{path.name}: no chart stored (see test_lesson_has_a_chart)")
    before = [cell.source for cell in nb.cells[:first_chart + 1] if cell.cell_type == "code"]
    assert any(re.search(r"^%matplotlib inline", src, re.MULTILINE) for src in before), (
        f"{path.name}: put `%matplotlib inline` in the first code cell; the test suite runs "
        "kernels with MPLBACKEND=Agg, which would otherwise draw nothing"
    )


def test_no_cell_relies_on_a_semicolon_to_hide_a_chart(lesson):
    """nbval runs cells with store_history=False, and then IPython ignores a trailing ';':
    the Figure is shown twice in the test run and nbval fails. Assign it (`fig = ...`) or
    end with plt.show()."""
    path, nb = lesson
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [line for line in cell.source.rstrip().splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        assert not (last.rstrip().endswith(";") and not last.lstrip().startswith("#")), (
            f"{path.name}, cell {index}: ends with ';' ({last.strip()!r}); under nbval a ';' does "
            "not hide the result: write `fig = ...` or end with `plt.show()`"
        )


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WITH_THE_WIDGET = "**With the widget:**"


def _shows_a_widget(cell) -> bool:
    return cell.cell_type == "code" and any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))


def _runs_code(cell) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return cell.cell_type == "code" and bool(lines)


def test_every_widget_has_a_job(lesson):
    """A widget (other than a quick check, which is its own question) is followed by a question
    the learner answers with it, and then by a code cell that confirms the answer: exploring
    leads somewhere, and the learner learns to check what a picture suggests."""
    path, nb = lesson
    bank = _quiz_bank()
    for index, cell in enumerate(nb.cells):
        if not _shows_a_widget(cell) or _quiz_questions(cell.source, bank):
            continue
        question = nb.cells[index + 1] if index + 1 < len(nb.cells) else None
        confirm = nb.cells[index + 2] if index + 2 < len(nb.cells) else None
        assert question is not None and question.cell_type == "markdown" and WITH_THE_WIDGET in question.source, (
            f"{path.name}, cell {index} shows a widget ({cell.source.strip().splitlines()[-1][:60]!r}); the next "
            f"cell should be a markdown question starting {WITH_THE_WIDGET!r} that the learner answers with it"
        )
        assert "?" in question.source, f"{path.name}, cell {index + 1}: the widget question asks nothing"
        assert confirm is not None and _runs_code(confirm) and confirm.get("outputs"), (
            f"{path.name}, cell {index + 2}: after the widget question comes a code cell that confirms the "
            "answer in code, run, with its output stored"
        )
        assert "cl.widgets" not in confirm.source, (
            f"{path.name}, cell {index + 2}: confirm the answer with pandas or course_lib, not with another widget"
        )


def test_no_lesson_builds_a_widget_by_hand(lesson):
    """Widgets live in course_lib.widgets (typed, documented, tested); a lesson calls them. Lines
    of ipywidgets code the course never teaches have no place in a lesson."""
    path, nb = lesson
    for index, cell in enumerate(_code(nb)):
        assert not re.search(r"^\s*(import ipywidgets|from ipywidgets)", cell.source, re.MULTILINE), (
            f"{path.name}: a code cell imports ipywidgets; build the widget in course_lib.widgets and "
            "call it from the lesson"
        )


TRY_IT = re.compile(r"\*\*Try it\b")
SOLUTION = re.compile(
    r"<details>\s*<summary>\s*Solution\s*</summary>\n\n(?P<body>.+?)\n\n</details>", re.DOTALL
)


def test_every_try_it_is_followed_by_its_solution(lesson, navigation):
    """Each **Try it** is followed by a collapsible solution before the next one: an HTML
    <details> block, with blank lines around its Markdown so that JupyterLab renders it."""
    path, nb = lesson
    events = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or navigation._is_generated(cell):
            continue
        marks = [(m.start(), "try") for m in TRY_IT.finditer(cell.source)]
        marks += [(m.start(), "solution") for m in SOLUTION.finditer(cell.source)]
        events += [(index, kind) for _, kind in sorted(marks)]
        opened, closed = cell.source.count("<details>"), cell.source.count("</details>")
        assert opened == closed == len(SOLUTION.findall(cell.source)), (
            f"{path.name}, cell {index}: a <details> block is not of the form "
            "'<details><summary>Solution</summary>', blank line, the solution, blank line, '</details>'"
        )
    kinds = [kind for _, kind in events]
    for position, (index, kind) in enumerate(events):
        if kind == "try":
            assert position + 1 < len(kinds) and kinds[position + 1] == "solution", (
                f"{path.name}, cell {index}: a **Try it** with no solution after it (add a "
                "<details><summary>Solution</summary> block before the next Try it)"
            )
        else:
            assert position > 0 and kinds[position - 1] == "try", (
                f"{path.name}, cell {index}: a solution with no **Try it** before it"
            )


def test_try_it_solution_code_is_python(lesson, navigation):
    """Learners copy a solution's code into a cell: every ```python block in it must parse."""
    path, nb = lesson
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or navigation._is_generated(cell):
            continue
        for block in SOLUTION.finditer(cell.source):
            for code in re.findall(r"```python\n(.*?)```", block["body"], re.DOTALL):
                try:
                    ast.parse(code)
                except SyntaxError as error:
                    pytest.fail(f"{path.name}, cell {index}: a solution's code does not parse: {error}\n{code}")


def test_try_it_solutions_run_where_they_stand(lesson, navigation, monkeypatch):
    """Run the lesson's code in order (in this process, charts on Agg) and, where each Try it
    solution stands, its code: a solution that raises would teach the wrong thing."""
    path, nb = lesson
    if not any(SOLUTION.search(c.source) for c in nb.cells if c.cell_type == "markdown"):
        pytest.skip(f"{path.name} has no Try it solution")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(path.parent)  # a lesson runs in notebooks/, as in JupyterLab
    namespace: dict = {"__name__": "__lesson__"}
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
                exec(compile(source, f"{path.name} cell {index}", "exec"), namespace)
            elif cell.cell_type == "markdown" and not navigation._is_generated(cell):
                for block in SOLUTION.finditer(cell.source):
                    for code in re.findall(r"```python\n(.*?)```", block["body"], re.DOTALL):
                        try:
                            exec(compile(code, f"{path.name} solution in cell {index}", "exec"), dict(namespace))
                        except Exception as error:
                            pytest.fail(f"{path.name}, cell {index}: a Try it solution raises "
                                        f"{type(error).__name__}: {error}\n{code}")
    finally:
        plt.close("all")


def test_a_lesson_with_a_graded_set_has_a_try_it(lesson, navigation):
    """Practice inside the lesson, before the graded set: at least one Try it."""
    path, nb = lesson
    if not sorted((ROOT / "solutions").glob(f"{path.name[:2]}-*.ipynb")):
        pytest.skip(f"{path.name} has no graded set")
    text = "\n".join(_authored_markdown(nb, navigation))
    assert TRY_IT.search(text), f"{path.name}: no **Try it** in a lesson that has a graded set"


def test_lesson_states_reading_and_practice_time(lesson, navigation):
    path, nb = lesson
    _, time = navigation._read_title_and_time(nb)
    assert navigation.split_time(time), (
        f"{path.name}: the time line says {time!r}; state reading and practice apart, e.g. "
        "'**Time:** 25 minutes reading + 15 minutes practice'"
    )


def test_readme_and_start_here_say_who_the_course_is_for_and_what_python_it_needs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start_nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    start = "\n".join(c.source for c in start_nb.cells if c.cell_type == "markdown")
    for where, text in (("README.md", readme), (NOTEBOOKS[0].name, start)):
        assert re.search(r"who (this|the) course is for", text, re.IGNORECASE), f"{where}: no 'who the course is for'"
        assert "Prerequisites" in text, f"{where}: no prerequisites"
        for skill in ("lists and dictionaries", "`for`", "no pandas"):
            assert skill in text.lower(), f"{where}: the prerequisites do not mention {skill!r}"


def test_start_here_points_to_the_first_graded_exercise():
    first = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))[0].stem
    path = NOTEBOOKS[0]
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    found = re.search(r"first graded exercise\*\* comes after lesson (\d{2})", text)
    assert found and found.group(1) == first[:2], (
        f"{path.name}: it should say the first graded exercise comes after lesson {first[:2]}"
    )
    assert f"../exercises/{first}/{first}.ipynb" in text


def _quiz_questions(source: str, bank: dict[str, dict]) -> list[str]:
    """The question ids a cell asks through ``quiz(...)``: ids, lists of ids, or ``lesson=``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: no quiz calls in those
        return []
    asked: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", None))
        if name != "quiz":
            continue
        for arg in node.args[:1]:
            values = arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]
            asked += [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        for keyword in node.keywords:
            if keyword.arg == "question_id" and isinstance(keyword.value, ast.Constant):
                asked.append(keyword.value.value)
            if keyword.arg == "lesson" and isinstance(keyword.value, ast.Constant) and not node.args:
                asked += [qid for qid, row in bank.items() if row["lesson"] == keyword.value.value]
    return asked


def test_lesson_has_two_quick_checks_from_the_bank(lesson):
    path, nb = lesson
    bank = _quiz_bank()
    asked = [question for cell in _code(nb) for question in _quiz_questions(cell.source, bank)]
    assert len(asked) >= 2, f"{path.name}: {len(asked)} quick check(s); a lesson has at least 2"
    missing = [question for question in asked if question not in bank]
    assert not missing, f"{path.name}: quiz questions not in datasets/quiz.csv: {missing}"
    foreign = [q for q in asked if bank[q]["lesson"] not in (path.stem, "demo")]
    assert not foreign, (
        f"{path.name}: quiz questions {foreign} belong to another lesson in datasets/quiz.csv "
        f"(their `lesson` column should be {path.stem!r})"
    )
    assert len(set(asked)) == len(asked), f"{path.name}: a quick check is asked twice"
    quiz_outputs = [
        cell for cell in _code(nb)
        if _quiz_questions(cell.source, bank)
        and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs)
    ]
    assert quiz_outputs, f"{path.name}: no quick check shows a stored widget; run the notebook"


def test_no_errors_warnings_or_stderr_in_stored_outputs(lesson):
    path, nb = lesson
    for index, output in _outputs(nb):
        assert output.output_type != "error", (
            f"{path.name}, cell {index}: an error is stored: {output.get('ename')}: {output.get('evalue')}"
        )
        assert not (output.output_type == "stream" and output.name == "stderr"), (
            f"{path.name}, cell {index}: stderr is stored:\n{output.text[:500]}"
        )
        text = _output_text(output)
        assert not re.search(r"\w*Warning\b", text), f"{path.name}, cell {index}: a warning is shown:\n{text[:500]}"
        if output.output_type == "execute_result":
            plain = str(output.get("data", {}).get("text/plain", ""))
            assert not re.match(r"\[?<(Figure|Axes|matplotlib)|Text\(", plain), (
                f"{path.name}, cell {index}: a plot object's repr is shown ({plain[:60]!r}); "
                "end the cell with plt.show() or ';'"
            )


def test_no_absolute_paths(lesson):
    path, nb = lesson
    for index, cell in enumerate(nb.cells):
        found = ABSOLUTE_PATH.search(cell.source)
        assert not found, f"{path.name}, cell {index}: absolute path {found.group(0)!r} in the source"
    for index, output in _outputs(nb):
        found = ABSOLUTE_PATH.search(_output_text(output))
        assert not found, f"{path.name}, cell {index}: absolute path {found.group(0)!r} in an output"


def _launch_target(url: str) -> str | None:
    """The repository path a Binder or nbgitpuller link opens, or None for other links."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    urlpath = query.get("urlpath", [None])[0]
    if urlpath is None or not urlpath.startswith("lab/tree/"):
        return None
    target = urlpath[len("lab/tree/"):]
    if "git-pull" in parts.path:  # nbgitpuller: lab/tree/<repository name>/<path>
        target = target.split("/", 1)[1]
    return target


def _check_links(text: str, base: Path, where: str) -> int:
    checked = 0
    for match in MARKDOWN_LINK.finditer(text):
        target = match["target"]
        if target.startswith("#") or target.startswith("mailto:"):
            continue
        if target.startswith(("http://", "https://")):
            launch = _launch_target(target)
            if launch is None:
                continue
            assert (ROOT / launch).is_file(), f"{where}: launch link opens {launch}, which does not exist"
            from course_lib.links import REPOSITORY

            assert REPOSITORY in target, f"{where}: launch link {target} is not for {REPOSITORY}"
        else:
            file = (base / target.split("#", 1)[0]).resolve()
            assert file.exists(), f"{where}: link [{match['text']}]({target}) points at nothing"
            assert ROOT in file.parents, f"{where}: link {target} leaves the repository"
        checked += 1
    return checked


def test_every_link_in_the_lesson_points_at_a_file(lesson):
    path, nb = lesson
    checked = sum(_check_links(text, path.parent, path.name) for text in _markdown(nb))
    assert checked >= 3, f"{path.name}: {checked} links found; expected navigation links at least"


def test_every_readme_link_points_at_a_file(navigation):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = text.find(navigation.README_BEGIN), text.find(navigation.README_END)
    assert 0 <= begin < end, "README.md has no course-map markers"
    course_map = text[begin:end]
    launches = [m for m in MARKDOWN_LINK.finditer(course_map) if "mybinder.org" in m["target"]]
    assert len(launches) == len(NOTEBOOKS), (
        f"the README course map has {len(launches)} Binder links for {len(NOTEBOOKS)} lessons"
    )
    _check_links(text, ROOT, "README.md")
