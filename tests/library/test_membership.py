"""members_on and membership_history against memberships.csv and the key facts of the course.

Expected values are derived from the raw CSV (read with ``csv``, not through course_lib) by the
rules in CONTRIBUTING.md "Membership semantics", plus hand-written expectations for the facts a
lesson states.
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd
import pytest

import course_lib as cl

from .conftest import PARTIES, SPELLS, normalise, read_rows

STATUSES = ["not yet", "member", "frozen", "suspended", "withdrawn"]
COLUMNS = [
    "country", "iso3", "status", "certain", "counts_as_member",
    "since", "since_precision", "since_basis", "source_id", "quote",
]
NAMES = {row["iso3"]: row["country"] for row in read_rows("countries")}


def _bounds(iso: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(*parts)[1]
        return dt.date(*parts, 1), dt.date(*parts, last)
    return dt.date(*parts), dt.date(*parts)


def _own_spells(iso3: str) -> list[dict[str, str]]:
    return sorted((s for s in SPELLS if s["iso3"] == iso3), key=lambda s: _bounds(s["start"]))


def _transitions() -> list[tuple[str, str, dt.date, str, bool]]:
    """(case id, iso3, day, expected status, expected certain) around every spell's start."""
    cases = []
    day = dt.timedelta(days=1)
    for iso3 in PARTIES:
        spells = _own_spells(iso3)
        for i, spell in enumerate(spells):
            first, last = _bounds(spell["start"])
            before = first - day
            if i == 0:
                cases.append((f"{spell['spell_id']}-before", iso3, before, "not yet", True))
            else:
                prev = spells[i - 1]
                p_first, p_last = _bounds(prev["start"])
                cases.append((f"{spell['spell_id']}-before", iso3, before, prev["status"],
                              not (p_first <= before < p_last)))
            if first != last:  # an imprecise start: every day but the last is uncertain
                middle = first + (last - first) / 2
                cases.append((f"{spell['spell_id']}-first-day", iso3, first, spell["status"], False))
                cases.append((f"{spell['spell_id']}-inside", iso3, middle, spell["status"], False))
            cases.append((f"{spell['spell_id']}-last-day", iso3, last, spell["status"], True))
            after = last + day
            if i + 1 == len(spells) or _bounds(spells[i + 1]["start"])[0] > after:
                cases.append((f"{spell['spell_id']}-after", iso3, after, spell["status"], True))
    return cases


TRANSITIONS = _transitions()


def _row(frame: pd.DataFrame, iso3: str) -> pd.Series:
    rows = frame[frame["iso3"] == iso3]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("iso3", "day", "status", "certain"),
    [case[1:] for case in TRANSITIONS],
    ids=[case[0] for case in TRANSITIONS],
)
def test_status_before_inside_and_after_each_transition(iso3, day, status, certain):
    row = _row(cl.members_on(day.isoformat()), iso3)
    assert row["status"] == status
    assert bool(row["certain"]) is certain
    assert bool(row["counts_as_member"]) is (status in ("member", "frozen"))


def test_transitions_cover_every_spell():
    covered = {case[0].rsplit("-", 1)[0].removesuffix("-first").removesuffix("-last")
               for case in TRANSITIONS}
    assert {s["spell_id"] for s in SPELLS} <= covered


# --------------------------------------------------------------------------- the key facts


def test_on_1_january_2010_seven_count_as_members_all_certain():
    on = cl.members_on("2010-01-01")
    members = on[on["counts_as_member"]]
    assert sorted(members["iso3"]) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert on["certain"].all()
    assert set(on.loc[~on["counts_as_member"], "status"]) == {"withdrawn"}  # AZE, GEO
    assert _row(on, "UZB")["status"] == "member"


def test_who_was_in_on_1_january_2010_and_says_who():
    """The course's question: one call, and every row quotes its source verbatim."""
    on = cl.members_on("2010-01-01")
    for row in on.itertuples():
        assert row.source_id and row.quote
        assert normalise(row.quote) in normalise(cl.source_text(row.source_id))
    # Uzbekistan's return is told by the 2007 EurasiaNet article, not by the 2024 teaser.
    uzb = _row(on, "UZB")
    assert uzb["source_id"] == "eurasianet-2007" and "rejoin last August" in uzb["quote"]
    assert (uzb["since"], uzb["since_precision"]) == ("2006-08", "month")


@pytest.mark.parametrize("iso3", ["AZE", "BLR", "GEO"])
def test_joined_in_1993_is_member_but_uncertain_in_mid_1993(iso3):
    row = _row(cl.members_on("1993-06-01"), iso3)
    assert row["status"] == "member" and not row["certain"] and row["counts_as_member"]
    assert (row["since"], row["since_precision"]) == ("1993", "year")


def test_in_mid_1993_the_signatories_are_certain_members():
    on = cl.members_on("1993-06-01")
    for iso3 in ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]:
        row = _row(on, iso3)
        assert row["status"] == "member" and row["certain"]


def test_before_the_treaty_no_one_is_in_yet():
    on = cl.members_on("1992-01-01")
    assert (on["status"] == "not yet").all()
    assert on["certain"].all() and not on["counts_as_member"].any()
    assert on["since"].isna().all() and on["since_precision"].isna().all()
    # Even 'not yet' names the source of the state's first spell.
    assert on["source_id"].notna().all() and on["quote"].notna().all()


def test_in_2013_uzbekistan_is_suspended_and_not_a_member():
    row = _row(cl.members_on("2013-01-01"), "UZB")
    assert row["status"] == "suspended" and row["certain"] and not row["counts_as_member"]


def test_in_2025_armenia_is_frozen_and_still_counts_as_a_member():
    row = _row(cl.members_on("2025-01-01"), "ARM")
    assert row["status"] == "frozen" and row["certain"] and row["counts_as_member"]


def test_the_treaty_expiry_in_1999_is_an_uncertain_year_for_the_leavers():
    on = cl.members_on("1999-06-30")
    for iso3 in ["AZE", "GEO", "UZB"]:
        row = _row(on, iso3)
        assert row["status"] == "withdrawn" and not row["certain"]
    assert _row(on, "ARM")["certain"]


# --------------------------------------------------------------------------- shape and types


@pytest.mark.parametrize("day", ["1990-01-01", "1993-06-01", "2010-01-01", "2030-12-31"])
def test_one_row_per_party_sorted_by_country(day):
    on = cl.members_on(day)
    assert list(on.columns) == COLUMNS
    assert sorted(on["iso3"]) == PARTIES and len(on) == 9
    assert list(on["country"]) == sorted(on["country"])
    assert all(NAMES[i] == c for i, c in zip(on["iso3"], on["country"]))
    assert list(on.index) == list(range(len(on)))
    assert isinstance(on["status"].dtype, pd.CategoricalDtype) and on["status"].cat.ordered
    assert list(on["status"].cat.categories) == STATUSES
    assert list(on["since_precision"].cat.categories) == ["day", "month", "year"]
    assert on["certain"].dtype == "boolean" and on["counts_as_member"].dtype == "boolean"
    for row in on.itertuples():
        assert normalise(row.quote) in normalise(cl.source_text(row.source_id))


@pytest.mark.parametrize(
    "value",
    ["2010-01-01", "2010-01", "2010", 2010, dt.date(2010, 1, 1), dt.datetime(2010, 1, 1, 9),
     pd.Timestamp("2010-01-01"), np.datetime64("2010-01-01")],
    ids=repr,
)
def test_every_kind_of_date_is_accepted(value):
    on = cl.members_on(value)
    reference = cl.members_on("2010-01-01")
    pd.testing.assert_frame_equal(on, reference, check_flags=False)
    assert on.attrs["date"] == "2010-01-01"


@pytest.mark.parametrize(("value", "precision"), [("2010", "year"), ("2010-01", "month")])
def test_a_partial_date_means_its_first_day_and_says_so(value, precision):
    attrs = cl.members_on(value).attrs
    assert attrs["date"] == "2010-01-01" and attrs["precision"] == precision
    assert attrs["asked"] == value
    assert "first day" in attrs["interpretation"] and "2010-01-01" in attrs["interpretation"]


def test_a_full_date_is_that_day():
    attrs = cl.members_on("2010-01-31").attrs
    assert attrs == {"date": "2010-01-31", "asked": "2010-01-31", "precision": "day",
                     "interpretation": "the day 2010-01-31", "body": "CSTO members"}


@pytest.mark.parametrize("bad", ["2010-13-01", "2010-02-30", "1 Jan 2010", "", None])
def test_an_impossible_date_is_refused_with_how_to_write_one(bad):
    with pytest.raises(cl.InvalidDateError, match="write dates as '2010-01-31'") as caught:
        cl.members_on(bad)
    assert isinstance(caught.value, ValueError)


def test_members_on_does_not_share_state_between_calls():
    reference = cl.members_on("2010-01-01")
    first = cl.members_on("2010-01-01")
    first.loc[:, "status"] = "withdrawn"
    first.loc[0, "quote"] = "scribbled"
    first.attrs["date"] = "scribbled"
    again = cl.members_on("2010-01-01")
    pd.testing.assert_frame_equal(again, reference)
    assert again.attrs == reference.attrs


# --------------------------------------------------------------------------- history


@pytest.mark.parametrize("iso3", PARTIES)
def test_history_holds_every_spell_and_every_event_naming_the_state(iso3):
    history = cl.membership_history(NAMES[iso3])
    assert list(history.columns) == [
        "kind", "date", "date_precision", "end", "end_precision",
        "status", "title", "source_id", "quote", "record_id",
    ]
    spells = history[history["kind"] == "spell"]
    assert sorted(spells["record_id"]) == sorted(s["spell_id"] for s in _own_spells(iso3))
    for row in spells.itertuples():
        spell = next(s for s in SPELLS if s["spell_id"] == row.record_id)
        assert (row.date, row.status, row.source_id, row.quote) == (
            spell["start"], spell["status"], spell["source_id"], spell["quote"])
        assert (row.end if pd.notna(row.end) else "") == spell["end"]
    events = history[history["kind"] == "event"]
    expected = [e["event_id"] for e in read_rows("events")
                if iso3 in [c.strip() for c in e["countries"].split(";")]]
    assert sorted(events["record_id"]) == sorted(expected)
    assert set(history["kind"]) <= {"spell", "event"}
    assert events["status"].isna().all() and spells["status"].notna().all()
    starts = [_bounds(d)[0] for d in history["date"]]
    assert starts == sorted(starts)  # in date order
    for row in history.itertuples():
        assert normalise(row.quote) in normalise(cl.source_text(row.source_id))
    assert history.attrs == {"iso3": iso3, "country": NAMES[iso3]}


@pytest.mark.parametrize("spelling", ["Uzbekistan", "UZB", "uz", "Uzbek SSR", " uzbekistan "])
def test_history_accepts_any_spelling(spelling):
    pd.testing.assert_frame_equal(
        cl.membership_history(spelling), cl.membership_history("Uzbekistan")
    )


def test_uzbekistan_history_tells_the_flip_flops_in_order():
    spells = cl.membership_history("Uzbekistan").query("kind == 'spell'")
    assert list(spells["status"]) == ["member", "withdrawn", "member", "suspended"]


def test_history_of_an_unknown_country_suggests_one():
    with pytest.raises(cl.UnknownCountryError, match="Did you mean 'Uzbekistan'"):
        cl.membership_history("Uzbekstan")


def test_history_of_a_state_never_a_party_is_its_events_only():
    history = cl.membership_history("Afghanistan")
    assert (history["kind"] == "event").all() and len(history) > 0


# --------------------------------------------------------------------------- treaty, then CSTO


@pytest.mark.parametrize("day, body", [
    ("1992-05-15", "parties to the Collective Security Treaty"),
    ("1995-06-01", "parties to the Collective Security Treaty"),
    ("2002-04-30", "parties to the Collective Security Treaty"),
    ("2002-06-01", "CSTO members"),
    ("2010-01-01", "CSTO members"),
])
def test_before_the_organization_states_are_parties_to_the_treaty(day, body):
    assert cl.body_on(day).members == body
    assert cl.members_on(day).attrs["body"] == body


def test_the_founding_month_is_read_from_the_finest_claim_and_left_open():
    """The claims give 2002 (three sources) and May 2002 (one): May is the finest, and a day
    in it is named as both, uncertain (no source gives the day)."""
    from course_lib.bodies import founding

    first, last, iso, source = founding()
    assert (iso, source) == ("2002-05", "reference-2013")
    inside = cl.body_on("2002-05-15")
    assert not inside.certain and "Treaty" in inside.heading and "CSTO" in inside.heading


@pytest.mark.parametrize("day, count", [
    ("1993-06-01", "6 certain, 3 uncertain"),  # Azerbaijan, Belarus, Georgia joined "in 1993"
    ("1999-06-01", "6 certain, 3 uncertain"),  # three withdrew "in 1999"
    ("1995-06-01", "9 states"),
    ("2010-01-01", "7 states"),
])
def test_headline_counts_keep_the_uncertain_apart(day, count):
    from course_lib.bodies import member_count

    assert member_count(cl.members_on(day)) == count


def test_spells_are_named_by_the_body_they_were_held_in():
    titles = dict(zip(cl.membership_history("Azerbaijan")["record_id"],
                      cl.membership_history("Azerbaijan")["title"]))
    assert titles["AZE-1"] == "Azerbaijan: party to the Collective Security Treaty"
    assert "CSTO" not in titles["AZE-2"]
    armenia = cl.membership_history("Armenia").set_index("record_id")["title"]
    assert armenia["ARM-1"].startswith("Armenia: party to the Collective Security Treaty, then CSTO member")
    uzbekistan = cl.membership_history("Uzbekistan").set_index("record_id")["title"]
    assert uzbekistan["UZB-3"] == "Uzbekistan: CSTO member"


def test_members_on_says_how_each_since_date_is_known():
    on = cl.members_on("2025-01-01").set_index("iso3")
    assert list(on["since_basis"].cat.categories) == ["stated", "context", "outside"]
    assert on.loc["ARM", "since_basis"] == "context"  # "August 31": the year is from context
    assert on.loc["BLR", "since_basis"] == "stated"
