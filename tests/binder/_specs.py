"""Reading version ranges from environment.yml (conda) and pyproject.toml (PEP 508).

A range is reduced to one interval of versions, so two ranges can be compared whatever
spelling each file uses (``=3.11`` in conda means ``3.11.*``; ``~=8.1`` means ``>=8.1,<9``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = ["Interval", "interval", "conda_spec", "pep508", "normalise"]

# conda-forge names that differ from the PyPI name of the same package (none of ours do today;
# add a pair here when one does, e.g. "pytables": "tables").
CONDA_TO_PYPI: dict[str, str] = {"pytables": "tables", "matplotlib-base": "matplotlib"}


def normalise(name: str) -> str:
    """PEP 503 name: lower case, runs of ``-_.`` become ``-``."""
    name = re.sub(r"[-_.]+", "-", name).lower()
    return CONDA_TO_PYPI.get(name, name)


@dataclass(frozen=True)
class Interval:
    """Versions v with lo <= v < hi (inclusivity per flag); None is unbounded."""

    lo: Version | None = None
    lo_incl: bool = True
    hi: Version | None = None
    hi_incl: bool = False

    def within(self, other: "Interval") -> bool:
        """True when every version in self is also in other."""
        if other.lo is not None:
            if self.lo is None or self.lo < other.lo:
                return False
            if self.lo == other.lo and self.lo_incl and not other.lo_incl:
                return False
        if other.hi is not None:
            if self.hi is None or self.hi > other.hi:
                return False
            if self.hi == other.hi and self.hi_incl and not other.hi_incl:
                return False
        return True

    def contains(self, v: Version) -> bool:
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_incl)):
            return False
        if self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_incl)):
            return False
        return True

    def empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_incl and self.hi_incl))

    def __str__(self) -> str:
        parts = []
        if self.lo is not None:
            parts.append(f"{'>=' if self.lo_incl else '>'}{self.lo}")
        if self.hi is not None:
            parts.append(f"{'<=' if self.hi_incl else '<'}{self.hi}")
        return ",".join(parts) or "any version"


def _next_release(v: Version, depth: int) -> Version:
    """The first version after all of ``v``'s first ``depth`` release parts: 3.11 -> 3.12."""
    parts = list(v.release[:depth]) + [0] * max(0, depth - len(v.release))
    parts[-1] += 1
    return Version(".".join(map(str, parts)))


def interval(spec: SpecifierSet | str) -> Interval:
    """The interval of versions a PEP 440 specifier set allows (``!=`` is ignored)."""
    lo, lo_incl, hi, hi_incl = None, True, None, False

    def raise_lo(v, incl):
        nonlocal lo, lo_incl
        if lo is None or v > lo or (v == lo and not incl):
            lo, lo_incl = v, incl

    def lower_hi(v, incl):
        nonlocal hi, hi_incl
        if hi is None or v < hi or (v == hi and not incl):
            hi, hi_incl = v, incl

    for s in SpecifierSet(str(spec)):
        op, text = s.operator, s.version
        if op in ("==", "===") and text.endswith(".*"):
            v = Version(text[:-2])
            raise_lo(v, True)
            lower_hi(_next_release(v, len(v.release)), False)
        elif op in ("==", "==="):
            v = Version(text)
            raise_lo(v, True)
            lower_hi(v, True)
        elif op == ">=":
            raise_lo(Version(text), True)
        elif op == ">":
            raise_lo(Version(text), False)
        elif op == "<=":
            lower_hi(Version(text), True)
        elif op == "<":
            lower_hi(Version(text), False)
        elif op == "~=":
            v = Version(text)
            raise_lo(v, True)
            lower_hi(_next_release(v, len(v.release) - 1), False)
        # "!=" removes single versions: it does not change the interval
    return Interval(lo, lo_incl, hi, hi_incl)


_CONDA = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9_.\-]*)\s*(?P<spec>.*?)\s*$")


def conda_spec(text: str) -> tuple[str, SpecifierSet]:
    """Parse a conda match spec such as ``jupyterlab>=4.6,<5``, ``python=3.11`` or ``pip``.

    ``=X`` (one equals sign) and a bare version ``X`` mean ``X.*`` in conda; a build string
    after a second ``=`` is dropped. Raises ValueError on what this does not understand.
    """
    m = _CONDA.match(text)
    if not m:
        raise ValueError(f"cannot read the conda spec {text!r}")
    name, spec = m["name"], m["spec"].replace(" ", "")
    if "|" in spec:
        raise ValueError(f"{text!r}: 'or' ranges (|) cannot be compared with pyproject; "
                         "write one range, e.g. 'name>=1.2,<2'")
    if spec.startswith("=") and not spec.startswith("=="):
        version = spec[1:].split("=", 1)[0]
        spec = f"=={version}" if version.endswith("*") else f"=={version}.*"
    elif spec[:1].isdigit():
        version = spec.split("=", 1)[0]
        spec = f"=={version}" if version.endswith("*") else f"=={version}.*"
    return normalise(name), SpecifierSet(spec)


def pep508(text: str) -> tuple[str, SpecifierSet]:
    """Parse a pyproject dependency such as ``pandas>=3.1,<4``."""
    req = Requirement(text)
    return normalise(req.name), req.specifier
