"""The range reader the environment tests rely on (so they can fail for the right reason)."""

from __future__ import annotations

import pytest
from packaging.version import Version

from ._specs import conda_spec, interval, pep508


@pytest.mark.parametrize(
    "text, name, inside, outside",
    [
        ("python=3.11", "python", ["3.11.0", "3.11.9"], ["3.10.9", "3.12.0"]),
        ("jupyterlab>=4.6,<5", "jupyterlab", ["4.6.0", "4.99"], ["4.5.9", "5.0"]),
        ("ipywidgets 8.1", "ipywidgets", ["8.1.0", "8.1.9"], ["8.2.0", "8.0.9"]),
        ("pyyaml==6.0.2", "pyyaml", ["6.0.2"], ["6.0.3"]),
        ("Otter_Grader>=7.0,<8", "otter-grader", ["7.0.0"], ["8.0.0"]),
    ],
)
def test_conda_specs_are_read_as_conda_means_them(text, name, inside, outside):
    got_name, spec = conda_spec(text)
    assert got_name == name
    iv = interval(spec)
    assert all(iv.contains(Version(v)) for v in inside)
    assert not any(iv.contains(Version(v)) for v in outside)


def test_compatible_release_and_containment():
    assert interval("~=8.1").within(interval(">=8.1,<9"))
    assert not interval(">=8.0,<9").within(interval(">=8.1,<9"))
    assert not interval(">=8.1").within(interval(">=8.1,<9"))
    assert interval("==8.1.*").within(interval(">=8.1,<9"))
    assert pep508("pandas>=3.1,<4")[0] == "pandas"


def test_or_ranges_are_refused_with_a_hint():
    with pytest.raises(ValueError, match="one range"):
        conda_spec("numpy 1.2|1.4")
