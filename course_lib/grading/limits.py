"""How much memory and how many processes one submission may use, and how to say so.

``--memory-limit 2G`` and ``--max-processes 256`` on ``csto grade`` and ``csto check`` become a
:class:`Limits`; :mod:`course_lib.grading.box` makes the kernel enforce it.

Examples
--------
>>> parse_size("2G")
2147483648
>>> parse_size("512m")
536870912
>>> parse_size("none") is None
True
>>> format_size(2 * 1024**3)
'2 GB'
>>> Limits(memory=256 * 1024**2).memory_message()
'used more than 256 MB of memory (the limit for one notebook): check for a very large list or a loop that keeps growing'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Limits", "parse_size", "format_size", "DEFAULT_MEMORY", "DEFAULT_PROCESSES"]

#: The default memory limit of one submission's whole process tree (2 GiB).
DEFAULT_MEMORY = 2 * 1024**3
#: The default number of tasks (processes and threads) one submission may run at once.
DEFAULT_PROCESSES = 256

_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$", re.IGNORECASE)
#: Below this a Python kernel cannot even start.
_SMALLEST = 64 * 1024**2


def parse_size(text: str) -> int | None:
    """Read a memory size: ``2G``, ``512M``, ``1.5GB``, ``300000000`` (bytes); ``none`` for no limit.

    Units are binary (``1G`` is 1024**3 bytes).

    Raises
    ------
    ValueError
        With a message saying what was wrong and what would be right.

    Examples
    --------
    >>> parse_size("1.5G")
    1610612736
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a memory size: write a number and a unit, like 2G or 512M, or 'none' for no limit
    """
    if text.strip().lower() in ("none", "off", "unlimited"):
        return None
    m = _SIZE.match(text)
    if not m:
        raise ValueError(
            f"'{text}' is not a memory size: write a number and a unit, like 2G or 512M, "
            "or 'none' for no limit"
        )
    size = int(float(m.group(1)) * _UNITS[m.group(2).upper()])
    if size < _SMALLEST:
        raise ValueError(
            f"{text} is too little memory for a notebook (a Python kernel alone needs about "
            f"100 MB): give at least {format_size(_SMALLEST)}, like 512M or 2G"
        )
    return size


def format_size(size: int) -> str:
    """``2147483648`` -> ``'2 GB'`` (binary units, at most one decimal)."""
    for unit in ("TB", "GB", "MB", "KB"):
        scale = _UNITS[unit[0]]
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


@dataclass(frozen=True)
class Limits:
    """What one submission's whole process tree may use.

    Attributes
    ----------
    memory : int or None
        Bytes of memory (None: no limit).
    processes : int or None
        Tasks (processes and threads) at once (None: no limit).
    """

    memory: int | None = DEFAULT_MEMORY
    processes: int | None = DEFAULT_PROCESSES

    def memory_message(self) -> str:
        """The sentence a row gets when its notebook went over the memory limit."""
        size = format_size(self.memory) if self.memory else "the memory limit"
        return (f"used more than {size} of memory (the limit for one notebook): check for a very "
                "large list or a loop that keeps growing")

    def processes_message(self) -> str:
        """The sentence a row gets when its notebook started too many processes."""
        return (f"started more than {self.processes} processes or threads at once (the limit for one "
                "notebook): check for a loop that starts processes (os.fork, subprocess, multiprocessing)")
