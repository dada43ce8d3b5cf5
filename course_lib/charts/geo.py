"""Country outlines for maps: ``datasets/geo/countries.geojson`` as matplotlib paths.

Each country becomes **one compound** :class:`matplotlib.path.Path` built from all its rings
(exteriors and holes), so enclaves such as those of the Fergana Valley render as holes in the
surrounding state instead of being painted over. The outlines are Natural Earth 1:50m
(v4.0.0, public domain), cut to the CSTO region, with Crimea drawn as part of Ukraine
(see ``datasets/geo/SOURCE.md``).

Examples
--------
>>> from course_lib.charts.geo import outlines
>>> shapes = outlines()
>>> shapes["KGZ"].name
'Kyrgyzstan'
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path as FilePath

import numpy as np
from matplotlib.path import Path

import course_lib as _cl
from course_lib.exceptions import UnknownOptionError

__all__ = [
    "BORDER_NOTE",
    "REGIONS",
    "Outline",
    "geojson_path",
    "outlines",
    "region_limits",
]

#: One line naming the border basis, for map captions.
BORDER_NOTE = (
    "Borders: Natural Earth 1:50m v4.0.0 (2017, public domain); "
    "Crimea drawn as part of Ukraine (UN General Assembly resolution 68/262)."
)

#: Named map extents: (lon_min, lon_max, lat_min, lat_max).
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "csto": (20.0, 192.0, 30.0, 80.0),
    "all": (15.0, 195.0, 25.0, 83.0),
    "central asia": (49.0, 88.0, 35.0, 56.0),
    "caucasus": (38.0, 51.5, 38.0, 44.5),
    "europe": (15.0, 60.0, 40.0, 70.0),
}


@dataclass(frozen=True)
class Outline:
    """One country's outline.

    Attributes
    ----------
    iso3 : str
        ISO 3166 alpha-3 code (Natural Earth ``ADM0_A3``).
    name : str
        Natural Earth's short English name.
    path : matplotlib.path.Path
        All rings of the country in one compound path (holes included).
    bounds : tuple of float
        ``(west, south, east, north)`` of its vertices, in degrees (a map skips the outlines
        wholly outside its view without walking their paths again).
    """

    iso3: str
    name: str
    path: Path
    bounds: tuple[float, float, float, float]


def geojson_path() -> FilePath:
    """Return the location of ``countries.geojson`` inside the course's data folder.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> geojson_path().name
    'countries.geojson'
    """
    return FilePath(_cl.data_dir()) / "geo" / "countries.geojson"


def _to_path(geometry: dict) -> Path:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    elif geometry["type"] != "MultiPolygon":
        raise ValueError(f"Unsupported geometry type {geometry['type']!r} in countries.geojson")
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for polygon in polygons:
        for ring in polygon:
            ring_arr = np.asarray(ring, dtype=float)
            ring_codes = np.full(len(ring_arr), Path.LINETO, dtype=Path.code_type)
            ring_codes[0] = Path.MOVETO
            ring_codes[-1] = Path.CLOSEPOLY
            vertices.append(ring_arr)
            codes.append(ring_codes)
    return Path(np.concatenate(vertices), np.concatenate(codes))


@functools.lru_cache(maxsize=2)
def _load(path: str) -> dict[str, Outline]:
    with open(path, encoding="utf-8") as fh:
        collection = json.load(fh)
    shapes: dict[str, Outline] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        iso3 = props.get("ADM0_A3") or props["ISO_A3"]
        path = _to_path(feature["geometry"])
        (west, south), (east, north) = path.vertices.min(axis=0), path.vertices.max(axis=0)
        shapes[iso3] = Outline(iso3=iso3, name=props["NAME"], path=path,
                               bounds=(float(west), float(south), float(east), float(north)))
    return shapes


def outlines() -> dict[str, Outline]:
    """Return every country outline in the course's geojson, keyed by ISO alpha-3 code.

    Read once per session and cached; the result is shared, so do not modify it.

    Returns
    -------
    dict of str to Outline
        In file order (Russia first).

    Examples
    --------
    >>> "RUS" in outlines()
    True
    """
    return _load(str(geojson_path()))


def region_limits(region: str | tuple[float, float, float, float]) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Return ``(xlim, ylim, aspect)`` for a named region or an explicit extent.

    Parameters
    ----------
    region : str or tuple of 4 floats
        A key of :data:`REGIONS` (``"csto"``, ``"all"``, ``"central asia"``, ``"caucasus"``,
        ``"europe"``) or ``(lon_min, lon_max, lat_min, lat_max)`` in degrees; longitudes may
        run past 180 (Russia's far east reaches 190.3).

    Returns
    -------
    tuple
        ``((lon_min, lon_max), (lat_min, lat_max), aspect)``; ``aspect`` is ``1 / cos`` of the
        middle latitude, so shapes look right in plain longitude/latitude.

    Raises
    ------
    UnknownOptionError
        (a ``ValueError``) For an unknown region name (the message lists them) or an empty extent.

    Examples
    --------
    >>> xlim, ylim, aspect = region_limits("caucasus")
    >>> xlim
    (38.0, 51.5)
    """
    if isinstance(region, str):
        key = region.strip().lower()
        if key not in REGIONS:
            valid = ", ".join(repr(r) for r in REGIONS)
            raise UnknownOptionError(f"No map region called {region!r}. Choose one of {valid}, "
                             "or give (lon_min, lon_max, lat_min, lat_max).")
        lon0, lon1, lat0, lat1 = REGIONS[key]
    else:
        try:
            lon0, lon1, lat0, lat1 = (float(v) for v in region)
        except (TypeError, ValueError):
            raise UnknownOptionError("A map region is a name such as 'central asia' or four numbers "
                             f"(lon_min, lon_max, lat_min, lat_max); got {region!r}.") from None
        if not (lon0 < lon1 and lat0 < lat1 and -90 <= lat0 and lat1 <= 90):
            raise UnknownOptionError(f"The map extent {region!r} is empty or off the globe: give "
                             "lon_min < lon_max and -90 <= lat_min < lat_max <= 90.")
    mid = math.radians((lat0 + lat1) / 2)
    return (lon0, lon1), (lat0, lat1), 1.0 / max(math.cos(mid), 0.2)
