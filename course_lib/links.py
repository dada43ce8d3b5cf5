"""Launch links for the course: Binder and nbgitpuller, built from one setting.

The repository the course is published from is set once, here (:data:`REPOSITORY` and
:data:`BRANCH`). Everything that prints a launch link (the README course map, the navigation
cells of every lesson, the instructors' nbgitpuller links) calls the functions below, so moving
the course to another repository or branch means editing these constants and running
``python scripts/make_navigation.py``. nbgitpuller links pull the *learner edition*
(:data:`EDITION_BRANCH`, built by ``make learner-edition``): the lessons and blank exercises,
without the model answers and hidden tests of ``solutions/``.

Examples
--------
>>> from course_lib.links import binder_url
>>> binder_url("notebooks/00-start-here.ipynb")  # doctest: +ELLIPSIS
'https://mybinder.org/v2/gh/csto-in-data/csto-in-data/main?urlpath=lab/tree/notebooks/00-start-here.ipynb'
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit

from .exceptions import InvalidLinkError

__all__ = [
    "REPOSITORY",
    "BRANCH",
    "EDITION_BRANCH",
    "BINDER_BASE",
    "repository_url",
    "repository_name",
    "binder_url",
    "nbgitpuller_url",
]

#: The GitHub repository the course is published from, as ``owner/name``.
REPOSITORY: str = "csto-in-data/csto-in-data"

#: The branch launch links open.
BRANCH: str = "main"

#: The branch nbgitpuller links pull: the learner edition (``make learner-edition`` publishes
#: it), which holds no model answer and no hidden test.
EDITION_BRANCH: str = "learner-edition"

#: The BinderHub that Binder links point at.
BINDER_BASE: str = "https://mybinder.org"


def _clean_path(path: str) -> str:
    """Return ``path`` as a POSIX path relative to the repository root, or raise.

    Parameters
    ----------
    path : str
        A path inside the repository, such as ``"notebooks/02-from-tashkent-to-the-csto.ipynb"``.
        Backslashes are read as folder separators; a leading ``./`` is dropped.

    Returns
    -------
    str
        The normalised relative path.

    Raises
    ------
    InvalidLinkError
        When the path is empty, absolute, or climbs out of the repository with ``..``.

    Examples
    --------
    >>> _clean_path("./notebooks\\\\00-start-here.ipynb")
    'notebooks/00-start-here.ipynb'
    """
    if not isinstance(path, str) or not path.strip():
        raise InvalidLinkError(
            f"A launch link needs a path inside the repository, got {path!r}. "
            "Write it relative to the repository root, e.g. 'notebooks/00-start-here.ipynb'."
        )
    raw = path.strip().replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise InvalidLinkError(
            f"{path!r} is an absolute path; a launch link opens a file inside the repository. "
            "Write it relative to the repository root, e.g. 'notebooks/00-start-here.ipynb'."
        )
    clean = posixpath.normpath(raw)
    if clean == "." or clean == ".." or clean.startswith("../"):
        raise InvalidLinkError(
            f"{path!r} points outside the repository. "
            "Write it relative to the repository root, e.g. 'notebooks/00-start-here.ipynb'."
        )
    return clean


def _check_repository(repository: str) -> str:
    parts = repository.strip().strip("/").split("/") if isinstance(repository, str) else []
    if len(parts) != 2 or not all(parts):
        raise InvalidLinkError(
            f"The repository must be written 'owner/name' (as on GitHub), got {repository!r}; "
            f"for example {REPOSITORY!r}."
        )
    return "/".join(parts)


def repository_url(repository: str = REPOSITORY) -> str:
    """Return the GitHub address of the course repository.

    Parameters
    ----------
    repository : str, optional
        ``owner/name`` on GitHub; defaults to :data:`REPOSITORY`.

    Returns
    -------
    str
        ``https://github.com/<owner>/<name>``.

    Examples
    --------
    >>> repository_url()
    'https://github.com/csto-in-data/csto-in-data'
    """
    return f"https://github.com/{_check_repository(repository)}"


def repository_name(repository: str = REPOSITORY) -> str:
    """Return the folder name a clone of the repository gets (the part after the slash).

    nbgitpuller clones into a folder of this name in the learner's home directory.

    Parameters
    ----------
    repository : str, optional
        ``owner/name`` on GitHub; defaults to :data:`REPOSITORY`.

    Returns
    -------
    str
        The repository's name.

    Examples
    --------
    >>> repository_name("csto-in-data/csto-in-data")
    'csto-in-data'
    """
    return _check_repository(repository).split("/")[1]


def binder_url(
    path: str = "notebooks/00-start-here.ipynb",
    *,
    repository: str = REPOSITORY,
    branch: str = BRANCH,
) -> str:
    """Return a link that opens ``path`` in JupyterLab on Binder.

    Parameters
    ----------
    path : str, optional
        A file inside the repository, relative to its root; defaults to the first lesson.
    repository : str, optional
        ``owner/name`` on GitHub; defaults to :data:`REPOSITORY`.
    branch : str, optional
        The branch to build; defaults to :data:`BRANCH`.

    Returns
    -------
    str
        ``https://mybinder.org/v2/gh/<owner>/<name>/<branch>?urlpath=lab/tree/<path>``.

    Raises
    ------
    InvalidLinkError
        When ``path`` is absolute or outside the repository, or ``repository`` is not
        ``owner/name``.

    Examples
    --------
    >>> binder_url("notebooks/03-who-is-in.ipynb")
    'https://mybinder.org/v2/gh/csto-in-data/csto-in-data/main?urlpath=lab/tree/notebooks/03-who-is-in.ipynb'
    """
    slug = _check_repository(repository)
    clean = quote(_clean_path(path), safe="/")
    return f"{BINDER_BASE}/v2/gh/{slug}/{quote(branch, safe='')}?urlpath=lab/tree/{clean}"


def nbgitpuller_url(
    hub: str,
    path: str = "notebooks/00-start-here.ipynb",
    *,
    repository: str = REPOSITORY,
    branch: str = EDITION_BRANCH,
    repo_url: str | None = None,
) -> str:
    """Return a link that pulls the learner edition into a JupyterHub account and opens ``path``.

    The first click clones the edition into the learner's home folder; later clicks merge
    new commits without overwriting the learner's own changes (that is nbgitpuller's job, and
    the hub must have nbgitpuller installed).

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``"https://hub.example.edu"`` (with or without a trailing
        slash, with or without a trailing ``/hub``).
    path : str, optional
        A file inside the edition, relative to its root; defaults to the first lesson.
    repository : str, optional
        ``owner/name`` on GitHub; defaults to :data:`REPOSITORY`.
    branch : str, optional
        The branch to pull; defaults to :data:`EDITION_BRANCH`, the learner edition.
    repo_url : str, optional
        Clone from this address instead of GitHub (a university GitLab, or a ``file://``
        repository on the hub itself); the learner's folder is named after its last part,
        as nbgitpuller names it (a trailing ``.git`` stays).

    Returns
    -------
    str
        ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=lab/tree/<name>/<path>``.

    Raises
    ------
    InvalidLinkError
        When ``hub`` is not an http(s) address, or ``path`` or ``repository`` is malformed.

    Examples
    --------
    >>> nbgitpuller_url("https://hub.example.edu", "notebooks/00-start-here.ipynb")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https://github.com/csto-in-data/csto-in-data&branch=learner-edition&urlpath=lab/tree/csto-in-data/notebooks/00-start-here.ipynb'
    >>> nbgitpuller_url("http://127.0.0.1:8000", repo_url="file:///srv/csto-in-data")  # doctest: +ELLIPSIS
    'http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=file:///srv/csto-in-data&...lab/tree/csto-in-data/notebooks/00-start-here.ipynb'
    """
    parts = urlsplit(hub.strip()) if isinstance(hub, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidLinkError(
            f"The hub must be a web address such as 'https://hub.example.edu', got {hub!r}."
        )
    base = hub.strip().rstrip("/")
    if base.endswith("/hub"):
        base = base[: -len("/hub")]
    clean = quote(_clean_path(path), safe="/")
    if repo_url is None:
        repo = quote(repository_url(repository), safe="/:")
        name = quote(repository_name(repository), safe="")
    else:
        repo = quote(repo_url.strip(), safe="/:")
        # nbgitpuller names the folder after the address's last part, as it is (".git" kept)
        name = quote(repo_url.strip().rstrip("/").rsplit("/", 1)[-1], safe="")
    return (
        f"{base}/hub/user-redirect/git-pull?repo={repo}&branch={quote(branch, safe='')}"
        f"&urlpath=lab/tree/{name}/{clean}"
    )
