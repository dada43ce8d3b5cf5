"""course_lib.links: Binder and nbgitpuller links from one setting."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from course_lib import links
from course_lib.exceptions import InvalidLinkError


def test_binder_url_opens_the_file_in_lab():
    url = links.binder_url("notebooks/03-who-is-in.ipynb")
    assert url == (
        f"https://mybinder.org/v2/gh/{links.REPOSITORY}/{links.BRANCH}"
        "?urlpath=lab/tree/notebooks/03-who-is-in.ipynb"
    )


def test_nbgitpuller_url_round_trips():
    url = links.nbgitpuller_url("https://hub.example.edu/hub/", "./notebooks/00-start-here.ipynb")
    parts = urlsplit(url)
    assert parts.netloc == "hub.example.edu" and parts.path == "/hub/user-redirect/git-pull"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {
        "repo": f"https://github.com/{links.REPOSITORY}",
        "branch": links.EDITION_BRANCH,  # the learner edition: no answers in it
        "urlpath": f"lab/tree/{links.repository_name()}/notebooks/00-start-here.ipynb",
    }


def test_links_follow_the_one_setting(monkeypatch):
    monkeypatch.setattr(links, "REPOSITORY", "someone/fork")
    # the defaults are bound at definition time; the explicit argument is the supported way
    assert "/gh/someone/fork/main?" in links.binder_url("README.md", repository="someone/fork")
    assert "repo=https://github.com/someone/fork&" in links.nbgitpuller_url(
        "https://hub.example.edu", "README.md", repository="someone/fork"
    )


def test_spaces_are_escaped():
    assert links.binder_url("notebooks/my notes.ipynb").endswith("lab/tree/notebooks/my%20notes.ipynb")


@pytest.mark.parametrize(
    "path, hint",
    [("/etc/passwd", "absolute"), ("../outside.ipynb", "outside"), ("", "needs a path"),
     ("C:\\course\\x.ipynb", "absolute")],
)
def test_bad_paths_are_refused_with_a_hint(path, hint):
    with pytest.raises(InvalidLinkError, match=hint) as caught:
        links.binder_url(path)
    assert "notebooks/00-start-here.ipynb" in str(caught.value)  # says what would be right
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("hub", ["hub.example.edu", "ftp://hub.example.edu", ""])
def test_a_hub_must_be_a_web_address(hub):
    with pytest.raises(InvalidLinkError, match="https://hub.example.edu"):
        links.nbgitpuller_url(hub, "README.md")


def test_a_repository_must_be_owner_slash_name():
    with pytest.raises(InvalidLinkError, match="owner/name"):
        links.binder_url("README.md", repository="just-a-name")
