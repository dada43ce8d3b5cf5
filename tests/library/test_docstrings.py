"""The examples in the library's docstrings run and print what they show (learners copy them)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "course_lib", "course_lib._paths", "course_lib._text", "course_lib.codebook",
    "course_lib.countries", "course_lib.datasets", "course_lib.dates", "course_lib.membership",
    "course_lib.bodies",
    "course_lib.exceptions", "course_lib._kernel", "course_lib.charts._common",
    "course_lib.charts._display",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no example to run"
