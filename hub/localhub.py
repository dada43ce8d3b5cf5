"""A real JupyterHub on this machine, with real learner accounts: ``make hub``, tests, load test.

What :class:`LocalHub` sets up, each piece the way an instructor does on one server (README,
"Run the course on a JupyterHub"):

1. **The course environment** (:func:`ensure_venv`): a venv made with ``/usr/bin/python3`` in a
   world-readable folder (learners' servers run as their own Unix users and must be able to
   execute it; a venv of a Python under ``/root`` fails every spawn), with a wheel of this
   repository's ``course_lib`` and its ``hub`` extra (JupyterHub, nbgitpuller) installed: the
   same pinned stack as ``environment.yml``. Rebuilt only when pyproject.toml, course_lib or
   the datasets change.
2. **The learner edition as a git repository** (:func:`publish_edition`): a bare repository
   ``csto-in-data`` in the prefix, its ``learner-edition`` branch written by ``scripts/make_learner_edition.py``;
   nbgitpuller clones it with a ``file://`` address. A git config file marks it safe, since it
   belongs to root and learners' git would refuse it otherwise.
3. **Learner accounts** (:func:`create_users`): ``useradd -m`` with short names and homes
   (kernels' ipc socket paths must stay short); :func:`remove_users` deletes them and their
   homes.
4. **The hub** (:class:`LocalHub`): ``jupyterhub -f hub/jupyterhub_config.py`` as root, its
   settings in ``CSTO_HUB_*`` variables, configurable-http-proxy from ``hub/node_modules``
   (``npm ci`` in ``hub/``).

Everything listens on 127.0.0.1 on free ports. Needs root (real Unix users).

Examples
--------
::

    from hub.localhub import LocalHub
    with LocalHub(n_learners=3) as hub:          # users, edition, hub started
        print(hub.url, hub.users, hub.pull_url("notebooks/03-who-is-in.ipynb"))
    # hub stopped, users and their homes removed
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "hub"
CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
SYSTEM_PYTHON = "/usr/bin/python3"
#: Parent of every prefix: world-readable, outside /root.
PREFIX_BASE = Path(os.environ.get("CSTO_HUB_BASE", "/srv/csto-hub"))

__all__ = ["LocalHub", "HubError", "ensure_venv", "publish_edition", "create_users",
           "remove_users", "default_prefix", "free_port", "learner_processes", "memory_of",
           "hub_ready"]


class HubError(RuntimeError):
    """The local hub could not be set up or started; the message says what to do."""


def default_prefix(root: Path = ROOT) -> Path:
    """One prefix per checkout: ``/srv/csto-hub/<8 hex of the checkout's path>``."""
    return PREFIX_BASE / hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:8]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise HubError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{tail}")
    return proc


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for rel in ("pyproject.toml",):
        h.update((root / rel).read_bytes())
    for folder in ("course_lib", "datasets"):
        for p in sorted((root / folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _world_readable(path: Path) -> None:
    """Make ``path`` and every parent traversable, and its tree readable, by other users."""
    subprocess.run(["chmod", "-R", "a+rX", str(path)], check=True)
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            raise HubError(
                f"{parent} is not traversable by other users (mode {oct(mode & 0o777)}): learners "
                f"could not run the course environment. Choose a prefix outside it "
                f"(CSTO_HUB_BASE=/srv/csto-hub).")


def ensure_venv(prefix: Path, root: Path = ROOT, *, log=print) -> Path:
    """The course environment in ``prefix/venv``, (re)built when the course changed."""
    venv = prefix / "venv"
    stamp = venv / ".course-digest"
    digest = _tree_digest(root)
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return venv
    if not Path(SYSTEM_PYTHON).is_file():
        raise HubError(f"{SYSTEM_PYTHON} is missing: install Debian's python3 and python3-venv")
    if not (venv / "bin" / "python").exists():
        log(f"hub: creating the course environment in {venv} (with {SYSTEM_PYTHON})")
        _run([SYSTEM_PYTHON, "-m", "venv", str(venv)])
        _run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
              "--upgrade", "pip"])
    wheels = prefix / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    log("hub: building a wheel of course_lib and installing it with its pinned stack, "
        "JupyterHub and nbgitpuller (a minute or two the first time)")
    _run([str(venv / "bin" / "pip"), "wheel", "-q", "--disable-pip-version-check", "--no-deps",
          "-w", str(wheels), str(root)])
    wheel = next(wheels.glob("course_lib-*.whl"))
    pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    _run(pip + ["--force-reinstall", "--no-deps", str(wheel)])
    _run(pip + [f"{wheel}[hub]"])
    _run([str(venv / "bin" / "python"), "-m", "compileall", "-q",
          *map(str, venv.glob("lib/python*/site-packages/course_lib"))])
    stamp.write_text(digest + "\n")
    _world_readable(prefix)
    return venv


def publish_edition(prefix: Path, root: Path = ROOT, *, tree: Path | None = None) -> Path:
    """Build the learner edition and commit it to the bare repository ``prefix/csto-in-data``
    (no ``.git`` suffix: nbgitpuller names the learner's folder after it).

    Returns the bare repository. ``tree`` publishes a tree built elsewhere (an updated one).
    """
    sys.path.insert(0, str(root / "scripts"))
    try:
        import make_learner_edition as edition
    finally:
        sys.path.pop(0)
    repo = prefix / "csto-in-data"
    if not repo.exists():
        _run(["git", "init", "-q", "--bare", str(repo)])
    if tree is None:
        tree = edition.build(prefix / "edition", root)
    edition.publish(tree, edition.EDITION_BRANCH, repo)
    (prefix / "gitconfig").write_text(f"[safe]\n\tdirectory = {repo}\n")
    _world_readable(prefix)
    return repo


def create_users(names: Iterable[str]) -> list[str]:
    """Create each learner's Unix account with a home in ``/home/NAME``; return the names."""
    made = []
    for name in names:
        exists = subprocess.run(["id", "-u", name], capture_output=True).returncode == 0
        if not exists:
            _run(["useradd", "--create-home", "--home-dir", f"/home/{name}",
                  "--shell", "/bin/bash", name])
        made.append(name)
    return made


def remove_users(names: Iterable[str]) -> None:
    """Delete the accounts and their homes (their processes must be gone first)."""
    for name in names:
        if subprocess.run(["id", "-u", name], capture_output=True).returncode != 0:
            continue
        for _ in range(20):
            proc = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
            if proc.returncode in (0, 6):  # 6: no such user
                break
            time.sleep(0.5)  # "user is currently used by process": its server is stopping
        shutil.rmtree(f"/tmp/jrt-{name}", ignore_errors=True)


def learner_processes(name: str) -> list[int]:
    """PIDs of the processes a learner's account runs (its server and kernels)."""
    try:
        uid = int(subprocess.run(["id", "-u", name], capture_output=True, text=True,
                                 check=True).stdout)
    except (subprocess.CalledProcessError, ValueError):
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def memory_of(pids: Iterable[int]) -> dict[str, float]:
    """RSS and PSS (MB) summed over ``pids``: PSS shares each shared page among its users."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key == "Rss":
                    rss += int(rest.split()[0])
                elif key == "Pss":
                    pss += int(rest.split()[0])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return {"rss_mb": rss / 1024, "pss_mb": pss / 1024}


def hub_ready(url: str) -> bool:
    """True when the hub answers ``/hub/health``."""
    try:
        with urllib.request.urlopen(f"{url}/hub/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class LocalHub:
    """A JupyterHub with ``n_learners`` real accounts, the course environment and edition.

    Parameters
    ----------
    n_learners : int
        How many learner accounts (``<tag>NN``) to create.
    prefix : pathlib.Path, optional
        Where the venv, the edition repository and the hub's state live; see
        :func:`default_prefix`.
    tag : str, optional
        The account names' stem, e.g. ``"csto"`` gives ``csto01``...; random by default so two
        hubs never share accounts. At most 8 characters.
    port : int, optional
        The public port (free one by default).
    keep_users : bool
        Leave the accounts in place on stop (``make hub`` removes them when you stop it).
    """

    def __init__(self, n_learners: int = 3, *, prefix: Path | None = None, tag: str | None = None,
                 port: int | None = None, keep_users: bool = False, log=print) -> None:
        if os.geteuid() != 0:
            raise HubError("the local hub creates real Unix accounts: run it as root "
                           "(sudo make hub), or use a machine or container where you are root")
        if not PROXY.exists():
            raise HubError(f"{PROXY} is missing: run `npm ci` in hub/ (make hub does)")
        self.prefix = Path(prefix) if prefix else default_prefix()
        self.tag = (tag or "c" + secrets.token_hex(3))[:8]
        self.users = [f"{self.tag}{i:02d}" for i in range(1, n_learners + 1)]
        self.password = secrets.token_urlsafe(12)
        self.token = secrets.token_hex(24)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.keep_users = keep_users
        self.log = log
        self.state = self.prefix / f"state-{self.port}"
        self.process: subprocess.Popen | None = None
        self.repo: Path | None = None
        self.venv: Path | None = None

    # -- set-up ------------------------------------------------------------------------------
    def start(self, timeout: float = 120) -> "LocalHub":
        """Build what is missing, create the accounts, start the hub, wait until it answers."""
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.venv = ensure_venv(self.prefix, log=self.log)
        self.repo = publish_edition(self.prefix)
        create_users(self.users)
        self.state.mkdir(mode=0o700, parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update({
            "PATH": f"{PROXY.parent}:{self.venv}/bin:/usr/local/bin:/usr/bin:/bin",
            "CSTO_HUB_PREFIX": str(self.state),
            "CSTO_HUB_VENV": str(self.venv),
            "CSTO_HUB_USERS": ",".join(self.users),
            "CSTO_HUB_PASSWORD": self.password,
            "CSTO_HUB_URL": self.url,
            "CSTO_HUB_API_PORT": str(free_port()),
            "CSTO_HUB_PROXY_API_PORT": str(free_port()),
            "CSTO_HUB_SERVICE_TOKEN": self.token,
            "CSTO_HUB_GITCONFIG": str(self.prefix / "gitconfig"),
        })
        for var in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR",
                    "MPLBACKEND"):
            env.pop(var, None)
        self._log_file = open(self.state / "jupyterhub.log", "ab")
        self.process = subprocess.Popen(
            [str(self.venv / "bin" / "jupyterhub"), "-f", str(CONFIG)], cwd=self.state, env=env,
            stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not hub_ready(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise HubError(f"JupyterHub did not start; its log:\n{self.log_tail()}")
            time.sleep(0.3)
        return self

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the hub's log."""
        path = self.state / "jupyterhub.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def pull_url(self, path: str = "notebooks/00-start-here.ipynb") -> str:
        """The nbgitpuller link a learner clicks to get ``path`` (the edition, file://)."""
        from course_lib.links import nbgitpuller_url

        return nbgitpuller_url(self.url, path, repo_url=f"file://{self.repo}")

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        """Call the hub's REST API as the ``harness`` service."""
        req = urllib.request.Request(
            f"{self.url}/hub/api{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
        return json.loads(text) if text.strip() else {}

    def user_token(self, name: str) -> str:
        """An API token of ``name`` for their own server (as JupyterLab's page holds one)."""
        made = self.api("POST", f"/users/{name}/tokens",
                        {"note": "harness", "expires_in": 3600,
                         "scopes": [f"access:servers!user={name}", f"read:users!user={name}"]})
        return made["token"]

    # -- tear-down ---------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop the hub (it stops the learners' servers and the proxy), remove the accounts."""
        if self.process is not None and self.process.poll() is None:
            for name in self.users:  # stop servers through the hub: it waits for them
                try:
                    self.api("DELETE", f"/users/{name}/server")
                except OSError:
                    pass
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "_log_file", None):
            self._log_file.close()
        for name in self.users:  # a server the hub lost track of: end that user's processes only
            for pid in learner_processes(name):
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        if not self.keep_users:
            remove_users(self.users)
        shutil.rmtree(self.state, ignore_errors=True)

    def __enter__(self) -> "LocalHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """``make hub``: start a hub with N learners and print how to use it; Ctrl-C stops it."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m hub.localhub",
                                 description="A local JupyterHub with learner accounts.")
    ap.add_argument("--learners", type=int, default=3, help="how many accounts (default 3)")
    ap.add_argument("--port", type=int, help="public port (default: a free one)")
    ap.add_argument("--tag", default="csto", help="account name stem (default csto: csto01...)")
    args = ap.parse_args(argv)
    try:
        hub = LocalHub(args.learners, port=args.port, tag=args.tag).start()
    except HubError as err:
        print(f"make hub: {err}", file=sys.stderr)
        return 1
    print(f"\nJupyterHub is running at {hub.url}")
    print(f"Learners: {', '.join(hub.users)}; password: {hub.password}")
    print(f"Lesson link (nbgitpuller pulls the learner edition):\n  {hub.pull_url('notebooks/00-start-here.ipynb')}")
    print("Press Ctrl-C to stop the hub and remove the accounts.")
    try:
        while hub.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
