"""Every launch link opens a file that Binder (or nbgitpuller) will really have.

Binder and nbgitpuller clone the repository from git, so a link that opens a git-ignored file
(a generated notebook left out of git, say) 404s there even though the file exists here.
tests/notebooks/test_lessons.py checks that each link's file exists in this working tree; this
checks the link's form and that its file is one git would publish.
"""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from course_lib import links

REPO = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\((?P<url>https?://[^)\s]+)\)|<(?P<url2>https?://[^>\s]+)>")


def _sources() -> list[tuple[str, str]]:
    """(where, Markdown text) for README.md and every markdown cell of every lesson."""
    out = [("README.md", (REPO / "README.md").read_text(encoding="utf-8"))]
    for nb_path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for n, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") == "markdown":
                src = cell.get("source", "")
                out.append((f"notebooks/{nb_path.name} cell {n}",
                            "".join(src) if isinstance(src, list) else src))
    return out


def launch_links() -> list[tuple[str, str]]:
    """(where, url) of every Binder or nbgitpuller link in README and the lessons."""
    found = []
    for where, text in _sources():
        for m in LINK.finditer(text):
            url = m["url"] or m["url2"]
            if "mybinder.org" in url or links.BINDER_BASE in url or "git-pull" in url:
                found.append((where, url))
    return found


def _gitignore_patterns() -> list[tuple[str, bool]]:
    """(pattern, negated) pairs from the repository's .gitignore (the subset git uses here)."""
    path = REPO / ".gitignore"
    pats = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            neg = line.startswith("!")
            pats.append((line[1:] if neg else line, neg))
    return pats


def git_ignored(rel: str) -> str | None:
    """The .gitignore pattern that leaves ``rel`` out of git, or None.

    Implements what .gitignore lines mean for a file and its parent folders: a leading ``/``
    anchors at the root, a trailing ``/`` matches folders only, a pattern without ``/`` matches
    any path component, ``!`` re-includes. Enough for this repository's .gitignore.
    """
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    verdict = None
    for pattern, neg in _gitignore_patterns():
        dir_only = pattern.endswith("/")
        pat = pattern.rstrip("/")
        anchored = pat.startswith("/") or "/" in pat
        pat = pat.lstrip("/")
        for i, prefix in enumerate(prefixes):
            is_dir = i < len(prefixes) - 1
            if dir_only and not is_dir:
                continue
            hit = (fnmatch.fnmatchcase(prefix, pat) if anchored
                   else fnmatch.fnmatchcase(parts[i], pat))
            if hit:
                verdict = None if neg else pattern
                break
    return verdict


def _target(url: str) -> str:
    parts = urlsplit(url)
    urlpath = parse_qs(parts.query).get("urlpath", [""])[0]
    assert urlpath.startswith("lab/tree/"), (
        f"{url}: urlpath should be lab/tree/<file> so the file opens in JupyterLab"
    )
    target = unquote(urlpath[len("lab/tree/"):])
    if "git-pull" in parts.path:  # nbgitpuller clones into a folder named after the repo
        name = links.repository_name()
        assert target.startswith(name + "/"), f"{url}: urlpath should start lab/tree/{name}/"
        target = target[len(name) + 1:]
    return target


def test_there_are_launch_links_for_every_lesson():
    lessons = sorted((REPO / "notebooks").glob("*.ipynb"))
    assert lessons, "notebooks/ holds no lesson yet"
    opened = {_target(url) for _, url in launch_links()}
    missing = [f"notebooks/{p.name}" for p in lessons if f"notebooks/{p.name}" not in opened]
    assert not missing, f"no launch link opens {missing} (run scripts/make_navigation.py)"


def _id(pair) -> str:
    where, url = pair
    kind = "nbgitpuller" if "git-pull" in url else "binder"
    return f"{where.replace(' ', '-')}:{kind}:{unquote(url).rsplit('/', 1)[-1]}"


@pytest.mark.parametrize(
    "where, url",
    launch_links() or [("(none)", "")],
    ids=[_id(p) for p in launch_links()] or ["none"],
)
def test_launch_link_opens_a_published_file(where, url):
    assert url, "no launch links found in README.md or the lessons"
    parts = urlsplit(url)
    if "git-pull" not in parts.path:
        expected = f"{links.BINDER_BASE}/v2/gh/{links.REPOSITORY}/{links.BRANCH}"
        assert url.startswith(expected + "?"), (
            f"{where}: {url} should start {expected}? (course_lib.links builds it; run "
            "scripts/make_navigation.py)"
        )
    target = _target(url)
    assert (REPO / target).is_file(), f"{where}: {url} opens {target}, which does not exist"
    pattern = git_ignored(target)
    assert pattern is None, (
        f"{where}: {url} opens {target}, but .gitignore leaves it out ({pattern!r}): Binder "
        "clones from git and would not have it"
    )


@pytest.mark.parametrize(
    "rel, ignored",
    [
        ("notebooks/00-start-here.ipynb", False),
        ("tests/browser/screenshots/x.png", True),
        ("notebooks/.ipynb_checkpoints/00-start-here-checkpoint.ipynb", True),
        ("artifacts/autograder/01.zip", True),
        ("notebooks/artifacts.ipynb", False),
    ],
)
def test_the_gitignore_reader_itself(rel, ignored):
    assert (git_ignored(rel) is not None) == ignored
