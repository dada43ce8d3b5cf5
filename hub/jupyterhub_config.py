"""JupyterHub on one server for the course: real Unix accounts, the course's environment.

This is the config ``make hub`` runs, and the one an instructor copies onto a single server
(README, "Run the course on a JupyterHub"). Settings come from environment variables so the
same file serves both; ``hub/localhub.py`` sets them for ``make hub`` and the tests.

==========================  ==============================================================
``CSTO_HUB_PREFIX``         folder for the hub's database and cookie secret (root only)
``CSTO_HUB_VENV``           the course environment: a venv made with ``/usr/bin/python3``
                            in a world-readable place, with ``course_lib[hub]`` installed
``CSTO_HUB_USERS``          the learners' Unix account names, comma-separated (they must
                            exist: ``useradd -m NAME``)
``CSTO_HUB_ADMINS``         instructors' accounts, comma-separated (optional)
``CSTO_HUB_PASSWORD``       one shared password (at least 8 characters); on a real server
                            use your institution's authenticator instead (PAM, OAuth)
``CSTO_HUB_URL``            where the hub listens, default ``http://127.0.0.1:8000``
``CSTO_HUB_API_PORT``       the hub's internal port; ``CSTO_HUB_PROXY_API_PORT``: the proxy's
``CSTO_HUB_SERVICE_TOKEN``  optional: a token for the ``harness`` service (tests, load test)
``CSTO_HUB_GITCONFIG``      a git config file that marks the course repository safe (see
                            below), passed to every learner's server as ``GIT_CONFIG_SYSTEM``
==========================  ==============================================================

Why each setting (the obstacles met on this course's machines are in
``shared/recipes/hub-notes.md``):

* learners' servers run the course venv's ``jupyterhub-singleuser``: its kernels import the
  installed ``course_lib`` and the lessons nbgitpuller pulls use it;
* kernels talk over ipc sockets, not TCP ports: 20 to 30 kernels starting at once raced for
  ports ("Address already in use") and 2 of 30 died; the sockets live in a short
  ``JUPYTER_RUNTIME_DIR`` (a Unix socket path must stay under 108 characters);
* start and HTTP timeouts of 300 s: with the default 30 s, 6 of 30 servers starting at once
  failed on 2 cores;
* a course repository owned by another user makes git refuse it ("dubious ownership") and
  nbgitpuller show only "Remote content unavailable": ``GIT_CONFIG_SYSTEM`` names a file with
  ``[safe] directory = <repo>``.
"""

import os

c = get_config()  # noqa: F821  (JupyterHub provides it)

env = os.environ.get
prefix = env("CSTO_HUB_PREFIX", "/srv/csto-hub")
venv = env("CSTO_HUB_VENV", os.path.join(prefix, "venv"))
users = {u.strip() for u in env("CSTO_HUB_USERS", "").split(",") if u.strip()}
admins = {u.strip() for u in env("CSTO_HUB_ADMINS", "").split(",") if u.strip()}

# --- where it listens: everything on one machine ---------------------------------------------
c.JupyterHub.bind_url = env("CSTO_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('CSTO_HUB_API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('CSTO_HUB_PROXY_API_PORT', '8001')}"
c.Spawner.ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{prefix}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = os.path.join(prefix, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(prefix, "jupyterhub-proxy.pid")

# --- who may log in ---------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env("CSTO_HUB_PASSWORD", "")
c.Authenticator.allowed_users = users
c.Authenticator.admin_users = admins

token = env("CSTO_HUB_SERVICE_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "harness", "api_token": token}]
    c.JupyterHub.load_roles = [{
        "name": "harness", "services": ["harness"],
        "scopes": ["admin:users", "admin:servers", "access:servers", "tokens", "list:users"],
    }]

# --- each learner's server: the course environment, as that Unix user -------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(venv, "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--KernelManager.transport=ipc"]
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {
    "PATH": f"{venv}/bin:/usr/local/bin:/usr/bin:/bin",
    # a callable gets the spawner: one short folder per learner for the kernels' ipc sockets
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"/tmp/jrt-{spawner.user.name}",
}
if env("CSTO_HUB_GITCONFIG"):
    c.Spawner.environment["GIT_CONFIG_SYSTEM"] = env("CSTO_HUB_GITCONFIG")
