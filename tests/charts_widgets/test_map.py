"""The membership map: colours follow members_on, uncertainty is hatched, enclaves are holes."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import course_lib as cl
from course_lib.charts import geo, maps
from course_lib.charts.palette import STATUS_COLORS, UNCERTAIN_HATCH

# Before the treaty, inside the imprecise 1993 joins, between them, inside the 1999 expiry,
# after Uzbekistan's return, during its suspension, after Armenia's freeze.
DATES = ["1992-01-01", "1993-06-01", "1995-01-01", "1999-06-01", "2007-01-01", "2015-01-01",
         "2025-01-01"]


def _facecolor(patch) -> str:
    return mcolors.to_hex(patch.get_facecolor(), keep_alpha=False).upper()


def assert_layer_shows(layer: maps.MapLayer, frame: pd.DataFrame) -> None:
    """Every patch's fill and hatch agree with the frame (states not in it: 'never')."""
    expected = maps.map_statuses(frame)
    for iso3, patches in layer.patches.items():
        status, certain = expected.get(iso3, ("never", True))
        for patch in patches:
            assert _facecolor(patch) == STATUS_COLORS[status].upper(), (iso3, status)
            assert (patch.get_hatch() == UNCERTAIN_HATCH) is (not certain), (iso3, certain)


@pytest.mark.parametrize("date", DATES)
def test_map_colours_follow_members_on(date):
    fig = cl.charts.membership_map(date)
    ax = fig.axes[0]
    frame = cl.members_on(date)
    patches = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    for row in frame.itertuples():
        assert _facecolor(patches[row.iso3]) == STATUS_COLORS[str(row.status)].upper()
        assert (patches[row.iso3].get_hatch() == UNCERTAIN_HATCH) is (not bool(row.certain))
    # a state that never was a party is drawn as such
    assert _facecolor(patches["CHN"]) == STATUS_COLORS["never"].upper()
    when, _ = cl.parse_date(date)
    assert f"{when.day} {when:%B %Y}" in ax.get_title(loc="left")


def test_map_has_legend_and_caption_naming_data_and_borders():
    fig = cl.charts.membership_map("1993-06-01")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for status in ("frozen", "suspended", "withdrawn", "never"):
        assert any(label.startswith(status) for label in labels), status
    # in 1993 the member status is named for the treaty: the organization dates from 2002
    assert "party to the Collective Security Treaty" in labels, labels
    assert any("uncertain" in label for label in labels)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "memberships" in texts and "Natural Earth" in texts and "Crimea" in texts
    # on 1 June 1993 the 1993 joiners are uncertain, and the caption names them
    assert "Belarus" in texts


def test_uncertain_states_are_hatched_in_1993_not_in_1995():
    fig = cl.charts.membership_map("1993-06-01")
    hatched = {p.get_gid() for p in fig.axes[0].patches if p.get_hatch()}
    assert {"AZE", "BLR", "GEO"} <= hatched
    plt.close(fig)
    fig = cl.charts.membership_map("1995-01-01")
    assert not any(p.get_hatch() for p in fig.axes[0].patches)


def test_map_draws_into_given_axes_and_returns_it():
    fig, ax = plt.subplots(figsize=(9, 5))
    out = cl.charts.membership_map("2010-01-01", ax=ax, region="central asia")
    assert out is ax
    assert len(plt.get_fignums()) == 1


def test_default_date_is_today():
    fig = cl.charts.membership_map()
    today = pd.Timestamp.today()
    assert f"{today.day} {today:%B %Y}" in fig.axes[0].get_title(loc="left")


@pytest.mark.parametrize("bad", ["2010-13-01", "2010-02-30", "1 Jan 2010", "yesterday"])
def test_impossible_date_gets_the_library_error(bad):
    with pytest.raises(cl.InvalidDateError) as err:
        cl.charts.membership_map(bad)
    with pytest.raises(cl.InvalidDateError) as lib_err:
        cl.parse_date(bad)
    assert str(err.value) == str(lib_err.value)
    assert plt.get_fignums() == []  # no half-drawn figure left behind


def test_unknown_region_lists_the_regions():
    with pytest.raises(ValueError, match="central asia"):
        cl.charts.membership_map("2010", region="atlantis")
    assert plt.get_fignums() == []


def test_every_country_is_one_compound_path():
    shapes = geo.outlines()
    assert {"RUS", "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "TJK", "UZB"} <= set(shapes)
    assert shapes["RUS"].path.vertices[:, 0].max() > 180  # Chukotka past the antimeridian


def _holes(path) -> list[np.ndarray]:
    """Rings wound clockwise (holes, per RFC 7946 winding) of a compound path."""
    rings, current = [], []
    for vertex, code in zip(path.vertices, path.codes):
        if code == path.MOVETO and current:
            rings.append(np.array(current))
            current = []
        current.append(vertex)
    rings.append(np.array(current))
    holes = []
    for ring in rings:
        x, y = ring[:, 0], ring[:, 1]
        area = 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)
        if area < 0:
            holes.append(ring)
    return holes


def _inside(ring: np.ndarray) -> np.ndarray:
    """A point well inside a simple ring (a grid point the ring contains)."""
    from matplotlib.path import Path

    (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
    grid = np.stack(np.meshgrid(np.linspace(x0, x1, 25), np.linspace(y0, y1, 25)), -1)
    grid = grid.reshape(-1, 2)
    inside = grid[Path(ring).contains_points(grid)]
    return inside[len(inside) // 2]


def _pixel(fig, ax, lonlat) -> str:
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    x, y = ax.transData.transform(lonlat)
    return mcolors.to_hex(image[int(image.shape[0] - y), int(x)][:3] / 255).upper()


def test_enclaves_render_as_holes_in_the_state_around_them():
    """Drawn alone, Kyrgyzstan leaves its Fergana enclaves empty (one compound path)."""
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import PathPatch

    holes = _holes(geo.outlines()["KGZ"].path)
    assert len(holes) >= 2, "Kyrgyzstan should keep its enclave holes"
    fig = Figure(figsize=(5, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_patch(PathPatch(geo.outlines()["KGZ"].path, facecolor="#FF0000", edgecolor="none"))
    ax.set_xlim(69, 74)
    ax.set_ylim(38.5, 43.5)
    for hole in holes:
        assert _pixel(fig, ax, _inside(hole)) == "#FFFFFF"
    assert _pixel(fig, ax, (74.5 - 2.5, 42.0)) == "#FF0000"


def test_uzbek_enclave_shows_uzbekistans_status_not_kyrgyzstans():
    """In 2000 Uzbekistan had withdrawn and Kyrgyzstan was a member: the enclave says so."""
    frame = cl.members_on("2000-06-01")
    statuses = maps.map_statuses(frame)
    assert statuses["UZB"][0] == "withdrawn" and statuses["KGZ"][0] == "member"
    fig = cl.charts.membership_map("2000-06-01", region="central asia", labels=False)
    fig.set_dpi(250)  # the enclaves are a few kilometres wide: sample well inside them
    ax = fig.axes[0]
    shapes = geo.outlines()
    uzbek_enclaves = [h for h in _holes(shapes["KGZ"].path)
                      if shapes["UZB"].path.get_extents().contains(*_inside(h))]
    colours = {_pixel(fig, ax, _inside(h)) for h in uzbek_enclaves}
    assert STATUS_COLORS["withdrawn"].upper() in colours


def test_png_is_drawn(png_of):
    data = png_of(cl.charts.membership_map("2025-01-01", region="caucasus"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


@pytest.mark.parametrize("date, body", [
    ("1995-06-01", "Parties to the Collective Security Treaty"),
    ("2010-01-01", "CSTO members"),
])
def test_the_map_title_names_the_treaty_before_2002_and_the_csto_after(date, body):
    """Before the organization existed its states were parties to the treaty (issue 16)."""
    title = cl.charts.membership_map(date).axes[0].get_title(loc="left")
    assert title.startswith(body), title
    assert ("CSTO" in title) is (body == "CSTO members"), title
    legend = [t.get_text() for t in cl.charts.membership_map(date).axes[0].get_legend().get_texts()]
    assert body.lower().rstrip("s").replace("parties", "party") in [t.lower() for t in legend], legend
    plt.close("all")


def test_the_map_title_counts_uncertain_states_apart():
    title = cl.charts.membership_map("1993-06-01").axes[0].get_title(loc="left")
    assert title.endswith("6 certain, 3 uncertain"), title
    plt.close("all")
