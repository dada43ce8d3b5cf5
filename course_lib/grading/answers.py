"""Fingerprints of answers, so a public test can recognise a common wrong answer without
printing it.

A public test that catches a mistake compares the learner's answer with a known wrong one. If
the test said ``assert q2_count != 6`` the learner would read the wrong answer (and, by
elimination, something about the right one) in ``tests/q2.py``. Instead it compares
fingerprints::

    from course_lib.grading.answers import fingerprint as _fp
    assert _fp(q2_count) != "5c1d0b7e2a"

A fingerprint is a short SHA-256 digest of the answer's canonical form, salted with the
question's name, so the same number has different fingerprints in different questions.
Canonical forms: numbers equal in value are equal (``7``, ``7.0``, ``np.int64(7)``); text is
compared with its ends stripped and case folded; a list, tuple, array or pandas Series is its
elements in order (a Series: its ``(label, value)`` pairs); a set, or ``ordered=False``, sorts
the elements first; a DataFrame is its rows.

Maintainers compute the fingerprints of a master's declared wrong answers with
``python -m course_lib.grading.master fingerprints NN``.

Examples
--------
>>> fingerprint(7, "q2") == fingerprint(7.0, "q2")
True
>>> fingerprint(["KAZ", "RUS"], "q1") == fingerprint(["RUS", "KAZ"], "q1")
False
>>> fingerprint(["KAZ", "RUS"], "q1", ordered=False) == fingerprint({"RUS", "KAZ"}, "q1")
True
>>> fingerprint(" Kazakhstan", "q5") == fingerprint("kazakhstan", "q5")
True
>>> len(fingerprint(3, "q4"))
12
"""

from __future__ import annotations

import hashlib
import numbers
from typing import Any

__all__ = ["canonical", "fingerprint"]


def _atom(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"bool:{value}"
    if isinstance(value, numbers.Integral):
        return f"num:{int(value)}"
    if isinstance(value, numbers.Real):
        x = float(value)
        if x != x:
            return "nan"
        if x.is_integer():
            return f"num:{int(x)}"
        return f"num:{round(x, 6)!r}"
    if hasattr(value, "isoformat") and not isinstance(value, str):  # dates and timestamps
        text = value.isoformat()
        return f"date:{text[:10] if text.endswith('T00:00:00') else text}"
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            return _atom(value.item())
        except (TypeError, ValueError):
            pass
    return f"str:{str(value).strip().casefold()}"


def canonical(value: Any, ordered: bool = True) -> str:
    """Return the canonical text of an answer (what :func:`fingerprint` hashes).

    Parameters
    ----------
    value : object
        A number, text, a collection of them, a pandas Series or DataFrame.
    ordered : bool
        Whether the order of a collection's elements matters.

    Returns
    -------
    str

    Examples
    --------
    >>> canonical([3, "a"])
    'list[num:3|str:a]'
    >>> canonical({2, 1})
    'list[num:1|num:2]'
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency of the course
        pd = None
    if pd is not None and isinstance(value, pd.DataFrame):
        rows = ["(" + ",".join(_atom(v) for v in row) + ")" for row in value.itertuples(index=False)]
        return _join(rows, ordered)
    if pd is not None and isinstance(value, pd.Series):
        pairs = [f"({_atom(k)},{_atom(v)})" for k, v in value.items()]
        return _join(pairs, ordered)
    if isinstance(value, dict):
        return _join([f"({_atom(k)},{_atom(v)})" for k, v in value.items()], False)
    if isinstance(value, (set, frozenset)):
        return _join([_atom(v) for v in value], False)
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and hasattr(value, "ndim") and value.ndim):
        items = value.tolist() if hasattr(value, "tolist") else value
        return _join([_atom(v) for v in items], ordered)
    return _atom(value)


def _join(parts: list[str], ordered: bool) -> str:
    return "list[" + "|".join(parts if ordered else sorted(parts)) + "]"


def fingerprint(value: Any, question: str, ordered: bool = True) -> str:
    """Return a 12-character fingerprint of ``value`` as an answer to ``question``.

    Parameters
    ----------
    value : object
        The answer (see :func:`canonical`).
    question : str
        The question's name (``"q2"``), which salts the digest.
    ordered : bool
        Whether the order of a collection's elements matters.

    Returns
    -------
    str
        Twelve hexadecimal digits.
    """
    text = f"{question}\n{canonical(value, ordered)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
