"""Fixtures for the lesson checks: the repository root, the lessons, the navigation script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def load_navigation_script():
    """Import scripts/make_navigation.py as a module (it is a script, not part of the package)."""
    name = "make_navigation"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_navigation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def navigation():
    return load_navigation_script()


@pytest.fixture(params=NOTEBOOKS, ids=lambda path: path.name)
def lesson(request):
    """Each notebook in notebooks/, read with nbformat: (path, notebook)."""
    path: Path = request.param
    return path, nbformat.read(path, as_version=4)
