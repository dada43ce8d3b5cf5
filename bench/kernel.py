"""Run code in a fresh IPython kernel and read back what it reports, with live progress.

The code prints lines ``PROGRESS <text>`` (shown at once as progress lines) and one line
``RESULT <json>`` (returned, parsed). The kernel is the project's ``python3`` kernel, started
in ``cwd`` with the inline matplotlib backend, exactly as a learner's notebook gets it, so
widget updates really send their messages over the kernel's channels.

Examples
--------
>>> from bench.context import Context
>>> run_code("print('RESULT', 6 * 7)", Context())  # doctest: +SKIP
42
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.timing import Progress

__all__ = ["run_code", "KernelCodeFailed"]


class KernelCodeFailed(RuntimeError):
    """The code raised in the kernel (the message is its ``ename: evalue``)."""


def run_code(code: str, ctx: Context, cwd: Path | None = None, bar: Progress | None = None,
             timeout: float = 900) -> Any:
    """Execute ``code`` in a fresh kernel; return the JSON of its ``RESULT`` line.

    Raises
    ------
    KernelCodeFailed
        When the code raises, or prints no ``RESULT`` line.
    """
    from jupyter_client.manager import KernelManager

    cwd = cwd or ctx.root
    km = KernelManager(kernel_name="python3")
    log = open(ctx.cache_dir / "kernel-stderr.log", "ab")
    result: list[Any] = []
    error: list[str] = []
    buffer = [""]

    def hook(msg: dict) -> None:
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if kind == "stream":
            buffer[0] += content["text"]
            *lines, buffer[0] = buffer[0].split("\n")
            for line in lines:
                if line.startswith("PROGRESS ") and bar is not None:
                    bar.say(line[len("PROGRESS "):])
                elif line.startswith("RESULT "):
                    result.append(json.loads(line[len("RESULT "):]))
        elif kind == "error":
            error.append(f"{content['ename']}: {content['evalue']}")

    try:
        km.start_kernel(cwd=str(cwd), env=ctx.env(), stderr=log)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            kc.execute_interactive(code, output_hook=hook, timeout=timeout)
        finally:
            kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
        log.close()
    if buffer[0].startswith("RESULT "):
        result.append(json.loads(buffer[0][len("RESULT "):]))
    if error:
        raise KernelCodeFailed(error[0])
    if not result:
        raise KernelCodeFailed("the code printed no RESULT line")
    return result[-1]
