"""Every chart renders to PNG, draws what the data says, and refuses bad input kindly."""

from __future__ import annotations

import io

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pytest

import course_lib as cl
from course_lib.charts import _common
from course_lib.charts.palette import STATUS_COLORS, STATUS_ORDER, category_color, category_marker

# One entry per chart a learner can call: adding a chart here adds its render check.
CHARTS = {
    "membership_map": lambda: cl.charts.membership_map("2010-01-01"),
    "membership_map_caucasus": lambda: cl.charts.membership_map("1993", region="caucasus"),
    "membership_chart": lambda: cl.charts.membership_chart(),
    "membership_chart_until_2005": lambda: cl.charts.membership_chart(until="2005-01-01"),
    "membership_chart_two": lambda: cl.charts.membership_chart(countries=["UZB", "Armenia"]),
    "events_timeline": lambda: cl.charts.events_timeline(),
    "events_timeline_membership": lambda: cl.charts.events_timeline(category="membership"),
    "events_timeline_country": lambda: cl.charts.events_timeline(countries="Armenia"),
    "figures_chart": lambda: cl.charts.figures_chart(),
    "figures_chart_all": lambda: cl.charts.figures_chart(None),
    "drills_matrix": lambda: cl.charts.drills_matrix(),
}


def test_every_public_chart_is_registered_here():
    """A chart added to cl.charts.__all__ must get a render check in CHARTS."""
    helpers = {"status_color", "participation_table", "describe"}
    charts = {name for name in cl.charts.__all__
              if name[0].islower() and callable(getattr(cl.charts, name)) and name not in helpers}
    for name in charts:
        assert any(key == name or key.startswith(name + "_") for key in CHARTS), name


@pytest.mark.parametrize("name", CHARTS)
def test_chart_renders_to_png_at_notebook_width(name):
    fig = CHARTS[name]()
    assert isinstance(fig, plt.Figure)
    width, height = fig.get_size_inches()
    assert 9 <= width <= 10.5 and 2 <= height  # readable in a notebook without scrolling sideways
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    assert buffer.getvalue()[:4] == b"\x89PNG" and len(buffer.getvalue()) > 5_000
    assert fig.axes[0].get_title(loc="left") or fig.get_suptitle()
    plt.close(fig)
    assert plt.get_fignums() == []


def test_palette_is_one_distinct_colour_per_status():
    assert set(STATUS_ORDER) >= {"member", "frozen", "suspended", "withdrawn", "not yet", "never"}
    assert len(set(STATUS_COLORS.values())) == len(STATUS_COLORS)
    # statuses that members_on can return all have a colour
    statuses = set(cl.members_on("2010-01-01")["status"].cat.categories)
    assert statuses <= set(STATUS_COLORS)
    with pytest.raises(cl.UnknownOptionError, match="statuses are"):
        cl.charts.status_color("left")


def test_category_colour_and_shape_pairs_are_distinct():
    categories = [f"c{i}" for i in range(14)]
    pairs = {(category_color(c, categories), category_marker(c, categories)) for c in categories}
    assert len(pairs) == len(categories)


def test_membership_chart_draws_one_row_per_party_with_status_colours():
    fig = cl.charts.membership_chart()
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(rows) == sorted(cl.members_on("2010")["country"])
    spells = cl.load("memberships")
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    for spell in spells.itertuples():
        if spell.spell_id in bars:
            colour = mcolors.to_hex(bars[spell.spell_id].get_facecolor(), keep_alpha=False)
            assert colour.upper() == STATUS_COLORS[str(spell.status)].upper()
    # every spell with an end or a precise start shows a solid bar
    assert {"UZB-2", "UZB-4", "ARM-2"} <= set(bars)
    # imprecise starts are drawn as fades (images), not as bars from a false first day
    assert len(ax.images) >= int((spells["start_precision"] != "day").sum())
    labels = [t.get_text() for t in ax.texts]
    assert any("Tashkent" in label for label in labels)  # a key event


def test_membership_chart_fades_out_an_imprecise_end_nobody_picks_up(monkeypatch):
    """A spell that ended "in 2010" with no later spell fades out over 2010, not on 1 January."""
    import pandas as pd

    real_load = cl.load

    def load(name):
        table = real_load(name)
        if name == "memberships":
            row = table.index[table["spell_id"] == "BLR-1"][0]
            table.loc[row, ["end", "end_precision"]] = ["2010", "year"]
            table.loc[row, "end_earliest"] = pd.Timestamp("2010-01-01")
            table.loc[row, "end_latest"] = pd.Timestamp("2010-12-31")
        return table

    monkeypatch.setattr(cl, "load", load)
    fig = cl.charts.membership_chart(countries=["Belarus"], events=[])
    ax = fig.axes[0]
    bar = next(p for p in ax.patches if p.get_gid() == "BLR-1")
    end_of_bar = mdates.num2date(bar.get_x() + bar.get_width()).replace(tzinfo=None)
    assert end_of_bar == pd.Timestamp("2010-01-01")  # solid only while certain
    fades = [image.get_extent() for image in ax.images]
    assert any(abs(x0 - mdates.date2num(pd.Timestamp("2010-01-01"))) < 1
               and abs(x1 - mdates.date2num(pd.Timestamp("2010-12-31"))) < 1
               for x0, x1, _y0, _y1 in fades)


def test_membership_chart_event_labels_do_not_overlap():
    fig = cl.charts.membership_chart()
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    from matplotlib.text import Text

    # the label's own box (an Annotation's extent would include its leader line)
    boxes = [Text.get_window_extent(t, renderer) for t in fig.axes[0].texts
             if "\n" in t.get_text() or t.get_text() in {"In force", "Renamed CSTO"}]
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_membership_chart_fills_its_figure_and_joins_each_label_to_its_line():
    """The chart places its own axes (no layout engine): nothing cut off, no wide empty margin,
    and every event label, in whatever lane, sits on top of the leader from its dashed line."""
    fig = cl.charts.membership_chart()
    assert fig.get_layout_engine() is None
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer)
    width, height = fig.get_size_inches()
    gaps = [box.x0, box.y0, width - box.x1, height - box.y1]
    assert all(-0.02 <= gap <= 0.12 for gap in gaps), gaps  # 3 pt of padding, as before
    ax = fig.axes[0]
    from matplotlib.text import Annotation, Text

    labels = [t for t in ax.texts if isinstance(t, Annotation) and t.xycoords == "data"]
    leaders = next(c for c in ax.collections if c.get_gid() == "event-leaders")
    tops = []
    for segment, offset in zip(leaders.get_segments(), leaders.get_offsets()):
        foot = ax.get_xaxis_transform().transform(offset)
        rise = leaders.get_transform().transform(segment[1]) - leaders.get_transform().transform(
            segment[0])
        tops.append((foot[0] + rise[0], foot[1] + rise[1]))
    assert len(labels) == len(tops) >= 4
    assert len({t.xyann[1] for t in labels}) >= 2  # the labels do need more than one lane
    for label, (x, y) in zip(labels, tops):
        extent = Text.get_window_extent(label, renderer)
        assert abs((extent.x0 + extent.x1) / 2 - x) < 1.5  # under the label's middle
        assert abs(extent.y0 - y) < 1.5  # up to the label's foot, not short of it or through it


def test_events_timeline_labels_never_overlap_and_follow_filters():
    fig = cl.charts.events_timeline()
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    events = cl.load("events")
    labels = [t for t in fig.axes[0].texts if t.get_text()[:4].isdigit() and "   " in t.get_text()]
    assert len(labels) == len(events)
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
    for a, b in zip(boxes, boxes[1:]):
        assert a.y1 <= b.y0 + 0.5  # one per row
    plt.close(fig)
    fig = cl.charts.events_timeline(category="membership", countries="Uzbekistan")
    shown = [t.get_text() for t in fig.axes[0].texts if "   " in t.get_text()]
    expected = events[(events["category"] == "membership")
                      & events["countries"].fillna("").str.contains("UZB")]
    assert len(shown) == len(expected) > 0


def test_assign_lanes_never_puts_overlapping_labels_in_one_lane():
    extents = [(0, 10), (5, 12), (11, 20), (0, 3), (12, 13)]
    lanes = _common.assign_lanes(extents, pad=1)
    for i, (a0, a1) in enumerate(extents):
        for j, (b0, b1) in enumerate(extents):
            if i < j and lanes[i] == lanes[j]:
                assert a1 + 1 <= b0 or b1 + 1 <= a0


def test_figures_chart_labels_give_qualifier_and_unit():
    fig = cl.charts.figures_chart("force")
    texts = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_text()]  # not the arrows
    figures = cl.load("figures")
    force = figures[figures["category"] == "force"]
    assert len(texts) == len(force)
    assert any(t.startswith("over 40,000 troops") for t in texts)
    units = {ax.get_title(loc="left") for ax in fig.axes}
    assert units == set(force["unit"])  # one panel per unit: no mixed axes


def test_drills_matrix_shows_absence_and_observers():
    table = cl.charts.participation_table()
    assert table.loc["Armenia", "interaction-2024"] == "absent"
    assert table.loc["China", "interaction-2024"] == "observer"
    fig = cl.charts.drills_matrix()
    # each kind of mark is one line of markers; read back which cell each marker sits in
    drawn = {
        (table.columns[int(x)], table.index[int(y)], line.get_gid())
        for line in fig.axes[0].lines if line.get_gid()
        for x, y in zip(line.get_xdata(), line.get_ydata())
    }
    assert ("interaction-2024", "Armenia", "role:absent") in drawn
    assert ("interaction-2024", "China", "role:observer") in drawn
    assert ("interaction-2024", "Kyrgyzstan", "host") in drawn
    roles = {(d, s) for d, s, kind in drawn if kind.startswith("role:")}
    parties = cl.load("drill_parties")
    assert len(roles) == int(parties["iso3"].notna().sum())
    # every cell has exactly one mark for its role (or a dot where the source says nothing)
    cells = [(d, s) for d, s, kind in drawn if kind != "host"]
    assert len(cells) == len(set(cells)) == table.size


@pytest.mark.parametrize("call, error", [
    (lambda: cl.charts.events_timeline(category="membershp"), cl.UnknownOptionError),
    (lambda: cl.charts.events_timeline(countries="Atlantis"), cl.UnknownCountryError),
    (lambda: cl.charts.membership_chart(countries="Narnia"), cl.UnknownCountryError),
    (lambda: cl.charts.membership_chart(countries="China"), cl.UnknownOptionError),
    (lambda: cl.charts.membership_chart(until="2010-02-30"), cl.InvalidDateError),
    (lambda: cl.charts.membership_chart(events=["E999"]), cl.UnknownRecordError),
    (lambda: cl.charts.figures_chart("forces"), cl.UnknownOptionError),
    (lambda: cl.charts.drills_matrix(countries="Atlantis"), cl.UnknownCountryError),
    (lambda: cl.charts.membership_map("2010", region="mars"), cl.UnknownOptionError),
])
def test_bad_input_gets_a_friendly_error_and_no_figure(call, error):
    with pytest.raises(error) as err:
        call()
    assert len(str(err.value)) > 20
    assert plt.get_fignums() == []


def test_did_you_mean_for_categories():
    with pytest.raises(cl.UnknownOptionError, match="Did you mean 'membership'"):
        cl.charts.events_timeline(category="membershp")
    with pytest.raises(cl.UnknownOptionError, match="Did you mean 'force'"):
        cl.charts.figures_chart("forces")


def test_country_errors_match_the_library():
    with pytest.raises(cl.UnknownCountryError) as chart_err:
        cl.charts.events_timeline(countries="Kyrgystan")
    with pytest.raises(cl.UnknownCountryError) as lib_err:
        cl.resolve_country("Kyrgystan")
    assert str(chart_err.value) == str(lib_err.value)


@pytest.mark.parametrize("name", CHARTS)
def test_nothing_sticks_out_of_the_figure(name):
    """Saved without bbox_inches="tight", no title, legend or caption is cut off."""
    fig = CHARTS[name]()
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    assert box.x0 >= -0.02 and box.y0 >= -0.02, box
    assert box.x1 <= width + 0.02 and box.y1 <= height + 0.02, box


@pytest.mark.parametrize("name", CHARTS)
def test_panels_and_figure_texts_never_overlap(name):
    """No panel's title, key or tick labels run into another panel or the figure's title.

    ``figures_chart`` places its panels itself (``fit_column``), not with constrained layout.
    """
    fig = CHARTS[name]()
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [(f"axes {i}", ax.get_tightbbox(renderer)) for i, ax in enumerate(fig.axes)
             if ax.get_visible() and ax.get_label() != "<colorbar>"]
    boxes += [(repr(t.get_text()[:30]), t.get_window_extent(renderer))
              for t in fig.texts if t.get_visible() and t.get_text()]
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1:]:
            assert not a.overlaps(b), f"{first} overlaps {second}: {a} and {b}"
    plt.close(fig)


@pytest.mark.parametrize("name", CHARTS)
def test_the_layout_never_gives_up(name, recwarn):
    """No "constrained_layout not applied" warning: events after ``until`` once squashed it."""
    fig = CHARTS[name]()
    fig.canvas.print_figure(io.BytesIO(), format="png", bbox_inches="tight")
    layout_warnings = [w for w in recwarn if "constrained_layout" in str(w.message)]
    assert not layout_warnings, layout_warnings[0].message



def test_drills_matrix_draws_a_plan_as_a_plan_and_no_csto_title_over_it():
    """Birlestik is announced ("will jointly work out") and not called a CSTO exercise: its
    states are drawn hollow (planned), never as taking part, and the title is not "CSTO"."""
    table = cl.charts.participation_table()
    assert table.loc["Azerbaijan", "birlestik-2024"] == "planned"
    fig = cl.charts.drills_matrix()
    ax = fig.axes[0]
    drawn = {(table.columns[int(x)], table.index[int(y)]): line
             for line in ax.lines if str(line.get_gid()).startswith("role:")
             for x, y in zip(line.get_xdata(), line.get_ydata())}
    planned = drawn[("birlestik-2024", "Azerbaijan")]
    assert planned.get_gid() == "role:planned" and planned.get_markerfacecolor() == "white"
    assert not [cell for cell, line in drawn.items()
                if cell[0] == "birlestik-2024" and line.get_gid() == "role:participant"]
    assert "CSTO" not in ax.get_title(loc="left")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    birlestik = labels[list(table.columns).index("birlestik-2024")]
    assert "planned" in birlestik and "2024-07†" in birlestik and "CSTO's" in birlestik
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "planned to take part" in legend and any("not stated" in t for t in legend)
    csto_only = cl.charts.drills_matrix.__module__
    from course_lib.charts.drills import matrix_title

    assert matrix_title(cl.load("drills").query("organiser == 'CSTO'")) == "Who took part in CSTO exercises"
    assert csto_only


def test_dates_not_stated_by_their_source_are_marked_with_a_key():
    """Charts mark a date that is inferred (context) or outside knowledge, and say what † means."""
    fig = cl.charts.events_timeline(category="treaty")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert any(t.startswith("2022-01†") for t in labels), labels  # Article 4: "this week"
    assert any(t.startswith("1992-05-15 ") for t in labels)  # stated: no mark
    assert any("not stated by its source" in t.get_text() for t in ax.get_legend().get_texts())
    chart = cl.charts.membership_chart()
    cax = chart.axes[0]
    assert [t for t in cax.texts if t.get_gid() == "not-stated"], "ARM-2 and UZB-3 start from context"
    assert any("not stated" in t.get_text() for t in cax.get_legend().get_texts())
    assert "Parties to the Collective Security Treaty" in cax.get_title(loc="left")
    figures = cl.charts.figures_chart("force")
    assert any("†" in t.get_text() for a in figures.axes for t in a.texts)
    assert "not stated by its source" in figures._supxlabel.get_text()
    plt.close("all")
