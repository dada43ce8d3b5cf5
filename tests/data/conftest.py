"""Fixtures for the data tests: the repository's datasets folder, read once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # tests run with --import-mode=importlib: make the helper importable
    sys.path.insert(0, str(HERE))

import csto_datacheck as dc  # noqa: E402


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    return dc.DATASETS


@pytest.fixture(scope="session")
def package() -> dc.Package:
    return dc.load_package(dc.DATASETS)
