"""Fixtures for the learner edition and hub tests: one build of the edition per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MASTERS = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))


def load_script(name: str):
    """Import ``scripts/<name>.py`` as a module (scripts are not part of the package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def edition_script():
    return load_script("make_learner_edition")


@pytest.fixture(scope="session")
def edition(tmp_path_factory, edition_script) -> Path:
    """The learner edition, built from this checkout into a temporary folder."""
    return edition_script.build(tmp_path_factory.mktemp("edition") / "learner-edition", ROOT)
