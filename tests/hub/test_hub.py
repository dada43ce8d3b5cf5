"""A real JupyterHub on this machine with two learners (``make hub``'s set-up, small).

Real Unix accounts, the LocalProcessSpawner, configurable-http-proxy from ``hub/node_modules``,
the course environment (a venv of ``/usr/bin/python3`` with a wheel of course_lib) and the
learner edition pulled by nbgitpuller. The learners log in through the form, pull the edition
through the nbgitpuller link, run lesson 03 and exercise 03 cell by cell in kernels, move the
explorer's slider; one edits lesson 03, the instructor publishes an update, both pull again:
the learner's edit survives and the update arrives. Then an edition made for another
course_lib makes the kernel say so.

Needs root (``useradd``) and npm's configurable-http-proxy (``make hub-node``; ``make test``
runs it): a machine without them skips, saying why. Not in ``make test-fast`` (marker ``hub``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.hub, pytest.mark.slow]

LESSON = "csto-in-data/notebooks/03-who-is-in.ipynb"
EXERCISE = "csto-in-data/exercises/03-who-is-in/03-who-is-in.ipynb"


def _why_not() -> str | None:
    from hub.localhub import PROXY

    if os.geteuid() != 0:
        return "the hub creates real Unix accounts (useradd): run the tests as root"
    if not PROXY.exists():
        return f"{PROXY} is missing: run `make hub-node` (make test does)"
    if not shutil.which("useradd"):
        return "useradd is missing"
    return None


@pytest.fixture(scope="module")
def hub():
    why = _why_not()
    if why:
        pytest.skip(why)
    from hub.localhub import LocalHub

    running = LocalHub(2, log=lambda *a: None)
    try:
        running.start()
    except Exception:
        running.stop()
        raise
    yield running
    running.stop()
    for name in running.users:
        assert not Path(f"/home/{name}").exists(), f"{name}'s home was not removed"


def _learner(hub, name):
    from hub.learner import Learner

    return Learner(hub.url, name, hub.password, hub.user_token(name))


def _republish(hub, change) -> None:
    """The instructor edits the edition (``change(tree)``) and publishes it again."""
    from hub.localhub import publish_edition

    tree = hub.prefix / "edition-update"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(hub.prefix / "edition", tree)
    change(tree)
    publish_edition(hub.prefix, tree=tree)


def _append_markdown(path: Path, text: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(nb, path)


async def _class_session(hub) -> dict:
    from hub.learner import code_cells

    a, b = hub.users
    report: dict = {}
    async with _learner(hub, a) as ana, _learner(hub, b) as ben:
        await asyncio.gather(ana.log_in(), ben.log_in())
        await asyncio.gather(ana.wait_for_server(hub), ben.wait_for_server(hub))
        link = hub.pull_url("notebooks/03-who-is-in.ipynb")
        await asyncio.gather(ana.pull(link), ben.pull(link))

        async def lesson():
            nb = await ana.open(LESSON)
            async with ana.kernel_for(LESSON) as k:
                where = await k.run("import course_lib, os; print(course_lib.__file__); "
                                    "print(os.getcwd())")
                report["where"] = where
                report["lesson"] = [await k.run(code) for code in code_cells(nb)]
                sliders = k.sliders()
                report["sliders"] = len(sliders)
                if sliders:
                    cid, state = sliders[-1]
                    report["move"] = await k.move(cid, {"index": 3})
            return nb

        async def exercise():
            nb = await ben.open(EXERCISE)
            async with ben.kernel_for(EXERCISE) as k:
                report["exercise"] = [await k.run(code) for code in code_cells(nb)]

        lesson_nb, _ = await asyncio.gather(lesson(), exercise())

        # Ana writes her own note into lesson 03 and saves it
        lesson_nb["cells"].insert(1, {"cell_type": "markdown", "id": "ana-note", "metadata": {},
                                      "source": "My own note: ask about the 1993 rows."})
        await ana.save(LESSON, lesson_nb)
        # the instructor adds a closing remark to lesson 03 and publishes the update
        await asyncio.to_thread(_republish, hub, lambda tree: _append_markdown(
            tree / "notebooks" / "03-who-is-in.ipynb", "Instructor's update: read lesson 04 next."))
        await asyncio.gather(ana.pull(link), ben.pull(link))
        report["ana_after"] = await ana.open(LESSON)
        report["ben_after"] = await ben.open(LESSON)

        # an edition made for another course_lib: the kernel says so when course_lib is imported
        def other_version(tree):
            record = json.loads((tree / ".course-edition.json").read_text())
            record["course_lib"] = "99.0.0"
            (tree / ".course-edition.json").write_text(json.dumps(record))
        await asyncio.to_thread(_republish, hub, other_version)
        await ben.pull(link)
        async with ben.kernel_for(LESSON) as k:
            report["mismatch"] = await k.run("import course_lib")
    return report


def _sources(nb: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"]]


def test_a_small_class_on_a_real_hub(hub):
    # In a thread of its own: a browser test's playwright may keep a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, _class_session(hub)).result()

    installed, cwd = report["where"].text.split()[:2]
    assert installed.startswith(str(hub.venv)), (
        f"the lesson's kernel imported course_lib from {installed}, not the hub's course "
        f"environment {hub.venv}")
    assert cwd.endswith("/csto-in-data/notebooks")
    assert "CourseVersionWarning" not in report["where"].text

    failed = [(i, r.error) for i, r in enumerate(report["lesson"]) if r.status != "ok"]
    assert report["lesson"] and not failed, f"lesson 03's cells failed on the hub: {failed}"
    assert report["sliders"] >= 1, "the explorer opened no slider widget"
    assert report["move"].status == "ok", report["move"].error

    checks = [r for r in report["exercise"] if "public tests" in r.text or "q1:" in r.text]
    assert checks, "grader.check printed no report in the exercise"
    assert all(r.status == "ok" for r in report["exercise"]), [
        r.error for r in report["exercise"] if r.status != "ok"]
    assert not any("all tests passed" in r.text for r in report["exercise"]), (
        "a blank exercise should not pass")

    ana, ben = _sources(report["ana_after"]), _sources(report["ben_after"])
    assert "My own note: ask about the 1993 rows." in ana, "the learner's edit was lost"
    assert "Instructor's update: read lesson 04 next." in ana, "the update did not reach her copy"
    assert "Instructor's update: read lesson 04 next." in ben
    assert "My own note: ask about the 1993 rows." not in ben

    text = report["mismatch"].text + "".join(o.get("text", "") for o in report["mismatch"].outputs)
    assert "made for course_lib 99.0.0" in text and "tell your instructor" in text, text
