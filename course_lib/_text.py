"""Small text helpers shared by the library: normalising keys and suggesting near misses."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["fold", "squash_whitespace", "suggest", "did_you_mean"]

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def squash_whitespace(text: str) -> str:
    """Turn every run of whitespace into one space and strip the ends.

    Examples
    --------
    >>> squash_whitespace("  a\\n\\t b ")
    'a b'
    """
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """A matching key: no accents, no case, no spaces or punctuation.

    Examples
    --------
    >>> fold("  Kyrgyz   Republic ")
    'kyrgyzrepublic'
    >>> fold("Türkiye")
    'turkiye'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", bare.casefold())


def suggest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Return up to ``n`` of ``choices`` close to ``word`` (compared folded), best first.

    Examples
    --------
    >>> suggest("memberhsips", ["events", "memberships"])
    ['memberships']
    """
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(fold(choice), choice)
    keys = difflib.get_close_matches(fold(word), list(by_key), n=n, cutoff=cutoff)
    if not keys:
        return []
    # Offer the runners-up only when they are nearly as close as the best match.
    matcher = difflib.SequenceMatcher(b=fold(word))
    scores = []
    for key in keys:
        matcher.set_seq1(key)
        scores.append(matcher.ratio())
    best = max(scores)
    return [by_key[k] for k, score in zip(keys, scores) if score >= best - 0.1]


def did_you_mean(options: list[str]) -> str:
    """Phrase a list of suggestions: ``" Did you mean 'a'?"``, or ``""`` when there are none.

    Examples
    --------
    >>> did_you_mean(["memberships"])
    " Did you mean 'memberships'?"
    >>> did_you_mean(["a", "b"])
    " Did you mean 'a' or 'b'?"
    """
    if not options:
        return ""
    quoted = [repr(o) for o in options]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Did you mean {joined}?"
