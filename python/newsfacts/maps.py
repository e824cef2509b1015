"""A world map of places for notebooks (matplotlib): land from Natural Earth, labels that do not overlap.

The land outlines are Natural Earth 1:110m (public domain), shipped in the package as
``data/world_110m.json.gz`` (see ``data/NATURALEARTH.md``), so a map needs no download and no
cartography package.
"""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import Any

import pandas as pd

#: Offsets (points) tried in turn for a label: right, left, above, below, then the diagonals.
_OFFSETS = ((5, 0), (-5, 0), (0, 6), (0, -6), (5, 6), (-5, 6), (5, -6), (-5, -6))


@functools.lru_cache(maxsize=1)
def land_rings() -> list[list[tuple[float, float]]]:
    """The land outlines as rings of ``(lon, lat)`` in degrees.

    Returns
    -------
    list of list of tuple of float
        One closed ring per polygon part (countries of Natural Earth 1:110m).
    """
    raw = resources.files("newsfacts").joinpath("data/world_110m.json.gz").read_bytes()
    doc = json.loads(gzip.decompress(raw))
    k = float(doc["scale"])
    return [[(x / k, y / k) for x, y in ring] for ring in doc["rings"]]


def world_map(ax: Any = None, *, land: str = "#eeeae0", coast: str = "#8a8a8a") -> Any:
    """Draws the land with its coastlines and borders on a longitude/latitude axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: the current axes).
    land, coast : str
        Fill colour of the land and colour of its outlines.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, limited to the world, with an equal aspect.
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    ax = ax if ax is not None else plt.gca()
    polys = PolyCollection(
        land_rings(), facecolor=land, edgecolor=coast, linewidth=0.4, zorder=0, label="land (Natural Earth)"
    )
    ax.add_collection(polys)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    ax.set_facecolor("#dbe9f4")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    return ax


def label_points(
    ax: Any, lon: Any, lat: Any, labels: Any, *, max_labels: int = 20, fontsize: int = 8
) -> list[Any]:
    """Labels points without overlaps: each label tries a few positions around its point.

    Points are labelled in the order given (put the most important first); a label that
    overlaps every position is left out.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes with the points.
    lon, lat : sequence of float
        The points.
    labels : sequence of str
        One label per point.
    max_labels : int, default 20
        At most this many labels.
    fontsize : int, default 8
        Their size.

    Returns
    -------
    list of matplotlib.text.Annotation
        The labels placed; their boxes do not overlap.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    boxes: list[Any] = []
    for x, y, text in zip(lon, lat, labels, strict=True):
        if len(placed) >= max_labels:
            break
        for dx, dy in _OFFSETS:
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            ann = ax.annotate(
                str(text),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=fontsize,
                zorder=4,
            )
            box = ann.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(b) for b in boxes):
                placed.append(ann)
                boxes.append(box)
                break
            ann.remove()
    return placed


def places_map(places: pd.DataFrame, ax: Any = None, *, max_labels: int = 20) -> Any:
    """Maps a places table: a circle per place sized by the articles naming it, labelled.

    Only places the articles name (``source == "name"``) are drawn: the countries of
    nationalities and the towns inside organization names would crowd every map with the
    same few countries.

    Parameters
    ----------
    places : pandas.DataFrame
        :attr:`newsfacts.Frames.places` (``article_id, name, feature, lat, lon``).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: the current axes).
    max_labels : int, default 20
        Label at most this many places, the most mentioned first.

    Returns
    -------
    pandas.DataFrame
        One row per place drawn: ``name, lat, lon, feature, articles``, most mentioned first.
    """
    import matplotlib.pyplot as plt

    ax = world_map(ax if ax is not None else plt.gca())
    located = places.dropna(subset=["lat", "lon"])
    if "source" in located.columns:
        located = located[located["source"] == "name"]
    agg = (
        located.groupby(["name", "lat", "lon"], as_index=False)
        .agg(articles=("article_id", "nunique"), feature=("feature", "first"))
        .sort_values(["articles", "name"], ascending=[False, True], ignore_index=True)
    )
    colors = {"country": "#d95f02", "city": "#1b9e77", "admin": "#7570b3", "water": "#1f78b4"}
    for feature, group in agg.groupby("feature", sort=True):
        ax.scatter(
            group["lon"],
            group["lat"],
            s=15 + 30 * group["articles"],
            color=colors.get(feature, "#666666"),
            alpha=0.7,
            edgecolor="k",
            linewidth=0.4,
            zorder=3,
            label=feature,
        )
    label_points(ax, agg["lon"], agg["lat"], agg["name"], max_labels=max_labels)
    if not agg.empty:
        legend = ax.legend(title="feature (size: articles)", loc="lower left", fontsize=8)
        for handle in legend.legend_handles:
            if hasattr(handle, "set_sizes"):
                handle.set_sizes([40])
    return agg
