"""Scores newsfacts against the facts an analyst expects from the reference article.

    .venv/bin/python benches/seed_score.py [--shared ../shared] [--json FILE]

Reads ``reference/seed-expected.json``, runs ``nf.extract`` on ``reference/seed-article.txt`` with
its publication date, checks every fact by its kind (entity, place, date, link, embed,
boilerplate, quote, event, theme, absent, unique) and prints a Markdown section: fact id →
capability → pass/fail with the reason, then totals per capability. Exit status 0 whatever the
score (it reports; it does not judge).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

PLACE_TOLERANCE_DEG = 0.5


def norm(s: str | None) -> str:
    return " ".join((s or "").replace("’", "'").split()).casefold()


def names_of(e: dict) -> set[str]:
    """Every form an entity goes by: its name, aliases and mention texts (normalized)."""
    forms = {norm(e.get("name")), *map(norm, e.get("aliases") or [])}
    forms |= {norm(m.get("text")) for m in e.get("mentions") or []}
    return forms - {""}


def wanted_names(fact: dict) -> list[str]:
    if "name" in fact:
        return [fact["name"]]
    return list(fact.get("name_any") or [])


def check_entity(fact: dict, rec: dict) -> tuple[bool, str]:
    names = {norm(n) for n in wanted_names(fact)}
    cands = [e for e in rec["entities"] if e["type"] == fact["type"] and norm(e["name"]) in names]
    if not cands:
        near = [e for e in rec["entities"] if names & names_of(e)]
        if near:
            e = near[0]
            return False, f"found as {e['type']} {e['name']!r}, expected {fact['type']}"
        return False, f"no {fact['type']} entity named {' / '.join(wanted_names(fact))}"
    problems: list[str] = []
    for e in cands:
        problems = []
        if "titles_any" in fact:
            have = {norm(t) for t in e.get("titles") or []}
            if not have & {norm(t) for t in fact["titles_any"]}:
                problems.append(f"titles {e.get('titles')} lack any of {fact['titles_any']}")
        if "mentions_all" in fact:
            have = {norm(m["text"]) for m in e.get("mentions") or []}
            missing = [m for m in fact["mentions_all"] if norm(m) not in have]
            if missing:
                problems.append(f"mentions lack {missing}")
        if "aliases_all" in fact:
            have = {norm(e["name"]), *map(norm, e.get("aliases") or [])}
            missing = [a for a in fact["aliases_all"] if norm(a) not in have]
            if missing:
                problems.append(f"aliases lack {missing}")
        if "country" in fact and e.get("country") != fact["country"]:
            problems.append(f"country {e.get('country')} ≠ {fact['country']}")
        if not problems:
            return True, f"{e['id']} {e['name']!r}"
    return False, "; ".join(problems)


def check_place(fact: dict, rec: dict) -> tuple[bool, str]:
    names = {norm(n) for n in wanted_names(fact)}
    cands = [p for p in rec["places"] if norm(p["name"]) in names]
    if not cands:
        return False, f"no place named {' / '.join(wanted_names(fact))}"
    problems: list[str] = []
    for p in cands:
        problems = []
        if "country" in fact and p.get("country") != fact["country"]:
            problems.append(f"country {p.get('country')} ≠ {fact['country']}")
        if "feature" in fact and p.get("feature") != fact["feature"]:
            problems.append(f"feature {p.get('feature')} ≠ {fact['feature']}")
        for k in ("lat", "lon"):
            if k in fact:
                v = p.get(k)
                if v is None or abs(v - fact[k]) > PLACE_TOLERANCE_DEG:
                    problems.append(f"{k} {v} not within {PLACE_TOLERANCE_DEG}° of {fact[k]}")
        if not problems:
            return True, f"{p['name']} ({p.get('lat')}, {p.get('lon')})"
    return False, "; ".join(problems)


def check_date(fact: dict, rec: dict) -> tuple[bool, str]:
    same_text = [d for d in rec["dates"] if norm(d["text"]) == norm(fact["text"])]
    if not same_text:
        return False, f"no date {fact['text']!r}"
    for d in same_text:
        if d["value"] == fact["value"]:
            return True, f"{d['text']!r} = {d['value']}"
    return False, f"{fact['text']!r} = {same_text[0]['value']}, expected {fact['value']}"


def check_link(fact: dict, rec: dict) -> tuple[bool, str]:
    for link in rec["links"]:
        if link["text"] == fact["text"]:
            if link["kind"] == fact["link_kind"]:
                return True, f"{link['kind']} {link['text']}"
            return False, f"found as {link['kind']}, expected {fact['link_kind']}"
    return False, f"no link {fact['text']!r}"


def check_embed(fact: dict, rec: dict) -> tuple[bool, str]:
    embeds = [e for e in rec["embeds"] if e["kind"] == fact.get("embed_kind", e["kind"])]
    if not embeds:
        return False, f"no {fact.get('embed_kind', '')} embed"
    problems: list[str] = []
    for e in embeds:
        problems = [
            f"{k} {e.get(k)!r} ≠ {fact[k]!r}"
            for k in ("author", "handle", "date")
            if k in fact and norm(e.get(k)) != norm(fact[k])
        ]
        if not problems:
            return True, f"{e['kind']} by {e.get('handle')}"
    return False, "; ".join(problems)


def check_boilerplate(fact: dict, rec: dict) -> tuple[bool, str]:
    want = norm(fact["covers"])
    for b in rec["boilerplate"]:
        if want in norm(b["text"]):
            return True, f"{b['kind']} span"
    return False, f"no boilerplate span covering {fact['covers'][:40]!r}…"


def entity_name(rec: dict, ref: str | None) -> str:
    for e in rec["entities"]:
        if e["id"] == ref:
            return e["name"]
    return ref or ""


def check_quote(fact: dict, rec: dict) -> tuple[bool, str]:
    quotes = rec.get("quotes") or []
    if not quotes:
        return False, "no quotes (roadmap)"
    for q in quotes:
        speaker = q.get("speaker_name") or entity_name(rec, q.get("speaker"))
        if norm(speaker) != norm(fact["speaker"]):
            continue
        if "cue_any" in fact and norm(q.get("cue")) not in {norm(c) for c in fact["cue_any"]}:
            continue
        if "contains" in fact and norm(fact["contains"]) not in norm(q.get("text")):
            continue
        return True, f"{speaker}: {q.get('cue')}"
    return False, f"no quote by {fact['speaker']} matching"


def check_event(fact: dict, rec: dict) -> tuple[bool, str]:
    events = rec.get("events") or []
    if not events:
        return False, "no events (roadmap)"
    for ev in events:
        actor = ev.get("actor_name") or entity_name(rec, ev.get("actor"))
        if norm(actor) != norm(fact["actor"]):
            continue
        if "action_any" in fact and norm(ev.get("action")) not in {norm(a) for a in fact["action_any"]}:
            continue
        target = ev.get("target_name") or entity_name(rec, ev.get("target"))
        if "target_any" in fact and norm(target) not in {norm(t) for t in fact["target_any"]}:
            continue
        if "place" in fact and norm(entity_name(rec, ev.get("place"))) != norm(fact["place"]):
            continue
        if "date_prefix" in fact and not str(ev.get("date") or "").startswith(fact["date_prefix"]):
            continue
        return True, f"{actor} {ev.get('action')} {target}"
    return False, f"no matching event by {fact['actor']}"


def check_theme(fact: dict, rec: dict) -> tuple[bool, str]:
    themes = {t.get("theme") for t in rec.get("themes") or []}
    if not themes:
        return False, "no themes (roadmap)"
    hit = themes & set(fact["theme_any"])
    return (True, ", ".join(sorted(hit))) if hit else (False, f"none of {fact['theme_any']}")


def check_absent(fact: dict, rec: dict) -> tuple[bool, str]:
    bad = [
        e
        for e in rec["entities"]
        if e["type"] == fact["type"]
        and norm(fact["name"]) in {norm(e["name"]), *map(norm, e.get("aliases") or [])}
    ]
    if bad:
        return False, f"{fact['name']!r} was extracted as {fact['type']} ({bad[0]['id']})"
    return True, f"no {fact['type']} {fact['name']!r}"


def check_unique(fact: dict, rec: dict) -> tuple[bool, str]:
    names = {norm(n) for n in fact["names"]}
    holders = [e for e in rec["entities"] if e["type"] == fact["type"] and names & names_of(e)]
    if not holders:
        return False, f"none of {fact['names']} found"
    if len(holders) > 1:
        return False, f"{len(holders)} entities: " + ", ".join(repr(e["name"]) for e in holders)
    missing = names - names_of(holders[0])
    if missing:
        return False, f"one entity, but {sorted(missing)} not among its forms"
    return True, f"one entity {holders[0]['name']!r}"


CHECKS = {
    "entity": check_entity,
    "place": check_place,
    "date": check_date,
    "link": check_link,
    "embed": check_embed,
    "boilerplate": check_boilerplate,
    "quote": check_quote,
    "event": check_event,
    "theme": check_theme,
    "absent": check_absent,
    "unique": check_unique,
}


def score(expected: dict, rec: dict) -> list[dict]:
    rows = []
    for fact in expected["facts"]:
        check = CHECKS.get(fact["kind"])
        if check is None:
            ok, why = False, f"unknown kind {fact['kind']!r}"
        else:
            try:
                ok, why = check(fact, rec)
            except (KeyError, TypeError, ValueError) as e:
                ok, why = False, f"record not as expected: {type(e).__name__}: {e}"
        rows.append({"id": fact["id"], "capability": fact["capability"], "kind": fact["kind"], "pass": ok, "why": why})
    return rows


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[dict]) -> str:
    n_pass = sum(r["pass"] for r in rows)
    caps = Counter(r["capability"] for r in rows)
    passed = Counter(r["capability"] for r in rows if r["pass"])
    out = [
        "## Reference article: expected facts (benches/seed_score.py)",
        "",
        f"<!-- headline: seed article facts: {n_pass}/{len(rows)} pass -->",
        "",
        "`nf.extract` on `reference/seed-article.txt` (published 2017-09-28), each fact of "
        "`reference/seed-expected.json` checked by its kind. Facts of roadmap capabilities (quotes, "
        "events, themes) fail until those stages exist; `absent` facts pass while nothing wrong is "
        "extracted.",
        "",
        "| capability | pass | facts | share |",
        "|---|---|---|---|",
    ]
    for cap in sorted(caps, key=lambda c: (-caps[c], c)):
        out.append(f"| {cap} | {passed[cap]} | {caps[cap]} | {passed[cap] / caps[cap]:.0%} |")
    out.append(f"| **all** | **{n_pass}** | **{len(rows)}** | **{n_pass / len(rows):.0%}** |")
    out += ["", "| fact | capability | kind | result | detail |", "|---|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r['id']} | {r['capability']} | {r['kind']} | {'pass' if r['pass'] else 'FAIL'} | {cell(r['why'])} |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", default="../shared")
    p.add_argument("--json", help="also write the rows as JSON here")
    args = p.parse_args()
    ref = Path(args.shared) / "reference"
    exp_path = ref / "seed-expected.json"
    if not exp_path.exists():
        print("## Reference article: expected facts (benches/seed_score.py)\n")
        print(f"_Not run: {exp_path} is absent._\n")
        return 0
    expected = json.loads(exp_path.read_text(encoding="utf-8"))
    meta = expected.get("article", {})
    text = (ref / meta.get("text_file", "seed-article.txt")).read_text(encoding="utf-8")

    import newsfacts as nf

    rec = nf.extract(
        [{"id": meta.get("id", "seed"), "text": text}], published=meta.get("published", "2017-09-28")
    )[0]
    rows = score(expected, rec)
    sys.stdout.write(markdown(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
