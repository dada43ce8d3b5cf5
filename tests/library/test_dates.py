"""parse_date and the bounds of imprecise ISO dates: what a learner may type, and what it means."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import course_lib as cl
from course_lib.dates import bounds, earliest, latest, precision_of

HOW = "write dates as '2010-01-31', '2010-01' or '2010'"


@pytest.mark.parametrize(
    ("value", "first", "precision"),
    [
        ("1993", "1993-01-01", "year"),
        ("2010-02", "2010-02-01", "month"),
        ("2010-02-28", "2010-02-28", "day"),
        ("2024-02-29", "2024-02-29", "day"),  # a leap day exists in 2024
        ("  2010-01-31 ", "2010-01-31", "day"),  # stray spaces are forgiven
        (2010, "2010-01-01", "year"),
        (np.int64(1999), "1999-01-01", "year"),
        (dt.date(2010, 1, 1), "2010-01-01", "day"),
        (dt.datetime(2010, 1, 1, 23, 59), "2010-01-01", "day"),  # the time of day is dropped
        (pd.Timestamp("2010-01-01 12:30"), "2010-01-01", "day"),
        (pd.Timestamp("2010-01-01 23:00", tz="Asia/Almaty"), "2010-01-01", "day"),
        (np.datetime64("2010-01-01"), "2010-01-01", "day"),
        (np.datetime64("2010-01-01T18:00"), "2010-01-01", "day"),
    ],
    ids=repr,
)
def test_parse_date_accepts(value, first, precision):
    stamp, got = cl.parse_date(value)
    assert stamp == pd.Timestamp(first)
    assert isinstance(stamp, pd.Timestamp) and stamp.tzinfo is None
    assert stamp == stamp.normalize()
    assert got == precision


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2010-13-01", "month 13 does not exist"),
        ("2010-00", "month 0 does not exist"),
        ("2010-02-30", "February 2010 has 28 days, so day 30 does not exist"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2010-04-31", "April 2010 has 30 days"),
        ("1 Jan 2010", "is not in the form year-month-day"),
        ("January 2010", "is not in the form year-month-day"),
        ("2010-01-01T10:00", "is not in the form year-month-day"),
        ("10-01-2010", "is not in the form year-month-day"),
        ("", "An empty text is not a date"),
        ("   ", "An empty text is not a date"),
        (None, "None is not a date"),
        (pd.NaT, "is not a date (it is missing)"),
        (np.datetime64("NaT"), "is not a date (it is missing)"),
        (True, "is a truth value, not a date"),
        (2010.5, "(a float) is not a date"),
        ("0999", "year 999 is outside"),
        (99999, "year 99999 is outside"),
    ],
    ids=repr,
)
def test_parse_date_rejects_with_a_clear_message(value, says):
    with pytest.raises(cl.InvalidDateError) as caught:
        cl.parse_date(value)
    message = str(caught.value)
    assert says in message
    assert HOW in message or "Write dates as" in message  # says what a date looks like
    assert isinstance(caught.value, ValueError)  # `except ValueError` keeps working
    assert isinstance(caught.value, cl.CourseError)


@pytest.mark.parametrize(
    ("value", "fixed"),
    [("2010-1-5", "2010-01-05"), ("2010/01/31", "2010-01-31"), ("2010.3", "2010-03")],
)
def test_near_iso_dates_get_a_did_you_mean(value, fixed):
    with pytest.raises(cl.InvalidDateError, match=f"did you mean '{fixed}'"):
        cl.parse_date(value)


def test_near_iso_but_impossible_says_what_is_impossible():
    with pytest.raises(cl.InvalidDateError, match="month 13 does not exist"):
        cl.parse_date("2010/13/01")


@pytest.mark.parametrize(
    ("iso", "first", "last", "precision"),
    [
        ("1993", "1993-01-01", "1993-12-31", "year"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2023-02", "2023-02-01", "2023-02-28", "month"),
        ("2006-08", "2006-08-01", "2006-08-31", "month"),
        ("1999-04", "1999-04-01", "1999-04-30", "month"),
        ("1992-05-15", "1992-05-15", "1992-05-15", "day"),
    ],
)
def test_bounds_of_an_imprecise_date(iso, first, last, precision):
    assert bounds(iso) == (pd.Timestamp(first), pd.Timestamp(last))
    assert earliest(iso) == pd.Timestamp(first)
    assert latest(iso) == pd.Timestamp(last)
    assert precision_of(iso) == precision


@pytest.mark.parametrize("bad", ["1993-13", "1993-02-30", "93", "", "1993-1"])
def test_bounds_reject_what_parse_date_rejects(bad):
    with pytest.raises(cl.InvalidDateError):
        bounds(bad)
