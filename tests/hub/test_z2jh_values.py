"""The Zero to JupyterHub values (hub/z2jh/values.yaml) agree with the course.

Not a check against the chart's values.schema.json: the chart is published only in its own
Helm repository, out of reach of the course's machines (README says so). What is checked: the
learners' image is the course_lib version the edition records, the pull goes to the learner
edition at the course's address, the link shown is what course_lib.links builds, and the
settings the local hub needed (timeouts, ipc kernels) are there.
"""

from __future__ import annotations

import re

import yaml

import course_lib
from course_lib import links

from .conftest import ROOT

VALUES = ROOT / "hub" / "z2jh" / "values.yaml"


def _values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_the_image_is_the_course_lib_version():
    image = _values()["singleuser"]["image"]
    assert image["tag"] == course_lib.__version__, (
        f"values.yaml's image tag {image['tag']} is not course_lib {course_lib.__version__}: "
        "build and push the image of this release (hub/z2jh/Dockerfile) and set its tag")


def test_servers_pull_the_learner_edition():
    command = _values()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command == ["gitpuller", links.repository_url(), links.EDITION_BRANCH,
                       links.repository_name()]


def test_the_link_shown_is_the_one_course_lib_builds():
    shown = re.findall(r"https://hub\.example\.edu\S+", VALUES.read_text(encoding="utf-8"))
    assert shown == [links.nbgitpuller_url("https://hub.example.edu")]


def test_the_settings_the_local_hub_needed_are_there():
    values = _values()
    single = values["singleuser"]
    assert "--KernelManager.transport=ipc" in single["cmd"]
    assert values["hub"]["config"]["Spawner"]["start_timeout"] >= 300
    memory = {k: int(v.rstrip("MG")) * (1024 if v.endswith("G") else 1)
              for k, v in single["memory"].items()}
    assert 300 < memory["guarantee"] <= memory["limit"], "below one learner's measured peak"


def test_the_dockerfile_installs_the_course_with_its_hub_extra():
    text = (ROOT / "hub" / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert f"course_lib[hub] @ git+{links.repository_url()}" in text
    assert "FROM python:3.11" in text  # environment.yml's Python
