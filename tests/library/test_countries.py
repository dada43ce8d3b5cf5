"""resolve_country: every name, code and alias in countries.csv, in any case and spacing."""

from __future__ import annotations

import re

import pytest

import course_lib as cl

from .conftest import read_rows

COUNTRIES = read_rows("countries")


def _spellings() -> list[tuple[str, str]]:
    pairs = []
    for row in COUNTRIES:
        pairs += [(row["iso3"], row["iso3"]), (row["iso2"], row["iso3"]), (row["country"], row["iso3"])]
        pairs += [(alias.strip(), row["iso3"]) for alias in row["aliases"].split(";") if alias.strip()]
    return pairs


SPELLINGS = _spellings()


@pytest.mark.parametrize(("text", "iso3"), SPELLINGS, ids=[f"{t}->{i}" for t, i in SPELLINGS])
def test_every_name_code_and_alias_resolves(text, iso3):
    assert cl.resolve_country(text) == iso3
    assert cl.resolve_country(text.upper()) == iso3
    assert cl.resolve_country(text.lower()) == iso3
    assert cl.resolve_country(f"  {text}  ") == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kirghizia", "KGZ"),
        ("kyrgyz republic", "KGZ"),
        ("KYRGYZ   REPUBLIC", "KGZ"),
        ("Kyrgyz\tRepublic", "KGZ"),
        ("KG", "KGZ"),
        ("kgz", "KGZ"),
        ("Russian Federation", "RUS"),
        ("russia", "RUS"),
        ("Uzbekistán", "UZB"),  # accents are ignored
        ("Bélarus", "BLR"),
        ("by", "BLR"),
        ("Tadzhikistan", "TJK"),
    ],
)
def test_key_spellings(text, iso3):
    assert cl.resolve_country(text) == iso3


def test_no_two_states_share_a_spelling():
    """A spelling that meant two states would make resolve_country answer one of them silently."""
    from course_lib._text import fold

    owner: dict[str, str] = {}
    clashes = []
    for text, iso3 in SPELLINGS:
        key = fold(text)
        if owner.setdefault(key, iso3) != iso3:
            clashes.append((text, owner[key], iso3))
    assert not clashes


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("Kirgizstan", "Kyrgyzstan"),
        ("Kyrgystan", "Kyrgyzstan"),
        ("Tajikstan", "Tajikistan"),
        ("Uzbekstan", "Uzbekistan"),
        ("Armenai", "Armenia"),
        ("Belarussiya", "Belarus"),
        ("Kazahkstan", "Kazakhstan"),
        ("Russsia", "Russia"),
    ],
)
def test_unknown_country_suggests_the_closest(typo, suggestion):
    with pytest.raises(cl.UnknownCountryError) as caught:
        cl.resolve_country(typo)
    message = str(caught.value)
    assert message.startswith(f"No country called {typo!r}.")
    assert re.search(rf"Did you mean [^?]*'{suggestion}'", message)
    assert 'cl.load("countries")' in message  # where to look
    assert isinstance(caught.value, KeyError)


@pytest.mark.parametrize("text", ["", "   ", "Narnia!!", "XX"])
def test_nonsense_is_an_unknown_country(text):
    with pytest.raises(cl.UnknownCountryError, match=r'cl\.load\("countries"\)'):
        cl.resolve_country(text)


@pytest.mark.parametrize("value", [None, 3, ["Armenia"]])
def test_not_a_text_is_an_unknown_country(value):
    with pytest.raises(cl.UnknownCountryError, match="named by a text"):
        cl.resolve_country(value)
