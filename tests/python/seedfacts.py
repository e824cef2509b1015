"""Checks one fact of ../shared/reference/seed-expected.json against a record.

Used by test_seed.py and by benches/seed_score.py (the `make eval` seed table).
"""

from __future__ import annotations


def _names(f: dict, key: str = "name") -> list[str]:
    return f[f"{key}_any"] if f"{key}_any" in f else [f[key]]


def _entity(rec: dict, f: dict) -> dict | None:
    names = _names(f)
    for e in rec["entities"]:
        if e["type"] == f["type"] and e["name"] in names:
            return e
    return None


def _entity_by_name(rec: dict, name: str) -> dict | None:
    return next((e for e in rec["entities"] if e["name"] == name or name in e["aliases"]), None)


def check(rec: dict, f: dict) -> tuple[bool, str]:
    """Whether fact ``f`` holds in record ``rec``, and why not."""
    kind = f["kind"]
    if kind == "entity":
        e = _entity(rec, f)
        if e is None:
            return False, f"no {f['type']} entity named {_names(f)}"
        texts = {m["text"] for m in e["mentions"]}
        if "titles_any" in f and not set(f["titles_any"]) & set(e["titles"]):
            return False, f"titles {e['titles']} have none of {f['titles_any']}"
        if "mentions_all" in f and not set(f["mentions_all"]) <= texts:
            return False, f"mentions {sorted(texts)} lack {sorted(set(f['mentions_all']) - texts)}"
        if "aliases_all" in f and not set(f["aliases_all"]) <= {e["name"], *e["aliases"]}:
            return False, f"name+aliases {[e['name'], *e['aliases']]} lack some of {f['aliases_all']}"
        if "country" in f and e["country"] != f["country"]:
            return False, f"country {e['country']} != {f['country']}"
        return True, ""
    if kind == "place":
        names = _names(f)
        ents = {e["id"]: e for e in rec["entities"]}
        for p in rec["places"]:
            if p["name"] in names or ents.get(p["entity"], {}).get("name") in names:
                if "country" in f and p["country"] != f["country"]:
                    return False, f"country {p['country']} != {f['country']}"
                if "feature" in f and p["feature"] != f["feature"]:
                    return False, f"feature {p['feature']} != {f['feature']}"
                for axis in ("lat", "lon"):
                    if axis in f and (p[axis] is None or abs(p[axis] - f[axis]) > 0.2):
                        return False, f"{axis} {p[axis]} != {f[axis]}"
                return True, ""
        return False, f"no place named {names}"
    if kind == "date":
        hits = [d for d in rec["dates"] if d["text"] == f["text"]]
        if not hits:
            return False, f"no date {f['text']!r}"
        ok = any(d["value"] == f["value"] for d in hits)
        return ok, "" if ok else f"value {[d['value'] for d in hits]} != {f['value']}"
    if kind == "link":
        ok = any(ln["kind"] == f["link_kind"] and ln["text"] == f["text"] for ln in rec["links"])
        return ok, "" if ok else f"no {f['link_kind']} {f['text']!r}"
    if kind == "embed":
        for em in rec["embeds"]:
            if em["kind"] == f["embed_kind"] and all(em.get(k) == f[k] for k in ("author", "handle", "date")):
                return True, ""
        return False, f"no {f['embed_kind']} embed by {f.get('handle')}"
    if kind == "boilerplate":
        ok = any(f["covers"] in b["text"] for b in rec["boilerplate"])
        return ok, "" if ok else f"no boilerplate span covers {f['covers']!r}"
    if kind == "quote":
        for q in rec["quotes"]:
            if (
                q.get("speaker_name") == f["speaker"]
                and q.get("cue") in f["cue_any"]
                and f["contains"] in q["text"]
            ):
                return True, ""
        return False, f"no quote of {f['speaker']}"
    if kind == "event":
        for ev in rec["events"]:
            if ev.get("actor_name") != f["actor"] or ev.get("action") not in f["action_any"]:
                continue
            if "target_any" in f and ev.get("target_name") not in f["target_any"]:
                continue
            place = _entity_by_name(rec, f["place"]) if "place" in f else None
            if "place" in f and (place is None or ev.get("place") != place["id"]):
                continue
            if "date_prefix" in f and not str(ev.get("date") or "").startswith(f["date_prefix"]):
                continue
            return True, ""
        return False, f"no event {f['actor']} {f['action_any']}"
    if kind == "theme":
        ok = any(t["theme"] in f["theme_any"] for t in rec["themes"])
        return ok, "" if ok else f"no theme among {f['theme_any']}"
    if kind == "absent":
        bad = [e for e in rec["entities"] if e["type"] == f["type"] and e["name"] == f["name"]]
        return not bad, "" if not bad else f"a {f['type']} named {f['name']!r} exists"
    if kind == "unique":
        hits = [
            e
            for e in rec["entities"]
            if e["type"] == f["type"] and {m["text"] for m in e["mentions"]} & set(f["names"])
        ]
        return len(hits) == 1, "" if len(hits) == 1 else f"{len(hits)} entities hold {f['names']}"
    return False, f"unknown fact kind {kind!r}"
