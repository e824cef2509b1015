"""Assembles EVAL.md from the Markdown sections eval.sh collected, with a summary table on top.

A section's headline is the text of a ``<!-- headline: ... -->`` line if it has one (eval binaries
may print such a line); otherwise the first table row whose first cells say overall, micro, all or
total or whose first cell is bold, with the table's header names; otherwise the first row of the
first table; otherwise the section's first sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
from pathlib import Path

HEADLINE = re.compile(r"<!--\s*headline:\s*(.*?)\s*-->")
SUMMARY_ROW = re.compile(r"\b(overall|micro|all|total)\b", re.IGNORECASE)


def cells(line: str) -> list[str]:
    """The cells of a table row, as written (bold marks kept)."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def plain(cell: str) -> str:
    return cell.replace("**", "").strip()


def tables(lines: list[str]) -> list[tuple[list[str], list[list[str]]]]:
    """Every Markdown table: its header cells and its data rows."""
    out = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and lines[i + 1].startswith("|-"):
            head, rows = cells(lines[i]), []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            out.append((head, rows))
        else:
            i += 1
    return out


def pairs(head: list[str], row: list[str], limit: int = 6) -> str:
    both = list(zip(map(plain, head), map(plain, row), strict=False))[:limit]
    return ", ".join(f"{h} {v}" for h, v in both if v and h)


def headline(text: str) -> str:
    """The figure to put in the summary table (see the module's doc)."""
    m = HEADLINE.search(text)
    if m:
        return m.group(1)
    found = tables(text.splitlines())
    for head, rows in found:
        for row in rows:
            # A summary row: named overall/micro/all/total, or with a bold first cell.
            if any(SUMMARY_ROW.search(c) for c in row[:2]) or row[0].startswith("**"):
                return pairs(head, row, limit=7)
    for head, rows in found:
        if rows:
            return pairs(head, rows[0]) + (f" (first of {len(rows)} rows)" if len(rows) > 1 else "")
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith(("#", "|", "<!--", "```")):
            return s.strip("_")[:160]
    return "(empty)"


def title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return fallback


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sections", required=True)
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    d = Path(args.sections)
    status: dict[str, tuple[str, str]] = {}
    status_path = d / "status.tsv"
    if status_path.exists():
        for line in status_path.read_text().splitlines():
            name, rc, secs = [*line.split("\t"), "", ""][:3]
            status[name] = (rc, secs)
    files = sorted(d.glob("*.md"))
    rows, bodies = [], []
    for f in files:
        key = f.stem.split("-", 1)[1]
        text = f.read_text(encoding="utf-8", errors="replace").strip()
        if not text:
            text = f"## {key}\n\n_No output._"
        if not text.startswith("#"):
            text = f"## {key}\n\n{text}"
        name = {
            "seed": "seed_score",
            "conll": "conll_eval",
            "meantime": "meantime_eval",
            "quotes": "quotes_eval",
            "dedup": "dedup_eval",
            "themes": "themes_eval",
        }.get(key, key)
        rc, secs = status.get(name, ("?", ""))
        state = {"0": "ran", "absent": "absent"}.get(rc, f"exit {rc}")
        if "_Not run:" in text:
            state = "not run"
        rows.append(f"| {title(text, key)} | {state} | {headline(text).replace('|', '/')} | {secs} |")
        bodies.append(text)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    out = [
        "# newsfacts accuracy",
        "",
        f"Written by `make eval` (`benches/eval.sh`) on {now} UTC at commit {commit or '?'}, data from "
        f"`{args.data}`. Numbers are measured, not edited; an evaluation whose binary or data is absent "
        "says so.",
        "",
        "| evaluation | status | headline | seconds |",
        "|---|---|---|---|",
        *rows,
        "",
        *[b + "\n" for b in bodies],
    ]
    Path(args.out).write_text("\n".join(out), encoding="utf-8")
    from readme_sections import update

    update(
        "accuracy",
        "\n".join(
            [
                "## Accuracy",
                "",
                f"Measured by `make eval` on {now} UTC (commit {commit or '?'}); every table is in "
                "[benches/EVAL.md](benches/EVAL.md).",
                "",
                "| evaluation | status | headline |",
                "|---|---|---|",
                *["|".join(r.split("|")[:-2]) + "|" for r in rows],
                "",
                "To rerun (about a minute once built, plus each evaluation binary's own time):",
                "",
                "```bash",
                "make eval     # writes benches/EVAL.md; spaCy runs in .venv-bench",
                "```",
            ]
        ),
    )
    print(Path(args.out).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
