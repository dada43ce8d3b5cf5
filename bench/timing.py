"""The shared timing helper: samples, medians, ratios, pass/fail and progress lines.

Every benchmark compares a *value* with a *floor* measured in the same run (these machines are
shared and noisy: absolute times mean little, ratios taken side by side do). A
:class:`Measurement` holds both, their raw samples, the target and which way is better, and
computes ``ratio`` and ``pass`` from them. A measurement that could not be taken (no lessons
yet, no browser) has ``pass = None`` and says why.

Examples
--------
>>> m = Measurement("demo", unit="s", target=1.25, samples=[1.2, 1.0, 1.1],
...                 floor_samples=[1.0, 0.9, 1.0])
>>> round(m.ratio, 3), m.passed
(1.1, True)
>>> Measurement.not_measured("lessons", "no notebooks/*.ipynb yet", target=1.5).passed is None
True
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, Sequence

__all__ = [
    "Measurement",
    "median",
    "ratio",
    "judge",
    "alternate",
    "time_call",
    "time_subprocess",
    "Progress",
    "progress",
    "error_line",
]

Better = Literal["lower", "higher"]


def median(samples: Iterable[float]) -> float | None:
    """The median of ``samples`` (mean of the middle two for an even count); None when empty.

    Examples
    --------
    >>> median([3, 1, 2]), median([4, 1, 2, 3]), median([])
    (2, 2.5, None)
    """
    xs = sorted(float(x) for x in samples if x is not None and not math.isnan(float(x)))
    if not xs:
        return None
    n = len(xs)
    mid = n // 2
    if n % 2:
        return _clean(xs[mid])
    return _clean((xs[mid - 1] + xs[mid]) / 2)


def _clean(x: float) -> float:
    """Return an int-valued float as int (for tidy doctests and JSON), else the float."""
    return int(x) if float(x).is_integer() else x


def ratio(value: float | None, floor: float | None, better: Better = "lower") -> float | None:
    """The ratio a target is set on: ``value / floor``, or ``floor / value`` for a speed-up.

    ``better="lower"`` (a slowdown against the floor, target is a maximum) gives value/floor;
    ``better="higher"`` (a speed-up over the floor, target is a minimum) gives floor/value.
    None when either side is missing or the divisor is not positive.

    Examples
    --------
    >>> ratio(3.0, 2.0), ratio(100.0, 180.0, better="higher"), ratio(None, 1.0)
    (1.5, 1.8, None)
    """
    if value is None or floor is None:
        return None
    num, den = (value, floor) if better == "lower" else (floor, value)
    if den <= 0:
        return None
    return num / den


def judge(x: float | None, target: float | None, better: Better = "lower") -> bool | None:
    """Does ``x`` meet ``target``? ``<=`` when lower is better, ``>=`` when higher is.

    None when there is nothing to judge (no number or no target).

    Examples
    --------
    >>> judge(1.25, 1.25), judge(1.26, 1.25), judge(1.9, 1.8, "higher"), judge(None, 1.5)
    (True, False, True, None)
    """
    if x is None or target is None:
        return None
    # Round away float noise (1.2500000000000002 meets 1.25).
    x = round(float(x), 9)
    return x <= target if better == "lower" else x >= target


@dataclass
class Measurement:
    """One benchmark result: a value against a floor, a target, and whether it is met.

    Parameters
    ----------
    name
        Unique name, e.g. ``"import+load"`` or ``"lesson:03-who-is-in"``.
    unit
        Unit of ``value`` and ``floor`` (``"s"``, ``"ms"``, ``"MB"``).
    target
        The target, on the ratio (``on="ratio"``) or on the value itself (``on="value"``,
        for an absolute target such as "median at most 50 ms").
    better
        ``"lower"``: the target is a maximum; ``"higher"``: a minimum (a speed-up).
    on
        What the target applies to: ``"ratio"`` or ``"value"``.
    samples, floor_samples
        Raw samples; ``value`` and ``floor`` default to their medians.
    why
        Set when the measurement could not be taken; then ``pass`` is None.
    note
        Anything a reader should know (what was compared, counts, caveats).

    Examples
    --------
    >>> m = Measurement("grade", unit="s", target=1.8, better="higher",
    ...                 samples=[100.0], floor_samples=[200.0])
    >>> m.ratio, m.passed
    (2.0, True)
    """

    name: str
    unit: str = "s"
    target: float | None = None
    better: Better = "lower"
    on: Literal["ratio", "value"] = "ratio"
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    value: float | None = None
    floor: float | None = None
    why: str | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    module: str = ""
    measured_at: str = field(
        default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    )

    def __post_init__(self) -> None:
        if self.value is None and self.samples:
            self.value = median(self.samples)
        if self.floor is None and self.floor_samples:
            self.floor = median(self.floor_samples)

    @classmethod
    def not_measured(cls, name: str, why: str, **kwargs: Any) -> "Measurement":
        """A measurement that could not be taken, with the reason (``pass`` is None)."""
        return cls(name, why=why, **kwargs)

    @property
    def ratio(self) -> float | None:
        """``value / floor`` (or ``floor / value`` for a speed-up); None without a floor."""
        if self.why:
            return None
        return ratio(self.value, self.floor, self.better)

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None when not measured or no target."""
        if self.why:
            return None
        return judge(self.ratio if self.on == "ratio" else self.value, self.target, self.better)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: name, value, floor, ratio, target, pass, and the details."""
        r = self.ratio
        return {
            "name": self.name,
            "value": _round(self.value),
            "floor": _round(self.floor),
            "ratio": _round(r),
            "target": self.target,
            "pass": self.passed,
            "unit": self.unit,
            "target_on": self.on,
            "better": self.better,
            "why": self.why,
            "note": self.note,
            "samples": [_round(s) for s in self.samples],
            "floor_samples": [_round(s) for s in self.floor_samples],
            "extra": self.extra,
            "module": self.module,
            "measured_at": self.measured_at,
        }


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def alternate(n: int) -> list[tuple[str, str]]:
    """The order of ``n`` paired runs, alternating so both sides share the machine's noise.

    Examples
    --------
    >>> alternate(3)
    [('floor', 'value'), ('value', 'floor'), ('floor', 'value')]
    """
    return [("floor", "value") if i % 2 == 0 else ("value", "floor") for i in range(n)]


def time_call(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Call ``fn()`` and return ``(seconds, result)`` on the monotonic clock.

    Examples
    --------
    >>> t, r = time_call(lambda: 2 + 2)
    >>> r, t >= 0
    (4, True)
    """
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def time_subprocess(
    cmd: Sequence[str], *, cwd: str | os.PathLike | None = None, env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> tuple[float, subprocess.CompletedProcess]:
    """Run ``cmd`` to completion, return ``(wall seconds, CompletedProcess)``.

    The CompletedProcess also carries ``cpu_seconds``: the child's user + system CPU time.

    Output is captured (text). Raises :class:`subprocess.CalledProcessError` on a non-zero exit,
    with the command's stderr in the message, so a broken piece is reported rather than timed.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the child (and its waited-for children): far less noisy than wall time
    # on a shared machine, so reported beside it.
    proc.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-15:]
        raise subprocess.CalledProcessError(
            proc.returncode, cmd, proc.stdout, "\n".join(tail))
    return elapsed, proc


class Progress:
    """Progress lines on stderr for long work: ``[lessons] 3/8 03-who-is-in 4.1 s``.

    On a terminal the line is rewritten in place; otherwise (CI logs) one line per step.
    """

    def __init__(self, label: str, total: int | None = None, stream: Any = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = time.perf_counter()

    def say(self, text: str) -> None:
        """Print one progress line (no step counted)."""
        line = f"[{self.label}] {text}"
        if self.tty:
            self.stream.write("\r\033[K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def step(self, text: str = "") -> None:
        """Count one step done and print ``done/total text (elapsed)``."""
        self.done += 1
        of = f"/{self.total}" if self.total else ""
        self.say(f"{self.done}{of} {text} ({time.perf_counter() - self.t0:.0f} s)")

    def close(self, text: str = "done") -> None:
        """Finish the line."""
        self.say(f"{text} in {time.perf_counter() - self.t0:.1f} s")
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def progress(label: str, total: int | None = None) -> Progress:
    """Shorthand for :class:`Progress`."""
    return Progress(label, total)


def error_line(err: BaseException, limit: int = 300) -> str:
    r"""The line of an error worth showing: a child's last stderr line, or ``Type: message``.

    Examples
    --------
    >>> e = subprocess.CalledProcessError(1, ["python"], "", "Traceback ...\nKeyError: 'x'")
    >>> error_line(e)
    "KeyError: 'x'"
    >>> error_line(ValueError("bad date"))
    'ValueError: bad date'
    """
    if isinstance(err, subprocess.CalledProcessError):
        text = (err.stderr or err.stdout or "")
        text = text if isinstance(text, str) else text.decode(errors="replace")
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        msg = lines[-1] if lines else f"exit code {err.returncode}"
    else:
        msg = f"{type(err).__name__}: {err}"
    return msg[:limit]
