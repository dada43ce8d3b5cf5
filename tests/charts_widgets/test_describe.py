"""Every chart can be read in words: ``cl.charts.describe`` says what the data it drew says.

Each check recomputes what the chart should say from the datasets (not from the chart), so a
description that drops a state, an event, a number or a drill fails here.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import course_lib as cl
from course_lib.charts.description import chart_record, format_date
from course_lib.charts.drills import ROLE_LABELS
from course_lib.charts.figures import format_figure

from .test_charts import CHARTS


def _line(text: str, start: str) -> str:
    """The one line of a description that starts with ``start``."""
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, f"no single line starting {start!r} in:\n{text}"
    return found[0]


def _listed(line: str) -> list[str]:
    """The names listed after the last colon of a line."""
    return [name.strip() for name in line.rsplit(":", 1)[1].rstrip(".").split(",") if name.strip()]


# -- what each kind of chart must say, recomputed from the data -----------------------------

def _check_map(fig, text):
    record = chart_record(fig)
    frame = cl.members_on(record.data["date"])
    counted = sorted(frame.loc[frame["counts_as_member"].astype(bool), "country"].astype(str))
    assert sorted(_listed(_line(text, "Counted as "))) == counted
    for status, start in (("frozen", "Frozen"), ("suspended", "Suspended"),
                          ("withdrawn", "Withdrawn"), ("not yet", "Not yet parties")):
        states = sorted(frame.loc[frame["status"] == status, "country"].astype(str))
        if states:
            assert sorted(_listed(_line(text, start))) == states
        else:
            assert not [line for line in text.splitlines() if line.startswith(start)]
    unsure = frame.loc[~frame["certain"].astype(bool), "country"].astype(str).tolist()
    for state in unsure:
        assert state in _line(text, "Uncertain on this date")


def _check_membership_chart(fig, text):
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()][::-1]  # top to bottom, as drawn
    described = [line.split(":", 1)[0] for line in text.splitlines()[2:]
                 if not line.startswith("Key events")]
    assert described == rows
    spells = cl.load("memberships").sort_values("start_earliest", kind="stable")
    drawn = {p.get_gid() for p in ax.patches if p.get_gid()}
    for state in rows:
        line = _line(text, f"{state}:")
        said = [f"{s.status} from {format_date(s.start, s.start_precision)}"
                for s in spells[spells["country"] == state].itertuples()
                if s.spell_id in drawn]  # every spell drawn as a bar is named ...
        positions = [line.find(part) for part in said]
        assert -1 not in positions, (said, line)
        assert positions == sorted(positions), line  # ... in date order


def _check_timeline(fig, text):
    record = chart_record(fig)
    titles = [e["title"] for e in record.data["events"]]
    events = cl.load("events").set_index("event_id")
    drawn = [t.get_text() for t in fig.axes[0].texts if re.match(r"\d{4}", t.get_text())
             and "   " in t.get_text()]  # the chart's event labels: "date   title"
    assert len(titles) == len(drawn) > 0
    numbered = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(numbered) == len(titles)
    for line, title in zip(numbered, titles):
        assert title.rstrip(".") in line
    # in date order, and every title is a row of events.csv
    dates = [events.loc[events["title"] == t, "date_earliest"].iloc[0] for t in titles]
    assert dates == sorted(dates)


def _check_figures(fig, text):
    figures = cl.load("figures").dropna(subset=["value"])
    for ax in fig.axes:
        unit = ax.get_title(loc="left")
        line = _line(text, f"In {unit}:")
        for subject in [t.get_text() for t in ax.get_yticklabels()]:
            row = figures[(figures["unit"] == unit) & (figures["subject"].str.startswith(
                subject.replace("\n", " ")[:20]))].iloc[0]
            said = format_figure(float(row["value"]), unit, str(row["qualifier"]),
                                 row["refers_to"])
            assert f"{row['subject']}: {said}" in line


def _check_drills(fig, text):
    table = cl.charts.participation_table()
    drills = cl.load("drills").set_index("drill_id")
    for drill_id in table.columns:
        name = str(drills.loc[drill_id, "name"])
        line = _line(text, f"{name} (")
        for role, label in ROLE_LABELS.items():
            who = sorted(table.index[table[drill_id] == role])
            if who:
                part = line.split(f"{label}: ", 1)[1].split(";")[0].rstrip(".")
                assert sorted(p.strip() for p in part.split(",")) == who, (drill_id, role)


CHECKS = {
    "membership_map": _check_map,
    "membership_chart": _check_membership_chart,
    "events_timeline": _check_timeline,
    "figures_chart": _check_figures,
    "drills_matrix": _check_drills,
}


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_described_from_the_data_it_drew(name):
    fig = CHARTS[name]()
    text = cl.charts.describe(fig)
    first, *details = text.splitlines()
    # a short first sentence naming the title the chart shows, details after
    shown_title = " ".join((fig.get_suptitle() or fig.axes[0].get_title(loc="left")).split())
    assert shown_title in first and len(first) < 160 and details
    CHECKS[chart_record(fig).kind](fig, text)
    plt.close(fig)


@pytest.mark.parametrize("date", ["1992-06-01", "1993-06-01", "1999-06-01", "2007-01-01",
                                  "2013", "2024-09-15"])
def test_the_map_names_every_state_that_counts_as_a_member_on_each_date(date):
    fig = cl.charts.membership_map(date)
    text = cl.charts.describe(fig)
    counted = cl.members_on(date)
    members = sorted(counted.loc[counted["counts_as_member"].astype(bool), "country"])
    assert sorted(_listed(_line(text, "Counted as "))) == members
    _check_map(fig, text)
    plt.close(fig)


def test_a_frozen_member_is_named_as_frozen_and_counted():
    text = cl.charts.describe(cl.charts.membership_map("2025-01-01"))
    assert "Armenia" in _listed(_line(text, "Counted as "))
    assert _listed(_line(text, "Frozen")) == ["Armenia"]


def test_a_chart_drawn_into_a_learners_axes_is_described():
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    cl.charts.drills_matrix(countries="Armenia", ax=left)
    right.plot([1, 2])
    assert cl.charts.describe(left).startswith("Matrix. Who took part")
    assert cl.charts.describe(fig) == cl.charts.describe(left)  # the one course chart on it


def test_describe_explains_what_it_can_describe():
    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    with pytest.raises(cl.NotACourseChartError, match="markdown cell beside it"):
        cl.charts.describe(fig)
    with pytest.raises(ValueError):
        cl.charts.describe("a chart")


def test_a_timeline_with_no_events_says_so():
    fig = cl.charts.events_timeline(category="membership", countries="Mongolia")
    assert cl.charts.describe(fig).splitlines()[1] == "No events match these filters."


def test_membership_chart_until_a_date_stops_there():
    text = cl.charts.describe(cl.charts.membership_chart(until="2005-01-01"))
    assert "from 1992 to 1 January 2005" in text
    assert "2024" not in text.split("Key events")[0]  # Armenia's freeze comes later
    assert "today" in cl.charts.describe(cl.charts.membership_chart())
    assert pd.Timestamp.today().strftime("%B %Y") not in \
        cl.charts.describe(cl.charts.membership_chart()).split("Key events")[0]
