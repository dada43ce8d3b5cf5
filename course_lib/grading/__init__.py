"""Graded exercises: build them, check one notebook, grade a class.

The exercises are otter-grader assignments. ``solutions/NN-slug.ipynb`` is each exercise's master
notebook (questions, solutions, public and hidden tests); ``csto build`` turns it into the
learner's ``exercises/NN-slug/`` folder and an autograder zip in ``artifacts/``.

Modules, one job each:

* :mod:`~course_lib.grading.exercises`: the registry (which exercises exist, which one a notebook is)
* :mod:`~course_lib.grading.learner`: ``grader.check("q1")`` inside an exercise notebook
* :mod:`~course_lib.grading.build`: solutions -> exercises and autograder zips
* :mod:`~course_lib.grading.master`: a master's wrong answers, rubrics and multi-step questions
* :mod:`~course_lib.grading.answers`: fingerprints, so a public test knows a wrong answer unseen
* :mod:`~course_lib.grading.submission`: reading a submitted file, with clear errors
* :mod:`~course_lib.grading.sandbox`: running untrusted code under bubblewrap, seeing only what it needs
* :mod:`~course_lib.grading.limits`: memory and process limits, and how a row states them
* :mod:`~course_lib.grading.box`: one submission's process tree: cgroup limits, one kill for all
* :mod:`~course_lib.grading.worker`: executes one notebook and runs its tests (inside the sandbox)
* :mod:`~course_lib.grading.grade`: grade one notebook or a whole folder, in parallel
* :mod:`~course_lib.grading.report`: results as text, JSON and CSV
* :mod:`~course_lib.grading.reset`: a fresh copy of an exercise, the old one kept
* :mod:`~course_lib.grading.cli`: the ``csto`` command

Examples
--------
>>> from course_lib.grading import list_exercises
>>> [ex.name for ex in list_exercises()][:1]  # doctest: +SKIP
['02-from-tashkent-to-the-csto']
"""

from __future__ import annotations

from .exercises import Exercise, course_root, find_exercise, list_exercises, exercise_of_notebook

__all__ = ["Exercise", "course_root", "find_exercise", "list_exercises", "exercise_of_notebook"]
