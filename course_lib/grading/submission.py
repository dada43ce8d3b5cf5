"""Reading a submitted file: a notebook, or a clear message saying why it is not one.

Examples
--------
>>> from course_lib.grading.submission import read_submission
>>> read_submission("exercises/03-who-is-in/03-who-is-in.ipynb")["nbformat"]  # doctest: +SKIP
4
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ..exceptions import SubmissionError

__all__ = ["read_submission", "MAX_BYTES"]

#: Larger files are refused rather than read (a notebook of this course is well under 1 MB;
#: enormous stored outputs are fine up to this size).
MAX_BYTES = 200 * 1024 * 1024


def read_submission(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a submitted file as a Jupyter notebook (a plain ``dict``).

    Parameters
    ----------
    path : path-like
        The submitted file.

    Returns
    -------
    dict
        The notebook's JSON.

    Raises
    ------
    SubmissionError
        When the file is missing, empty, too large, not JSON (for example cut short by a failed
        upload), or JSON that is not a notebook. The message says which, and what to ask for.

    Examples
    --------
    >>> read_submission("missing.ipynb")
    Traceback (most recent call last):
    ...
    course_lib.exceptions.SubmissionError: 'missing.ipynb' does not exist.
    """
    p = Path(path)
    if not p.exists():
        raise SubmissionError(f"'{path}' does not exist.")
    if p.is_dir():
        raise SubmissionError(f"'{path}' is a folder, not a notebook file.")
    size = p.stat().st_size
    if size == 0:
        raise SubmissionError(
            f"'{p.name}' is empty (0 bytes): the upload or the save failed. "
            "Ask for the notebook again (File > Save, then upload the .ipynb file)."
        )
    if size > MAX_BYTES:
        raise SubmissionError(
            f"'{p.name}' is {size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB a "
            "notebook may be: clear its outputs (Edit > Clear Outputs of All Cells) and save it again."
        )
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        kind = _guess_binary(raw)
        raise SubmissionError(
            f"'{p.name}' is not a notebook: it is a binary file{kind}. "
            "A notebook is the .ipynb file JupyterLab saves (File > Download)."
        ) from None
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        looks = ""
        if not text.lstrip().startswith("{"):  # never JSON: not a notebook cut short
            why = "it is plain text, not a notebook (a notebook is JSON, starting with '{')"
            if _looks_like_code(text):
                looks = (" It looks like Python code (a .py file, perhaps from File > Save and "
                         "Export Notebook As... > Executable Script), not the notebook.")
            elif _looks_like_markdown(text):
                looks = " It looks like Markdown text (a .md file), not the notebook."
        elif err.pos >= len(text.rstrip()) - 1 or not text.rstrip().endswith("}"):
            why = "it ends too early, so it was probably cut short (a truncated upload or a full disk)"
        else:
            why = f"it is not valid JSON ({err.msg} at {where})"
        raise SubmissionError(
            f"'{p.name}' cannot be read as a notebook: {why}.{looks} "
            "Ask for the .ipynb file again, saved from JupyterLab."
        ) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise SubmissionError(
            f"'{p.name}' is JSON but not a Jupyter notebook (it has no list of 'cells'). "
            "Ask for the .ipynb file JupyterLab saves."
        )
    if nb.get("nbformat") != 4:
        raise SubmissionError(
            f"'{p.name}' is a notebook in format version {nb.get('nbformat')!r}; this course "
            "grades version 4 notebooks (any JupyterLab or Notebook of the last ten years saves those)."
        )
    for i, cell in enumerate(nb["cells"], start=1):
        if not isinstance(cell, dict) or "cell_type" not in cell or "source" not in cell:
            raise SubmissionError(
                f"'{p.name}' is damaged: cell {i} has no type or no source. "
                "Ask for the notebook again, saved from JupyterLab."
            )
    return nb


def _guess_binary(raw: bytes) -> str:
    signatures = {
        b"%PDF": " (a PDF)",
        b"PK\x03\x04": " (a zip archive, perhaps a Word document)",
        b"\x89PNG": " (a PNG image)",
        b"\xff\xd8\xff": " (a JPEG image)",
    }
    for magic, kind in signatures.items():
        if raw.startswith(magic):
            return kind
    return ""


def _looks_like_code(text: str) -> bool:
    head = text.lstrip()[:400]
    if head.startswith(("import ", "from ", "def ", "#!", "# coding", "print(")):
        return True
    return bool(re.search(r"^(import \w|from \w[\w.]* import |def \w+\(|# In\[)", head, re.M))


def _looks_like_markdown(text: str) -> bool:
    head = text.lstrip()[:400]
    return bool(re.match(r"#{1,6} \S", head) or re.search(r"^(#{1,6} \S|[-*] \S|```)", head, re.M))
