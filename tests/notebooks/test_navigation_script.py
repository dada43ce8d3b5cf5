"""scripts/make_navigation.py: finds the lessons, writes and checks the navigation, idempotently."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from .conftest import ROOT


@pytest.fixture
def course(tmp_path):
    """A copy of the repository's notebooks and README to edit freely."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


def _lesson_paths(course):
    return sorted((course / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _add_lesson(course, name, title="A new lesson", time="25 minutes"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\n**Time:** {time}\n")]
    nbformat.write(nb, course / "notebooks" / name)
    return course / "notebooks" / name


def test_a_refreshed_course_checks_clean_and_a_second_run_changes_nothing(course, navigation):
    navigation.refresh(course)
    before = {p: p.read_bytes() for p in [*_lesson_paths(course), course / "README.md"]}
    assert navigation.refresh(course, check=True) == []
    assert navigation.refresh(course) == []
    assert {p: p.read_bytes() for p in before} == before


def test_a_new_lesson_makes_the_previous_one_stale_and_gets_linked(course, navigation):
    navigation.refresh(course)
    last = _lesson_paths(course)[-1]
    number = int(last.name[:2]) + 1
    new = _add_lesson(course, f"{number:02d}-a-new-lesson.ipynb")

    stale = navigation.refresh(course, check=True)
    assert f"notebooks/{last.name}: navigation is stale" in stale
    assert f"notebooks/{new.name}: navigation is stale" in stale
    assert "README.md: course map is stale" in stale
    assert navigation.main(["--check", "--root", str(course)]) == 1

    navigation.refresh(course)
    previous = nbformat.read(last, as_version=4)
    assert f"({new.name})" in previous.cells[0].source  # "next" now points at the new lesson
    added = nbformat.read(new, as_version=4)
    assert added.cells[0].metadata["tags"] == [navigation.NAV_TAG]
    assert added.cells[-1].metadata["tags"] == [navigation.NAV_TAG]
    assert f"({last.name})" in added.cells[0].source and "→" not in added.cells[0].source
    assert "25 minutes" in (course / "README.md").read_text()
    assert navigation.main(["--check", "--root", str(course)]) == 0


def test_a_retitled_lesson_is_reported_then_fixed(course, navigation):
    navigation.refresh(course)
    path = _lesson_paths(course)[1]
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            cell.source = "# A brand new title" + cell.source[cell.source.index("\n"):]
            break
    nbformat.write(nb, path)
    assert "README.md: course map is stale" in navigation.refresh(course, check=True)
    navigation.refresh(course)
    assert "[A brand new title](notebooks/" in (course / "README.md").read_text()


def test_a_moved_or_edited_navigation_cell_is_put_back(course, navigation):
    navigation.refresh(course)
    path = _lesson_paths(course)[0]
    nb = nbformat.read(path, as_version=4)
    authored = len(nb.cells) - 2
    nb.cells[0].source = "hand-edited"
    nb.cells.append(nbformat.v4.new_markdown_cell("a cell after the bottom navigation"))
    nbformat.write(nb, path)
    assert navigation.refresh(course, check=True) == [f"notebooks/{path.name}: navigation is stale"]
    navigation.refresh(course)
    nb = nbformat.read(path, as_version=4)
    assert len(nb.cells) == authored + 3  # nothing of the author's is lost
    assert nb.cells[0].source != "hand-edited" and nb.cells[-1].metadata["tags"] == ["navigation"]
    assert nb.cells[-2].source == "a cell after the bottom navigation"


def test_bad_names_and_missing_markers_are_reported(course, navigation, capsys):
    navigation.refresh(course)
    _add_lesson(course, "Lesson 9.ipynb")
    readme = course / "README.md"
    readme.write_text(readme.read_text().replace(navigation.README_END, ""))
    report = navigation.refresh(course, check=True)
    assert any("Lesson 9.ipynb: not a lesson name" in line for line in report)
    assert any("README.md: the markers are missing" in line for line in report)
    assert navigation.main(["--check", "--root", str(course)]) == 1


def test_hub_prints_one_nbgitpuller_link_per_lesson(course, navigation, capsys):
    assert navigation.main(["--root", str(course), "--hub", "https://hub.example.edu"]) == 0
    out = capsys.readouterr().out
    assert out.count("https://hub.example.edu/hub/user-redirect/git-pull?") == len(_lesson_paths(course))


def test_a_broken_notebook_is_named_and_the_others_still_refresh(course, navigation):
    navigation.refresh(course)
    broken = course / "notebooks" / "98-half-written.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    report = navigation.refresh(course, check=True)
    assert any(line.startswith("notebooks/98-half-written.ipynb: cannot be read") for line in report)
    assert navigation.main(["--check", "--root", str(course)]) == 1
    assert broken.read_text(encoding="utf-8") == '{"cells": ['  # never overwritten


@pytest.mark.parametrize("time, expected", [
    ("25 minutes reading + 15 minutes practice", (25, 15)),
    ("20 minutes reading + 40 minutes practice (the worked example, then your own question)", (20, 40)),
    ("30 min reading and 10 min practice", (30, 10)),
    ("about 30 minutes of reading, 15 minutes of practise", (30, 15)),
    ("30 minutes", None),
    ("15 minutes practice + 30 minutes reading", None),  # the order is part of the format
    ("?", None),
])
def test_split_time_reads_reading_then_practice(navigation, time, expected):
    assert navigation.split_time(time) == expected


def test_course_map_shows_reading_and_practice_and_their_totals(course, navigation):
    navigation.refresh(course)
    lessons, _ = navigation.discover_lessons(course)
    reading = sum(lesson.minutes[0] for lesson in lessons)
    practice = sum(lesson.minutes[1] for lesson in lessons)
    last = _lesson_paths(course)[-1]
    _add_lesson(course, f"{int(last.name[:2]) + 1:02d}-more.ipynb", time="12 minutes reading + 7 minutes practice")
    navigation.refresh(course)
    readme = (course / "README.md").read_text()
    assert "| Reading | Practice |" in readme
    assert "| 12 min | 7 min |" in readme
    hours, rest = divmod(reading + 12 + practice + 7, 60)
    assert (f"Total: {reading + 12} minutes of reading and {practice + 7} minutes of practice "
            f"({hours} h {rest:02d} min in all)") in readme
    start = nbformat.read(_lesson_paths(course)[0], as_version=4)
    course_map = next(c for c in start.cells if navigation.MAP_TAG in c.metadata.get("tags", []))
    assert "| 12 min | 7 min |" in course_map.source


def test_a_lesson_that_does_not_split_its_time_shows_it_and_drops_the_split_total(course, navigation):
    navigation.refresh(course)
    last = _lesson_paths(course)[-1]
    _add_lesson(course, f"{int(last.name[:2]) + 1:02d}-unsplit.ipynb", time="25 minutes")
    navigation.refresh(course)
    readme = (course / "README.md").read_text()
    assert "| 25 minutes | ? |" in readme
    assert "minutes of practice" not in readme  # no split total when one lesson has no split
    assert "Total: " in readme  # but the plain total of minutes is still there
