"""One learner on the hub, driven as JupyterLab drives it: HTTP for pages and files, the kernel
websocket for cells and widgets.

A :class:`Learner` logs in through the hub's form (with its ``_xsrf`` field, then the OAuth
redirects to the learner's own server), waits for the server, pulls the learner edition
through nbgitpuller's ``/git-pull/api`` event stream (what the ``git-pull`` page's JavaScript
calls), opens notebooks through the contents API, runs their code cells one by one in a kernel
(one ``execute_request`` each, timed to its reply and the kernel's return to idle), and moves a
widget's slider with a ``comm_msg`` as the browser does when a learner drags it.

Examples
--------
::

    async with Learner(hub.url, "c1a2b3c01", hub.password, token) as me:
        await me.log_in()
        await me.wait_for_server(hub)
        await me.pull(hub.pull_url())
        nb = await me.open("csto-in-data/notebooks/03-who-is-in.ipynb")
        async with me.kernel_for("csto-in-data/notebooks/03-who-is-in.ipynb") as k:
            for code in code_cells(nb):
                result = await k.run(code)
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator
from urllib.parse import quote

import httpx
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

__all__ = ["Learner", "Kernel", "CellResult", "LearnerError", "code_cells"]

_XSRF = re.compile(r'name="_xsrf"\s+value="([^"]+)"')


class LearnerError(RuntimeError):
    """Something a learner would see as broken: a failed login, pull or kernel."""


@dataclass
class CellResult:
    """One cell (or widget move) as the learner waited for it."""

    seconds: float
    status: str  # "ok", "error", or "timeout"
    error: str = ""
    outputs: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Everything the cell printed or displayed as text."""
        out = []
        for o in self.outputs:
            if "text" in o:
                out.append(o["text"])
            out.append(o.get("data", {}).get("text/plain", ""))
        return "".join(out)


def code_cells(nb: dict) -> list[str]:
    """The code cells' sources of a notebook (as the contents API returns it), in order."""
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            cells.append("".join(src) if isinstance(src, list) else src)
    return cells


class Kernel:
    """A kernel of a notebook session, over its websocket."""

    def __init__(self, ws, session: str, username: str) -> None:
        self.ws = ws
        self.session = session
        self.username = username
        #: widgets the kernel opened: comm_id -> their state (``_model_name``, ...)
        self.widgets: dict[str, dict] = {}

    def _message(self, msg_type: str, content: dict, channel: str = "shell") -> dict:
        return {
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": self.session,
                       "username": self.username, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
            "buffers": [],
        }

    async def _send_and_wait(self, msg: dict, reply_type: str | None, timeout: float) -> CellResult:
        msg_id = msg["header"]["msg_id"]
        t0 = time.perf_counter()
        await self.ws.write_message(json.dumps(msg))
        replied, idle = reply_type is None, False
        status, error, outputs = "ok", "", []
        deadline = t0 + timeout
        while not (replied and idle):
            left = deadline - time.perf_counter()
            if left <= 0:
                return CellResult(time.perf_counter() - t0, "timeout", f"no reply in {timeout} s",
                                  outputs)
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise LearnerError("the kernel's websocket closed (did the kernel die?)")
            if isinstance(raw, bytes):  # a binary frame (widget buffers): not ours to read
                continue
            reply = json.loads(raw)
            mtype = reply.get("msg_type") or reply.get("header", {}).get("msg_type")
            content = reply.get("content", {})
            if mtype == "comm_open":
                state = content.get("data", {}).get("state", {})
                self.widgets[content.get("comm_id")] = dict(state)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if mtype == reply_type:
                replied = True
                if content.get("status") == "error":
                    status = "error"
                    error = f"{content.get('ename')}: {content.get('evalue')}"
            elif mtype == "status" and content.get("execution_state") == "idle":
                idle = True
            elif mtype in ("stream", "display_data", "execute_result", "error"):
                outputs.append(content)
                if mtype == "error":
                    status, error = "error", f"{content.get('ename')}: {content.get('evalue')}"
        return CellResult(time.perf_counter() - t0, status, error, outputs)

    async def run(self, code: str, timeout: float = 300) -> CellResult:
        """Run one cell; return when its reply has come and the kernel is idle again."""
        msg = self._message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        return await self._send_and_wait(msg, "execute_reply", timeout)

    def sliders(self) -> list[tuple[str, dict]]:
        """(comm_id, state) of every selection or int slider the kernel has opened."""
        return [(cid, st) for cid, st in self.widgets.items()
                if st.get("_model_name") in ("SelectionSliderModel", "IntSliderModel")]

    async def move(self, comm_id: str, state: dict, timeout: float = 300) -> CellResult:
        """Set a widget's state as the browser does when a learner moves it."""
        msg = self._message("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}})
        return await self._send_and_wait(msg, None, timeout)


class Learner:
    """One learner's browser: a cookie jar on the hub, and an API token for the kernel API."""

    def __init__(self, hub_url: str, name: str, password: str, token: str) -> None:
        self.hub_url = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.token = token
        self.base = f"{self.hub_url}/user/{name}"
        self.client = httpx.AsyncClient(follow_redirects=True, timeout=httpx.Timeout(300))

    async def __aenter__(self) -> "Learner":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.aclose()

    def _api_headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    async def log_in(self) -> float:
        """Log in through the hub's form; return the seconds it took. Starts the server."""
        t0 = time.perf_counter()
        page = await self.client.get(f"{self.hub_url}/hub/login")
        found = _XSRF.search(page.text)
        if not found:
            raise LearnerError(f"{self.name}: the login page has no _xsrf field ({page.status_code})")
        resp = await self.client.post(
            f"{self.hub_url}/hub/login?next=", data={
                "username": self.name, "password": self.password, "_xsrf": found.group(1)},
            follow_redirects=False)
        if resp.status_code not in (302, 303):
            raise LearnerError(f"{self.name}: login refused ({resp.status_code})")
        # the hub sends a fresh login on to /hub/spawn, which starts the server
        await self.client.get(f"{self.hub_url}/hub/spawn/{self.name}")
        return time.perf_counter() - t0

    async def wait_for_server(self, hub, timeout: float = 300) -> float:
        """Wait until the learner's server is ready; return the seconds waited."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            info = await asyncio.to_thread(hub.api, "GET", f"/users/{self.name}")
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                return time.perf_counter() - t0
            if not info.get("pending") and not server:
                await asyncio.to_thread(hub.api, "POST", f"/users/{self.name}/server")
            await asyncio.sleep(0.5)
        raise LearnerError(f"{self.name}: the server was not ready after {timeout} s")

    async def pull(self, pull_url: str, timeout: float = 300) -> list[dict]:
        """Follow an nbgitpuller link as its page does; return the events (raise on error)."""
        page = await self.client.get(pull_url)  # the link: user-redirect, OAuth, the git-pull page
        if page.status_code != 200 or f"/user/{self.name}/git-pull" not in str(page.url):
            raise LearnerError(f"{self.name}: the nbgitpuller link led to {page.url} "
                               f"({page.status_code})")
        api = pull_url.replace("/hub/user-redirect/git-pull?", f"/user/{self.name}/git-pull/api?")
        events: list[dict] = []
        async with self.client.stream("GET", api, timeout=timeout) as resp:
            if resp.status_code != 200:
                raise LearnerError(f"{self.name}: git-pull answered {resp.status_code}")
            async for line in resp.aiter_lines():
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                events.append(event)
                if event.get("phase") == "error":
                    raise LearnerError(f"{self.name}: nbgitpuller failed: {event.get('message')}"
                                       f"{event.get('output', '')}")
                if event.get("phase") == "finished":
                    return events
        raise LearnerError(f"{self.name}: nbgitpuller's stream ended before 'finished'")

    async def open(self, path: str) -> dict:
        """The notebook at ``path`` (relative to the home), as JupyterLab loads it."""
        resp = await self.client.get(f"{self.base}/api/contents/{quote(path)}?content=1",
                                     headers=self._api_headers())
        if resp.status_code != 200:
            raise LearnerError(f"{self.name}: cannot open {path} ({resp.status_code})")
        return resp.json()["content"]

    async def save(self, path: str, nb: dict) -> None:
        """Save a notebook (as JupyterLab's Save does)."""
        resp = await self.client.put(f"{self.base}/api/contents/{quote(path)}",
                                     headers=self._api_headers(),
                                     json={"type": "notebook", "format": "json", "content": nb})
        if resp.status_code not in (200, 201):
            raise LearnerError(f"{self.name}: cannot save {path} ({resp.status_code})")

    @asynccontextmanager
    async def kernel_for(self, path: str) -> AsyncIterator[Kernel]:
        """A notebook session's kernel for ``path`` (shut down on exit)."""
        resp = await self.client.post(f"{self.base}/api/sessions", headers=self._api_headers(),
                                      json={"path": path, "name": path.rsplit("/", 1)[-1],
                                            "type": "notebook", "kernel": {"name": "python3"}})
        if resp.status_code not in (200, 201):
            raise LearnerError(f"{self.name}: no kernel for {path} ({resp.status_code} {resp.text[:200]})")
        session = resp.json()
        kid = session["kernel"]["id"]
        ws_url = self.base.replace("http://", "ws://") + f"/api/kernels/{kid}/channels"
        ws = await websocket_connect(HTTPRequest(ws_url, headers=self._api_headers()),
                                     max_message_size=64 * 1024 * 1024)
        try:
            kernel = Kernel(ws, uuid.uuid4().hex, self.name)
            ready = await kernel._send_and_wait(kernel._message("kernel_info_request", {}),
                                                "kernel_info_reply", 120)
            if ready.status != "ok":
                raise LearnerError(f"{self.name}: the kernel did not answer ({ready.error})")
            yield kernel
        finally:
            ws.close()
            await self.client.delete(f"{self.base}/api/sessions/{session['id']}",
                                     headers=self._api_headers())
