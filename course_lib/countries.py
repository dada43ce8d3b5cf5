"""Turn what a learner types for a country into its ISO 3166 alpha-3 code."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ._paths import data_dir
from ._text import did_you_mean, fold, suggest
from .exceptions import UnknownCountryError

__all__ = ["resolve_country", "country_name"]

_NAME_COLUMNS = ("name", "country", "short_name", "name_en")
_ALIAS_SPLIT = re.compile(r"\s*[;|]\s*")


def _name_column(table: pd.DataFrame) -> str:
    for column in _NAME_COLUMNS:
        if column in table.columns:
            return column
    raise KeyError(f"countries table has none of the name columns {_NAME_COLUMNS}")


@lru_cache(maxsize=4)
def _index(root: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(folded key -> iso3, iso3 -> English name, every spelling -> iso3 for suggestions)."""
    from .datasets import load  # late: datasets imports nothing from here

    table = load("countries")
    name_col = _name_column(table)
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    spellings: dict[str, str] = {}
    # Codes first so that a code always wins over a name that folds the same way.
    for row in table.itertuples(index=False):
        iso3 = str(getattr(row, "iso3"))
        names[iso3] = str(getattr(row, name_col))
        keys.setdefault(fold(iso3), iso3)
        spellings.setdefault(iso3, iso3)  # 'UZN' suggests 'Uzbekistan' by its code
        iso2 = getattr(row, "iso2", None)
        if iso2 is not None and not pd.isna(iso2):
            keys.setdefault(fold(str(iso2)), iso3)
    for row in table.itertuples(index=False):
        iso3 = str(getattr(row, "iso3"))
        spelled = [str(getattr(row, name_col))]
        aliases = getattr(row, "aliases", None)
        if aliases is not None and not pd.isna(aliases):
            spelled += [a for a in _ALIAS_SPLIT.split(str(aliases)) if a]
        for text in spelled:
            keys.setdefault(fold(text), iso3)
            spellings.setdefault(text, iso3)
    return keys, names, spellings


def resolve_country(text: str) -> str:
    """Return the ISO 3166 alpha-3 code of a country named by a learner.

    Parameters
    ----------
    text : str
        An English short name (``"Kyrgyzstan"``), an alias listed in ``countries.csv``
        (``"Kirghizia"``, ``"Kyrgyz Republic"``, ``"Russian Federation"``), or an ISO alpha-2 or
        alpha-3 code (``"KG"``, ``"kgz"``). Case, accents, spaces and punctuation are ignored.

    Returns
    -------
    str
        The alpha-3 code, e.g. ``'KGZ'``: the key of the ``countries`` table and of every country
        column in the data.

    Raises
    ------
    UnknownCountryError
        If nothing matches; the message suggests the closest names and says where to look. It is
        also a ``KeyError``.

    Examples
    --------
    >>> import course_lib as cl
    >>> cl.resolve_country("kyrgyz republic")
    'KGZ'
    >>> cl.resolve_country("by")
    'BLR'
    """
    keys, names, spellings = _index(str(data_dir()))
    if isinstance(text, str):
        found = keys.get(fold(text))
        if found is not None and fold(text):
            return found
    else:
        raise UnknownCountryError(
            f"A country is named by a text such as 'Armenia' or 'ARM'; got {text!r} "
            f"(a {type(text).__name__}). See cl.load(\"countries\") for every name and code."
        )
    close = suggest(text, spellings, n=3)
    # Suggest each state once, by its English name (and the spelling that matched, if other).
    shown: list[str] = []
    for spelling in close:
        name = names[spellings[spelling]]
        if name not in shown:
            shown.append(name)
    raise UnknownCountryError(
        f"No country called {text!r}.{did_you_mean(shown)} Countries are matched by English "
        "name, ISO code ('KGZ' or 'KG') or a common alias; see cl.load(\"countries\") for every "
        "name, code and alias."
    )


def country_name(iso3: str) -> str:
    """Return the English short name of an alpha-3 code (or of anything :func:`resolve_country` reads).

    Examples
    --------
    >>> from course_lib.countries import country_name
    >>> country_name("KGZ")
    'Kyrgyzstan'
    """
    keys, names, _ = _index(str(data_dir()))
    return names[resolve_country(iso3)]
