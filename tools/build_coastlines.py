"""Builds python/newsfacts/data/world_110m.json.gz: land outlines for the briefing's map.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as shipped in the geopandas 0.14.4
wheel (``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``; the dataset was
removed from geopandas 1.0). Get it with ``pip download --no-deps geopandas==0.14.4`` and unzip.
Coordinates are stored as integers in tenths of a degree (``scale``: 10) and repeated points
dropped; rings of fewer than 4 points after that are dropped; the JSON is gzipped. Usage::

    python tools/build_coastlines.py path/to/naturalearth_lowres.shp python/newsfacts/data/world_110m.json.gz
"""

from __future__ import annotations

import gzip
import itertools
import json
import struct
import sys
from pathlib import Path


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Every polygon record of an ESRI shapefile (shape types 5/15/25) as lists of rings."""
    data = path.read_bytes()
    pos, out = 100, []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos : pos + 8])
        rec = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (shape,) = struct.unpack("<i", rec[:4])
        if shape not in (5, 15, 25):
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = [*struct.unpack(f"<{nparts}i", rec[44 : 44 + 4 * nparts]), npoints]
        base = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[base + 16 * i : base + 16 * i + 16]) for i in range(npoints)]
        out.append([pts[a:b] for a, b in itertools.pairwise(parts)])
    return out


def reduce_ring(ring: list[tuple[float, float]]) -> list[list[int]]:
    """The ring in tenths of a degree (integers), without repeated points."""
    out: list[list[int]] = []
    for x, y in ring:
        p = [round(x * 10), round(y * 10)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def main(src: str, dst: str) -> None:
    rings = []
    for poly in read_polygons(Path(src)):
        for ring in poly:
            r = reduce_ring(ring)
            if len(r) >= 4:
                rings.append(r)
    doc = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4",
        "scale": 10,
        "rings": rings,
    }
    raw = json.dumps(doc, separators=(",", ":")).encode("utf-8")
    Path(dst).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))  # byte-for-byte reproducible
    print(f"{len(rings)} rings, {sum(map(len, rings))} points, {Path(dst).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
