"""The course on a real JupyterHub, on this machine: ``make hub``, the hub tests, the load test.

* :mod:`hub.localhub`: the course environment (a venv of ``/usr/bin/python3``), learner
  accounts (real Unix users), the learner edition as a git repository, and a JupyterHub
  (``hub/jupyterhub_config.py``) with configurable-http-proxy from ``hub/node_modules``;
* :mod:`hub.learner`: one learner, driven over HTTP and the kernel websocket as JupyterLab
  would: log in, pull the edition through nbgitpuller, run a notebook's cells, move a widget.
"""

__all__ = ["localhub", "learner"]
